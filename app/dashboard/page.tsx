import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { populationScoresIfReady } from '@/lib/dashboard/engine';
import { clientHref, exactApplicationId, parseSearchParams, searchPageModel } from '@/lib/dashboard/search';
import { dictionary } from '@/lib/i18n';
import { requestDictionary, requestLocale } from '@/lib/i18n/request';
import { DecisionBadge } from '../_components/DecisionBadge';
import { DataTable } from '../_components/DataTable';
import { RecentClients } from '../_components/RecentClients';
import { IdCombobox } from './IdCombobox';
import '../_components/dashboard.css';
import { requireReader } from '../_lib/person';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: dictionary(await requestLocale()).dashboard.search.title };
}

type Params = Promise<Record<string, string | string[] | undefined>>;

export default async function DashboardPage({ searchParams }: { searchParams: Params }) {
  await requireReader('/dashboard');
  const { locale, t } = await requestDictionary();
  const raw = await searchParams;
  if (raw.open !== undefined && typeof raw.q === 'string') {
    const id = exactApplicationId(raw.q);
    if (id !== undefined) redirect(clientHref(id));
  }
  const params = parseSearchParams(raw);
  const scores = await populationScoresIfReady();
  const model = searchPageModel(params, locale, scores);
  const s = t.dashboard.search;
  return (
    <>
      <h1>{s.title}</h1>
      <p className="lead">{s.lead}</p>

      <IdCombobox strings={s} initialValue={params.q} />

      <RecentClients
        heading={s.recent}
        empty={s.recentEmpty}
        clear={s.recentClear}
        clientLabel={t.dashboard.words.client}
        accept={t.dashboard.words.accept}
        refuse={t.dashboard.words.refuse}
      />

      <section aria-labelledby="results-heading">
        <h2 id="results-heading">{s.filters}</h2>
        <form method="get" action="/dashboard" className="filters">
          {params.q ? <input type="hidden" name="q" value={params.q} /> : null}
          <div className="field">
            <label htmlFor="filter-set">{s.set}</label>
            <select id="filter-set" name="set" defaultValue={params.set}>
              <option value="all">{s.setAll}</option>
              <option value="test">{s.setTest}</option>
              <option value="train">{s.setTrain}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-decision">{s.decision}</label>
            <select
              id="filter-decision"
              name="decision"
              defaultValue={params.decision}
              disabled={!model.scored}
              aria-describedby={model.scored ? undefined : 'scores-pending'}
            >
              <option value="all">{s.decisionAll}</option>
              <option value="accept">{t.dashboard.words.accept}</option>
              <option value="refuse">{t.dashboard.words.refuse}</option>
            </select>
          </div>
          <div className="field">
            <label htmlFor="filter-band">{s.band}</label>
            <select
              id="filter-band"
              name="band"
              defaultValue={params.band}
              disabled={!model.scored}
              aria-describedby={model.scored ? undefined : 'scores-pending'}
            >
              <option value="all">{s.bandAll}</option>
              {model.bands.map((b) => (
                <option key={b.value} value={b.value}>
                  {b.label}
                </option>
              ))}
            </select>
          </div>
          <div className="button-row">
            <button type="submit" className="button button--primary">
              {s.apply}
            </button>
            <Link href="/dashboard" className="button">
              {s.reset}
            </Link>
          </div>
        </form>
        {model.scored ? null : (
          <p id="scores-pending" className="muted small">
            {s.scoresPending}
          </p>
        )}

        <p role="status" className="muted">
          {model.total}
        </p>
        {model.rows.length === 0 ? (
          <p>{s.noResult}</p>
        ) : (
          <DataTable
            caption={model.caption}
            columns={model.scored ? [s.id, s.kind, s.decision, s.probability, s.credit, s.income] : [s.id, s.kind, s.credit, s.income]}
            numericColumns={model.scored ? [3, 4, 5] : [2, 3]}
            rows={model.rows.map((r) => ({
              key: r.id,
              cells: [
                { content: r.id, href: r.href },
                r.kind,
                ...(model.scored
                  ? [r.decision ? <DecisionBadge key="decision" decision={r.decision} label={r.decisionLabel ?? ''} /> : null, r.probability]
                  : []),
                r.credit,
                r.income,
              ],
            }))}
          />
        )}
        {model.scoreNote ? (
          <p className="muted small" id="score-note">
            {model.scoreNote}
          </p>
        ) : null}
        <nav className="pagination" aria-label={s.pagination}>
          {model.previousHref ? <Link href={model.previousHref}>← {s.previous}</Link> : null}
          <span>
            {model.page} / {model.pageCount}
          </span>
          {model.nextHref ? <Link href={model.nextHref}>{s.next} →</Link> : null}
        </nav>
      </section>
    </>
  );
}
