import { z } from 'zod';
import { KIB } from '../body';
import { MAX_OCCLUDED_WORDS, MAX_TEXT_CHARACTERS } from '../../nlp/text';
import { NLP_MODELS } from '../../nlp/models';

/**
 * Contract of POST /api/v1/nlp/classify: the zod schemas validate the requests (route wrapper)
 * and become the OpenAPI components. Kept free of the model runtime so that the OpenAPI
 * document and /api-docs can import it without loading onnxruntime.
 */

/**
 * Body limit: a text of MAX_TEXT_CHARACTERS code points always fits, even written entirely with
 * JSON \u escapes (12 bytes per astral character). A longer text in a smaller body gets 413
 * from the handler, naming `text`.
 */
export const NLP_BODY_LIMIT = 128 * KIB;

export const nlpModelNameSchema = z.enum(NLP_MODELS).meta({
  description:
    '`tfidf`: TF-IDF + logistic regression baseline; `bert`: encoder pretrained with the BERT recipe; `roberta`: encoder pretrained with the RoBERTa recipe.',
});

export const classifyRequestSchema = z
  .strictObject({
    text: z
      .string()
      .refine((s) => s.trim().length > 0, { message: 'must not be empty or blank' })
      .meta({
        description: `Product name and description (any language; the models were trained on English). At most ${MAX_TEXT_CHARACTERS.toLocaleString('en-GB')} characters (Unicode code points): longer texts get 413. Transformers read only its first tokens (see input.maxTokens).`,
        examples: ['Titan Analog Watch for Men - stainless steel strap, water resistant, 1 year warranty'],
      }),
    models: z
      .array(nlpModelNameSchema)
      .min(1)
      .max(3)
      .refine((a) => new Set(a).size === a.length, { message: 'must not repeat a model' })
      .optional()
      .meta({ description: 'Models to run (default: every model available on the server), answered in the order tfidf, bert, roberta.' }),
    explain: z
      .boolean()
      .default(false)
      .meta({
        description: `Adds word attributions by occlusion: for each of the first ${MAX_OCCLUDED_WORDS} words inside the model's input window, how much the probability of the predicted category drops when the word is removed. Costs one extra inference per word.`,
      }),
  })
  .meta({ description: 'A product text to classify into the 7 Flipkart categories.' });

const rankedCategorySchema = z.object({
  label: z.string(),
  probability: z.number().min(0).max(1),
});

const wordAttributionSchema = z.object({
  index: z.number().int().min(0).meta({ description: 'Position of the word among the words of the text (0-based).' }),
  word: z.string(),
  start: z.number().int().min(0).meta({ description: 'UTF-16 offset of the word in the text.' }),
  end: z.number().int().min(0),
  value: z.number().meta({ description: 'p(predicted | text) − p(predicted | text without the word); > 0: the word supports the prediction.' }),
});

const attributionsSchema = z.object({
  method: z.literal('occlusion'),
  target: z.string().meta({ description: 'The predicted category, whose probability is explained.' }),
  baseProbability: z.number().min(0).max(1),
  totalWords: z.number().int().min(0),
  windowWords: z.number().int().min(0).meta({ description: 'Words entirely inside the model’s input window.' }),
  words: z
    .array(wordAttributionSchema)
    .meta({ description: `The words considered (at most ${MAX_OCCLUDED_WORDS}, the first ones of the window), in text order.` }),
  ms: z.number().min(0).meta({ description: 'Time taken by the occluded variants, in milliseconds.' }),
});

const modelResultSchema = z.object({
  model: nlpModelNameSchema,
  predicted: z.string(),
  ranking: z.array(rankedCategorySchema).meta({ description: 'Every category, from the most to the least probable (probabilities sum to 1).' }),
  latencyMs: z.number().min(0).meta({ description: 'Time this model took for this text (tokenisation and inference), in milliseconds.' }),
  input: z.object({
    maxTokens: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'Longest input the model reads, in tokens including special tokens (null for TF-IDF, which reads the whole text).' }),
    tokens: z.number().int().nullable().meta({ description: 'Tokens of the whole text, special tokens included (null for TF-IDF).' }),
    truncated: z.boolean().meta({ description: 'The text was cut to its first maxTokens tokens.' }),
  }),
  attributions: attributionsSchema.optional(),
});

export const classifyResponseSchema = z
  .object({
    labels: z.array(z.string()).meta({ description: 'The categories, in the models’ label order (sorted names).' }),
    characters: z.number().int(),
    words: z.number().int(),
    results: z.array(modelResultSchema),
    totalMs: z.number().min(0),
  })
  .meta({ description: 'The ranked categories of each model, with its latency.' });
