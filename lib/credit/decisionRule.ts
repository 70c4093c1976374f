import type { Decision } from './types';

/**
 * The decision rule, written once: an application is refused when its calibrated probability of
 * default reaches the model's threshold (metadata.json), accepted below it. The model, the search
 * filters, the counterfactual search, the monitoring counts and the pages all apply it here.
 */
export function decisionAt(probability: number, threshold: number): Decision {
  return probability >= threshold ? 'refuse' : 'accept';
}

export function isAccepted(probability: number, threshold: number): boolean {
  return decisionAt(probability, threshold) === 'accept';
}
