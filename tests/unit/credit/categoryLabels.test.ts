import { CATEGORY_LABELS, categoryLabel } from '@/lib/credit/categoryLabels';
import { getHomeCreditStore } from '@/lib/data/homeCreditStore';
import { CATEGORICAL_FIELDS } from '@/lib/data/homeCreditSchema';

describe('category labels', () => {
  test('every category value of both real sets has a French and an English label', () => {
    const store = getHomeCreditStore();
    const unlabelled: string[] = [];
    for (const field of CATEGORICAL_FIELDS) {
      for (const value of store.column(field)?.categories ?? []) {
        const pair = CATEGORY_LABELS[field]?.[value];
        if (!pair || pair[0].trim() === '' || pair[1].trim() === '') unlabelled.push(`${field}=${value}`);
      }
    }
    expect(unlabelled).toEqual([]);
  });

  test('labels by language, and unknown values shown as given', () => {
    expect(categoryLabel('CODE_GENDER', 'M', 'fr')).toBe('homme');
    expect(categoryLabel('CODE_GENDER', 'M', 'en')).toBe('man');
    expect(categoryLabel('NAME_EDUCATION_TYPE', 'Secondary / secondary special', 'en')).toBe('secondary');
    expect(categoryLabel('ORGANIZATION_TYPE', 'Industry: type 11', 'fr')).toBe('industrie : type 11');
    expect(categoryLabel('NAME_CONTRACT_TYPE', 'Consumer loans', 'fr')).toBe('crédit à la consommation');
    expect(categoryLabel('OCCUPATION_TYPE', 'Astronauts', 'fr')).toBe('Astronauts');
  });
});
