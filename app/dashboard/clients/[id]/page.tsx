import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { clientPageModel, findApplication, parseClientId } from '@/lib/dashboard/clientPage';
import { parseClientView } from '@/lib/dashboard/view';
import { dictionary } from '@/lib/i18n';
import { requestDictionary, requestLocale } from '@/lib/i18n/request';
import { PrintButton } from '../../../_components/PrintButton';
import { RememberClient } from '../../../_components/RecentClients';
import { ComparisonSection } from './ComparisonSection';
import { NeighboursSection } from './NeighboursSection';
import '../../../_components/dashboard.css';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = dictionary(await requestLocale());
  const id = parseClientId((await params).id);
  return { title: id === undefined ? t.dashboard.client.notFoundTitle : `${t.dashboard.words.client} ${id}` };
}

export default async function ClientPage({ params, searchParams }: Props) {
  const id = parseClientId((await params).id);
  const app = id === undefined ? undefined : findApplication(id);
  if (!app) notFound();
  const { locale, t } = await requestDictionary();
  const m = clientPageModel(app, locale, parseClientView(await searchParams));
  const d = t.dashboard;
  return (
    <>
      <RememberClient id={m.id} />
      <p className="no-print">
        <Link href="/dashboard">← {d.client.back}</Link>
      </p>
      <div className="client-head">
        <h1>{m.title}</h1>
        <span className="badge">{m.setLabel}</span>
        <PrintButton label={d.client.print} />
      </div>

      <section aria-labelledby="decision-heading" id="decision">
        <h2 id="decision-heading">{d.decision.heading}</h2>
        <p>{d.decision.pending}</p>
      </section>

      {m.outcome ? (
        <aside className="outcome-box" aria-labelledby="outcome-heading">
          <h2 id="outcome-heading">{d.outcome.heading}</h2>
          <p>
            <strong>{m.outcome.label}</strong>
          </p>
          <p className="muted small">{d.outcome.note}</p>
        </aside>
      ) : null}

      <section aria-labelledby="profile-heading" id="profil">
        <h2 id="profile-heading">{d.profile.heading}</h2>
        <div className="grid-2">
          <dl className="profile">
            {m.profile.items.map((i) => (
              <div key={i.field}>
                <dt>{i.label}</dt>
                <dd>{i.value}</dd>
              </div>
            ))}
          </dl>
          <div>
            <h3>{d.profile.ratios}</h3>
            <dl className="profile">
              {m.profile.ratios.map((i) => (
                <div key={i.field}>
                  <dt>{i.label}</dt>
                  <dd>{i.value}</dd>
                </div>
              ))}
            </dl>
          </div>
        </div>
      </section>

      <ComparisonSection m={m.comparison} view={m.view} t={t} locale={locale} />

      <NeighboursSection m={m.neighbours} t={t} />

      <section aria-labelledby="history-heading" id="historique" className="no-print">
        <h2 id="history-heading">{d.history.heading}</h2>
        {m.history ? (
          <>
            {m.history.blocks.map((b) => (
              <div key={b.title}>
                <h3>{b.title}</h3>
                <p>{b.text}</p>
              </div>
            ))}
            {m.history.latest ? (
              <div className="table-scroll" tabIndex={0} role="region" aria-label={m.history.latest.caption}>
                <table className="data-table">
                  <caption>{m.history.latest.caption}</caption>
                  <thead>
                    <tr>
                      {m.history.latest.columns.map((c) => (
                        <th key={c} scope="col">
                          {c}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {m.history.latest.rows.map((r, i) => (
                      <tr key={i}>
                        {r.map((c, j) => (j === 0 ? <th key={j} scope="row">{c}</th> : <td key={j}>{c}</td>))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ) : null}
          </>
        ) : (
          <p className="muted">{d.history.none}</p>
        )}
      </section>

      <footer className="print-only print-summary">
        <p>
          {m.printedOn} · {m.modelVersion}
        </p>
      </footer>
    </>
  );
}
