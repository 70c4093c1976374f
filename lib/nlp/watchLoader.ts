import path from 'node:path';
import type { Locale } from '../i18n';
import { datasetStats } from './dataset';
import { noteModel, type NoteModel } from './noteModel';
import { nlpModelsDir } from './paths';
import { nlpLatency, nlpMetrics, nlpSeedStudy } from './report';
import { type NlpModelStatus, NLP_MODELS, nlpService, type NlpService } from './service';
import { watchPageModel, type WatchPageModel } from './watchPage';

/**
 * Gathers what /veille needs (server side): the served models (loaded once per process), the
 * training results, the latency benchmark, the dataset statistics, and the live attention map
 * of one real product for the concepts section.
 */

/** Tokens of the concepts section's attention map (the demo shows up to ATTENTION_MAX_TOKENS). */
const CONCEPT_ATTENTION_TOKENS = 24;

async function serviceOrNull(): Promise<NlpService | null> {
  try {
    return await nlpService();
  } catch (err) {
    console.error('[nlp] the models could not be loaded:', err instanceof Error ? err.message : err);
    return null;
  }
}

export async function loadWatchPage(locale: Locale, withAttention = true): Promise<WatchPageModel> {
  const service = await serviceOrNull();
  const dataset = datasetStats(service ?? undefined);
  const models: NlpModelStatus[] = service
    ? service.status()
    : NLP_MODELS.map((name) => ({
        name,
        available: false,
        reason: 'models not loaded',
        maxTokens: null,
        layers: null,
        heads: null,
        hiddenSize: null,
      }));
  const encoder = service ? (['roberta', 'bert'] as const).find((k) => service.transformers[k]) : undefined;
  const example = dataset.examples.find((e) => e.label === dataset.labels[dataset.labels.length - 1]) ?? dataset.examples[0];
  let attention: Parameters<typeof watchPageModel>[0]['attention'] = null;
  if (withAttention && service && encoder && example) {
    try {
      attention = { model: encoder, maps: await service.attention(encoder, example.text, CONCEPT_ATTENTION_TOKENS), productName: example.name };
    } catch (err) {
      console.error('[nlp] attention map failed:', err instanceof Error ? err.message : err);
    }
  }
  return watchPageModel({ locale, metrics: nlpMetrics(), latency: nlpLatency(), seedStudy: nlpSeedStudy(), dataset, models, attention });
}

/** The methodology note: the page model's tables and the note's paragraphs filled from metrics.json. */
export async function loadWatchNote(locale: Locale): Promise<{ page: WatchPageModel; note: NoteModel }> {
  const page = await loadWatchPage(locale, false);
  const service = await serviceOrNull();
  const note = noteModel({
    locale,
    page,
    metrics: nlpMetrics(),
    dataset: datasetStats(service ?? undefined),
    dir: path.relative(process.cwd(), nlpModelsDir()) || '.',
  });
  return { page, note };
}
