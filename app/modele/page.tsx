import type { Metadata } from 'next';
import { shapSample } from '@/lib/analysis/shapSample';
import { creditEngineOrNull } from '@/lib/credit/engine';
import { modelPageModel } from '@/lib/dashboard/modelPage';
import { modelReportFromCard } from '@/lib/dashboard/modelReport';
import { dictionary } from '@/lib/i18n';
import { requestDictionary, requestLocale } from '@/lib/i18n/request';
import { ChartFigure } from '../_components/charts/ChartFigure';
import { DataTable } from '../_components/DataTable';
import { DefinitionList } from '../_components/DefinitionList';
import { PageMessage } from '../_components/PageMessage';
import '../_components/dashboard.css';
import { requireReader } from '../_lib/person';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  return { title: dictionary(await requestLocale()).model.title };
}

export default async function ModelPage() {
  await requireReader('/modele');
  const { locale, t } = await requestDictionary();
  const engine = await creditEngineOrNull();
  const m = t.model;
  if (!engine) {
    return <PageMessage title={m.title} lead={m.lead} message={m.pending} kind="status" />;
  }
  const vm = modelPageModel(modelReportFromCard(engine.modelCard(locale)), locale, shapSample(engine));
  const toggle = t.dashboard.charts.showData;
  const f = vm.fairness;
  return (
    <>
      <h1>{m.title}</h1>
      <p className="lead">{m.lead}</p>
      {vm.quick ? <p className="badge">{m.metrics.quickWarning}</p> : null}

      <section aria-labelledby="summary-heading">
        <h2 id="summary-heading">{m.summary.heading}</h2>
        <DefinitionList items={vm.summary} />
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
        <DataTable
          caption={vm.metrics.caption}
          columns={[m.metrics.metric, m.metrics.value]}
          numericColumns={[1]}
          rows={vm.metrics.rows.map(([name, value]) => ({ key: name, cells: [name, value] }))}
        />
        <div className="chart-grid">
          <ChartFigure figure={vm.roc} locale={locale} tableToggle={toggle} />
          <ChartFigure figure={vm.pr} locale={locale} tableToggle={toggle} />
          <ChartFigure figure={vm.reliability} locale={locale} tableToggle={toggle} />
          <ChartFigure figure={vm.cost} locale={locale} tableToggle={toggle} />
        </div>
        <ChartFigure figure={vm.confusion} locale={locale} tableToggle={toggle} />
      </section>

      <section aria-labelledby="calibration-methods-heading">
        <h2 id="calibration-methods-heading">{m.calibrationMethods.heading}</h2>
        <DataTable
          caption={vm.calibration.caption}
          columns={vm.calibration.columns}
          numericColumns="all"
          rows={vm.calibration.rows.map((row) => ({
            key: row.header,
            className: row.chosen ? 'data-table__highlight' : undefined,
            cells: [row.header, ...row.cells],
          }))}
        />
        <p>{vm.calibration.selection}</p>
      </section>

      <section aria-labelledby="fairness-heading">
        <h2 id="fairness-heading">{m.fairness.heading}</h2>
        {f.available ? (
          <>
            <p>{f.intro}</p>
            <p>{f.affordability}</p>
            <p>{f.evaluatedOn}</p>
            <details>
              <summary>{f.definitionsHeading}</summary>
              <DefinitionList items={f.definitions.map((d) => ({ label: d.term, value: d.text }))} valueLang="en" />
              <p className="muted">{f.definitionsNote}</p>
            </details>
            {f.attributes.map((a) => (
              <section key={a.id} aria-labelledby={`${a.id}-heading`}>
                <h3 id={`${a.id}-heading`}>{a.heading}</h3>
                <p>{a.summary}</p>
                <p role="note">
                  <strong>{a.rule}</strong>
                </p>
                <ChartFigure figure={a.chart} locale={locale} tableToggle={toggle} headingLevel={4} />
                {a.tables.map((v, i) => {
                  const table = (
                    <DataTable
                      caption={v.table.caption}
                      columns={v.table.columns}
                      id={v.table.id}
                      numericColumns="all"
                      rows={v.table.rows.map((row) => ({
                        key: row.header,
                        cells: [
                          <>
                            {row.header}
                            {row.note ? <span className="muted"> ({row.note})</span> : null}
                          </>,
                          ...row.cells,
                        ],
                      }))}
                    />
                  );
                  return i === 0 ? (
                    <div key={v.variant}>{table}</div>
                  ) : (
                    <details key={v.variant}>
                      <summary>{v.label}</summary>
                      {table}
                    </details>
                  );
                })}
              </section>
            ))}
            <section aria-labelledby="fairness-price-heading">
              <h3 id="fairness-price-heading">{m.fairness.priceHeading}</h3>
              {f.price ? (
                <>
                  <p>{m.fairness.priceIntro}</p>
                  <DataTable
                    caption={f.price.caption}
                    columns={f.price.columns}
                    numericColumns="all"
                    rows={f.price.rows.map((row) => ({ key: row.header, cells: [row.header, ...row.cells] }))}
                  />
                </>
              ) : (
                <p>{f.priceUnavailable}</p>
              )}
            </section>
            {f.proxies ? (
              <section aria-labelledby="fairness-proxies-heading">
                <h3 id="fairness-proxies-heading">{m.fairness.proxiesHeading}</h3>
                <p>{f.proxies.intro}</p>
                <DataTable
                  caption={f.proxies.table.caption}
                  columns={f.proxies.table.columns}
                  numericColumns={[1]}
                  rows={f.proxies.table.rows.map((row) => ({
                    key: row.header,
                    cells: [row.header, row.cells[0], { content: row.cells[1], className: 'text' }],
                  }))}
                />
                <p>{f.proxies.dropped}</p>
                {f.proxies.decision ? <p>{f.proxies.decision}</p> : null}
              </section>
            ) : null}
          </>
        ) : (
          <p role="status">{f.message}</p>
        )}
      </section>

      <section aria-labelledby="limits-heading">
        <h2 id="limits-heading">{m.limits.heading}</h2>
        <DefinitionList
          items={vm.limits.map((l) => ({
            label: l.label,
            value: (
              <>
                {l.text}
                {l.items.length > 0 ? (
                  <ul>
                    {l.items.map((item) => (
                      <li key={item}>{item}</li>
                    ))}
                  </ul>
                ) : null}
              </>
            ),
          }))}
        />
      </section>
    </>
  );
}
