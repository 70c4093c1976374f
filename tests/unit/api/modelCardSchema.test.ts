import path from 'node:path';
import fs from 'node:fs';
import { buildModelCard, loadModelReports, parseTrainerJson } from '@/lib/credit/modelCard';
import type { ModelBundle, ModelMetadata } from '@/lib/credit/modelBundle';
import { buildOpenApiDocument } from '@/lib/api/openapi';
import { modelCardFromEngineCard } from '@/lib/api/resources/model';
import { modelCardSchema } from '@/lib/api/schemas/model';

/** GET /api/v1/model: the answer built from a model card validates against the schema the OpenAPI document is made of. */

const DIR = path.join(__dirname, '..', 'dashboard', 'fixtures', 'fairness-model');

function bundle(files?: Partial<ModelMetadata['files']>): ModelBundle {
  const metadata = parseTrainerJson<ModelMetadata>(fs.readFileSync(path.join(DIR, 'metadata.json'), 'utf8'));
  return { dir: DIR, metadata: { ...metadata, files: { ...metadata.files, ...files } } } as unknown as ModelBundle;
}

describe('the model card answer', () => {
  test('with a fairness report: group rows of the current model, summary ratios, price of fairness, limits', () => {
    const b = bundle();
    const body = modelCardFromEngineCard(buildModelCard(b, loadModelReports(b), 10, 'en'));
    const parsed = modelCardSchema.parse(JSON.parse(JSON.stringify(body)));
    expect(parsed.fairness?.attributes.map((a) => a.attribute)).toEqual(['sex', 'ageBand', 'familyStatus']);
    expect(parsed.fairness?.attributes[0].groups[1]).toMatchObject({ group: 'F', label: 'woman', comparable: true });
    expect(parsed.fairness?.variants.map((v) => v.variant)).toEqual([
      'withoutProtected',
      'withProtected',
      'withoutStrongestProxies',
      'previousModel',
    ]);
    expect(parsed.fairness?.fairnessPrice).toHaveLength(4);
    expect(parsed.calibration.candidates.length).toBeGreaterThan(0);
    expect(parsed.limits.notFor).toHaveLength(3);
    expect(parsed.limits.version).toBe(parsed.version);
  });

  test('a model trained before fairness.json answers fairness: null and still validates', () => {
    const b = bundle({ fairness: undefined });
    const body = modelCardFromEngineCard(buildModelCard(b, loadModelReports(b), 10, 'fr'));
    const parsed = modelCardSchema.parse(JSON.parse(JSON.stringify(body)));
    expect(parsed.fairness).toBeNull();
    expect(parsed.limits.fairness).toMatch(/^Non mesurée/);
  });

  test('the OpenAPI document describes the fairness report and the limits', () => {
    const text = JSON.stringify(buildOpenApiDocument());
    for (const word of ['demographicParityRatio', 'fourFifthsRuleMet', 'fairnessPrice', 'notFor', 'exactlyZeroOrOne']) expect(text).toContain(word);
  });
});
