import type { z } from 'zod';
import { ApiError } from '../errors';
import type { classifyRequestSchema, classifyResponseSchema } from '../schemas/nlp';
import { type Classification, isModelUnavailable, nlpService } from '../../nlp/service';
import { MAX_TEXT_CHARACTERS, textProblem } from '../../nlp/text';

/** Handler of POST /api/v1/nlp/classify: limits, the service call, and the response shape. */

type ClassifyRequest = z.output<typeof classifyRequestSchema>;
type ClassifyResponse = z.output<typeof classifyResponseSchema>;

const ms = (v: number) => Math.round(v * 100) / 100;

export function classificationResponse(c: Classification): ClassifyResponse {
  return {
    labels: [...c.labels],
    characters: c.characters,
    words: c.words,
    results: c.results.map((r) => ({
      model: r.model,
      predicted: r.predicted,
      ranking: r.ranking.map((x) => ({ label: x.label, probability: x.probability })),
      latencyMs: ms(r.latencyMs),
      input: { ...r.input },
      ...(r.attributions
        ? {
            attributions: {
              method: r.attributions.method,
              target: r.attributions.target,
              baseProbability: r.attributions.baseProbability,
              totalWords: r.attributions.totalWords,
              windowWords: r.attributions.windowWords,
              words: r.attributions.words.map((w) => ({ index: w.index, word: w.word, start: w.start, end: w.end, value: w.value })),
              ms: ms(r.attributions.ms),
            },
          }
        : {}),
    })),
    totalMs: ms(c.totalMs),
  };
}

export async function classifyText(body: ClassifyRequest, signal?: AbortSignal): Promise<ClassifyResponse> {
  const problem = textProblem(body.text);
  if (problem?.kind === 'too-long') {
    throw new ApiError(
      'payload-too-large',
      `text: at most ${MAX_TEXT_CHARACTERS.toLocaleString('en-GB')} characters, this one has ${problem.characters.toLocaleString('en-GB')}.`,
      [{ path: 'text', message: `at most ${MAX_TEXT_CHARACTERS} characters` }],
    );
  }
  const service = await nlpService();
  try {
    return classificationResponse(await service.classify(body.text, { models: body.models, explain: body.explain, signal }));
  } catch (err) {
    if (isModelUnavailable(err)) {
      throw new ApiError('service-unavailable', `Model(s) not available on this server: ${err.models.join(', ')}.`);
    }
    throw err;
  }
}
