import { ClientCacheKind, type CreditEngine } from '../credit/engine';
import type { RawApplication } from '../credit/types';
import { isAccepted } from '../credit/decisionRule';
import { actionability } from '../credit/fields';

/**
 * Nearest counterfactual: the smallest change to the fields a client can act on that turns a
 * refusal into an acceptance (calibrated probability below the threshold), searched by the
 * server with the real model through an injected batch scorer.
 *
 * Actions (each with a plausible bound): borrow less (credit ↓), lower instalments (annuity ↓),
 * a cheaper good (goods price ↓), a smaller loan overall (credit, annuity and goods price ↓ by
 * the same proportion), a higher declared income (income ↑, e.g. a co-borrower). Each action's
 * size is its relative change; a combined option's size is the sum of its actions' sizes.
 *
 * Search: for every action a grid of relative changes in (0, bound] is scored in one batch; the
 * first grid step that flips the decision is refined on a finer grid between it and the step
 * before; the new amount is rounded to a readable figure in the favourable direction and checked
 * again. A small 2-D grid combines "borrow less" with "higher income". The model is a tree
 * ensemble, not necessarily monotone: the answer is the smallest flip found on these grids
 * (the grids are fine enough — 1/128 of the bound — for a conversation with the client).
 */

export type BatchScorer = (apps: readonly RawApplication[]) => Promise<readonly { readonly probability: number }[]>;

export type ActionId = 'credit' | 'annuity' | 'goods' | 'loanSize' | 'income';

interface Action {
  readonly id: ActionId;
  readonly fields: readonly string[];
  /** −1: the fields decrease; +1: they increase. */
  readonly direction: -1 | 1;
  /** Largest relative change explored (0.5 = 50 %). */
  readonly bound: number;
  /** Rounding unit of the new amounts (in the favourable direction). */
  readonly unit: number;
}

export const MAX_DECREASE = 0.5;
export const MAX_INCREASE = 1.0;

export const ACTIONS: readonly Action[] = [
  { id: 'credit', fields: ['AMT_CREDIT'], direction: -1, bound: MAX_DECREASE, unit: 1000 },
  { id: 'annuity', fields: ['AMT_ANNUITY'], direction: -1, bound: MAX_DECREASE, unit: 100 },
  { id: 'goods', fields: ['AMT_GOODS_PRICE'], direction: -1, bound: MAX_DECREASE, unit: 1000 },
  { id: 'loanSize', fields: ['AMT_CREDIT', 'AMT_ANNUITY', 'AMT_GOODS_PRICE'], direction: -1, bound: MAX_DECREASE, unit: 1000 },
  { id: 'income', fields: ['AMT_INCOME_TOTAL'], direction: 1, bound: MAX_INCREASE, unit: 1000 },
];
// A counterfactual only advises what a client can change now (the field registry's `now` fields).
for (const a of ACTIONS) {
  for (const f of a.fields)
    if (actionability(f) !== 'now') throw new Error(`counterfactual action ${a.id}: ${f} is not actionable now (lib/credit/fields.ts)`);
}

export interface CounterfactualChange {
  readonly field: string;
  readonly from: number;
  readonly to: number;
  /** (to − from) / from. */
  readonly relative: number;
}

export interface CounterfactualOption {
  readonly actions: readonly ActionId[];
  readonly changes: readonly CounterfactualChange[];
  /** Sum of the actions' relative sizes (0.24 = a 24 % change). */
  readonly size: number;
  /** Calibrated probability after the change (below the threshold). */
  readonly probability: number;
}

export interface CounterfactualResult {
  readonly status: 'accepted' | 'found' | 'none';
  readonly probability: number;
  readonly threshold: number;
  /** The smallest option found (absent when accepted or none). */
  readonly best?: CounterfactualOption;
  /** Every flipping option found, smallest first (one per single action, plus the best combination). */
  readonly options: readonly CounterfactualOption[];
  readonly bounds: { readonly maxDecrease: number; readonly maxIncrease: number };
  /** Applications scored during the search. */
  readonly evaluations: number;
}

const GRID = 16;
const REFINE = 8;

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : NaN);

function applicable(app: RawApplication, action: Action): boolean {
  return action.fields.every((f) => num(app[f]) > 0);
}

/** New amount of `field` after a relative change r of the action (rounded when `round`). */
function moved(app: RawApplication, action: Action, field: string, r: number, round: boolean): number {
  const from = num(app[field]);
  const raw = from * (1 + action.direction * r);
  if (!round) return raw;
  const unit = field === 'AMT_ANNUITY' ? 100 : action.unit;
  // Favourable direction: down for decreases, up for increases.
  return action.direction < 0 ? Math.floor(raw / unit) * unit : Math.ceil(raw / unit) * unit;
}

function applyAction(app: RawApplication, action: Action, r: number, round = false): Record<string, RawApplication[string]> {
  const out: Record<string, RawApplication[string]> = { ...app };
  for (const f of action.fields) out[f] = moved(app, action, f, r, round);
  return out;
}

function changesOf(app: RawApplication, modified: RawApplication, fields: readonly string[]): CounterfactualChange[] {
  return fields.map((field) => {
    const from = num(app[field]);
    const to = num(modified[field]);
    return { field, from, to, relative: (to - from) / from };
  });
}

function sizeOf(changes: readonly CounterfactualChange[], actions: readonly Action[]): number {
  // One size per action: the largest relative change among its fields.
  return actions.reduce((total, a) => total + Math.max(...changes.filter((c) => a.fields.includes(c.field)).map((c) => Math.abs(c.relative))), 0);
}

export async function nearestCounterfactual(
  app: RawApplication,
  score: BatchScorer,
  threshold: number,
  options: { readonly actions?: readonly ActionId[] } = {},
): Promise<CounterfactualResult> {
  let evaluations = 0;
  const scoreAll = async (apps: RawApplication[]): Promise<number[]> => {
    if (apps.length === 0) return [];
    evaluations += apps.length;
    return (await score(apps)).map((s) => s.probability);
  };
  const bounds = { maxDecrease: MAX_DECREASE, maxIncrease: MAX_INCREASE };
  const [probability] = await scoreAll([app]);
  if (isAccepted(probability, threshold)) return { status: 'accepted', probability, threshold, options: [], bounds, evaluations };

  const actions = ACTIONS.filter((a) => (options.actions ? options.actions.includes(a.id) : true) && applicable(app, a));
  const flips = (p: number) => isAccepted(p, threshold);

  // 1. Coarse grid of every action, plus the 2-D "borrow less × higher income" grid, in one batch.
  const credit = actions.find((a) => a.id === 'credit');
  const income = actions.find((a) => a.id === 'income');
  const coarse: RawApplication[] = [];
  for (const a of actions) for (let k = 1; k <= GRID; k++) coarse.push(applyAction(app, a, (a.bound * k) / GRID));
  const pairs: { rc: number; ri: number }[] = [];
  if (credit && income) {
    for (let i = 1; i <= 5; i++) for (let j = 1; j <= 5; j++) pairs.push({ rc: (credit.bound * i) / 5, ri: (income.bound * j) / 5 });
    for (const { rc, ri } of pairs) coarse.push(applyAction(applyAction(app, credit, rc), income, ri));
  }
  const pc = await scoreAll(coarse);

  // 2. Refine each action between the last non-flipping and the first flipping grid step.
  const firstFlip = actions.map((_, ai) => {
    for (let k = 1; k <= GRID; k++) if (flips(pc[ai * GRID + k - 1])) return k;
    return -1;
  });
  const fine: RawApplication[] = [];
  const fineR: number[][] = actions.map(() => []);
  actions.forEach((a, ai) => {
    const k = firstFlip[ai];
    if (k < 0) return;
    const lo = (a.bound * (k - 1)) / GRID;
    const hi = (a.bound * k) / GRID;
    for (let s = 1; s < REFINE; s++) {
      const r = lo + ((hi - lo) * s) / REFINE;
      fineR[ai].push(r);
      fine.push(applyAction(app, a, r));
    }
  });
  const pf = await scoreAll(fine);

  // 3. Smallest flipping r per action, then rounded amounts, checked again.
  let offset = 0;
  const candidates: { action: Action; r: number }[] = [];
  actions.forEach((a, ai) => {
    const k = firstFlip[ai];
    if (k < 0) return;
    let r = (a.bound * k) / GRID;
    for (let s = 0; s < fineR[ai].length; s++) {
      if (flips(pf[offset + s])) {
        r = fineR[ai][s];
        break;
      }
    }
    offset += fineR[ai].length;
    candidates.push({ action: a, r });
  });
  const rounded = candidates.map((c) => applyAction(app, c.action, c.r, true));
  const pr = await scoreAll(rounded);
  const found: CounterfactualOption[] = [];
  candidates.forEach((c, i) => {
    // Keep the rounded figure when it still flips, else the exact one found by the search.
    const modified = flips(pr[i]) ? rounded[i] : applyAction(app, c.action, c.r);
    const p = flips(pr[i]) ? pr[i] : Number.NaN;
    const changes = changesOf(app, modified, c.action.fields);
    found.push({
      actions: [c.action.id],
      changes,
      size: sizeOf(changes, [c.action]),
      probability: Number.isNaN(p) ? probabilityAt(c, pf, pc, actions, fineR) : p,
    });
  });

  // 4. The best 2-D combination, kept only when smaller than every single action.
  if (credit && income) {
    const base = actions.length * GRID;
    let best: { rc: number; ri: number; p: number } | undefined;
    pairs.forEach((pair, i) => {
      const p = pc[base + i];
      if (flips(p) && (!best || pair.rc + pair.ri < best.rc + best.ri)) best = { ...pair, p };
    });
    const smallestSingle = Math.min(Infinity, ...found.map((o) => o.size));
    if (best && best.rc + best.ri < smallestSingle) {
      const modified = applyAction(applyAction(app, credit, best.rc), income, best.ri);
      const changes = changesOf(app, modified, ['AMT_CREDIT', 'AMT_INCOME_TOTAL']);
      found.push({ actions: ['credit', 'income'], changes, size: sizeOf(changes, [credit, income]), probability: best.p });
    }
  }

  found.sort((a, b) => a.size - b.size);
  return found.length > 0
    ? { status: 'found', probability, threshold, best: found[0], options: found, bounds, evaluations }
    : { status: 'none', probability, threshold, options: [], bounds, evaluations };
}

/** Probability at the exact (unrounded) flipping point found for a candidate. */
function probabilityAt(
  c: { action: Action; r: number },
  pf: readonly number[],
  pc: readonly number[],
  actions: readonly Action[],
  fineR: readonly (readonly number[])[],
): number {
  const ai = actions.indexOf(c.action);
  let offset = 0;
  for (let i = 0; i < ai; i++) offset += fineR[i].length;
  const s = fineR[ai].indexOf(c.r);
  if (s >= 0) return pf[offset + s];
  const k = Math.round((c.r / c.action.bound) * GRID);
  return pc[ai * GRID + k - 1];
}

/** The engine's cache of stored clients' counterfactuals (a few hundred scores each): one per client and model. */
export const STORED_COUNTERFACTUALS = new ClientCacheKind<CounterfactualResult>('counterfactual', 2000);

/**
 * The nearest counterfactual of stored client `id` (its fields `app`), searched once per model and
 * kept by the engine; a historical loan's edits are scored by the fold model that produced its
 * served (out-of-fold) score. `beforeRound` runs before each scoring round (the API stops the
 * search there when its client has gone); a search stopped that way is not kept.
 */
export async function storedCounterfactual(
  engine: CreditEngine,
  id: number,
  app: RawApplication,
  beforeRound?: () => void,
): Promise<CounterfactualResult> {
  const cache = engine.clientCache(STORED_COUNTERFACTUALS);
  const cached = cache.get(id);
  if (cached) return cached;
  const fold = engine.storedFold(id);
  const result = await nearestCounterfactual(
    app,
    (apps) => {
      beforeRound?.();
      return engine.scoreApplications(apps, fold);
    },
    engine.model.threshold,
  );
  cache.set(id, result);
  return result;
}
