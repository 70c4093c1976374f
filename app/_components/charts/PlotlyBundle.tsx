'use client';

/**
 * The partial Plotly bundle: plotly.js core (scatter included) plus only the trace types the
 * pages draw — bar (waterfall, histograms, frequencies), heatmap (confusion matrix) and
 * indicator (the decision gauge) — and the French locale. Imported only through next/dynamic
 * with ssr: false (see PlotlyChart), so it is downloaded only by pages that show charts.
 */
import * as Plotly from 'plotly.js/lib/core';
import bar from 'plotly.js/lib/bar';
import heatmap from 'plotly.js/lib/heatmap';
import indicator from 'plotly.js/lib/indicator';
import fr from 'plotly.js/lib/locales/fr';
import createPlotlyComponent from 'react-plotly.js/factory';

Plotly.register([bar, heatmap, indicator, fr as never]);

const Plot = createPlotlyComponent(Plotly);
export default Plot;
