import type { FigureModel } from '@/lib/charts/chartSpec';
import { PlotlyChart } from './PlotlyChart';

/**
 * A chart as an accessible figure: a title, the graphic (an image named by a short label), a
 * caption that states the chart's message, and the same data as a real table inside a
 * <details> disclosure (keyboard and screen-reader friendly, and printed when opened).
 */
export function ChartFigure({
  figure,
  locale,
  tableToggle,
  headingLevel = 3,
}: {
  figure: FigureModel;
  locale: string;
  /** Summary text of the table disclosure, e.g. « Voir les données ». */
  tableToggle: string;
  headingLevel?: 2 | 3 | 4;
}) {
  const Heading = `h${headingLevel}` as const;
  const captionId = `${figure.id}-caption`;
  return (
    <figure className="chart-figure" aria-labelledby={`${figure.id}-title`} aria-describedby={captionId} id={figure.id}>
      <Heading id={`${figure.id}-title`} className="chart-figure__title">
        {figure.title}
      </Heading>
      <PlotlyChart spec={figure.chart} label={figure.label} locale={locale} />
      <figcaption id={captionId} className="chart-figure__caption">
        {figure.caption}
      </figcaption>
      <details className="chart-figure__data">
        <summary>{tableToggle}</summary>
        <div className="table-scroll" tabIndex={0} role="region" aria-label={figure.table.caption}>
          <table className="data-table">
            <caption>{figure.table.caption}</caption>
            <thead>
              <tr>
                {figure.table.columns.map((c, i) => (
                  <th key={i} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {figure.table.rows.map((row, r) => (
                <tr key={r} className={r === figure.table.highlightRow ? 'data-table__highlight' : undefined}>
                  {row.map((cell, c) =>
                    c === 0 ? (
                      <th key={c} scope="row">
                        {cell}
                      </th>
                    ) : (
                      <td key={c}>{cell}</td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
