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
import { type ComponentProps, useEffect, useRef } from 'react';
import createPlotlyComponent from 'react-plotly.js/factory';

Plotly.register([bar, heatmap, indicator, fr as never]);

const Plot = createPlotlyComponent(Plotly);

type PlotProps = ComponentProps<typeof Plot> & {
  /** Size for printing (A4): the chart is laid out again at this size before printing, and back after. */
  readonly print?: { readonly width: number; readonly height?: number; readonly fontSize?: number };
};

/**
 * The Plot component with its own resize handling: it follows the container's width on screen,
 * and for charts of the printed summary (`print`) it is laid out at A4 size on beforeprint and
 * restored on afterprint (resize events during printing are ignored, or they would undo it).
 */
export default function PadPlot({ print, onInitialized, ...props }: PlotProps) {
  const graph = useRef<HTMLElement | null>(null);
  const printing = useRef(false);
  useEffect(() => {
    let frame = 0;
    const onResize = () => {
      if (printing.current) return;
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        if (graph.current && !printing.current) void Plotly.Plots.resize(graph.current);
      });
    };
    const before = () => {
      printing.current = true;
      if (graph.current && print) {
        void Plotly.relayout(graph.current, {
          autosize: false,
          width: print.width,
          ...(print.height ? { height: print.height } : {}),
          ...(print.fontSize ? { 'font.size': print.fontSize, 'yaxis.tickfont.size': print.fontSize, 'xaxis.tickfont.size': print.fontSize } : {}),
        });
      }
    };
    const after = () => {
      printing.current = false;
      // Back to the screen figure exactly as React gave it.
      if (graph.current && print) {
        void Plotly.react(
          graph.current,
          props.data as Plotly.Data[],
          props.layout as Partial<Plotly.Layout>,
          props.config as Partial<Plotly.Config>,
        ).then(() => graph.current && Plotly.Plots.resize(graph.current));
      }
    };
    window.addEventListener('resize', onResize);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('resize', onResize);
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, [print, props.data, props.layout, props.config]);
  return (
    <Plot
      {...props}
      onInitialized={(figure, div) => {
        graph.current = div;
        onInitialized?.(figure, div);
      }}
    />
  );
}
