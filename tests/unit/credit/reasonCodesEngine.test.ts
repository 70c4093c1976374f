import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Papa from 'papaparse';
import { scoreCsvFile } from '@/lib/credit/batchScoring';
import { type CreditEngine, getCreditEngine } from '@/lib/credit/engine';
import { isProtectedField } from '@/lib/credit/fields';
import { creditModelDir } from '@/lib/credit/paths';
import { reasonCode } from '@/lib/credit/reasonCodes';
import type { Explanation, RawApplication } from '@/lib/credit/types';
import { getHomeCreditStore } from '@/lib/data/homeCreditStore';
import { TEST_HEADER } from '@/lib/data/homeCreditSchema';

/**
 * Reason codes on real stored clients, through the engine the pages, the API and the CLI use: every
 * reason carries the code of its field and direction, and no protected attribute is ever a reason —
 * whether the model has protected inputs (the model trained before they were dropped) or not (run
 * with CREDIT_MODEL_DIR pointing at such a model). Skipped, with a note, without a model.
 */

jest.setTimeout(240_000);

const hasModel = fs.existsSync(path.join(creditModelDir(), 'metadata.json'));
const maybe = hasModel ? describe : describe.skip;
if (!hasModel) console.warn(`tests/unit/credit/reasonCodesEngine.test.ts skipped: no credit model in ${creditModelDir()}`);

function expectCoded(e: Explanation, top: number): void {
  for (const [direction, reasons] of [
    ['refusal', e.reasons.towardsRefusal],
    ['acceptance', e.reasons.towardsAcceptance],
  ] as const) {
    expect(reasons.length).toBeLessThanOrEqual(top);
    for (const r of reasons) {
      expect(isProtectedField(r.field)).toBe(false);
      expect(r.code).toBe(reasonCode(r.field, direction).code);
      expect(r.code).toMatch(direction === 'refusal' ? /^R\d{2}$/ : /^A\d{2}$/);
      expect(Math.sign(r.contribution)).toBe(direction === 'refusal' ? 1 : -1);
    }
  }
  // The principal reasons: towards the decision, up to four.
  const principal = e.decision === 'refuse' ? e.reasons.towardsRefusal : e.reasons.towardsAcceptance;
  expect(principal.length).toBeGreaterThan(0);
}

maybe('reason codes on stored clients', () => {
  let engine: CreditEngine;
  const store = getHomeCreditStore();

  beforeAll(async () => {
    engine = await getCreditEngine();
  });

  test('every non-protected group of the model has a code in both directions', async () => {
    const groups = engine.model.index.groups;
    expect(groups.length).toBeGreaterThan(50);
    for (const g of groups) {
      if (isProtectedField(g)) continue;
      expect(reasonCode(g, 'refusal').fields).toContain(g);
      expect(reasonCode(g, 'acceptance').fields).toContain(g);
    }
  });

  test('stored clients (historical and new, fr and en): coded reasons, never a protected attribute', async () => {
    const ids = [
      ...Array.from({ length: 40 }, (_, i) => store.train.ids[i * 1571]),
      ...Array.from({ length: 40 }, (_, i) => store.test.ids[i * 1213]),
    ];
    let refused = 0;
    for (const id of ids) {
      for (const lang of ['fr', 'en'] as const) {
        const e = await engine.explainStored(id, { lang, top: 4 });
        expect(e).toBeDefined();
        expectCoded(e as Explanation, 4);
        if (lang === 'fr' && e?.decision === 'refuse') refused++;
      }
    }
    expect(refused).toBeGreaterThan(0);
    // A larger top still never reaches a protected attribute.
    const wide = await engine.explainStored(ids[0], { lang: 'fr', top: 50 });
    expectCoded(wide as Explanation, 50);
  });

  test('a raw application is explained with codes too', async () => {
    const app = {
      AMT_CREDIT: 900000,
      AMT_ANNUITY: 60000,
      AMT_INCOME_TOTAL: 90000,
      EXT_SOURCE_2: 0.1,
      DAYS_BIRTH: -8000,
      CODE_GENDER: 'M',
    } as RawApplication;
    const e = await engine.explainApplication(app, { lang: 'fr' });
    expectCoded(e, 4);
  });

  test('the CLI batch writes each reason cell led by its code, towards the decision', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reason-codes-'));
    try {
      const ids = Array.from(store.test.ids.subarray(200, 240));
      const rows = ids.map((id) => {
        const record: Record<string, unknown> = { SK_ID_CURR: id, ...store.get(id)?.fields };
        return TEST_HEADER.map((h) => (record[h] === null || record[h] === undefined ? '' : String(record[h])));
      });
      const input = path.join(dir, 'in.csv');
      const output = path.join(dir, 'out.csv');
      fs.writeFileSync(input, `${Papa.unparse([TEST_HEADER as string[], ...rows], { newline: '\n' })}\n`);
      const summary = await scoreCsvFile(engine.model, engine.populationStats(), { input, output, reasons: 4, lang: 'en' });
      expect(summary.scored).toBe(ids.length);
      const out = Papa.parse<string[]>(fs.readFileSync(output, 'utf8').trim(), { delimiter: ',' }).data;
      expect(out[0]).toEqual(['SK_ID_CURR', 'probability', 'decision', 'reason_1', 'reason_2', 'reason_3', 'reason_4']);
      for (const r of out.slice(1)) {
        expect(r[3]).toMatch(r[2] === 'refuse' ? /^R\d{2} — \S/ : /^A\d{2} — \S/);
        for (const cell of r.slice(3).filter((c) => c !== '')) expect(cell).toMatch(/^[RA]\d{2} — /);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
