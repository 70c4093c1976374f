import { hasRole, type Person } from '../accounts/accounts';
import type { CreditEngine } from '../credit/engine';
import { reasonCodeEntry } from '../credit/reasonCodes';
import { OVERRIDE_REASON_CODES, overrideReasonLabel } from '../decisions/overrideReasons';
import { dictionary, type Locale } from '../i18n';
import { fill } from '../i18n/intl';
import { type DecisionRecord, listDecisions, pendingEscalations } from '../store/decisionLog';
import { sharedStore } from '../store/sharedStore';
import { formatUtcMinute } from './format';

/**
 * The analyst's decision panel and the application's decision history on the client page: what
 * the model recommends, who may decide (analysts and above) and review a pending escalation
 * (supervisors and above), the override reasons to choose from, and the recorded decisions.
 */

export interface HistoryRow {
  readonly id: string;
  readonly date: string;
  readonly actor: string;
  readonly decision: string;
  readonly recommendation: string;
  readonly override: string;
  readonly reasons: string;
}

export interface DecisionPanelModel {
  readonly applicationId: number;
  readonly recommendation: 'approve' | 'refuse';
  readonly lead: string;
  readonly modelVersion: string;
  /** null: the person may not decide (not signed in, or the store is unavailable). */
  readonly canDecide: boolean;
  readonly signInPrompt: string | null;
  readonly overrideReasons: readonly { readonly code: string; readonly label: string }[];
  /** A pending escalation a supervisor may review. */
  readonly review: { readonly id: string; readonly lead: string } | null;
  readonly history: readonly HistoryRow[];
  readonly unavailable: boolean;
}

/** The newest records shown in the application's history. */
const HISTORY_LENGTH = 50;

export async function decisionPanelModel(
  engine: CreditEngine,
  applicationId: number,
  /** The model's decision the page already shows (not scored again here). */
  modelDecision: 'accept' | 'refuse',
  person: Person | null,
  locale: Locale,
): Promise<DecisionPanelModel> {
  const t = dictionary(locale).decisions;
  const recommendation = modelDecision === 'refuse' ? 'refuse' : 'approve';
  const reviewer = !!person && hasRole(person, 'supervisor');
  let records: DecisionRecord[] = [];
  // The escalation a supervisor may review: the application's oldest one still waiting (the order of
  // the /audit queue), looked up in the whole log — it may be older than the history's 50 records.
  let pending: DecisionRecord | undefined;
  let unavailable = false;
  try {
    const store = await sharedStore();
    [records, [pending]] = await Promise.all([
      listDecisions(store, { applicationId, limit: HISTORY_LENGTH }).then((page) => page.items),
      reviewer ? pendingEscalations(store, 1, applicationId) : [],
    ]);
  } catch {
    unavailable = true;
  }
  const word = (d: DecisionRecord['decision']) => t.history.words[d];
  const roleOf = (role: string) => (role in t.roles ? t.roles[role as keyof typeof t.roles] : role);
  const canDecide = !!person && !unavailable && hasRole(person, 'analyst');
  return {
    applicationId,
    recommendation,
    lead: fill(t.panel.lead, { recommendation: recommendation === 'refuse' ? t.panel.refuse.toLowerCase() : t.panel.approve.toLowerCase() }),
    modelVersion: engine.model.bundle.metadata.version,
    canDecide,
    signInPrompt: person ? null : t.panel.signInToDecide,
    overrideReasons: OVERRIDE_REASON_CODES.map((code) => ({ code, label: overrideReasonLabel(code, locale) })),
    review:
      pending && reviewer
        ? { id: pending.id, lead: fill(t.panel.reviewLead, { actor: pending.actorId, date: formatUtcMinute(pending.createdAt) }) }
        : null,
    history: records.map((r) => ({
      id: r.id,
      date: formatUtcMinute(r.createdAt),
      actor: `${r.actorId} (${roleOf(r.actorRole)})`,
      decision: word(r.decision),
      recommendation: word(r.recommendation),
      override: r.override
        ? `${t.history.yes} — ${r.overrideReasons.map((c) => (OVERRIDE_REASON_CODES.includes(c as never) ? overrideReasonLabel(c as never, locale) : c)).join(', ')}`
        : t.history.no,
      reasons: [...new Set(r.principalReasons.map((p) => p.code))]
        .map((code) => `${code} ${reasonCodeEntry(code)?.short[locale] ?? ''}`.trim())
        .join(' ; '),
    })),
    unavailable,
  };
}
