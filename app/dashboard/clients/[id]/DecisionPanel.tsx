'use client';

import { useActionState } from 'react';
import type { DecisionPanelModel } from '@/lib/dashboard/decisionPanel';
import { AlertMessage, ErrorSummary, type FormAction } from '../../../_components/FormAlerts';
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

/** The analyst's decision form (and a supervisor's review of an escalation): one form, posted to a server action. */
export function DecisionForm({ action, m, s }: { action: FormAction<DecideState>; m: DecisionPanelModel; s: DecisionPanelStrings }) {
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
      <AlertMessage message={message} />
      {state?.status === 'invalid' && state.errors ? (
        <ErrorSummary heading={s.errorSummary} errors={state.errors} target={(f) => `decide-${f}`} />
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
