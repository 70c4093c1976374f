'use client';

import dynamic from 'next/dynamic';
import { useCallback, useState } from 'react';
import type { ChartSpec } from '@/lib/charts/chartSpec';

// Start downloading the Plotly chunk as soon as this module runs in the browser (before hydration
// renders the first chart); next/dynamic below then finds it loaded or in flight.
if (typeof window !== 'undefined') void import('./PlotlyBundle');

const Plot = dynamic(() => import('./PlotlyBundle'), {
  ssr: false,
  loading: () => <div className="chart__placeholder" aria-hidden="true" />,
});

/**
 * One Plotly chart, drawn in the browser only. The graphic is exposed to assistive technology
 * as a single image (role="img") named by `label`; its content is available as a data table in
 * the surrounding ChartFigure. The mode bar is hidden. `data-drawn` turns "true" once Plotly has
 * drawn (used by the UI benchmark and the page tests).
 */
export function PlotlyChart({ spec, label, locale }: { spec: ChartSpec; label: string; locale: string }) {
  const [drawn, setDrawn] = useState(false);
  const onDrawn = useCallback(() => setDrawn(true), []);
  return (
    <div className="chart" role="img" aria-label={label} data-chart="" data-drawn={drawn ? 'true' : 'false'} style={{ minHeight: spec.height }}>
      <Plot
        data={spec.data}
        layout={{ autosize: true, height: spec.height, ...spec.layout }}
        config={{ displayModeBar: false, responsive: false, locale, ...spec.config }}
        style={{ width: '100%', height: spec.height }}
        print={spec.print}
        onInitialized={onDrawn}
        onUpdate={onDrawn}
      />
    </div>
  );
}
