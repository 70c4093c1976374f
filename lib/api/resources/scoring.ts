import type { Locale } from '../../i18n/intl';
import type { z } from 'zod';
import type { CreditEngine } from '../../credit/engine';
import { principalReasons } from '../../credit/explanation';
import type { Explanation, RawApplication, Score } from '../../credit/types';
import type { RawValue } from '../../data/columnarTable';
import { ID_FIELD } from '../../data/homeCreditSchema';
import { getHomeCreditStore } from '../../data/homeCreditStore';
import { requireCreditEngine } from '../creditEngine';
import { ApiError, notFound } from '../errors';
import { API_OPERATIONS } from '../operations';
import { jsonBodyResponse, responseCache } from '../responseCache';
import type { RawApplicationInput } from '../schemas/applicationFields';
import type { modelRefSchema } from '../schemas/credit';
import {
  MAX_CSV_APPLICATIONS,
  maxApplications,
  type scoreResponseSchema,
  type storedExplanationSchema,
  type storedScoreSchema,
  tooManyApplicationsDetail,
} from '../schemas/scoring';
import { logUnexpectedError } from '../accessLog';
import { isClientGone, WorkSlicer } from '../work';
import { qualityChecker } from '../../monitoring/quality';
import type { ApplicationQuality } from '../../monitoring/types';
import type { qualitySchema } from '../schemas/monitoring';

/** Scores and explanations through the credit engine, shaped as the API's schemas. */

type ModelRef = z.output<typeof modelRefSchema>;

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
    principalReasons: principalReasons(e),
  };
}

type QualityBody = z.output<typeof qualitySchema>;

/** The quality flags as the API serialises them. */
function qualityBody(q: ApplicationQuality): QualityBody {
  return {
    reliable: q.reliable,
    flags: q.flags.map((f) => ({ field: f.field, kind: f.kind, ...(f.range ? { range: [f.range[0], f.range[1]] as [number, number] } : {}) })),
  };
}

/** Input-quality flags of a stored application (lib/monitoring/quality). */
async function storedQuality(id: number): Promise<QualityBody> {
  const check = await qualityChecker();
  return qualityBody(check(getHomeCreditStore().get(id)?.fields ?? {}));
}

export async function storedScore(id: number): Promise<z.output<typeof storedScoreSchema>> {
  assertStored(id);
  const engine = await requireCreditEngine();
  const s = await engine.scoreStored(id);
  if (!s) throw notFound(`No stored application has SK_ID_CURR ${id}.`);
  return { id, ...scoreFields(s), scoreSource: s.scoreSource, fold: s.fold, quality: await storedQuality(id), model: modelRef(engine) };
}

export async function storedExplanation(id: number, top: number, lang: Locale): Promise<z.output<typeof storedExplanationSchema>> {
  assertStored(id);
  const engine = await requireCreditEngine();
  const e = await engine.explainStored(id, { lang, top });
  if (!e) throw notFound(`No stored application has SK_ID_CURR ${id}.`);
  return {
    id,
    ...scoreFields(e),
    ...explanationBody(e, top),
    scoreSource: e.scoreSource,
    fold: e.fold,
    quality: await storedQuality(id),
    lang,
    model: modelRef(engine),
  };
}

/**
 * The same, as a response whose body is kept in the response cache: a stored client's explanation
 * depends only on (id, top, lang) and the model, none of which changes while the process runs.
 */
export async function storedExplanationResponse(id: number, top: number, lang: Locale): Promise<Response> {
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
 * The engine's application for an item the API schema has validated (types, bounds, categories,
 * required fields): its fields without SK_ID_CURR. Converted a slice at a time, as it is scored.
 */
function engineApplication(item: RawApplicationInput): RawApplication {
  const out: Record<string, RawValue> = {};
  for (const key in item) {
    if (key === ID_FIELD) continue;
    const value = item[key];
    if (value !== undefined) out[key] = value;
  }
  return out as RawApplication;
}

/**
 * Work per slice: explained applications cost ≈ 0.15 ms each plus their JSON (≈ 3.7 kB at top = 5,
 * growing with top), so a slice holds about 160 explanation items (32 applications at top = 5, 4 at
 * top = 50); scores alone cost ≈ 0.02 ms each.
 */
const EXPLAIN_SLICE_ITEMS = 160;
const SCORE_CHUNK = 512;

export interface ScoreOptions {
  readonly top: number;
  readonly lang: Locale;
  readonly explain: boolean;
}

type ScoredApplication = z.output<typeof scoreResponseSchema>['results'][number];

function itemsOf(body: RawApplicationInput | readonly RawApplicationInput[]): readonly RawApplicationInput[] {
  return Array.isArray(body) ? (body as readonly RawApplicationInput[]) : [body as RawApplicationInput];
}

/** 413 when the request asks for more explanations than one request may (applications × top). */
function checkBudget(count: number, options: ScoreOptions): void {
  if (count > maxApplications(options, MAX_CSV_APPLICATIONS))
    throw new ApiError('payload-too-large', tooManyApplicationsDetail(options, MAX_CSV_APPLICATIONS));
}

/** The results, a slice at a time, yielding to other requests between slices and stopping when the client is gone. */
async function* scoredSlices(
  engine: CreditEngine,
  items: readonly RawApplicationInput[],
  options: ScoreOptions,
  signal: AbortSignal | undefined,
): AsyncGenerator<ScoredApplication[]> {
  const slicer = new WorkSlicer(signal);
  const quality = await qualityChecker();
  const size = options.explain ? Math.max(4, Math.floor(EXPLAIN_SLICE_ITEMS / options.top)) : SCORE_CHUNK;
  for (let start = 0; start < items.length; start += size) {
    await slicer.maybeYield();
    const chunk = items.slice(start, start + size).map(engineApplication);
    const idOf = (k: number) => items[start + k].SK_ID_CURR ?? null;
    if (options.explain) {
      const explanations = await engine.explainApplications(chunk, { lang: options.lang, top: options.top });
      yield explanations.map((e, k) => ({
        index: start + k,
        id: idOf(k),
        ...scoreFields(e),
        quality: qualityBody(quality(items[start + k])),
        explanation: explanationBody(e, options.top),
      }));
    } else {
      const scores = await engine.scoreApplications(chunk);
      yield scores.map((s, k) => ({ index: start + k, id: idOf(k), ...scoreFields(s), quality: qualityBody(quality(items[start + k])) }));
    }
  }
}

/** Scores (and explains) raw applications; the whole answer in memory (for callers inside the process). */
export async function scoreRawApplications(
  body: RawApplicationInput | readonly RawApplicationInput[],
  options: ScoreOptions,
  signal?: AbortSignal,
): Promise<z.output<typeof scoreResponseSchema>> {
  const items = itemsOf(body);
  checkBudget(items.length, options);
  const engine = await requireCreditEngine();
  const results: ScoredApplication[] = [];
  for await (const slice of scoredSlices(engine, items, options, signal)) results.push(...slice);
  return { model: modelRef(engine), lang: options.lang, results };
}

/**
 * The same answer as a streamed JSON document: the results are computed a slice at a time as the
 * client reads them (backpressure: a slow reader slows the work, it does not pile up in memory),
 * and the work stops when the client goes away. Everything that can fail with a problem (the
 * budget, validation, the model) is checked before the first byte.
 */
export async function scoreApplicationsResponse(
  body: RawApplicationInput | readonly RawApplicationInput[],
  options: ScoreOptions,
  work: { readonly signal: AbortSignal | undefined; readonly release: () => void },
): Promise<Response> {
  const items = itemsOf(body);
  checkBudget(items.length, options);
  const engine = await requireCreditEngine();
  const slices = scoredSlices(engine, items, options, work.signal);
  const encoder = new TextEncoder();
  let opened = false;
  let first = true;
  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (!opened) {
            opened = true;
            controller.enqueue(encoder.encode(`{"model":${JSON.stringify(modelRef(engine))},"lang":${JSON.stringify(options.lang)},"results":[`));
            return;
          }
          const next = await slices.next();
          if (next.done) {
            controller.enqueue(encoder.encode(']}'));
            controller.close();
            work.release();
            return;
          }
          const text = next.value.map((r) => JSON.stringify(r)).join(',');
          controller.enqueue(encoder.encode(first ? text : `,${text}`));
          first = false;
        } catch (err) {
          work.release();
          if (!isClientGone(err)) logUnexpectedError(err, `${API_OPERATIONS.scoreApplications.path} (streamed)`, 'stream');
          controller.error(err);
        }
      },
      async cancel() {
        work.release();
        await slices.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(stream, { status: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
}
