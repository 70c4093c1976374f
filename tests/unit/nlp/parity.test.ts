import fs from 'node:fs';
import path from 'node:path';
import { checkTransformerExport } from '@/lib/nlp/exportCheck';
import { exportedModelDirs } from './modelDirs';

jest.setTimeout(180_000);

describe.each(['bert', 'roberta'] as const)('exported %s classifier', (kind) => {
  const dirs = exportedModelDirs(kind);

  it('exists', () => {
    expect(dirs.length).toBeGreaterThan(0);
  });

  it.each(dirs)('has a transformers.js-compatible config (%s)', (dir) => {
    const cfg = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'));
    expect(cfg.model_type).toBe(kind);
    expect(cfg.architectures).toEqual([kind === 'bert' ? 'BertForSequenceClassification' : 'RobertaForSequenceClassification']);
    const labels = Object.keys(cfg.id2label)
      .sort((a, b) => Number(a) - Number(b))
      .map((k) => cfg.id2label[k]);
    expect(labels).toEqual([...labels].sort()); // productCategories() order
    labels.forEach((l, i) => expect(cfg.label2id[l]).toBe(i));
    expect(fs.existsSync(path.join(dir, 'onnx', 'model.onnx'))).toBe(true);
  });

  it.each(dirs)('gives the PyTorch logits with transformers.js on ≥ 50 products (%s)', async (dir) => {
    const cfg = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'));
    const r = await checkTransformerExport(dir);
    expect(r.rows).toBeGreaterThanOrEqual(50);
    expect(r.idsMismatches).toBe(0);
    expect(r.maxAbsDiff).toBeLessThanOrEqual(1e-4);
    expect(r.argmaxAgreement).toBe(1);
    expect(r.attentions?.outputs).toBe(cfg.num_hidden_layers);
    expect(r.attentions?.dims.slice(0, 2)).toEqual([1, cfg.num_attention_heads]);
  });
});
