'use server';

import { demoAttention, demoClassify, demoExplain } from '@/lib/nlp/demo';
import type { DemoAttention, DemoClassification, DemoError, DemoExplanation } from '@/lib/nlp/demoTypes';

/** Server actions of the /veille demo: thin wrappers, validation and work in lib/nlp/demo.ts. */

export async function classifyAction(text: string): Promise<DemoClassification | DemoError> {
  return demoClassify(text);
}

export async function explainAction(text: string, model: 'tfidf' | 'bert' | 'roberta'): Promise<DemoExplanation | DemoError> {
  return demoExplain(text, model);
}

export async function attentionAction(text: string, model: 'bert' | 'roberta'): Promise<DemoAttention | DemoError> {
  return demoAttention(text, model);
}
