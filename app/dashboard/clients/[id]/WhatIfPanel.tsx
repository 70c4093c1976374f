'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { fill } from '@/lib/dashboard/text';
import type { WhatIfInput, WhatIfResult } from '@/lib/dashboard/whatIfView';
import { ChartFigure } from '../../../_components/charts/ChartFigure';
import { DecisionBadge } from '../../../_components/DecisionBadge';
import { DataTable } from '../../../_components/DataTable';
import { AlertMessage, ErrorSummary, type FormAction } from '../../../_components/FormAlerts';
import { SIMULATION_EVENT, type SimulationRequest } from '../../../_components/simulationEvents';

export interface WhatIfStrings {
  readonly submit: string;
  readonly reset: string;
  readonly original: string;
  readonly simulated: string;
  readonly change: string;
  readonly resultHeading: string;
  readonly changedFactors: string;
  readonly factor: string;
  readonly before: string;
  readonly after: string;
  readonly probabilityRow: string;
  readonly decisionRow: string;
  readonly changesCaption: string;
  readonly errorSummary: string;
  readonly working: string;
  /** {s}: seconds to wait. */
  readonly busy: string;
  readonly unavailable: string;
  readonly tableToggle: string;
}

function WhatIfForm({
  action,
  inputs,
  s,
  locale,
  onReset,
}: {
  action: FormAction<WhatIfResult>;
  inputs: readonly WhatIfInput[];
  s: WhatIfStrings;
  locale: string;
  onReset: () => void;
}) {
  const [result, formAction, pending] = useActionState(action, null);
  const formRef = useRef<HTMLFormElement>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);

  // « Try it » buttons of the counterfactual: load the values, run, and bring the result into view.
  useEffect(() => {
    const onRequest = (e: Event) => {
      const form = formRef.current;
      if (!form) return;
      const values = (e as CustomEvent<SimulationRequest>).detail;
      for (const [field, value] of Object.entries(values)) {
        const input = form.elements.namedItem(field);
        if (input instanceof HTMLInputElement) input.value = value;
      }
      form.requestSubmit();
      form.scrollIntoView({ block: 'start' });
    };
    window.addEventListener(SIMULATION_EVENT, onRequest);
    return () => window.removeEventListener(SIMULATION_EVENT, onRequest);
  }, []);

  useEffect(() => {
    if (result?.status === 'ok') resultRef.current?.focus();
  }, [result]);

  return (
    <>
      <form ref={formRef} action={formAction} className="panel" aria-busy={pending} noValidate>
        {result?.status === 'invalid' ? (
          <ErrorSummary heading={s.errorSummary} errors={result.errors} target={(f) => `whatif-${f}`} />
        ) : (
          <AlertMessage
            message={
              result?.status === 'busy' ? fill(s.busy, { s: result.retryAfterSeconds ?? 1 }) : result?.status === 'unavailable' ? s.unavailable : null
            }
          />
        )}
        <div className="whatif-grid">
          {inputs.map((i) => {
            const error = result?.status === 'invalid' ? result.errors.find((e) => e.field === i.field) : undefined;
            return (
              <div className="field" key={i.field}>
                <label htmlFor={`whatif-${i.field}`}>{i.label}</label>
                <input
                  id={`whatif-${i.field}`}
                  name={i.field}
                  type="text"
                  inputMode="decimal"
                  defaultValue={i.value}
                  aria-describedby={`whatif-${i.field}-hint`}
                  aria-invalid={error ? true : undefined}
                  autoComplete="off"
                />
                <span id={`whatif-${i.field}-hint`} className="hint">
                  {i.hint}
                </span>
              </div>
            );
          })}
        </div>
        <div className="button-row" style={{ marginTop: '0.75rem' }}>
          <button type="submit" className="button button--primary" disabled={pending}>
            {s.submit}
          </button>
          <button type="button" className="button" onClick={onReset}>
            {s.reset}
          </button>
          <span role="status" aria-live="polite" className="muted">
            {pending ? s.working : ''}
          </span>
        </div>
      </form>

      {result?.status === 'ok' && result.before && result.after ? (
        <div className="whatif-result">
          <h3 ref={resultRef} tabIndex={-1}>
            {s.resultHeading}
          </h3>
          <p role="status" aria-live="polite">
            <strong>{result.decisionText}</strong> {s.probabilityRow} : {result.before.probability} → {result.after.probability} ({result.delta})
          </p>
          <DataTable
            caption={s.changesCaption}
            columns={[s.factor, s.original, s.simulated]}
            rows={[
              ...result.changes.map((c) => ({
                key: c.label,
                cells: [c.label, { content: c.from, className: 'num' }, { content: c.to, className: 'num' }],
              })),
              {
                key: 'probability',
                cells: [
                  s.probabilityRow,
                  { content: result.before.probability, className: 'num' },
                  {
                    className: 'num',
                    content: (
                      <>
                        {result.after.probability}{' '}
                        <span className={result.deltaSign === 1 ? 'delta-up' : result.deltaSign === -1 ? 'delta-down' : undefined}>
                          ({result.delta})
                        </span>
                      </>
                    ),
                  },
                ],
              },
              {
                key: 'decision',
                cells: [
                  s.decisionRow,
                  <DecisionBadge key="before" decision={result.before.decision} label={result.before.label} />,
                  <DecisionBadge key="after" decision={result.after.decision} label={result.after.label} />,
                ],
              },
            ]}
          />
          {result.factors && result.factors.length > 0 ? (
            <DataTable
              caption={s.changedFactors}
              columns={[s.factor, s.before, s.after, s.change]}
              numericColumns="all"
              rows={result.factors.map((f) => ({ key: f.label, cells: [f.label, f.before, f.after, f.delta] }))}
            />
          ) : null}
          {result.figure ? <ChartFigure figure={result.figure} locale={locale} tableToggle={s.tableToggle} headingLevel={4} /> : null}
        </div>
      ) : null}
    </>
  );
}

/**
 * The what-if panel: the fields the client can act on, recomputed by the model on the server
 * (server action). « Rétablir » restores the application's values and clears the result.
 */
export function WhatIfPanel({
  action,
  inputs,
  strings,
  locale,
}: {
  action: FormAction<WhatIfResult>;
  inputs: readonly WhatIfInput[];
  strings: WhatIfStrings;
  locale: string;
}) {
  const [generation, setGeneration] = useState(0);
  return <WhatIfForm key={generation} action={action} inputs={inputs} s={strings} locale={locale} onReset={() => setGeneration((g) => g + 1)} />;
}
