import { ACTIONS } from '@/lib/analysis/counterfactual';
import { openApiDocument } from '@/lib/api/openapi';
import { WHAT_IF_FIELDS } from '@/lib/dashboard/whatIfView';
import { ACTIONABLE_FIELDS, actionability, FIELD_REGISTRY, fieldFacts, isProtectedField } from '@/lib/credit/fields';
import { APPLICATION_FIELDS } from '@/lib/data/homeCreditSchema';
import { ENGINEERED_FEATURES } from '@/lib/credit/engineeredFeatures';

describe('the field registry', () => {
  test('every application field and engineered feature has its facts: label, unit, kind, rule for numbers', () => {
    expect(FIELD_REGISTRY.size).toBe(APPLICATION_FIELDS.length + ENGINEERED_FEATURES.length);
    for (const f of FIELD_REGISTRY.values()) {
      expect(f.label.fr.length).toBeGreaterThan(0);
      expect(f.label.en.length).toBeGreaterThan(0);
      expect(f.rule !== undefined).toBe(f.kind === 'numeric');
      if (f.kind === 'engineered') expect(f.sources?.length).toBeGreaterThan(0);
    }
    expect(fieldFacts('DAYS_BIRTH')).toMatchObject({ kind: 'numeric', protected: true, yearsFeature: 'AGE_YEARS', label: { unit: 'years' } });
    expect(fieldFacts('EMPLOYED_AGE_RATIO')).toMatchObject({ kind: 'engineered', protected: true });
    expect(fieldFacts('AMT_CREDIT')).toMatchObject({ protected: false, actionable: 'now', label: { unit: 'amount' } });
    expect(fieldFacts('NOT_A_FIELD')).toBeUndefined();
  });

  test('protected: sex, marital status, age and what derives from them, nothing else', () => {
    const protectedNames = [...FIELD_REGISTRY.values()].filter((f) => f.protected).map((f) => f.name);
    expect(protectedNames.sort()).toEqual(['CODE_GENDER', 'DAYS_BIRTH', 'EMPLOYED_AGE_RATIO', 'NAME_FAMILY_STATUS']);
    expect(isProtectedField('CNT_CHILDREN')).toBe(false);
  });

  test('the what-if offers the actionable fields, and the counterfactual advises only what can change now', () => {
    expect(WHAT_IF_FIELDS).toEqual(ACTIONABLE_FIELDS);
    for (const f of ACTIONABLE_FIELDS) expect(fieldFacts(f)?.protected).toBe(false);
    for (const a of ACTIONS) for (const f of a.fields) expect(actionability(f)).toBe('now');
  });

  test('the OpenAPI document describes each field with its registry label and flags', () => {
    const doc = JSON.stringify(openApiDocument());
    expect(doc).toContain('Credit amount (a client can change it). ');
    expect(doc).toContain('Gender (protected: measured for fairness, never used by the model). ');
  });
});
