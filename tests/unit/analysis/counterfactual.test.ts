import { ACTIONS, type BatchScorer, MAX_DECREASE, nearestCounterfactual } from '@/lib/analysis/counterfactual';
import { applyChanges, whatIf } from '@/lib/analysis/whatIf';
import type { Explanation, RawApplication } from '@/lib/credit/types';
import { getHomeCreditStore } from '@/lib/data/homeCreditStore';

const store = getHomeCreditStore();
/** A real application: client 100002 (credit 406,597.5, annuity 24,700.5, goods 351,000, income 202,500). */
const app = store.get(100002)!.fields as RawApplication;
const num = (a: RawApplication, f: string) => a[f] as number;

/**
 * A transparent, monotone stand-in for the model: risk grows with the debt burden
 * (annuity / income) and the credit / income ratio. Enough to check the search exactly.
 */
const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const risk = (a: RawApplication) =>
  sigmoid(-4 + 8 * (num(a, 'AMT_ANNUITY') / num(a, 'AMT_INCOME_TOTAL')) + 0.4 * (num(a, 'AMT_CREDIT') / num(a, 'AMT_INCOME_TOTAL')));
const scorer: BatchScorer = async (apps) => apps.map((a) => ({ probability: risk(a) }));

describe('nearest counterfactual search (monotone stand-in model on a real application)', () => {
  const p0 = risk(app); // ≈ 0.098 for client 100002 (z = −4 + 8 × 0.122 + 0.4 × 2.008)

  test('an accepted application needs no change', async () => {
    const r = await nearestCounterfactual(app, scorer, p0 + 0.01);
    expect(r.status).toBe('accepted');
    expect(r.options).toHaveLength(0);
  });

  test('finds the smallest credit reduction that flips the decision, rounded to a readable amount that still flips', async () => {
    const threshold = p0 - 0.004;
    const r = await nearestCounterfactual(app, scorer, threshold, { actions: ['credit'] });
    expect(r.status).toBe('found');
    const change = r.best!.changes[0];
    expect(change.field).toBe('AMT_CREDIT');
    expect(change.from).toBe(406597.5);
    expect(change.to % 1000).toBe(0); // rounded down to the thousand
    expect(r.best!.probability).toBeLessThan(threshold);
    expect(risk(applyChanges(app, { AMT_CREDIT: change.to }))).toBeLessThan(threshold);
    // Minimal up to the search's resolution (bound / 128) plus rounding: a bit less reduction does not flip.
    const lessReduction = change.to + (MAX_DECREASE / 128) * change.from + 1000;
    expect(risk(applyChanges(app, { AMT_CREDIT: lessReduction }))).toBeGreaterThanOrEqual(threshold);
  });

  test('all actions: options sorted by size, each flips, the best is the smallest', async () => {
    const threshold = p0 - 0.01;
    const r = await nearestCounterfactual(app, scorer, threshold);
    expect(r.status).toBe('found');
    expect(r.options.length).toBeGreaterThan(1);
    for (let i = 1; i < r.options.length; i++) expect(r.options[i].size).toBeGreaterThanOrEqual(r.options[i - 1].size);
    for (const o of r.options) {
      const changed = applyChanges(app, Object.fromEntries(o.changes.map((c) => [c.field, c.to])));
      expect(risk(changed)).toBeLessThan(threshold);
      for (const c of o.changes) expect(Math.abs(c.relative)).toBeLessThanOrEqual(1.0001);
    }
    expect(r.best).toEqual(r.options[0]);
    // Decreases go down, the income goes up.
    const income = r.options.find((o) => o.actions.join() === 'income');
    expect(income?.changes[0].to).toBeGreaterThan(202500);
    expect(r.evaluations).toBeLessThan(250);
  });

  test('says so when no plausible change is enough', async () => {
    const r = await nearestCounterfactual(app, scorer, 0.001);
    expect(r.status).toBe('none');
    expect(r.best).toBeUndefined();
  });

  test('skips actions whose fields are missing (no annuity)', async () => {
    const noAnnuity = { ...app, AMT_ANNUITY: null } as RawApplication;
    const seen: RawApplication[] = [];
    const recording: BatchScorer = async (apps) => {
      seen.push(...apps);
      return apps.map(() => ({ probability: 0.5 }));
    };
    await nearestCounterfactual(noAnnuity, recording, 0.1);
    expect(seen.every((a) => a.AMT_ANNUITY === null)).toBe(true);
    expect(ACTIONS.map((a) => a.id)).toEqual(['credit', 'annuity', 'goods', 'loanSize', 'income']);
  });
});

describe('what-if', () => {
  const explanation = (a: RawApplication): Explanation => {
    const p = risk(a);
    const burden = 8 * (num(a, 'AMT_ANNUITY') / num(a, 'AMT_INCOME_TOTAL'));
    const ratio = 0.4 * (num(a, 'AMT_CREDIT') / num(a, 'AMT_INCOME_TOTAL'));
    return {
      margin: -4 + burden + ratio,
      probability: p,
      threshold: 0.09,
      decision: p >= 0.09 ? 'refuse' : 'accept',
      baseValue: -4,
      contributions: [
        { field: 'ANNUITY_INCOME_RATIO', value: null, contribution: burden },
        { field: 'CREDIT_INCOME_RATIO', value: null, contribution: ratio },
      ],
      reasons: { towardsRefusal: [], towardsAcceptance: [] },
    };
  };

  test('recomputes the explanation of the edited application and reports the differences', async () => {
    const out = await whatIf(app, { AMT_INCOME_TOTAL: 405000 }, async (apps) => apps.map(explanation));
    expect(out.before.probability).toBeCloseTo(risk(app), 10);
    expect(out.after.probability).toBeLessThan(out.before.probability);
    expect(out.probabilityDelta).toBeCloseTo(out.after.probability - out.before.probability, 12);
    expect(out.decisionChanged).toBe(true);
    expect(out.contributionChanges.map((c) => c.field)).toEqual(['ANNUITY_INCOME_RATIO', 'CREDIT_INCOME_RATIO']);
    expect(out.contributionChanges[0].delta).toBeCloseTo((-8 * (24700.5 / 202500)) / 2, 10);
  });
});
