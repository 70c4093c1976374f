import type { RawValue } from '../data/columnarTable';
import { relatedTable, type RelatedTableName } from '../data/relatedTables';

/**
 * A short credit history of one client from the sparse Home Credit history tables (only about
 * 9,200 clients have rows): credits reported by other institutions (bureau), previous
 * applications at Home Credit and their outcome, and the repayment behaviour on previous
 * instalment loans (POS_CASH_balance) and credit cards (credit_card_balance).
 */

export interface BureauSummary {
  readonly credits: number;
  readonly active: number;
  readonly closed: number;
  /** Current debt on active credits (sum of AMT_CREDIT_SUM_DEBT). */
  readonly activeDebt: number;
  /** Largest number of days overdue currently reported. */
  readonly maxDaysOverdue: number;
  /** Credits with any amount currently overdue. */
  readonly overdueCredits: number;
}

export interface PreviousApplication {
  readonly id: number;
  readonly contractType: string | null;
  readonly status: string | null;
  readonly amountCredit: number | null;
  /** Years before the current application (from DAYS_DECISION). */
  readonly yearsAgo: number | null;
}

export interface PreviousSummary {
  readonly count: number;
  /** Count per NAME_CONTRACT_STATUS (Approved, Refused, Canceled, Unused offer). */
  readonly byStatus: Readonly<Record<string, number>>;
  /** The most recent ones first (at most 5). */
  readonly latest: readonly PreviousApplication[];
}

export interface RepaymentSummary {
  /** Distinct previous contracts with monthly records. */
  readonly contracts: number;
  /** Monthly records. */
  readonly months: number;
  /** Months with days past due (SK_DPD > 0). */
  readonly lateMonths: number;
  /** Largest number of days past due. */
  readonly maxDaysPastDue: number;
}

export interface ClientHistory {
  readonly bureau: BureauSummary | null;
  readonly previous: PreviousSummary | null;
  readonly instalmentLoans: RepaymentSummary | null;
  readonly creditCards: RepaymentSummary | null;
}

const num = (v: RawValue | undefined): number => (typeof v === 'number' && Number.isFinite(v) ? v : NaN);
const str = (v: RawValue | undefined): string | null => (v === null || v === undefined ? null : String(v));

function bureauSummary(records: Record<string, RawValue>[]): BureauSummary | null {
  if (records.length === 0) return null;
  let active = 0;
  let closed = 0;
  let activeDebt = 0;
  let maxDaysOverdue = 0;
  let overdueCredits = 0;
  for (const r of records) {
    const status = str(r.CREDIT_ACTIVE);
    if (status === 'Active') {
      active++;
      const debt = num(r.AMT_CREDIT_SUM_DEBT);
      if (Number.isFinite(debt)) activeDebt += debt;
    } else if (status === 'Closed') closed++;
    const overdue = num(r.CREDIT_DAY_OVERDUE);
    if (overdue > maxDaysOverdue) maxDaysOverdue = overdue;
    if (num(r.AMT_CREDIT_SUM_OVERDUE) > 0) overdueCredits++;
  }
  return { credits: records.length, active, closed, activeDebt, maxDaysOverdue, overdueCredits };
}

function previousSummary(records: Record<string, RawValue>[]): PreviousSummary | null {
  if (records.length === 0) return null;
  const byStatus: Record<string, number> = {};
  for (const r of records) {
    const s = str(r.NAME_CONTRACT_STATUS) ?? '?';
    byStatus[s] = (byStatus[s] ?? 0) + 1;
  }
  const latest = records
    .map((r) => {
      const days = num(r.DAYS_DECISION);
      const credit = num(r.AMT_CREDIT);
      return {
        id: num(r.SK_ID_PREV),
        contractType: str(r.NAME_CONTRACT_TYPE),
        status: str(r.NAME_CONTRACT_STATUS),
        amountCredit: Number.isFinite(credit) ? credit : null,
        yearsAgo: Number.isFinite(days) ? -days / 365.25 : null,
      };
    })
    .sort((a, b) => (a.yearsAgo ?? Infinity) - (b.yearsAgo ?? Infinity))
    .slice(0, 5);
  return { count: records.length, byStatus, latest };
}

function repaymentSummary(records: Record<string, RawValue>[]): RepaymentSummary | null {
  if (records.length === 0) return null;
  const contracts = new Set<number>();
  let lateMonths = 0;
  let maxDaysPastDue = 0;
  for (const r of records) {
    contracts.add(num(r.SK_ID_PREV));
    const dpd = num(r.SK_DPD);
    if (dpd > 0) lateMonths++;
    if (dpd > maxDaysPastDue) maxDaysPastDue = dpd;
  }
  return { contracts: contracts.size, months: records.length, lateMonths, maxDaysPastDue };
}

/** The client's history, or null when no history table has a row for this client. */
export function clientHistory(
  id: number,
  load: (name: RelatedTableName) => { recordsFor(key: number): Record<string, RawValue>[] } = relatedTable,
): ClientHistory | null {
  const history: ClientHistory = {
    bureau: bureauSummary(load('bureau').recordsFor(id)),
    previous: previousSummary(load('previousApplications').recordsFor(id)),
    instalmentLoans: repaymentSummary(load('posCashBalance').recordsFor(id)),
    creditCards: repaymentSummary(load('creditCardBalance').recordsFor(id)),
  };
  return history.bureau || history.previous || history.instalmentLoans || history.creditCards ? history : null;
}
