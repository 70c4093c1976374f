import type { Locale } from '../../i18n/intl';
import type { z } from 'zod';
import { noticeFor } from '../../decisions/notice';
import { type Actor, DecisionRuleError, recordDecision } from '../../decisions/recordDecision';
import type { DecisionRecord } from '../../store/decisionLog';
import { getDecision, listDecisions } from '../../store/decisionLog';
import { AlreadyReviewedError, IdempotencyConflictError, StoreUnavailableError } from '../../store/errors';
import { sharedStore } from '../../store/sharedStore';
import type { Caller } from '../auth';
import { requireCreditEngine } from '../creditEngine';
import { ApiError, notFound } from '../errors';
import { API_OPERATIONS } from '../operations';
import { checkAborted } from '../work';
import type { decisionListQuerySchema, decisionListSchema, decisionRecordSchema, decisionRequestSchema, noticeSchema } from '../schemas/decisions';

/**
 * The decision routes: record a decision (API key with the `decide` scope; the key's label is the
 * actor), read the audit trail, and the applicant's notice. Store failures become problems: the
 * database unreachable → 503 with Retry-After, an Idempotency-Key reused for another request → 409.
 */

const RETRY_AFTER_SECONDS = '5';

async function withStore<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof StoreUnavailableError) {
      throw new ApiError('service-unavailable', 'The decision store is unavailable; retry shortly.', undefined, {
        'retry-after': RETRY_AFTER_SECONDS,
      });
    }
    if (err instanceof IdempotencyConflictError) {
      throw new ApiError('conflict', 'This Idempotency-Key was already used with a different request.', [
        { path: 'header.idempotency-key', message: 'already used with another body' },
      ]);
    }
    if (err instanceof AlreadyReviewedError) {
      throw new ApiError('conflict', `This escalation was already reviewed (record ${err.reviewedBy}).`, [
        { path: 'reviewOf', message: 'already reviewed' },
      ]);
    }
    if (err instanceof DecisionRuleError) {
      if (err.kind === 'not-found') throw notFound(err.message);
      if (err.kind === 'stale-model') throw new ApiError('conflict', err.message, [{ path: err.field, message: 'stale model version' }]);
      if (err.kind === 'forbidden') throw new ApiError('forbidden', err.message);
      throw new ApiError('validation-failed', err.message, [{ path: err.field, message: err.message }]);
    }
    throw err;
  }
}

export function recordBody(r: DecisionRecord): z.output<typeof decisionRecordSchema> {
  return {
    id: r.id,
    seq: r.seq,
    createdAt: r.createdAt,
    actor: { id: r.actorId, role: r.actorRole },
    applicationId: r.applicationId,
    inputHash: r.inputHash,
    model: { name: r.modelName, version: r.modelVersion },
    probability: r.probability,
    threshold: r.threshold,
    recommendation: r.recommendation,
    decision: r.decision,
    override: r.override,
    overrideReasons: [...r.overrideReasons],
    justification: r.justification,
    principalReasons: r.principalReasons.map((p) => ({ code: p.code, field: p.field })),
    refersTo: r.refersTo,
    prevHash: r.prevHash,
    hash: r.hash,
  };
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,128}$/;

/** POST /api/v1/applications/{id}/decisions → 201 with the record (the first record again for a retried request). */
export async function postDecision(id: number, body: z.output<typeof decisionRequestSchema>, caller: Caller, request: Request): Promise<Response> {
  const key = request.headers.get('idempotency-key');
  if (key !== null && !IDEMPOTENCY_KEY.test(key)) {
    throw new ApiError('invalid-parameters', 'Idempotency-Key must be 1 to 128 visible ASCII characters.', [
      { path: 'header.idempotency-key', message: 'invalid' },
    ]);
  }
  const actor: Actor = { id: caller.id, role: 'api-key' };
  const engine = await requireCreditEngine();
  const { record, replayed } = await withStore(async () =>
    recordDecision(engine, await sharedStore(), { ...body, applicationId: id }, actor, key ?? undefined),
  );
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    location: API_OPERATIONS.getDecision.path.replace('{id}', String(record.id)),
  };
  if (replayed) headers['idempotent-replayed'] = 'true';
  return new Response(JSON.stringify(recordBody(record)), { status: 201, headers });
}

export async function decisionList(query: z.output<typeof decisionListQuerySchema>): Promise<z.output<typeof decisionListSchema>> {
  const page = await withStore(async () =>
    listDecisions(await sharedStore(), {
      applicationId: query.applicationId,
      actorId: query.actor,
      override: query.override,
      decision: query.decision,
      from: query.from,
      to: query.to,
      beforeSeq: query.cursor === undefined ? undefined : Number(query.cursor),
      limit: query.limit,
    }),
  );
  return { items: page.items.map(recordBody), nextCursor: page.nextBeforeSeq === null ? null : String(page.nextBeforeSeq) };
}

async function storedRecord(id: string): Promise<DecisionRecord> {
  const record = await withStore(async () => getDecision(await sharedStore(), id));
  if (!record) throw notFound(`No decision has id ${id}.`);
  return record;
}

export async function decisionById(id: string): Promise<z.output<typeof decisionRecordSchema>> {
  return recordBody(await storedRecord(id));
}

export async function decisionNotice(id: string, lang: Locale, signal?: AbortSignal): Promise<z.output<typeof noticeSchema>> {
  const engine = await requireCreditEngine();
  const n = await withStore(async () => noticeFor(engine, await sharedStore(), id, lang, () => checkAborted(signal)));
  if (!n) throw notFound(`No decision has id ${id}.`);
  return {
    reference: n.reference,
    lang: n.lang,
    date: n.date,
    applicationId: n.applicationId,
    decision: n.decision,
    title: n.title,
    outcome: n.outcome,
    reasons: n.reasons.map((r) => ({ ...r })),
    whatCouldChange: n.whatCouldChange,
    humanReview: n.humanReview,
    model: { ...n.model },
  };
}
