import type { Config, Data, Layout } from 'plotly.js';

/**
 * A chart as the pages hand it to the client: Plotly traces and layout (plain, serialisable
 * objects built by the view-models in lib/dashboard), plus the accessible alternatives that
 * ChartFigure renders around it — a caption stating the chart's message and a data table.
 */
export interface ChartSpec {
  readonly data: Data[];
  readonly layout: Partial<Layout>;
  /** Extra Plotly config (the mode bar is always hidden; locale is set from the page language). */
  readonly config?: Partial<Config>;
  /** Height in CSS pixels (the width follows the container). */
  readonly height: number;
  /** Size on paper (A4 portrait, 12 mm margins: 700 px of width) for charts of the printed summary. */
  readonly print?: { readonly width: number; readonly height?: number; readonly fontSize?: number };
}

/** The data table alternative of a chart: a caption, column headers, and rows of display strings. */
export interface ChartTable {
  readonly caption: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Index of the row to emphasise (e.g. the client's own bin); optional. */
  readonly highlightRow?: number;
}

/** Everything ChartFigure needs: title, the message (caption), a short label for the graphic, the chart and its table. */
export interface FigureModel {
  readonly id: string;
  readonly title: string;
  /** One or two sentences stating what the chart shows — the figure's message. */
  readonly caption: string;
  /** Short accessible name of the graphic (role="img"). */
  readonly label: string;
  readonly chart: ChartSpec;
  readonly table: ChartTable;
}
