import { dictionary, type Locale } from '../i18n';
import type {
  FairnessAttributeCard,
  FairnessCard,
  FairnessGroupCard,
  FairnessVariantCard,
  FairnessVariantName,
  VariantFigures,
} from '../credit/modelCard';
import type { FigureModel } from '../charts/chartSpec';
import { axis, baseLayout } from '../charts/layout';
import { normaliseSpaces, numberFormat } from '../i18n/intl';
import { formatCount, formatNumber, formatPercent, formatProbability } from './format';
import { PALETTE } from '../charts/palette';
import { colon, fill } from './text';

/**
 * View-model of the « Équité » section of the Modèle page, built from the model card's fairness
 * report (fairness.json and metrics.json `fairnessPrice`): the protected attributes, the measures
 * with Fairlearn's names, per attribute a table of groups for the current model and the other
 * variants, the approval-rate chart with the four-fifths line, the price of fairness and the
 * proxies. Every number comes from the files; the texts only name them.
 */

/** The four-fifths rule: a group's approval rate should be at least 0.8 × the highest group's. */
export const FOUR_FIFTHS = 0.8;

export interface FairnessTableRow {
  readonly header: string;
  readonly cells: readonly string[];
  /** « trop peu de prêts pour conclure » when the group is too small to compare, else null. */
  readonly note: string | null;
}

export interface FairnessTable {
  readonly id: string;
  readonly caption: string;
  readonly columns: readonly string[];
  readonly rows: readonly FairnessTableRow[];
}

export interface FairnessAttributeSection {
  readonly id: string;
  readonly heading: string;
  /** Demographic parity ratio, least and most approved groups, equal opportunity and equalized odds differences. */
  readonly summary: string;
  readonly ruleMet: boolean | null;
  /** The four-fifths verdict; when not met: by how much, the observed default rates, what was tried. */
  readonly rule: string;
  readonly chart: FigureModel;
  /** The current model first, then the variants (with the protected attributes, without the strongest proxies, the previous model). */
  readonly tables: readonly { readonly variant: FairnessVariantName; readonly label: string; readonly table: FairnessTable }[];
}

export interface FairnessPriceTable {
  readonly caption: string;
  readonly columns: readonly string[];
  readonly rows: readonly { readonly header: string; readonly cells: readonly string[] }[];
}

export type FairnessSectionModel =
  | { readonly available: false; readonly message: string }
  | {
      readonly available: true;
      readonly intro: string;
      /** Why household size and dependants stay inputs (affordability). */
      readonly affordability: string;
      readonly evaluatedOn: string;
      readonly definitionsHeading: string;
      readonly definitions: readonly { readonly term: string; readonly text: string }[];
      readonly definitionsNote: string;
      readonly attributes: readonly FairnessAttributeSection[];
      readonly price: FairnessPriceTable | null;
      readonly priceUnavailable: string;
      readonly proxies: {
        readonly intro: string;
        readonly table: FairnessPriceTable;
        readonly dropped: string;
        /** What was done about the strongest proxies, with the figures that justify it. */
        readonly decision: string | null;
      } | null;
    };

/** A ratio or a difference with two decimals always (« 0,80 », not « 0,8 »): it is read against 0.8. */
const ratio = (value: number | null, locale: Locale, missing: string) =>
  value === null ? missing : normaliseSpaces(numberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value));
const rate = (value: number | null, locale: Locale, missing: string) => (value === null ? missing : formatPercent(value, locale));

function variantLabel(v: { variant: FairnessVariantName; version: string | null }, locale: Locale): string {
  const t = dictionary(locale).model.fairness;
  return fill(t.variants[v.variant], { version: v.version ?? '' });
}

function groupTable(attr: FairnessAttributeCard, variant: FairnessVariantCard, locale: Locale): FairnessTable {
  const t = dictionary(locale).model.fairness;
  const c = t.columns;
  const na = t.notAvailable;
  return {
    id: `fairness-${attr.attribute}-${variant.variant}`,
    caption: fill(t.tableCaption, {
      attribute: t.attributes[attr.attribute],
      variant: variantLabel(variant, locale),
      threshold: formatPercent(variant.threshold, locale, 2),
    }),
    columns: [c.group, c.count, c.defaultRate, c.approvalRate, c.approvalRatio, c.tpr, c.fpr, c.auc, c.meanPredicted, c.observed],
    rows: attr.groups.map((g) => ({
      header: g.label,
      cells: [
        formatCount(g.count, locale),
        rate(g.defaultRate, locale, na),
        rate(g.approvalRate, locale, na),
        g.comparable ? ratio(g.approvalRatio, locale, na) : na,
        rate(g.truePositiveRate, locale, na),
        rate(g.falsePositiveRate, locale, na),
        g.rocAuc === null ? na : formatNumber(g.rocAuc, locale, 3),
        formatProbability(g.meanPredicted, locale),
        rate(g.observed, locale, na),
      ],
      note: g.comparable ? null : t.tooFew,
    })),
  };
}

function comparableGroups(attr: FairnessAttributeCard): readonly FairnessGroupCard[] {
  return attr.groups.filter((g) => g.comparable);
}

function approvalFigure(attr: FairnessAttributeCard, locale: Locale): FigureModel {
  const t = dictionary(locale).model.fairness;
  const c = t.columns;
  const name = t.attributes[attr.attribute];
  const comparable = comparableGroups(attr);
  const highest = Math.max(0, ...comparable.map((g) => g.approvalRate));
  const line = FOUR_FIFTHS * highest;
  const lowest = comparable.reduce<FairnessGroupCard | null>((lo, g) => (lo === null || g.approvalRate < lo.approvalRate ? g : lo), null);
  const labels = attr.groups.map((g) => (g.comparable ? g.label : `${g.label}*`));
  return {
    id: `fairness-chart-${attr.attribute}`,
    title: fill(t.chartTitle, { attribute: name }),
    caption: fill(t.chartCaption, {
      line: formatPercent(line, locale),
      lowest: lowest ? lowest.label : t.notAvailable,
      rate: lowest ? formatPercent(lowest.approvalRate, locale) : t.notAvailable,
    }),
    label: fill(t.chartLabel, { attribute: name.toLowerCase() }),
    chart: {
      height: 300,
      data: [
        {
          type: 'bar',
          x: labels,
          y: attr.groups.map((g) => g.approvalRate),
          marker: {
            color: attr.groups.map((g) => (!g.comparable ? PALETTE.grid : g.approvalRate < line ? PALETTE.defaulted : PALETTE.repaid)),
            line: { color: PALETTE.ink, width: 1 },
          },
          text: attr.groups.map((g) => formatPercent(g.approvalRate, locale)),
          textposition: 'outside',
          cliponaxis: false,
          hovertemplate: `%{x}${colon(locale)}%{y:.1%}<extra></extra>`,
        },
      ],
      layout: baseLayout({
        margin: { l: 16, r: 16, t: 24, b: 16 },
        xaxis: axis({ title: { text: t.columns.group } }),
        yaxis: axis({ title: { text: c.approvalRate }, tickformat: '.0%', range: [0, 1.1] }),
        shapes: [{ type: 'line', xref: 'paper', yref: 'y', x0: 0, x1: 1, y0: line, y1: line, line: { color: PALETTE.ink, width: 2, dash: 'dash' } }],
        annotations: [
          {
            x: 1,
            y: line,
            xref: 'paper',
            yref: 'y',
            xanchor: 'right',
            yanchor: 'bottom',
            showarrow: false,
            text: `${t.fourFifthsLine}${colon(locale)}${formatPercent(line, locale)}`,
          },
        ],
      }),
    },
    table: {
      caption: fill(t.chartTitle, { attribute: name }),
      columns: [c.group, c.count, c.approvalRate, c.approvalRatio],
      rows: attr.groups.map((g) => [
        g.comparable ? g.label : `${g.label} (${t.tooFew})`,
        formatCount(g.count, locale),
        formatPercent(g.approvalRate, locale),
        g.comparable ? ratio(g.approvalRatio, locale, t.notAvailable) : t.notAvailable,
      ]),
    },
  };
}

function ruleText(attr: FairnessAttributeCard, fairness: FairnessCard, locale: Locale): string {
  const t = dictionary(locale).model.fairness;
  const na = t.notAvailable;
  if (attr.fourFifthsRuleMet === true) return t.ruleMet;
  if (attr.fourFifthsRuleMet !== false) return t.ruleUnknown;
  const ratioOf = (variant: FairnessVariantName) => {
    const v = fairness.variants.find((x) => x.variant === variant);
    const a = v?.attributes.find((x) => x.attribute === attr.attribute);
    return ratio(a?.demographicParityRatio ?? null, locale, na);
  };
  const label = (group: string | null) => attr.groups.find((g) => g.group === group)?.label ?? group ?? na;
  const proxies = fairness.variants.find((v) => v.variant === 'withoutStrongestProxies');
  const dropped = fairness.proxies.strongestDropped.length > 0 ? fairness.proxies.strongestDropped.map((d) => d.label) : (proxies?.dropped ?? []);
  return fill(t.ruleNotMet, {
    lowest: label(attr.lowestApproval),
    highest: label(attr.highestApproval),
    ratio: ratio(attr.demographicParityRatio, locale, na),
    rates: comparableGroups(attr)
      .map((g) => `${g.label} ${formatPercent(g.defaultRate, locale)}`)
      .join(', '),
    withoutProtected: ratioOf('withoutProtected'),
    withProtected: ratioOf('withProtected'),
    dropped: dropped.length > 0 ? dropped.join(', ') : na,
    withoutProxies: ratioOf('withoutStrongestProxies'),
  });
}

function attributeSection(attr: FairnessAttributeCard, fairness: FairnessCard, locale: Locale): FairnessAttributeSection {
  const t = dictionary(locale).model.fairness;
  const na = t.notAvailable;
  const label = (group: string | null) => attr.groups.find((g) => g.group === group)?.label ?? group ?? na;
  const tables = fairness.variants.flatMap((variant) => {
    const a = variant.attributes.find((x) => x.attribute === attr.attribute);
    return a ? [{ variant: variant.variant, label: variantLabel(variant, locale), table: groupTable(a, variant, locale) }] : [];
  });
  return {
    id: `fairness-${attr.attribute}`,
    heading: t.attributes[attr.attribute],
    summary: fill(t.summary, {
      attribute: t.attributes[attr.attribute],
      ratio: ratio(attr.demographicParityRatio, locale, na),
      lowest: label(attr.lowestApproval),
      highest: label(attr.highestApproval),
      eo: ratio(attr.equalOpportunityDifference, locale, na),
      eodds: ratio(attr.equalizedOddsDifference, locale, na),
    }),
    ruleMet: attr.fourFifthsRuleMet,
    rule: ruleText(attr, fairness, locale),
    chart: approvalFigure(attr, locale),
    tables,
  };
}

export function fairnessPriceTable(price: FairnessCard['price'], variants: FairnessCard['variants'], locale: Locale): FairnessPriceTable | null {
  if (price.length === 0) return null;
  const t = dictionary(locale).model.fairness;
  const p = t.price;
  const na = t.notAvailable;
  const row = (variant: FairnessVariantName, f: VariantFigures) => {
    const version = variants.find((v) => v.variant === variant)?.version ?? null;
    return {
      header: variantLabel({ variant, version }, locale),
      cells: [
        f.inputs === undefined ? na : formatCount(f.inputs, locale),
        formatNumber(f.rocAuc, locale, 3),
        formatNumber(f.prAuc, locale, 3),
        formatNumber(f.brier, locale, 4),
        f.logLoss === null || !Number.isFinite(f.logLoss) ? dictionary(locale).model.calibrationMethods.infinite : formatNumber(f.logLoss, locale, 4),
        formatCount(f.cost, locale),
        formatPercent(f.threshold, locale, 2),
        formatPercent(f.refusalRate, locale),
      ],
    };
  };
  return {
    caption: t.priceCaption,
    columns: [p.variant, p.inputs, p.rocAuc, p.prAuc, p.brier, p.logLoss, p.cost, p.threshold, p.refusalRate],
    rows: price.map((x) => row(x.variant, x.figures)),
  };
}

/** The served model against the variant without the strongest proxies: null when either is missing. */
function proxiesDecision(fairness: FairnessCard, locale: Locale): string | null {
  const t = dictionary(locale).model.fairness;
  const figures = (variant: FairnessVariantName) => fairness.price.find((x) => x.variant === variant)?.figures;
  const served = figures('withoutProtected');
  const without = figures('withoutStrongestProxies');
  if (!served || !without) return null;
  const ratioOf = (variant: FairnessVariantName, attribute: FairnessAttributeCard['attribute']) => {
    const a = fairness.variants.find((v) => v.variant === variant)?.attributes.find((x) => x.attribute === attribute);
    return ratio(a?.demographicParityRatio ?? null, locale, t.notAvailable);
  };
  return fill(t.proxiesDecision, {
    aucServed: formatNumber(served.rocAuc, locale, 3),
    aucWithout: formatNumber(without.rocAuc, locale, 3),
    costServed: formatCount(served.cost, locale),
    costWithout: formatCount(without.cost, locale),
    ageServed: ratioOf('withoutProtected', 'ageBand'),
    ageWithout: ratioOf('withoutStrongestProxies', 'ageBand'),
    sexServed: ratioOf('withoutProtected', 'sex'),
    sexWithout: ratioOf('withoutStrongestProxies', 'sex'),
  });
}

export function fairnessSectionModel(fairness: FairnessCard | null, locale: Locale): FairnessSectionModel {
  const t = dictionary(locale).model.fairness;
  if (!fairness) return { available: false, message: t.unavailable };
  const current = fairness.variants.find((v) => v.variant === 'withoutProtected');
  const definitionTerms = t.definitions as Readonly<Record<string, string>>;
  return {
    available: true,
    intro: fill(t.protectedIntro, { fields: fairness.protectedFields.join(', '), columns: fairness.excludedColumns.join(', ') }),
    affordability: t.affordability,
    evaluatedOn: fill(t.evaluatedOn, { rows: formatCount(current?.overall.count ?? 0, locale) }),
    definitionsHeading: t.definitionsHeading,
    definitions: Object.entries(fairness.definitions).map(([key, text]) => ({ term: definitionTerms[key] ?? key, text })),
    definitionsNote: t.definitionsNote,
    attributes: (current?.attributes ?? []).map((a) => attributeSection(a, fairness, locale)),
    price: fairnessPriceTable(fairness.price, fairness.variants, locale),
    priceUnavailable: t.priceUnavailable,
    proxies:
      fairness.proxies.attributes.length > 0
        ? {
            intro: t.proxiesIntro,
            table: {
              caption: t.proxiesCaption,
              columns: [t.proxyColumns.attribute, t.proxyColumns.auc, t.proxyColumns.topInputs],
              rows: fairness.proxies.attributes.map((p) => ({
                header: t.attributes[p.attribute],
                cells: [
                  p.auc === null ? t.notAvailable : formatNumber(p.auc, locale, 3),
                  p.topInputs
                    .slice(0, 5)
                    .map((i) => `${i.label} (${formatPercent(i.gainShare, locale, 0)})`)
                    .join(', '),
                ],
              })),
            },
            dropped: fill(t.proxiesDropped, {
              fields:
                fairness.proxies.strongestDropped.length > 0 ? fairness.proxies.strongestDropped.map((d) => d.label).join(', ') : t.notAvailable,
            }),
            decision: proxiesDecision(fairness, locale),
          }
        : null,
  };
}
