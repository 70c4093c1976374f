'use client';

import { useActionState } from 'react';
import type { DecisionPanelModel } from '@/lib/dashboard/decisionPanel';
import type { DecideState } from './actions';

export interface DecisionPanelStrings {
  readonly legend: string;
  readonly approve: string;
  readonly refuse: string;
  readonly escalate: string;
  readonly overrideLegend: string;
  readonly justification: string;
  readonly submit: string;
  readonly reviewHeading: string;
  readonly errorSummary: string;
  readonly stale: string;
  readonly unavailable: string;
  readonly forbidden: string;
}

type Action = (previous: DecideState | null, formData: FormData) => Promise<DecideState>;

/** The analyst's decision form (and a supervisor's review of an escalation): one form, posted to a server action. */
export function DecisionForm({ action, m, s }: { action: Action; m: DecisionPanelModel; s: DecisionPanelStrings }) {
  const [state, formAction, pending] = useActionState(action, null);
  const message =
    state?.status === 'stale' ? s.stale : state?.status === 'unavailable' ? s.unavailable : state?.status === 'forbidden' ? s.forbidden : null;
  const choices = m.review ? (['approve', 'refuse'] as const) : (['approve', 'refuse', 'escalate'] as const);
  // React resets a form after its action: the defaults are what was submitted, so a refused decision keeps its choices.
  const v = state?.values;
  const chosen = v?.decision ?? m.recommendation;
  return (
    <form key={state ? JSON.stringify(v ?? null) : 'initial'} action={formAction} className="panel decision-form" aria-busy={pending} noValidate>
      {m.review ? (
        <>
          <h3>{s.reviewHeading}</h3>
          <p>{m.review.lead}</p>
          <input type="hidden" name="reviewOf" value={m.review.id} />
        </>
      ) : null}
      {message ? (
        <p role="alert" className="error-summary">
          {message}
        </p>
      ) : null}
      {state?.status === 'invalid' && state.errors ? (
        <div role="alert" className="error-summary">
          <p>{s.errorSummary}</p>
          <ul>
            {state.errors.map((e) => (
              <li key={e.field}>
                <a href={`#decide-${e.field}`}>{e.message}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <input type="hidden" name="modelVersion" value={m.modelVersion} />
      <fieldset id="decide-decision">
        <legend>{s.legend}</legend>
        {choices.map((c) => (
          <label key={c} className="choice">
            <input type="radio" name="decision" value={c} defaultChecked={c === chosen} /> {s[c]}
          </label>
        ))}
      </fieldset>
      <fieldset id="decide-overrideReasons">
        <legend>{s.overrideLegend}</legend>
        {m.overrideReasons.map((r) => (
          <label key={r.code} className="choice">
            <input type="checkbox" name="overrideReasons" value={r.code} defaultChecked={v?.overrideReasons.includes(r.code) ?? false} /> {r.label}
          </label>
        ))}
      </fieldset>
      <p>
        <label htmlFor="decide-justification">{s.justification}</label>
        <textarea id="decide-justification" name="justification" rows={3} maxLength={2000} defaultValue={v?.justification ?? ''} />
      </p>
      <button type="submit" disabled={pending}>
        {s.submit}
      </button>
    </form>
  );
}
