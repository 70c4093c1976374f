import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadTokenizer, writeTokenizerFiles, tokenizerSourceDir } from '@/lib/nlp/tokenizers';
import { exportedModelDirs } from './modelDirs';

// Reference ids of the original Hugging Face tokenizers (bert-base-uncased, roberta-base).
const REFERENCE: Record<'bert' | 'roberta', [string, number[]][]> = {
  bert: [
    ['Hello world', [101, 7592, 2088, 102]],
    ['Hello, my dog is cute', [101, 7592, 1010, 2026, 3899, 2003, 10140, 102]],
  ],
  roberta: [
    ['Hello world', [0, 31414, 232, 2]],
    [' Hello world', [0, 20920, 232, 2]],
    ['Hello, my dog is cute', [0, 31414, 6, 127, 2335, 16, 11962, 2]],
  ],
};

describe.each(['bert', 'roberta'] as const)('%s tokenizer', (kind) => {
  const dirs = exportedModelDirs(kind);

  it('has an exported model folder', () => {
    expect(dirs.length).toBeGreaterThan(0);
  });

  it.each(dirs)('produces the reference ids (%s)', async (dir) => {
    const tok = await loadTokenizer(dir);
    for (const [text, ids] of REFERENCE[kind]) expect(tok.encode(text)).toEqual(ids);
  });

  it.each(dirs)('truncates like the training data: first max_length ids, special tokens included (%s)', async (dir) => {
    const tok = await loadTokenizer(dir);
    const cfg = JSON.parse(fs.readFileSync(path.join(dir, 'tokenizer_config.json'), 'utf8'));
    const long = 'washable cotton baby romper '.repeat(100);
    const full = tok.encode(long);
    const enc = tok(long, { truncation: true, max_length: cfg.model_max_length });
    const ids = Array.from(enc.input_ids.data as BigInt64Array, Number);
    expect(ids).toEqual(full.slice(0, cfg.model_max_length));
  });

  it('is regenerated identically from the shared tokenizer files', () => {
    const src = tokenizerSourceDir(kind);
    if (!fs.existsSync(src) || dirs.length === 0) return; // shared files absent on this machine
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `tok-${kind}-`));
    writeTokenizerFiles(kind, tmp);
    const built = JSON.parse(fs.readFileSync(path.join(tmp, 'tokenizer.json'), 'utf8'));
    const exported = JSON.parse(fs.readFileSync(path.join(dirs[0], 'tokenizer.json'), 'utf8'));
    expect(exported).toEqual(built);
    fs.rmSync(tmp, { recursive: true, force: true });
  });
});
