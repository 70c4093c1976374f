import type { z } from 'zod';
import type { CreditEngine } from '../../credit/engine';
import type { Explanation, FieldError, RawApplication, Score } from '../../credit/types';
import { parseApplication } from '../../credit/validation';
import { getHomeCreditStore } from '../../data/homeCreditStore';
import { creditEngine } from '../creditEngine';
import { ApiError, notFound, validationFailed } from '../errors';
import { jsonBodyResponse, responseCache } from '../responseCache';
import type { RawApplicationInput } from '../schemas/applicationFields';
import type { modelRefSchema } from '../schemas/credit';
import { MAX_EXPLAINED_APPLICATIONS, type scoreResponseSchema, type storedExplanationSchema, type storedScoreSchema } from '../schemas/scoring';

/** Scores and explanations through the credit engine, shaped as the API's schemas. */

type ModelRef = z.output<typeof modelRefSchema>;
type Lang = 'fr' | 'en';

export function modelRef(engine: CreditEngine): ModelRef {
  const { name, version } = engine.model.bundle.metadata;
  return { name, version };
}

/** 404 unless the store has this id (checked before the model is needed). */
export function assertStored(id: number): void {
  if (!getHomeCreditStore().locate(id)) throw notFound(`No stored application has SK_ID_CURR ${id}.`);
}

const scoreFields = (s: Score) => ({ probability: s.probability, threshold: s.threshold, decision: s.decision, margin: s.margin });

/** The explanation cut to the `top` largest contributions (the rest summed) and `top` reasons per side. */
export function explanationBody(e: Explanation, top: number) {
  let otherContributions = 0;
  for (let i = top; i < e.contributions.length; i++) otherContributions += e.contributions[i].contribution;
  return {
    baseValue: e.baseValue,
    contributions: e.contributions.slice(0, top),
    otherContributions,
    reasons: { towardsRefusal: e.reasons.towardsRefusal.slice(0, top), towardsAcceptance: e.reasons.towardsAcceptance.slice(0, top) },
  };
}

export async function storedScore(id: number): Promise<z.output<typeof storedScoreSchema>> {
  assertStored(id);
  const engine = await creditEngine();
  const s = await engine.scoreStored(id);
  if (!s) throw notFound(`No stored application has SK_ID_CURR ${id}.`);
  return { id, ...scoreFields(s), model: modelRef(engine) };
}

export async function storedExplanation(id: number, top: number, lang: Lang): Promise<z.output<typeof storedExplanationSchema>> {
  assertStored(id);
  const engine = await creditEngine();
  const e = await engine.explainStored(id, { lang, top });
  if (!e) throw notFound(`No stored application has SK_ID_CURR ${id}.`);
  return { id, ...scoreFields(e), ...explanationBody(e, top), lang, model: modelRef(engine) };
}

/**
 * The same, as a response whose body is kept in the response cache: a stored client's explanation
 * depends only on (id, top, lang) and the model, none of which changes while the process runs.
 */
export async function storedExplanationResponse(id: number, top: number, lang: Lang): Promise<Response> {
  const cache = responseCache();
  const key = `explanation|${state.modelVersion ?? ''}|${id}|${top}|${lang}`;
  const cached = state.modelVersion !== undefined ? cache?.get(key) : undefined;
  if (cached !== undefined) return jsonBodyResponse(cached);
  const body = await storedExplanation(id, top, lang);
  state.modelVersion = body.model.version;
  const text = JSON.stringify(body);
  cache?.set(`explanation|${body.model.version}|${id}|${top}|${lang}`, text);
  return jsonBodyResponse(text);
}

const state: { modelVersion?: string } = {};

/**
 * The engine's own validation boundary, after the API schema: converts each item to the engine's
 * RawApplication (SK_ID_CURR dropped) and reports anything it refuses with the item's path.
 */
export function toEngineApplications(items: readonly RawApplicationInput[], single: boolean): RawApplication[] {
  const apps: RawApplication[] = [];
  const errors: FieldError[] = [];
  items.forEach((item, i) => {
    const parsed = parseApplication(item, { pathPrefix: single ? '' : `[${i}]` });
    if (parsed.ok) apps.push(parsed.application);
    else errors.push(...parsed.errors);
  });
  if (errors.length > 0) throw validationFailed(errors);
  return apps;
}

const CHUNK = 250;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface ScoreOptions {
  readonly top: number;
  readonly lang: Lang;
  readonly explain: boolean;
}

/** Scores (and explains) raw applications, in chunks that let other requests through between them. */
export async function scoreRawApplications(body: RawApplicationInput | readonly RawApplicationInput[], options: ScoreOptions): Promise<z.output<typeof scoreResponseSchema>> {
  const single = !Array.isArray(body);
  const items: readonly RawApplicationInput[] = single ? [body as RawApplicationInput] : (body as readonly RawApplicationInput[]);
  if (options.explain && items.length > MAX_EXPLAINED_APPLICATIONS) {
    throw new ApiError('invalid-parameters', `Explanations are limited to ${MAX_EXPLAINED_APPLICATIONS} applications per request; send explain=false or split the batch.`, [
      { path: 'query.explain', message: `must be false for more than ${MAX_EXPLAINED_APPLICATIONS} applications` },
    ]);
  }
  const apps = toEngineApplications(items, single);
  const engine = await creditEngine();
  const results: z.output<typeof scoreResponseSchema>['results'] = [];
  for (let start = 0; start < apps.length; start += CHUNK) {
    if (start > 0) await yieldToEventLoop();
    const chunk = apps.slice(start, start + CHUNK);
    const idOf = (k: number) => items[start + k].SK_ID_CURR ?? null;
    if (options.explain) {
      const explanations = await engine.explainApplications(chunk, { lang: options.lang, top: options.top });
      explanations.forEach((e, k) => results.push({ index: start + k, id: idOf(k), ...scoreFields(e), explanation: explanationBody(e, options.top) }));
    } else {
      const scores = await engine.scoreApplications(chunk);
      scores.forEach((s, k) => results.push({ index: start + k, id: idOf(k), ...scoreFields(s) }));
    }
  }
  return { model: modelRef(engine), lang: options.lang, results };
}
