import type { FigureModel } from '@/lib/charts/chartSpec';
import { PlotlyChart } from './PlotlyChart';
import { DataTable } from '../DataTable';

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
        <DataTable
          caption={figure.table.caption}
          columns={figure.table.columns}
          rows={figure.table.rows.map((cells, r) => ({
            key: r,
            cells,
            className: r === figure.table.highlightRow ? 'data-table__highlight' : undefined,
          }))}
        />
      </details>
    </figure>
  );
}
