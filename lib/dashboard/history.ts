import { clientHistory } from '../analysis/history';
import { dictionary, type Locale } from '../i18n';
import { formatAmount, formatCount, formatYears } from './format';
import { categoryLabel } from './labels';
import { fill } from './text';

/** The client's credit history as short sentences and a small table (null when the client has no history rows). */
export interface HistoryModel {
  readonly blocks: readonly { readonly title: string; readonly text: string }[];
  readonly latest: null | {
    readonly caption: string;
    readonly columns: readonly string[];
    readonly rows: readonly (readonly string[])[];
  };
}

export function historyModel(id: number, locale: Locale): HistoryModel | null {
  const h = clientHistory(id);
  if (!h) return null;
  const t = dictionary(locale).dashboard.history;
  const missing = dictionary(locale).dashboard.words.missing;
  const statusWords = t.statuses as Readonly<Record<string, string>>;
  const statusValues = t.statusValues as Readonly<Record<string, string>>;
  const blocks: { title: string; text: string }[] = [];
  if (h.bureau) {
    blocks.push({
      title: t.bureau,
      text: fill(t.bureauText, {
        credits: formatCount(h.bureau.credits, locale),
        active: formatCount(h.bureau.active, locale),
        debt: formatAmount(h.bureau.activeDebt, locale),
        overdue: formatCount(h.bureau.overdueCredits, locale),
      }),
    });
  }
  if (h.previous) {
    const statuses = Object.entries(h.previous.byStatus)
      .sort((a, b) => b[1] - a[1])
      .map(([s, n]) => `${formatCount(n, locale)} ${statusWords[s] ?? s}`)
      .join(', ');
    blocks.push({ title: t.previous, text: fill(t.previousText, { count: formatCount(h.previous.count, locale), statuses }) });
  }
  for (const [title, r] of [
    [t.instalments, h.instalmentLoans],
    [t.cards, h.creditCards],
  ] as const) {
    if (!r) continue;
    blocks.push({
      title,
      text: fill(t.repaymentText, {
        contracts: formatCount(r.contracts, locale),
        months: formatCount(r.months, locale),
        late: formatCount(r.lateMonths, locale),
        maxDays: formatCount(r.maxDaysPastDue, locale),
      }),
    });
  }
  const latest = h.previous
    ? {
        caption: t.latestCaption,
        columns: [t.when, t.type, t.status, t.amount],
        rows: h.previous.latest.map((p) => [
          p.yearsAgo === null ? missing : formatYears(p.yearsAgo, locale),
          p.contractType === null ? missing : categoryLabel('NAME_CONTRACT_TYPE', p.contractType, locale),
          p.status === null ? missing : (statusValues[p.status] ?? p.status),
          p.amountCredit === null ? missing : formatAmount(p.amountCredit, locale),
        ]),
      }
    : null;
  return { blocks, latest };
}
