import fs from 'node:fs';
import Papa from 'papaparse';
import { fieldDistribution } from '../analysis/distributions';
import { DATASET_FILES, datasetPath } from '../data/datasetFiles';
import { getHomeCreditStore, type HomeCreditStore } from '../data/homeCreditStore';
import { TARGET_FIELD } from '../data/homeCreditSchema';
import { RELATED_TABLES, relatedTable, type RelatedTableName } from '../data/relatedTables';
import { dictionary, type Locale } from '../i18n';
import type { FigureModel } from '../charts/chartSpec';
import { axis, baseLayout } from '../charts/layout';
import { formatCount, formatPercent, formatScaled } from './format';
import { categoryLabel, fieldLabel } from './labels';
import { PALETTE } from '../charts/palette';
import { fill } from './text';
import { searchable } from './dictionarySearch';

export { filterDictionary, searchable } from './dictionarySearch';

/**
 * View-model of the « Données » page: file sizes, TARGET rate, provenance of the historical
 * rows, and the searchable column dictionary with a small distribution preview per column.
 * The locale-independent statistics are computed once per process; formatting is per request.
 */

export type FileRole = keyof ReturnType<typeof dictionary>['data']['sizes']['roles'];

interface FileStats {
  readonly file: string;
  readonly role: FileRole;
  readonly rows: number;
  readonly columns: number;
  readonly clients: number | null;
}

type PreviewStats =
  | { readonly kind: 'numeric'; readonly heights: readonly number[]; readonly min: number; readonly max: number; readonly median: number }
  | { readonly kind: 'categorical'; readonly top: readonly { value: string | null; share: number }[]; readonly heights: readonly number[] }
  | { readonly kind: 'empty' };

interface ColumnStats {
  readonly name: string;
  readonly kind: 'numeric' | 'categorical' | 'target';
  readonly description: string;
  readonly special: string;
  readonly missingTrain: number;
  readonly missingTest: number | null;
  readonly preview: PreviewStats;
}

interface DataStats {
  readonly files: readonly FileStats[];
  readonly target: { readonly total: number; readonly defaulted: number };
  readonly provenance: readonly { readonly source: string; readonly rows: number }[];
  readonly columns: readonly ColumnStats[];
}

function countDistinct(values: Float64Array): number {
  const seen = new Set<number>();
  for (const v of values) if (!Number.isNaN(v)) seen.add(v);
  return seen.size;
}

const RELATED_ROLES: Record<RelatedTableName, FileRole> = {
  bureau: 'bureau',
  bureauBalance: 'bureauBalance',
  previousApplications: 'previousApplications',
  posCashBalance: 'posCashBalance',
  creditCardBalance: 'creditCardBalance',
};

function fileStats(store: HomeCreditStore): FileStats[] {
  const out: FileStats[] = [
    {
      file: 'application_train.csv',
      role: 'train',
      rows: store.train.table.rowCount,
      columns: store.train.table.columns.length,
      clients: store.train.table.rowCount,
    },
    {
      file: 'application_test.csv',
      role: 'test',
      rows: store.test.table.rowCount,
      columns: store.test.table.columns.length,
      clients: store.test.table.rowCount,
    },
    { file: 'HomeCredit_columns_description.csv', role: 'dictionary', rows: store.dictionary.length, columns: 5, clients: null },
  ];
  for (const name of Object.keys(RELATED_TABLES) as RelatedTableName[]) {
    const t = relatedTable(name);
    const idColumn = t.table.byName.get('SK_ID_CURR');
    out.push({
      file: `related/${RELATED_TABLES[name].file}`,
      role: RELATED_ROLES[name],
      rows: t.table.rowCount,
      columns: t.table.columns.length,
      clients: idColumn && idColumn.kind === 'numeric' ? countDistinct(idColumn.values) : null,
    });
  }
  return out;
}

function provenanceStats(): { source: string; rows: number }[] {
  const text = fs.readFileSync(datasetPath(DATASET_FILES.provenance), 'utf8');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
  const counts = new Map<string, number>();
  parsed.data.slice(1).forEach((r) => counts.set(r[1] ?? '', (counts.get(r[1] ?? '') ?? 0) + 1));
  return [...counts.entries()].map(([source, rows]) => ({ source, rows })).sort((a, b) => b.rows - a.rows);
}

function previewOf(name: string, store: HomeCreditStore): PreviewStats {
  const d = fieldDistribution(name, { bins: 20, store });
  if (d.kind === 'numeric') {
    const counts = d.bins.map((b) => b.repaid + b.defaulted);
    const max = Math.max(0, ...counts);
    if (max === 0) return { kind: 'empty' };
    const finite = d.bins.filter((b) => b.repaid + b.defaulted > 0);
    const lo = finite[0].lo;
    const hi = finite[finite.length - 1].hi;
    return {
      kind: 'numeric',
      heights: counts.map((c) => c / max),
      min: Number.isFinite(lo) ? lo : finite[0].hi,
      max: Number.isFinite(hi) ? (d.discrete ? hi - 1 : hi) : finite[finite.length - 1].lo,
      median: d.median,
    };
  }
  const known = d.categories.filter((c) => c.category !== null);
  if (known.length === 0) return { kind: 'empty' };
  const maxShare = Math.max(...known.map((c) => c.share));
  return {
    kind: 'categorical',
    top: known.slice(0, 3).map((c) => ({ value: c.category, share: c.share })),
    heights: known.slice(0, 12).map((c) => c.share / maxShare),
  };
}

let cached: DataStats | undefined;

function dataStats(): DataStats {
  if (cached) return cached;
  const store = getHomeCreditStore();
  const target = store.train.target as Float64Array;
  let defaulted = 0;
  for (const v of target) defaulted += v === 1 ? 1 : 0;
  const columns: ColumnStats[] = store.columns.map((c) => ({
    name: c.name,
    kind: c.name === TARGET_FIELD ? 'target' : c.kind,
    description: c.description,
    special: c.special,
    missingTrain: c.missingRate.train,
    missingTest: c.name === TARGET_FIELD ? null : c.missingRate.test,
    preview:
      c.name === TARGET_FIELD
        ? {
            kind: 'categorical',
            top: [
              { value: '0', share: 1 - defaulted / target.length },
              { value: '1', share: defaulted / target.length },
            ],
            heights: [1, defaulted / (target.length - defaulted)],
          }
        : previewOf(c.name, store),
  }));
  cached = { files: fileStats(store), target: { total: target.length, defaulted }, provenance: provenanceStats(), columns };
  return cached;
}

export interface DictionaryRow {
  readonly name: string;
  readonly label: string;
  readonly description: string;
  readonly special: string;
  readonly type: string;
  readonly missing: string;
  /** Bar heights in [0, 1] for the sparkline (empty when no value is known). */
  readonly bars: readonly number[];
  /** Text equivalent of the sparkline. */
  readonly previewText: string;
  /** Lower-case text the search matches against. */
  readonly haystack: string;
}

export interface DataPageModel {
  readonly files: readonly { file: string; role: string; rows: string; columns: string; clients: string }[];
  readonly targetFigure: FigureModel;
  readonly targetRate: string;
  readonly provenance: { readonly caption: string; readonly rows: readonly { source: string; rows: string; share: string }[] };
  readonly columns: readonly DictionaryRow[];
}

export function dataPageModel(locale: Locale): DataPageModel {
  const t = dictionary(locale).data;
  const words = dictionary(locale).dashboard.words;
  const stats = dataStats();
  const { total, defaulted } = stats.target;
  const repaid = total - defaulted;
  const rate = formatPercent(defaulted / total, locale, 2);

  const outcomes = [
    { label: words.repaid, count: repaid, colour: PALETTE.repaid },
    { label: words.defaulted, count: defaulted, colour: PALETTE.defaulted },
  ];
  const targetFigure: FigureModel = {
    id: 'target-rate',
    title: t.target.figureTitle,
    caption: fill(t.target.caption, { defaulted: formatCount(defaulted, locale), total: formatCount(total, locale), rate }),
    label: t.target.label,
    chart: {
      height: 220,
      data: [
        {
          type: 'bar',
          orientation: 'h',
          y: outcomes.map((o) => o.label),
          x: outcomes.map((o) => o.count),
          marker: { color: outcomes.map((o) => o.colour), line: { color: PALETTE.ink, width: 1 } },
          text: outcomes.map((o) => `${formatCount(o.count, locale)} (${formatPercent(o.count / total, locale, 2)})`),
          textposition: 'outside',
          cliponaxis: false,
          hoverinfo: 'text',
        },
      ],
      layout: baseLayout({
        xaxis: axis({ title: { text: t.target.count } }),
        yaxis: axis({ autorange: 'reversed' }),
        margin: { l: 16, r: 16, t: 8, b: 8 },
      }),
    },
    table: {
      caption: t.target.tableCaption,
      columns: [t.target.outcome, t.target.count, t.target.share],
      rows: outcomes.map((o) => [o.label, formatCount(o.count, locale), formatPercent(o.count / total, locale, 2)]),
    },
  };

  const provTotal = stats.provenance.reduce((a, p) => a + p.rows, 0);
  const columns: DictionaryRow[] = stats.columns.map((c) => {
    const label = fieldLabel(c.name, locale);
    const type = c.kind === 'target' ? t.dictionary.target : c.kind === 'numeric' ? t.dictionary.numeric : t.dictionary.categorical;
    const missing = `${formatPercent(c.missingTrain, locale)} / ${c.missingTest === null ? '—' : formatPercent(c.missingTest, locale)}`;
    let bars: readonly number[] = [];
    let previewText = t.dictionary.previewEmpty;
    const p = c.preview;
    if (p.kind === 'numeric') {
      bars = p.heights;
      previewText = fill(t.dictionary.previewNumeric, {
        min: formatScaled(c.name, p.min, locale),
        max: formatScaled(c.name, p.max, locale),
        median: formatScaled(c.name, p.median, locale),
      });
    } else if (p.kind === 'categorical') {
      bars = p.heights;
      previewText = fill(t.dictionary.previewCategorical, {
        top: p.top
          .map(
            (x) =>
              `${x.value === null ? words.missing : c.kind === 'target' ? (x.value === '1' ? words.defaulted : words.repaid) : categoryLabel(c.name, x.value, locale)} (${formatPercent(x.share, locale, 0)})`,
          )
          .join(', '),
      });
    }
    return {
      name: c.name,
      label,
      description: c.description,
      special: c.special,
      type,
      missing,
      bars,
      previewText,
      haystack: searchable(`${c.name} ${label} ${c.description} ${c.special}`),
    };
  });

  return {
    files: stats.files.map((f) => ({
      file: f.file,
      role: t.sizes.roles[f.role],
      rows: formatCount(f.rows, locale),
      columns: formatCount(f.columns, locale),
      clients: f.clients === null ? '—' : formatCount(f.clients, locale),
    })),
    targetFigure,
    targetRate: rate,
    provenance: {
      caption: fill(t.provenance.caption, { total: formatCount(provTotal, locale) }),
      rows: stats.provenance.map((p) => ({ source: p.source, rows: formatCount(p.rows, locale), share: formatPercent(p.rows / provTotal, locale) })),
    },
    columns,
  };
}
