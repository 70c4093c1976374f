import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { clientPageModel, findApplication, parseClientId } from '@/lib/dashboard/clientPage';
import { parseClientView } from '@/lib/dashboard/view';
import { dictionary } from '@/lib/i18n';
import { requestDictionary, requestLocale } from '@/lib/i18n/request';
import { PrintButton } from '../../../_components/PrintButton';
import { RememberClient } from '../../../_components/RecentClients';
import { simulateWhatIf } from './actions';
import { BivariateSection } from './BivariateSection';
import { ComparisonSection } from './ComparisonSection';
import { CounterfactualSection } from './CounterfactualSection';
import { DecisionBanner } from './DecisionBanner';
import { ExplanationSection } from './ExplanationSection';
import { NeighboursSection } from './NeighboursSection';
import { QualityNoticeBox } from './QualityNoticeBox';
import { WhatIfPanel } from './WhatIfPanel';
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
  const view = parseClientView(await searchParams);
  const m = await clientPageModel(app, locale, view);
  const d = t.dashboard;
  const toc = [
    ['#decision', d.decision.heading],
    ['#profil', d.profile.heading],
    ...(m.model ? [['#explication', d.explanation.heading]] : []),
    ['#comparaison', d.comparison.heading],
    ['#similaires', d.neighbours.heading],
    ...(m.model
      ? [
          ['#vue-croisee', d.bivariate.heading],
          ['#simulation', d.whatIf.heading],
          ['#contrefactuel', d.counterfactual.heading],
        ]
      : []),
    ['#historique', d.history.heading],
  ];
  return (
    <>
      <RememberClient id={m.id} decision={m.model?.decision.decision} probability={m.model?.decision.probability} />
      <p className="no-print">
        <Link href="/dashboard">← {d.client.back}</Link>
      </p>
      <div className="client-head">
        <h1>{m.title}</h1>
        <span className="badge">{m.setLabel}</span>
        <PrintButton label={d.client.print} />
      </div>
      <p className="print-only">
        {m.printedOn} · {m.modelVersion}
      </p>
      <nav className="client-toc no-print" aria-label={d.client.sections}>
        <ul>
          {toc.map(([href, label]) => (
            <li key={href}>
              <a href={href}>{label}</a>
            </li>
          ))}
        </ul>
      </nav>

      {m.model ? (
        <>
          <DecisionBanner d={m.model.decision} t={t} locale={locale} clientLabel={m.title} />
          {m.model.quality ? <QualityNoticeBox notice={m.model.quality} /> : null}
        </>
      ) : (
        <section aria-labelledby="decision-heading" id="decision">
          <h2 id="decision-heading">{d.decision.heading}</h2>
          <p>{d.decision.pending}</p>
        </section>
      )}

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

      {m.model ? <ExplanationSection e={m.model.explanation} n={view.n} view={m.view} t={t} locale={locale} /> : null}

      <ComparisonSection m={m.comparison} view={m.view} t={t} locale={locale} />

      <NeighboursSection m={m.neighbours} t={t} />

      {m.model ? (
        <>
          <BivariateSection m={m.model.bivariate} view={m.view} t={t} locale={locale} />
          <section aria-labelledby="whatif-heading" id="simulation" className="no-print">
            <h2 id="whatif-heading">{d.whatIf.heading}</h2>
            <p>{d.whatIf.lead}</p>
            <WhatIfPanel action={simulateWhatIf.bind(null, m.id)} inputs={m.model.whatIf} strings={{ ...d.whatIf, tableToggle: d.charts.showData }} locale={locale} />
          </section>
          <CounterfactualSection m={m.model.counterfactual} t={t} />
        </>
      ) : null}

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
                        {r.map((c, j) =>
                          j === 0 ? (
                            <th key={j} scope="row">
                              {c}
                            </th>
                          ) : (
                            <td key={j}>{c}</td>
                          ),
                        )}
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
    </>
  );
}
