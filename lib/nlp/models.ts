/**
 * The three served text classifiers, in the order every page and answer lists them — declared
 * once, in a module light enough for the API schemas and the client components (no model runtime).
 */
export const NLP_MODELS = ['tfidf', 'bert', 'roberta'] as const;
export type NlpModelName = (typeof NLP_MODELS)[number];
