import { fmtSigned } from '@/lib/nlp/format';
import {
  formatAmount,
  formatCount,
  formatDate,
  formatFieldValue,
  formatNumber,
  formatPercent,
  formatPoints,
  formatScaled,
  formatSigned,
  formatSignedAmount,
  formatYears,
} from '@/lib/dashboard/format';
import { contrastRatio, PALETTE, PROBABILITY_SCALE } from '@/lib/charts/palette';
import { fill } from '@/lib/dashboard/text';
import { formatValue as reasonValue } from '@/lib/credit/reasons';
import { fmtNumber, fmtPercent } from '@/lib/nlp/format';
import { fieldScale } from '@/lib/analysis/scale';
import { ENGINEERED_FEATURES } from '@/lib/credit/engineeredFeatures';
import { fieldLabelInfo } from '@/lib/credit/fieldLabels';
import { APPLICATION_FIELDS } from '@/lib/data/homeCreditSchema';

const NB = '\u00a0';
const words = { missing: 'non renseigné', yes: 'oui', no: 'non', noEmployment: 'sans emploi salarié' };

describe('French and English number formatting', () => {
  test('amounts are grouped by thousands with a no-break space in French, a comma in English', () => {
    expect(formatAmount(540000, 'fr')).toBe(`540${NB}000`);
    expect(formatAmount(540000, 'en')).toBe('540,000');
    expect(formatAmount(1234567.6, 'fr')).toBe(`1${NB}234${NB}568`);
    expect(formatCount(63444, 'fr')).toBe(`63${NB}444`);
  });

  test('percentages use a decimal comma and a spaced % sign in French', () => {
    expect(formatPercent(0.1234, 'fr')).toBe(`12,3${NB}%`);
    expect(formatPercent(0.1234, 'en')).toBe('12.3%');
    expect(formatPercent(0.0797, 'fr', 2)).toBe(`7,97${NB}%`);
  });

  test('differences carry a true minus sign and points', () => {
    expect(formatPoints(-0.032, 'fr')).toBe(`−3,2${NB}pts`);
    expect(formatPoints(0.032, 'en')).toBe(`+3.2${NB}pts`);
    expect(formatSigned(-0.4213, 'fr')).toBe('−0,42');
    expect(formatSignedAmount(-128000, 'fr')).toBe(`−128${NB}000`);
    // one signed formatter: no sign on what rounds to zero, « — » for what is not a number
    expect(formatSigned(0.001, 'fr')).toBe('0');
    expect(formatSigned(-0.004, 'en', 2, 2)).toBe('0.00');
    expect(formatPoints(0.0001, 'fr')).toBe(`0,0${NB}pts`);
    expect(formatSignedAmount(0.4, 'en')).toBe('0');
    expect(formatSigned(Number.NaN, 'fr')).toBe('—');
    expect(fmtSigned(1.25, 'fr', 1)).toBe(formatSigned(1.25, 'fr', 1, 1));
  });

  test('durations in years agree in number', () => {
    expect(formatYears(35.04, 'fr')).toBe(`35${NB}ans`);
    expect(formatYears(1.5, 'fr')).toBe(`1,5${NB}an`);
    expect(formatYears(1, 'en')).toBe(`1${NB}year`);
    expect(formatYears(7.25, 'en')).toBe(`7.3${NB}years`);
  });

  test('dates are written out', () => {
    const d = new Date(Date.UTC(2025, 10, 25, 12));
    expect(formatDate(d, 'fr')).toBe('25 novembre 2025');
    expect(formatDate(d, 'en')).toBe('25 November 2025');
  });
});

describe('field values for people', () => {
  test('DAYS_* become years; DAYS_EMPLOYED 365243 means no salaried employment', () => {
    expect(formatFieldValue('DAYS_BIRTH', -9461, 'fr', words)).toBe(`25,9${NB}ans`);
    expect(formatFieldValue('DAYS_EMPLOYED', -637, 'fr', words)).toBe(`1,7${NB}an`);
    expect(formatFieldValue('DAYS_EMPLOYED', 365243, 'fr', words)).toBe('sans emploi salarié');
  });

  test('missing stays missing, flags read yes/no, categories go through the translator', () => {
    expect(formatFieldValue('EXT_SOURCE_1', null, 'fr', words)).toBe('non renseigné');
    expect(formatFieldValue('FLAG_OWN_CAR', 'Y', 'fr', words, (_f, v) => (v === 'Y' ? 'Oui' : 'Non'))).toBe('Oui');
    expect(formatFieldValue('FLAG_EMAIL', 0, 'fr', words)).toBe('non');
    expect(formatFieldValue('AMT_CREDIT', 406597.5, 'fr', words)).toBe(`406${NB}598`);
    expect(formatFieldValue('EXT_SOURCE_2', 0.2629, 'en', words)).toBe('0.26');
  });

  test('values already on the display scale (bin edges, medians)', () => {
    expect(formatScaled('DAYS_BIRTH', 43.2, 'fr')).toBe(`43,2${NB}ans`);
    expect(formatScaled('CREDIT_INCOME_RATIO', 2.0079, 'fr')).toBe(`2,01${NB}×`);
    expect(formatScaled('ANNUITY_INCOME_RATIO', 0.1219, 'fr')).toBe(`12,2${NB}%`);
  });

  test("one display unit per field: the profile's scale is the unit of the field's label, which the reasons use", () => {
    const expected: Record<string, string> = { years: 'years', ratio: 'times' };
    for (const field of [...APPLICATION_FIELDS, ...ENGINEERED_FEATURES.map((e) => e.name)]) {
      const unit = fieldLabelInfo(field)?.unit;
      if (unit === undefined) continue;
      expect([field, fieldScale(field)]).toEqual([field, field === 'DAYS_EMPLOYED' ? 'employmentYears' : (expected[unit] ?? unit)]);
    }
    // the four fields the two tables disagreed on
    expect(formatFieldValue('HOUR_APPR_PROCESS_START', 14, 'fr', words)).toBe(`14${NB}h`);
    expect(formatFieldValue('HOUR_APPR_PROCESS_START', 9, 'en', words)).toBe('09:00');
    expect(formatFieldValue('REGION_POPULATION_RELATIVE', 0.0188, 'fr', words)).toBe('0,019');
    expect(formatFieldValue('CREDIT_INCOME_RATIO', 2.0079, 'fr', words)).toBe(`2,01${NB}×`);
    expect(fieldScale('OWN_CAR_AGE')).toBe('number');
    expect(fieldScale('DAYS_EMPLOYED_ANOMALY')).toBe('flag'); // a 0/1 flag, not a number of days
  });

  test('one set of formatters: the pages, the watch and the reasons write numbers alike', () => {
    // a number that is not one shows the same way everywhere
    for (const v of [NaN, Infinity]) {
      expect(formatNumber(v, 'fr')).toBe('—');
      expect(fmtNumber(v, 'en')).toBe('—');
      expect(formatPercent(v, 'fr')).toBe('—');
      expect(fmtPercent(v, 'en')).toBe('—');
    }
    expect(fmtNumber(1234.5, 'fr', 1)).toBe(formatNumber(1234.5, 'fr', 1));
    expect(fmtPercent(0.1234, 'en')).toBe(formatPercent(0.1234, 'en'));
    // the reasons' amounts use the same no-break space as the profile (no narrow one)
    expect(reasonValue('AMT_CREDIT', 'amount', 406597.5, 'fr')).toBe(formatFieldValue('AMT_CREDIT', 406597.5, 'fr', words));
    expect(reasonValue('AMT_CREDIT', 'amount', 406597.5, 'fr')).not.toContain('\u202f');
  });

  test('templates are filled and unknown placeholders stay visible', () => {
    expect(fill('{a} sur {b}', { a: 1, b: '2' })).toBe('1 sur 2');
    expect(fill('{a} {zz}', { a: 'x' })).toBe('x {zz}');
  });
});

describe('palette contrast (WCAG 2.1: marks ≥ 3:1, text ≥ 4.5:1 on white)', () => {
  test.each([
    ['repaid', PALETTE.repaid, 3],
    ['defaulted', PALETTE.defaulted, 3],
    ['neutral', PALETTE.neutral, 3],
    ['ink', PALETTE.ink, 4.5],
    ['reference', PALETTE.reference, 3],
    ['repaidText', PALETTE.repaidText, 4.5],
    ['defaultedText', PALETTE.defaultedText, 4.5],
  ])('%s %s', (_name, colour, min) => {
    expect(contrastRatio(colour, '#FFFFFF')).toBeGreaterThanOrEqual(min);
  });

  test('every stop of the probability scale is a visible mark', () => {
    for (const [, colour] of PROBABILITY_SCALE) expect(contrastRatio(colour, '#FFFFFF')).toBeGreaterThanOrEqual(3);
  });

  test('known reference ratios', () => {
    expect(contrastRatio('#000000', '#FFFFFF')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#FFFFFF')).toBeCloseTo(4.48, 2);
  });
});
