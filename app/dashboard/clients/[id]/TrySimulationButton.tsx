'use client';

import { requestSimulation } from '../../../_components/simulationEvents';

/** Loads a counterfactual's values into the what-if form, runs it and moves focus there. */
export function TrySimulationButton({ values, label }: { values: Readonly<Record<string, string>>; label: string }) {
  return (
    <button type="button" className="button no-print" onClick={() => requestSimulation(values)}>
      {label}
    </button>
  );
}
