import { fieldLabel } from '@/lib/credit/fieldLabels';
import type { GroupStats, NumericStats } from '@/lib/credit/population';
import { formatValue, wordReason } from '@/lib/credit/reasons';
import { APPLICATION_FIELDS } from '@/lib/data/homeCreditSchema';
import { ENGINEERED_FEATURES } from '@/lib/credit/engineeredFeatures';

const numeric = (median: number, mean: number | null = null): NumericStats => ({
  kind: 'numeric',
  count: 100,
  missingRate: 0.1,
  mean,
  p10: null,
  p25: null,
  median,
  p75: null,
  p90: null,
});
const nbsp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('labels', () => {
  test('every application field and engineered feature has a French and an English label', () => {
    for (const f of [...APPLICATION_FIELDS, ...ENGINEERED_FEATURES.map((e) => e.name)]) {
      expect(fieldLabel(f, 'fr')).not.toBe(f);
      expect(fieldLabel(f, 'en')).not.toBe(f);
    }
    expect(fieldLabel('EXT_SOURCE_2', 'fr')).toBe('Score externe 2');
    expect(fieldLabel('DAYS_BIRTH', 'en')).toBe('Age');
  });
});

describe('plain-language reasons', () => {
  test('the issue example, in French and English', () => {
    const fr = wordReason('EXT_SOURCE_2', 0.12, numeric(0.57), 'fr');
    expect(fr.text).toBe('Score externe 2 bas : 0,12 (médiane des clients : 0,57)');
    expect(fr).toMatchObject({ comparison: 'low', displayValue: '0,12', displayMedian: '0,57', populationMedian: 0.57 });
    expect(wordReason('EXT_SOURCE_2', 0.12, numeric(0.57), 'en').text).toBe("Low external score 2: 0.12 (clients' median: 0.57)");
  });

  test('French agreement, units converted (DAYS_* in years, amounts, percentages)', () => {
    expect(nbsp(wordReason('AMT_ANNUITY', 60000, numeric(24903), 'fr').text)).toBe('Annuité du prêt élevée : 60 000 (médiane des clients : 24 903)');
    expect(wordReason('DAYS_BIRTH', -8766, numeric(-15750), 'fr').text).toBe('Âge bas : 24 ans (médiane des clients : 43,1 ans)');
    expect(wordReason('DAYS_EMPLOYED', -365.25, numeric(-1650), 'en').text).toBe("Low employment length: 1 year (clients' median: 4.5 years)");
    expect(nbsp(wordReason('ANNUITY_INCOME_RATIO', 0.35, numeric(0.163), 'fr').text)).toBe(
      "Taux d'effort (annuité / revenu) élevé : 35 % (médiane des clients : 16,3 %)",
    );
  });

  test('missing values, categories, yes/no fields and the not-employed sentinel', () => {
    expect(wordReason('EXT_SOURCE_3', null, numeric(0.5), 'fr')).toMatchObject({ text: 'Score externe 3 non renseigné', comparison: 'missing' });
    expect(wordReason('OCCUPATION_TYPE', null, undefined, 'en').text).toBe('Occupation not provided');
    const cat: GroupStats = { kind: 'categorical', count: 100, missingRate: 0, shares: { Laborers: 0.179 } };
    expect(nbsp(wordReason('OCCUPATION_TYPE', 'Laborers', cat, 'fr').text)).toBe('Profession : ouvriers (18 % des clients)');
    expect(wordReason('OCCUPATION_TYPE', 'Laborers', cat, 'en')).toMatchObject({
      text: 'Occupation: labourers (18% of clients)',
      populationShare: 0.179,
    });
    expect(nbsp(wordReason('FLAG_WORK_PHONE', 0, numeric(0, 0.2), 'fr').text)).toBe('Téléphone professionnel fourni : non (comme 80 % des clients)');
    expect(wordReason('DAYS_EMPLOYED', 365243, numeric(-1650), 'en').text).toBe(
      'Employment length: no declared employment (pensioner or unemployed)',
    );
  });

  test('a value equal to the median is typical, not low or high', () => {
    expect(wordReason('CNT_CHILDREN', 0, numeric(0), 'fr')).toMatchObject({
      comparison: 'typical',
      text: "Nombre d'enfants : 0 (médiane des clients : 0)",
    });
    expect(formatValue('REGION_POPULATION_RELATIVE', 'score', 0.018801, 'en')).toBe('0.019');
  });
});
