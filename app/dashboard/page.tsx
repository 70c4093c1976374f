import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { searchInputs } from '@/lib/dashboard/engine';
import { clientHref, exactApplicationId, parseSearchParams, searchPageModel } from '@/lib/dashboard/search';
import { dictionary } from '@/lib/i18n';
import { requestDictionary, requestLocale } from '@/lib/i18n/request';
import { DecisionBadge } from '../_components/DecisionBadge';
import { DataTable } from '../_components/DataTable';
import { RecentClients } from '../_components/RecentClients';
import { type Choice, SelectField } from '../_components/SelectField';
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
  const model = searchPageModel(params, locale, await searchInputs());
  const s = t.dashboard.search;
  /** One filter select (id filter-<name>, current value from the query); those that need the scores wait for them (the note below says why). */
  const filter = (name: 'set' | 'decision' | 'band', choices: readonly Choice[], needsScores = false) => (
    <SelectField
      id={`filter-${name}`}
      name={name}
      label={s[name]}
      defaultValue={params[name]}
      {...(needsScores ? { disabled: !model.scored, 'aria-describedby': model.scored ? undefined : 'scores-pending' } : {})}
      choices={choices}
    />
  );
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
          {filter('set', [
            { value: 'all', label: s.setAll },
            { value: 'test', label: s.setTest },
            { value: 'train', label: s.setTrain },
          ])}
          {filter(
            'decision',
            [
              { value: 'all', label: s.decisionAll },
              { value: 'accept', label: t.dashboard.words.accept },
              { value: 'refuse', label: t.dashboard.words.refuse },
            ],
            true,
          )}
          {filter('band', [{ value: 'all', label: s.bandAll }, ...model.bands], true)}
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
