import type { CounterfactualView } from '@/lib/dashboard/counterfactualView';
import type { Dictionary } from '@/lib/i18n';
import { TrySimulationButton } from './TrySimulationButton';

/** The nearest counterfactual: the smallest change to actionable fields that would turn a refusal into an acceptance. */
export function CounterfactualSection({ m, t }: { m: CounterfactualView; t: Dictionary }) {
  const c = t.dashboard.counterfactual;
  return (
    <section aria-labelledby="counterfactual-heading" id="contrefactuel">
      <h2 id="counterfactual-heading">{c.heading}</h2>
      <p className="no-print">{c.lead}</p>
      <p className="cf-summary">{m.summary}</p>
      {m.options.length > 0 ? (
        <ul className="cf-options no-print" aria-label={c.caption}>
          {m.options.map((o, i) => (
            <li key={i}>
              <span>
                <strong>{o.title}</strong> : {o.text}. <span className="muted">{o.probability}</span>
              </span>
              <TrySimulationButton values={o.values} label={c.tryIt} />
            </li>
          ))}
        </ul>
      ) : null}
      <p className="muted small no-print">{m.bounds}</p>
    </section>
  );
}
