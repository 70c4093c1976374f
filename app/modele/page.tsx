import type { Metadata } from 'next';
import { shapSample } from '@/lib/analysis/shapSample';
import { creditEngine } from '@/lib/dashboard/engine';
import { modelPageModel } from '@/lib/dashboard/modelPage';
import { modelReportFromCard } from '@/lib/dashboard/modelReport';
import { dictionary } from '@/lib/i18n';
import { requestDictionary, requestLocale } from '@/lib/i18n/request';
import { ChartFigure } from '../_components/charts/ChartFigure';
import '../_components/dashboard.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: dictionary(await requestLocale()).model.title };
}

export default async function ModelPage() {
  const { locale, t } = await requestDictionary();
  const engine = await creditEngine();
  const m = t.model;
  if (!engine) {
    return (
      <>
        <h1>{m.title}</h1>
        <p className="lead">{m.lead}</p>
        <p role="status">{m.pending}</p>
      </>
    );
  }
  const vm = modelPageModel(modelReportFromCard(engine.modelCard(locale)), locale, shapSample(engine));
  const toggle = t.dashboard.charts.showData;
  return (
    <>
      <h1>{m.title}</h1>
      <p className="lead">{m.lead}</p>
      {vm.quick ? <p className="badge">{m.metrics.quickWarning}</p> : null}

      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading">{m.summary.heading}</h2>
        <dl className="profile">
          {vm.summary.map((s) => (
            <div key={s.label}>
              <dt>{s.label}</dt>
              <dd>{s.value}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="importance-heading">
        <h2 id="importance-heading">{m.importance.heading}</h2>
        <ChartFigure figure={vm.importance} locale={locale} tableToggle={toggle} />
      </section>

      {vm.beeswarm ? (
        <section aria-labelledby="beeswarm-heading">
          <h2 id="beeswarm-heading">{m.beeswarm.heading}</h2>
          <ChartFigure figure={vm.beeswarm} locale={locale} tableToggle={toggle} />
        </section>
      ) : null}

      <section aria-labelledby="quality-heading">
        <h2 id="quality-heading">{m.metrics.heading}</h2>
        <p>{vm.evaluatedOn}</p>
        <div className="table-scroll" tabIndex={0} role="region" aria-label={vm.metrics.caption}>
          <table className="data-table">
            <caption>{vm.metrics.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{m.metrics.metric}</th>
                <th scope="col">{m.metrics.value}</th>
              </tr>
            </thead>
            <tbody>
              {vm.metrics.rows.map(([name, value]) => (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  <td className="num">{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="chart-grid">
          <ChartFigure figure={vm.roc} locale={locale} tableToggle={toggle} />
          <ChartFigure figure={vm.pr} locale={locale} tableToggle={toggle} />
          <ChartFigure figure={vm.reliability} locale={locale} tableToggle={toggle} />
          <ChartFigure figure={vm.cost} locale={locale} tableToggle={toggle} />
        </div>
        <ChartFigure figure={vm.confusion} locale={locale} tableToggle={toggle} />
      </section>
    </>
  );
}
