import type { Explanation } from '@/lib/credit/types';
import { fieldDistribution } from '@/lib/analysis/distributions';
import { applicationValue } from '@/lib/analysis/population';
import { getHomeCreditStore } from '@/lib/data/homeCreditStore';
import { numericComparisonFigure, categoricalComparisonFigure } from '@/lib/dashboard/comparison';
import { filterDictionary, searchable } from '@/lib/dashboard/dataPage';
import { decisionMargin, decisionModel } from '@/lib/dashboard/decision';
import { explanationView } from '@/lib/dashboard/explanationView';
import { historyModel } from '@/lib/dashboard/history';
import { categoryLabel, fieldLabel } from '@/lib/dashboard/labels';
import { samplePoints } from '@/lib/dashboard/modelPage';
import { clientProfile } from '@/lib/dashboard/profile';
import { parseSearchParams, searchHref, suggestions } from '@/lib/dashboard/search';
import { omit, parseClientView, viewParams } from '@/lib/dashboard/view';
import { parseTypedNumber, parseWhatIf, whatIfInputs } from '@/lib/dashboard/whatIfView';

const NB = '\u00a0';
const store = getHomeCreditStore();
const client = store.get(100002)!;

describe('decision banner', () => {
  test('the margin is read on the log-odds scale around the threshold', () => {
    expect(decisionMargin(0.445, 0.081)).toBe('clear');
    expect(decisionMargin(0.1, 0.081)).toBe('narrow');
    expect(decisionMargin(0.05, 0.081)).toBe('moderate');
    expect(decisionMargin(0.01, 0.081)).toBe('clear');
  });

  test('words, numbers and the gauge agree (French and English)', () => {
    const d = decisionModel({ margin: 0, probability: 0.445, threshold: 0.0808, decision: 'refuse' }, 100002, 'fr', {
      falseNegative: 10,
      falsePositive: 1,
    });
    expect(d.label).toBe('Refusé');
    expect(d.probability).toBe(`44,5${NB}%`);
    expect(d.threshold).toBe(`8,1${NB}%`);
    expect(d.distance).toBe(`36,4${NB}pts au-dessus du seuil — décision nette`);
    expect(d.gauge.caption).toBe(`La probabilité de défaut du client (44,5${NB}%) est au-dessus du seuil de 8,1${NB}% : Crédit refusé.`);
    expect(d.gauge.table.rows).toEqual([
      ['Probabilité de défaut', `44,5${NB}%`],
      ['Seuil de décision', `8,1${NB}%`],
      ['Décision', 'Refusé'],
    ]);
    const e = decisionModel({ margin: 0, probability: 0.072, threshold: 0.0808, decision: 'accept' }, 7, 'en', {
      falseNegative: 10,
      falsePositive: 1,
    });
    expect(e.label).toBe('Accepted');
    expect(e.distance).toBe(`0.9${NB}pts below the threshold — close call, review with care`);
    expect(e.headerStatus).toBe('Client 7: Accepted, probability 7.2%');
    // the cost ratio comes from the model's metadata, not from the dictionary
    expect(d.thresholdNote).toBe('Seuil qui minimise le coût attendu : un défaut non détecté coûte 10 fois un bon client refusé.');
    const f = decisionModel({ margin: 0, probability: 0.072, threshold: 0.0808, decision: 'accept' }, 7, 'en', {
      falseNegative: 5,
      falsePositive: 1,
    });
    expect(f.thresholdNote).toBe('The threshold that minimises the expected cost: a missed defaulter costs 5 times a wrongly refused good client.');
  });
});

describe('local explanation (waterfall)', () => {
  const contributions = [
    { field: 'EXT_SOURCES_MEAN', value: 0.1618, contribution: 0.55 },
    { field: 'CREDIT_INCOME_RATIO', value: 2.0079, contribution: -0.03 },
    { field: 'DAYS_BIRTH', value: -9461, contribution: 0.1 },
    { field: 'CODE_GENDER', value: 'M', contribution: 0.02 },
    { field: 'FLAG_EMP_PHONE', value: 1, contribution: -0.01 },
  ];
  const e: Explanation = {
    margin: -0.98 + 0.55 - 0.03 + 0.1 + 0.02 - 0.01,
    probability: 0.445,
    threshold: 0.0808,
    decision: 'refuse',
    baseValue: -0.98,
    contributions,
    reasons: {
      towardsRefusal: [
        {
          code: 'R01',
          field: 'EXT_SOURCES_MEAN',
          label: 'x',
          text: 'Moyenne des scores externes basse : 0,16',
          contribution: 0.55,
          value: 0.16,
          populationMedian: 0.52,
          displayValue: '0,16',
          displayMedian: '0,52',
          comparison: 'low',
          populationShare: null,
        },
      ],
      towardsAcceptance: [],
    },
  };

  test('top N bars with the client values, the rest gathered, and base + Σ = score', () => {
    const v = explanationView(e, 3, 'fr');
    const table = v.figure.table.rows;
    expect(table.map((r) => r[0])).toEqual([
      fieldLabel('EXT_SOURCES_MEAN', 'fr'),
      fieldLabel('CREDIT_INCOME_RATIO', 'fr'),
      fieldLabel('DAYS_BIRTH', 'fr'),
      'Autres facteurs (2)',
      'Risque moyen de la population',
      'Score du client',
    ]);
    expect(table[0][1]).toBe('0,16');
    expect(table[1][1]).toBe(`2,01${NB}×`);
    expect(table[2][1]).toBe(`25,9${NB}ans`);
    expect(table[3][2]).toBe('+0,01');
    expect(table[1][3]).toBe('vers l’accord');
    // Floating bars: refusal widths up, acceptance widths down, from the base value to the client's score.
    const [up, down] = v.figure.chart.data.filter((d) => 'base' in d) as unknown as { x: number[] }[];
    const total = up.x.reduce((a, w) => a + w, 0) - down.x.reduce((a, w) => a + w, 0);
    expect(e.baseValue + total).toBeCloseTo(e.margin, 12);
    expect(up.x).toHaveLength(4); // 3 factors + the others
    expect(v.towardsRefusal[0].text).toBe('Moyenne des scores externes basse : 0,16');
    expect(v.topFields).toEqual(contributions.map((c) => c.field));
    expect(v.figure.caption).toContain(`probabilité de défaut 44,5${NB}%`);
  });
});

describe('comparison figures on the real population', () => {
  test('numeric: the client bin is highlighted in the data table and the caption gives the percentile', () => {
    const d = fieldDistribution('DAYS_BIRTH', { clientValue: applicationValue(client.fields, 'DAYS_BIRTH') });
    if (d.kind !== 'numeric') throw new Error('numeric expected');
    const f = numericComparisonFigure(d, { field: 'DAYS_BIRTH', label: 'Âge', scopeText: 'tous les prêts', clientText: '25,9 ans', locale: 'fr' });
    expect(f.table.highlightRow).toBe(d.client!.bin);
    expect(f.table.rows[d.client!.bin][0]).toContain('(client)');
    expect(f.caption).toMatch(/^Parmi tous les prêts, le client \(25,9 ans\) se situe au 5e centile\./);
    // Shares within each outcome add up to 100 %.
    const repaid = f.chart.data[0] as { y: number[] };
    expect(repaid.y.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  test('categorical: share and default rate per category, the client category marked', () => {
    const d = fieldDistribution('NAME_EDUCATION_TYPE', { clientValue: 'Secondary / secondary special' });
    if (d.kind !== 'categorical') throw new Error('categorical expected');
    const f = categoricalComparisonFigure(d, {
      field: 'NAME_EDUCATION_TYPE',
      label: 'Études',
      scopeText: 'tous les prêts',
      clientText: '',
      locale: 'fr',
    });
    expect(f.table.rows[0][0]).toBe(`${categoryLabel('NAME_EDUCATION_TYPE', 'Secondary / secondary special', 'fr')} (client)`);
    expect(f.table.rows[0][1]).toBe(`71,1${NB}%`);
    expect(f.table.rows[0][3]).toBe(`8,9${NB}%`);
    expect(f.caption).toContain(`taux de défaut de 8,9${NB}% (moyenne : 8,0${NB}%)`);
  });
});

describe('profile, history, labels', () => {
  test('client 100002 profile in French', () => {
    const p = clientProfile(client.fields, 'fr');
    const byField = Object.fromEntries(p.items.map((i) => [i.field, i.value]));
    expect(byField.DAYS_BIRTH).toBe(`25,9${NB}ans`);
    expect(byField.AMT_CREDIT).toBe(`406${NB}598`);
    expect(byField.AMT_ANNUITY).toBe(`24${NB}701`);
    expect(byField.DAYS_EMPLOYED).toBe(`1,7${NB}an`);
    expect(byField.CODE_GENDER).toBe('Homme');
    expect(byField.NAME_FAMILY_STATUS).toBe('Célibataire');
    const ratios = Object.fromEntries(p.ratios.map((r) => [r.field, r.value]));
    expect(ratios.CREDIT_INCOME_RATIO).toBe(`2,01${NB}×`);
    expect(ratios.ANNUITY_INCOME_RATIO).toBe(`12,2${NB}%`);
    expect(ratios.TERM).toBe('16,5 annuités');
    expect(p.items.every((i) => i.label !== i.field)).toBe(true);
  });

  test('history sentences from the related tables', () => {
    const h = historyModel(100002, 'fr')!;
    expect(h.blocks[0].text).toBe(`8 crédits, dont 2 en cours ; encours total 245${NB}781 ; 0 crédit(s) en retard actuellement.`);
    expect(h.latest?.rows[0]).toEqual([`1,7${NB}an`, categoryLabel('NAME_CONTRACT_TYPE', 'Consumer loans', 'fr'), 'Accordée', `179${NB}055`]);
    expect(historyModel(456250, 'fr')).toBeNull();
  });
});

describe('URL view settings and search parameters', () => {
  test('invalid values fall back to defaults, never an error', () => {
    expect(parseClientView({ n: '7', feature: 'DROP TABLE', scope: 'x', x: 'EXT_SOURCE_2' })).toEqual({
      n: 10,
      feature: null,
      scope: 'all',
      x: 'EXT_SOURCE_2',
      y: null,
    });
    expect(parseClientView({ n: '20', feature: 'CREDIT_INCOME_RATIO', scope: 'similar' })).toMatchObject({
      n: 20,
      feature: 'CREDIT_INCOME_RATIO',
      scope: 'similar',
    });
    expect(viewParams(parseClientView({ n: '5', scope: 'similar' }))).toEqual({ n: '5', scope: 'similar' });
    expect(omit({ n: '5', x: 'A' }, ['x'])).toEqual({ n: '5' });
    const p = parseSearchParams({ q: '100 00', set: 'test', decision: 'maybe', band: '5to10', page: '-3' });
    expect(p).toEqual({ q: '10000', set: 'test', decision: 'all', band: '5to10', page: 1 });
    expect(searchHref(p, 3)).toBe('/dashboard?q=10000&set=test&band=5to10&page=3');
  });

  test('type-ahead suggestions are labelled in the interface language', () => {
    const s = suggestions('10000', 'en', undefined, 2);
    expect(s).toEqual([
      { id: 100001, href: '/dashboard/clients/100001', kind: 'New application', detail: '' },
      { id: 100002, href: '/dashboard/clients/100002', kind: 'Historical loan', detail: '' },
    ]);
  });
});

describe('what-if form', () => {
  test('numbers typed the French or English way', () => {
    expect(parseTypedNumber('412 000')).toBe(412000);
    expect(parseTypedNumber(`412${NB}000`)).toBe(412000);
    expect(parseTypedNumber('412,000')).toBe(412000);
    expect(parseTypedNumber('2,5')).toBe(2.5);
    expect(parseTypedNumber('2.5')).toBe(2.5);
    expect(Number.isNaN(parseTypedNumber('abc'))).toBe(true);
  });

  test('only edited fields become changes; employment in years; invalid values are reported per field', () => {
    const inputs = whatIfInputs(client.fields, 'fr');
    expect(inputs.map((i) => [i.field, i.value])).toEqual([
      ['AMT_CREDIT', `406${NB}598`],
      ['AMT_ANNUITY', `24${NB}701`],
      ['AMT_GOODS_PRICE', `351${NB}000`],
      ['AMT_INCOME_TOTAL', `202${NB}500`],
      ['DAYS_EMPLOYED', '1,7'],
    ]);
    const form = Object.fromEntries(inputs.map((i) => [i.field, i.value]));
    expect(parseWhatIf(form, client.fields, 'fr')).toEqual({ ok: true, changes: {} });
    const edited = parseWhatIf({ ...form, AMT_CREDIT: '300 000', DAYS_EMPLOYED: '5' }, client.fields, 'fr');
    expect(edited).toEqual({ ok: true, changes: { AMT_CREDIT: 300000, DAYS_EMPLOYED: -1826 } });
    expect(parseWhatIf({ ...form, DAYS_EMPLOYED: '' }, client.fields, 'fr')).toEqual({ ok: true, changes: { DAYS_EMPLOYED: 365243 } });
    const bad = parseWhatIf({ ...form, AMT_CREDIT: 'abc', AMT_INCOME_TOTAL: '-5' }, client.fields, 'fr');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors.map((e) => e.field)).toEqual(['AMT_CREDIT', 'AMT_INCOME_TOTAL']);
  });
});

describe('data page and model page helpers', () => {
  test('dictionary search: every word must match', () => {
    const rows = [{ haystack: 'amt_credit montant du crédit credit amount of the loan' }, { haystack: 'days_birth âge client age in days' }];
    expect(filterDictionary(rows, 'credit loan')).toHaveLength(1);
    expect(filterDictionary(rows, '  ')).toHaveLength(2);
    expect(filterDictionary(rows, 'nothing')).toHaveLength(0);
    expect(filterDictionary([{ haystack: searchable('AMT_ANNUITY Annuité du prêt') }], 'ANNUITE pret')).toHaveLength(1);
  });

  test('curve sampling keeps the first and last points', () => {
    const pts = Array.from({ length: 301 }, (_, i) => i);
    const s = samplePoints(pts, 15);
    expect(s).toHaveLength(15);
    expect(s[0]).toBe(0);
    expect(s[14]).toBe(300);
  });
});
