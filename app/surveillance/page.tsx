import { TableFrame } from '@/app/_components/TableFrame';
import type { Metadata } from 'next';
import { creditEngineOrNull } from '@/lib/credit/engine';
import { monitoringPageModel } from '@/lib/dashboard/monitoringPage';
import { modelReportFromCard } from '@/lib/dashboard/modelReport';
import { dictionary } from '@/lib/i18n';
import { requestDictionary, requestLocale } from '@/lib/i18n/request';
import { backtestReport, newApplicationsReport } from '@/lib/monitoring/stability';
import { ChartFigure } from '../_components/charts/ChartFigure';
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
    return (
      <>
        <h1>{m.title}</h1>
        <p className="lead">{m.lead}</p>
        <p role="status">{m.pending}</p>
      </>
    );
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
        <TableFrame caption={vm.summary.caption} columns={vm.summary.columns} id="populations-summary">
          {vm.summary.rows.map(([name, ...cells]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              {cells.map((c, i) => (
                <td key={i} className="num">
                  {c}
                </td>
              ))}
            </tr>
          ))}
        </TableFrame>
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
        <TableFrame caption={f.caption} columns={f.columns} id="inputs-table" regionClassName="monitoring-table-tall">
          {f.rows.map((r) => (
            <tr key={r.field} data-field={r.field}>
              <td className="num">{r.rank}</td>
              <th scope="row">{r.label}</th>
              <td>{r.kind}</td>
              <td className="num">{r.psi}</td>
              <td>
                <PsiBandBadge band={r.band} />
              </td>
              <td className="num">{r.missingReference}</td>
              <td className="num">{r.missingCurrent}</td>
            </tr>
          ))}
        </TableFrame>
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
            <TableFrame caption={s.caption} columns={s.columns}>
              {s.rows.map((r, i) => (
                <tr key={`${i}-${r.label}`} className={r.flagged ? 'segment-flagged' : undefined}>
                  <th scope="row">{r.label}</th>
                  {r.cells.map((c, i) => (
                    <td key={i} className="num">
                      {c}
                    </td>
                  ))}
                  <td>{r.note}</td>
                </tr>
              ))}
            </TableFrame>
          </div>
        ))}
      </section>
    </>
  );
}
