import { datasetStats } from './dataset';
import type { DemoAttention, DemoClassification, DemoConfidence, DemoError, DemoExplanation } from './demoTypes';
import { isModelUnavailable, isTransformer, NLP_MODELS, type NlpModelName, type NlpService, nlpService } from './service';
import { nlpMetrics } from './report';
import { characterCount, splitWords, textProblem } from './text';
import { servedTrainViews } from './watchProtocol';

/**
 * The demo of /veille, called by its server actions: the same validation as the API (blank
 * text, more than MAX_TEXT_CHARACTERS), errors as codes the page words, results as plain
 * serialisable objects. Three calls so that the page shows the predictions first: classify
 * (the three models + the attention of one encoder), explain (one model's attributions),
 * attention (another encoder).
 */

function check(text: unknown): DemoError | string {
  if (typeof text !== 'string') return { ok: false, error: 'empty' };
  const problem = textProblem(text);
  if (problem?.kind === 'empty') return { ok: false, error: 'empty' };
  if (problem?.kind === 'too-long') return { ok: false, error: 'too-long', characters: problem.characters };
  return text;
}

const isModel = (model: unknown): model is NlpModelName => typeof model === 'string' && (NLP_MODELS as readonly string[]).includes(model);

function failure(err: unknown): DemoError {
  if (isModelUnavailable(err)) return { ok: false, error: 'unavailable' };
  console.error('[nlp] demo failed:', err instanceof Error ? err.message : err);
  return { ok: false, error: 'failed' };
}

/** Confidence in words of a model's probability for its answer (see DemoConfidence). */
export function confidenceOf(probability: number): DemoConfidence {
  return probability >= 0.8 ? 'high' : probability >= 0.5 ? 'medium' : 'low';
}

/** Whether the served models were trained on the names alone too (metrics.json), false when it cannot be read. */
function trainedOnNames(): boolean {
  const m = nlpMetrics();
  return m.ok && servedTrainViews(m.value) === 'both';
}

/**
 * How the text's length compares with the training texts': shorter than 90 % of the shortest view
 * the models learned on (the names when trained on both views) is a warning; as short as a name,
 * for models that also learned on names, a note. Nothing when the dataset cannot be read here.
 */
function lengthAdvice(service: NlpService, words: number): Pick<DemoClassification, 'shortInput' | 'nameLike'> {
  let overall: ReturnType<typeof datasetStats>['overall'];
  try {
    overall = datasetStats(service).overall;
  } catch {
    return { shortInput: null, nameLike: null };
  }
  const names = trainedOnNames();
  const reference = names ? overall.nameWords : overall.words;
  const shortInput =
    words < reference.p10
      ? { words, trainingP10: reference.p10, trainingMedian: reference.median, reference: names ? ('names' as const) : ('texts' as const) }
      : null;
  return { shortInput, nameLike: names && shortInput === null && words < overall.words.p10 ? { words, textsMedian: overall.words.median } : null };
}

export async function demoClassify(input: unknown): Promise<DemoClassification | DemoError> {
  const text = check(input);
  if (typeof text !== 'string') return text;
  try {
    const service = await nlpService();
    const c = await service.classify(text);
    const encoder = (['roberta', 'bert'] as const).find((k) => service.transformers[k]);
    const maps = encoder ? await service.attention(encoder, text) : null;
    const words = splitWords(text).length;
    return {
      ok: true,
      characters: characterCount(text),
      words,
      labels: c.labels,
      predictions: c.results.map((r) => ({
        model: r.model,
        predicted: r.predicted,
        probability: r.ranking[0]?.probability ?? 0,
        confidence: confidenceOf(r.ranking[0]?.probability ?? 0),
        ranking: r.ranking,
        latencyMs: r.latencyMs,
        input: r.input,
      })),
      disagreement: new Set(c.results.map((r) => r.predicted)).size > 1,
      ...lengthAdvice(service, words),
      attention: encoder && maps ? { model: encoder, maps } : null,
    };
  } catch (err) {
    return failure(err);
  }
}

export async function demoExplain(input: unknown, model: unknown): Promise<DemoExplanation | DemoError> {
  const text = check(input);
  if (typeof text !== 'string') return text;
  if (!isModel(model)) return { ok: false, error: 'unavailable' };
  try {
    const service = await nlpService();
    const p = await service.predict(model, text, true);
    if (!p.attributions) return { ok: false, error: 'failed' };
    return { ok: true, model, attributions: p.attributions };
  } catch (err) {
    return failure(err);
  }
}

export async function demoAttention(input: unknown, model: unknown): Promise<DemoAttention | DemoError> {
  const text = check(input);
  if (typeof text !== 'string') return text;
  if (!isModel(model) || !isTransformer(model)) return { ok: false, error: 'unavailable' };
  try {
    const service = await nlpService();
    return { ok: true, model, maps: await service.attention(model, text) };
  } catch (err) {
    return failure(err);
  }
}
