import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { clientPageModel, findApplication, parseClientId } from '@/lib/dashboard/clientPage';
import { decisionPanelModel } from '@/lib/dashboard/decisionPanel';
import { creditEngineOrNull } from '@/lib/credit/engine';
import { fill } from '@/lib/dashboard/text';
import { parseClientView } from '@/lib/dashboard/view';
import { dictionary } from '@/lib/i18n';
import { requestDictionary, requestLocale } from '@/lib/i18n/request';
import { PrintButton } from '../../../_components/PrintButton';
import { RememberClient } from '../../../_components/RecentClients';
import { DataTable } from '../../../_components/DataTable';
import { DefinitionList } from '../../../_components/DefinitionList';
import { SectionNav, type TocLink } from '../../../_components/SectionNav';
import { requireReader } from '../../../_lib/person';
import { decideOnApplication, simulateWhatIf } from './actions';
import { BivariateSection } from './BivariateSection';
import { ComparisonSection } from './ComparisonSection';
import { CounterfactualSection } from './CounterfactualSection';
import { DecisionBanner } from './DecisionBanner';
import { DecisionForm } from './DecisionPanel';
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
  const person = await requireReader(`/dashboard/clients/${app.id}`);
  const { locale, t } = await requestDictionary();
  const query = await searchParams;
  const view = parseClientView(query);
  const m = await clientPageModel(app, locale, view);
  const engine = await creditEngineOrNull();
  const panel = engine && m.model ? await decisionPanelModel(engine, app.id, m.model.decision.decision, person, locale) : null;
  const recorded = typeof query.decision === 'string' && /^[0-9a-f-]{36}$/.test(query.decision) ? query.decision : null;
  const d = t.dashboard;
  const dp = t.decisions.panel;
  const dh = t.decisions.history;
  const toc: TocLink[] = [
    ['#decision', d.decision.heading],
    ...(panel ? ([['#decision-analyste', dp.heading]] as const) : []),
    ['#profil', d.profile.heading],
    ...(m.model ? ([['#explication', d.explanation.heading]] as const) : []),
    ['#comparaison', d.comparison.heading],
    ['#similaires', d.neighbours.heading],
    ...(m.model
      ? ([
          ['#vue-croisee', d.bivariate.heading],
          ['#simulation', d.whatIf.heading],
          ['#contrefactuel', d.counterfactual.heading],
        ] as const)
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
      <SectionNav className="client-toc no-print" label={d.client.sections} links={toc} />

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

      {panel ? (
        <section aria-labelledby="analyst-decision-heading" id="decision-analyste" className="no-print">
          <h2 id="analyst-decision-heading">{dp.heading}</h2>
          <p>{panel.lead}</p>
          {recorded ? (
            <p role="status" className="notice-ok">
              {fill(dp.recorded, { id: recorded })} <Link href={`/decisions/${recorded}/notice`}>{dp.notice}</Link>
            </p>
          ) : null}
          {panel.unavailable ? <p role="alert">{dp.unavailable}</p> : null}
          {panel.canDecide ? (
            <DecisionForm
              action={decideOnApplication.bind(null, app.id)}
              m={panel}
              s={{
                legend: dp.legend,
                approve: dp.approve,
                refuse: dp.refuse,
                escalate: dp.escalate,
                overrideLegend: dp.overrideLegend,
                justification: dp.justification,
                submit: dp.submit,
                reviewHeading: dp.reviewHeading,
                errorSummary: dp.errorSummary,
                stale: dp.stale,
                unavailable: dp.unavailable,
                forbidden: dp.forbidden,
              }}
            />
          ) : panel.signInPrompt ? (
            <p>
              <Link href={`/connexion?next=${encodeURIComponent(`/dashboard/clients/${app.id}#decision-analyste`)}`}>{panel.signInPrompt}</Link>
            </p>
          ) : null}
          <h3>{dh.heading}</h3>
          {panel.history.length === 0 ? (
            <p>{dh.empty}</p>
          ) : (
            <DataTable
              caption={dh.caption}
              columns={[
                dh.columns.date,
                dh.columns.actor,
                dh.columns.decision,
                dh.columns.recommendation,
                dh.columns.override,
                dh.columns.reasons,
                dh.columns.notice,
              ]}
              id="decision-history"
              headerColumn={2}
              rows={panel.history.map((r) => ({
                key: r.id,
                cells: [
                  r.date,
                  r.actor,
                  r.decision,
                  r.recommendation,
                  r.override,
                  r.reasons,
                  { content: dp.notice, href: `/decisions/${r.id}/notice` },
                ],
              }))}
            />
          )}
        </section>
      ) : null}

      <section aria-labelledby="profile-heading" id="profil">
        <h2 id="profile-heading">{d.profile.heading}</h2>
        <div className="grid-2">
          <DefinitionList items={m.profile.items} />
          <div>
            <h3>{d.profile.ratios}</h3>
            <DefinitionList items={m.profile.ratios} />
          </div>
        </div>
      </section>

      {m.model ? <ExplanationSection m={m.model.explanation} n={view.n} view={m.view} t={t} locale={locale} /> : null}

      <ComparisonSection m={m.comparison} view={m.view} t={t} locale={locale} />

      <NeighboursSection m={m.neighbours} t={t} />

      {m.model ? (
        <>
          <BivariateSection m={m.model.bivariate} view={m.view} t={t} locale={locale} />
          <section aria-labelledby="whatif-heading" id="simulation" className="no-print">
            <h2 id="whatif-heading">{d.whatIf.heading}</h2>
            <p>{d.whatIf.lead}</p>
            <WhatIfPanel
              action={simulateWhatIf.bind(null, m.id)}
              inputs={m.model.whatIf}
              strings={{ ...d.whatIf, tableToggle: d.charts.showData }}
              locale={locale}
            />
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
              <DataTable
                caption={m.history.latest.caption}
                columns={m.history.latest.columns}
                rows={m.history.latest.rows.map((cells, i) => ({ key: i, cells }))}
              />
            ) : null}
          </>
        ) : (
          <p className="muted">{d.history.none}</p>
        )}
      </section>
    </>
  );
}
