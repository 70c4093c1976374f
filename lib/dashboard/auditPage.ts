import { reasonCodeEntry } from '../credit/reasonCodes';
import { dictionary, type Locale } from '../i18n';
import { fill, normaliseSpaces, numberFormat } from '../i18n/intl';
import type { StoreConnection } from '../store/database';
import { formatUtcMinute } from './format';
import {
  actorStats,
  type ChainReport,
  DECISION_COLUMNS,
  type DecisionFilter,
  type DecisionRecord,
  listDecisions,
  pendingEscalations,
  verifyChain,
} from '../store/decisionLog';

/**
 * The supervisors' /audit page: the filtered decisions (newest first, a page at a time), the
 * override rate per actor and overall, the escalations waiting for a review, and the chain status
 * (the whole chain recomputed, at most every CHAIN_CHECK_MS per process).
 */

export interface AuditQuery {
  readonly from?: string;
  readonly to?: string;
  readonly actor?: string;
  readonly decision?: DecisionRecord['decision'];
  readonly override?: boolean;
  readonly cursor?: number;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The page's query string → a filter; anything malformed is ignored (the page shows what it applied). */
export function parseAuditQuery(q: Readonly<Record<string, string | string[] | undefined>>): AuditQuery {
  const one = (k: string) => (typeof q[k] === 'string' ? (q[k] as string).trim() : undefined);
  const decision = one('decision');
  const override = one('override');
  const cursor = one('cursor');
  return {
    from: one('from') && DATE.test(one('from') as string) ? `${one('from')}T00:00:00.000Z` : undefined,
    to: one('to') && DATE.test(one('to') as string) ? `${one('to')}T23:59:59.999Z` : undefined,
    actor: one('actor') && /^[\w:.@-]{1,80}$/.test(one('actor') as string) ? one('actor') : undefined,
    decision: decision === 'approve' || decision === 'refuse' || decision === 'escalate' ? decision : undefined,
    override: override === 'true' ? true : override === 'false' ? false : undefined,
    cursor: cursor && /^[1-9]\d{0,12}$/.test(cursor) ? Number(cursor) : undefined,
  };
}

export function auditFilter(q: AuditQuery): Omit<DecisionFilter, 'limit'> {
  return { from: q.from, to: q.to, actorId: q.actor, decision: q.decision, override: q.override, beforeSeq: q.cursor };
}

/** How often the page's chain check goes on with the records added since (ms), and re-verifies everything. */
const INCREMENTAL_CHECK_MS = 5_000;
const FULL_CHECK_MS = 10 * 60_000;

interface ChainState {
  location: string;
  report: ChainReport | null;
  checkedAt: number;
  fullAt: number;
  running: boolean;
}

let chain: ChainState | undefined;

/**
 * The chain status shown on /audit, never waited for: checks run in the background — the whole
 * chain when the process first shows the page and every FULL_CHECK_MS, in between only the records
 * added since the last check — and the page shows the latest result (null while the first check
 * runs). `npm run audit:verify` recomputes the whole chain on demand.
 */
function chainStatus(store: StoreConnection): ChainReport | null {
  const now = Date.now();
  if (!chain || chain.location !== store.location) chain = { location: store.location, report: null, checkedAt: 0, fullAt: 0, running: false };
  const state = chain;
  if (!state.running && now - state.checkedAt >= INCREMENTAL_CHECK_MS) {
    const full = !state.report || state.report.firstBreak !== null || now - state.fullAt >= FULL_CHECK_MS;
    const previous = state.report;
    state.running = true;
    void verifyChain(store, 5000, full || !previous ? undefined : previous.position)
      .then((r) => {
        state.report = full || !previous ? r : { ...r, records: previous.records + r.records, verified: previous.verified + r.verified };
        state.checkedAt = Date.now();
        if (full) state.fullAt = state.checkedAt;
      })
      .catch(() => {
        state.checkedAt = Date.now();
      })
      .finally(() => {
        state.running = false;
      });
  }
  return state.report;
}

export interface AuditPageModel {
  readonly chain: { readonly ok: boolean | null; readonly text: string };
  readonly rows: readonly { readonly id: string; readonly seq: number; readonly cells: readonly string[] }[];
  readonly columns: readonly string[];
  readonly nextCursor: number | null;
  readonly rates: { readonly columns: readonly string[]; readonly rows: readonly { readonly header: string; readonly cells: readonly string[] }[] };
  readonly queue: readonly { readonly id: string; readonly applicationId: number; readonly text: string }[];
  readonly actors: readonly string[];
}

export async function auditPageModel(store: StoreConnection, q: AuditQuery, locale: Locale, pageSize = 50): Promise<AuditPageModel> {
  const t = dictionary(locale).decisions;
  const filter = auditFilter(q);
  const chain = chainStatus(store);
  const [page, stats, queue] = await Promise.all([
    listDecisions(store, { ...filter, limit: pageSize }),
    actorStats(store, { from: filter.from, to: filter.to, actorId: filter.actorId, decision: filter.decision, override: filter.override }),
    pendingEscalations(store, 50),
  ]);
  const pct = (n: number, d: number) =>
    d === 0 ? '—' : normaliseSpaces(numberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(n / d));
  const count = (n: number) => normaliseSpaces(numberFormat(locale, { maximumFractionDigits: 0 }).format(n));
  const total = stats.reduce((a, s) => ({ d: a.d + s.decisions, o: a.o + s.overrides }), { d: 0, o: 0 });
  const h = t.history;
  return {
    chain: !chain
      ? { ok: null, text: t.audit.chainChecking }
      : chain.firstBreak
        ? { ok: false, text: fill(t.audit.chainBroken, { seq: chain.firstBreak.seq, problem: chain.firstBreak.problem, n: count(chain.verified) }) }
        : { ok: true, text: fill(t.audit.chainOk, { n: count(chain.verified) }) },
    columns: [
      '#',
      h.columns.date,
      h.columns.actor,
      'SK_ID_CURR',
      h.columns.decision,
      h.columns.recommendation,
      h.columns.override,
      h.columns.reasons,
    ],
    rows: page.items.map((r) => ({
      id: r.id,
      seq: r.seq,
      cells: [
        String(r.seq),
        formatUtcMinute(r.createdAt),
        `${r.actorId} (${r.actorRole in t.roles ? t.roles[r.actorRole as keyof typeof t.roles] : r.actorRole})`,
        String(r.applicationId),
        h.words[r.decision],
        h.words[r.recommendation],
        r.override ? `${h.yes} — ${r.overrideReasons.join(', ')}` : h.no,
        [...new Set(r.principalReasons.map((p) => p.code))].map((code) => `${code} ${reasonCodeEntry(code)?.short[locale] ?? ''}`.trim()).join(' ; '),
      ],
    })),
    nextCursor: page.nextBeforeSeq,
    rates: {
      columns: [t.audit.actor, t.audit.decisions, t.audit.overrides, t.audit.rate],
      rows: [
        ...stats.map((s) => ({ header: s.actorId, cells: [count(s.decisions), count(s.overrides), pct(s.overrides, s.decisions)] })),
        { header: t.audit.overall, cells: [count(total.d), count(total.o), pct(total.o, total.d)] },
      ],
    },
    queue: queue.map((r) => ({
      id: r.id,
      applicationId: r.applicationId,
      text: `${formatUtcMinute(r.createdAt)} — ${r.actorId} — SK_ID_CURR ${r.applicationId}`,
    })),
    actors: stats.map((s) => s.actorId),
  };
}

/** The audit export's columns: the table's, without the idempotency bookkeeping (a retry's key and request hash). */
const CSV_COLUMNS = DECISION_COLUMNS.filter((c) => c !== 'idempotency_key' && c !== 'request_hash');

function csvCell(v: string | number | boolean | null): string {
  if (v === null) return '';
  const s = String(v);
  // A leading =, +, - or @ would be read as a formula by spreadsheets: quote it with a leading apostrophe.
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The filtered audit trail as CSV, a page at a time (constant memory); stops when `signal` fires. */
export function auditCsv(store: StoreConnection, q: AuditQuery, signal?: AbortSignal): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const filter = { ...auditFilter(q), beforeSeq: undefined };
  let cursor: number | undefined;
  let started = false;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`${CSV_COLUMNS.join(',')}\r\n`));
        return;
      }
      if (done || signal?.aborted) {
        controller.close();
        return;
      }
      const page = await listDecisions(store, { ...filter, beforeSeq: cursor, limit: 1000 });
      const lines = page.items.map((r) =>
        [
          r.seq,
          r.id,
          r.createdAt,
          r.actorId,
          r.actorRole,
          r.applicationId,
          r.inputHash,
          r.modelName,
          r.modelVersion,
          r.probability,
          r.threshold,
          r.recommendation,
          r.decision,
          r.override,
          r.overrideReasons.join('|'),
          r.justification,
          r.principalReasons.map((p) => p.code).join('|'),
          r.refersTo,
          r.prevHash,
          r.hash,
        ]
          .map(csvCell)
          .join(','),
      );
      if (lines.length > 0) controller.enqueue(encoder.encode(`${lines.join('\r\n')}\r\n`));
      cursor = page.nextBeforeSeq ?? undefined;
      if (page.nextBeforeSeq === null) done = true;
    },
  });
}
