import type { Metadata } from 'next';
import { creditEngineOrNull } from '@/lib/credit/engine';
import { monitoringPageModel } from '@/lib/dashboard/monitoringPage';
import { modelReportFromCard } from '@/lib/dashboard/modelReport';
import { dictionary } from '@/lib/i18n';
import { requestDictionary, requestLocale } from '@/lib/i18n/request';
import { backtestReport, newApplicationsReport } from '@/lib/monitoring/stability';
import { ChartFigure } from '../_components/charts/ChartFigure';
import { DataTable } from '../_components/DataTable';
import { PageMessage } from '../_components/PageMessage';
import { PsiBandBadge } from './PsiBandBadge';
import '../_components/dashboard.css';
import './surveillance.css';
import { requireReader } from '../_lib/person';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: dictionary(await requestLocale()).monitoring.title };
}

export default async function MonitoringPage() {
  await requireReader('/surveillance');
  const { locale, t } = await requestDictionary();
  const m = t.monitoring;
  const engine = await creditEngineOrNull();
  if (!engine) {
    return <PageMessage title={m.title} lead={m.lead} message={m.pending} kind="status" />;
  }
  const [stability, backtest] = await Promise.all([newApplicationsReport(), backtestReport()]);
  const vm = monitoringPageModel(stability, backtest, locale, modelReportFromCard(engine.modelCard(locale)).metrics.rocAuc);
  const toggle = t.dashboard.charts.showData;
  const f = vm.features.table;
  return (
    <>
      <h1>{m.title}</h1>
      <p className="lead">{m.lead}</p>

      <section aria-labelledby="populations-heading">
        <h2 id="populations-heading">{m.populations.heading}</h2>
        {vm.populations.map((p) => (
          <p key={p}>{p}</p>
        ))}
        <DataTable
          caption={vm.summary.caption}
          columns={vm.summary.columns}
          id="populations-summary"
          numericColumns="all"
          rows={vm.summary.rows.map((cells) => ({ key: cells[0], cells }))}
        />
      </section>

      <section aria-labelledby="score-heading">
        <h2 id="score-heading">{m.score.heading}</h2>
        <dl className="monitoring-facts" id="score-psi">
          <dt>{m.score.psi}</dt>
          <dd>{vm.score.psi}</dd>
          <dt>{m.score.band}</dt>
          <dd>
            <PsiBandBadge band={vm.score.band} />
          </dd>
        </dl>
        <p>{vm.score.sentence}</p>
        <p className="muted small" id="psi-bands-note">
          {vm.bandsNote}
        </p>
        <ChartFigure figure={vm.score.figure} locale={locale} tableToggle={toggle} />
      </section>

      <section aria-labelledby="features-heading">
        <h2 id="features-heading">{m.features.heading}</h2>
        <p>{vm.features.summary}</p>
        <ChartFigure figure={vm.features.shifted} locale={locale} tableToggle={toggle} />
        {vm.features.bins ? <ChartFigure figure={vm.features.bins} locale={locale} tableToggle={toggle} /> : null}
        <h3 id="all-inputs-heading">{m.features.allHeading}</h3>
        <DataTable
          caption={f.caption}
          columns={f.columns}
          id="inputs-table"
          regionClassName="monitoring-table-tall"
          headerColumn={1}
          numericColumns={[0, 3, 5, 6]}
          rows={f.rows.map((r) => ({
            key: r.field,
            data: { field: r.field },
            cells: [r.rank, r.label, r.kind, r.psi, <PsiBandBadge key="band" band={r.band} />, r.missingReference, r.missingCurrent],
          }))}
        />
      </section>

      <section aria-labelledby="backtest-heading">
        <h2 id="backtest-heading">{m.backtest.heading}</h2>
        <p>{vm.backtest.lead}</p>
        <ChartFigure figure={vm.backtest.decile} locale={locale} tableToggle={toggle} />
        <h3 id="segments-heading">{m.backtest.segmentsHeading}</h3>
        <p className="monitoring-weakness" id="backtest-weakness">
          {vm.backtest.weakness}
        </p>
        <p className="muted small">{vm.backtest.rule}</p>
        {vm.backtest.segments.map((s) => (
          <div key={s.field}>
            <h4 id={`segment-${s.field}`}>{s.heading}</h4>
            <DataTable
              caption={s.caption}
              columns={s.columns}
              rows={s.rows.map((r, i) => ({
                key: `${i}-${r.label}`,
                className: r.flagged ? 'segment-flagged' : undefined,
                cells: [r.label, ...r.cells.map((content) => ({ content, className: 'num' })), r.note],
              }))}
            />
          </div>
        ))}
      </section>
    </>
  );
}
