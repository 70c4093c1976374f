/** A request to load values into the what-if form and run it (sent by the counterfactual's « try it » buttons). */
export const SIMULATION_EVENT = 'pad:simulate';

export type SimulationRequest = Readonly<Record<string, string>>;

export function requestSimulation(values: SimulationRequest): void {
  window.dispatchEvent(new CustomEvent<SimulationRequest>(SIMULATION_EVENT, { detail: values }));
}
