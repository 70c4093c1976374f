import type { DemoExample } from './dataset';
import type { Attributions } from './occlusion';
import type { InputInfo, NlpModelName, RankedCategory } from './service';
import type { AttentionMaps, TransformerKind } from './transformer';

/**
 * Results of the /veille demo's server actions (lib/nlp/demo.ts), as the client component
 * receives them. Types only, so that the client bundle never imports the model runtime.
 */

export type { DemoExample };

export type DemoError = {
  readonly ok: false;
  readonly error: 'empty' | 'too-long' | 'unavailable' | 'failed' | 'busy';
  readonly characters?: number;
  /** 'busy': seconds before the server accepts this action again from this address. */
  readonly retryAfterSeconds?: number;
};

/**
 * The model's own probability of its answer, in words: high ≥ 80 %, medium 50–80 %, low < 50 %
 * (softmax outputs, not calibrated probabilities: a reading aid, not a guarantee).
 */
export type DemoConfidence = 'high' | 'medium' | 'low';

export interface DemoPrediction {
  readonly model: NlpModelName;
  readonly predicted: string;
  readonly probability: number;
  readonly confidence: DemoConfidence;
  readonly ranking: readonly RankedCategory[];
  readonly latencyMs: number;
  readonly input: InputInfo;
}

export interface DemoClassification {
  readonly ok: true;
  readonly characters: number;
  readonly words: number;
  readonly labels: readonly string[];
  readonly predictions: readonly DemoPrediction[];
  /** The models answer differently (each model's answer is in `predictions`). */
  readonly disagreement: boolean;
  /**
   * The text has fewer words than the shortest 10 % of the texts the models were trained on — the
   * product names (`reference: 'names'`) when they were trained on both views, else the names +
   * descriptions (`'texts'`): their answers are less reliable. Null when it is not, or when the
   * training texts' lengths are unknown on this server.
   */
  readonly shortInput: {
    readonly words: number;
    readonly trainingP10: number;
    readonly trainingMedian: number;
    readonly reference: 'names' | 'texts';
  } | null;
  /**
   * Models trained on both views, and the text is as short as a product name (shorter than the
   * shortest 10 % of the names + descriptions, not shorter than the names): the name-alone figures
   * of the comparison apply. Not a warning.
   */
  readonly nameLike: { readonly words: number; readonly textsMedian: number } | null;
  readonly attention: { readonly model: TransformerKind; readonly maps: AttentionMaps } | null;
}

export interface DemoExplanation {
  readonly ok: true;
  readonly model: NlpModelName;
  readonly attributions: Attributions;
}

export interface DemoAttention {
  readonly ok: true;
  readonly model: TransformerKind;
  readonly maps: AttentionMaps;
}
