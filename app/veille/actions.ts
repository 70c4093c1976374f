'use server';

import { headers } from 'next/headers';
import { type ActionKind, admitAction } from '@/lib/server/actionLimits';
import { demoAttention, demoClassify, demoExplain } from '@/lib/nlp/demo';
import type { DemoAttention, DemoClassification, DemoError, DemoExplanation } from '@/lib/nlp/demoTypes';
import type { NlpModelName } from '@/lib/nlp/models';

/** Server actions of the /veille demo: rate-limited thin wrappers, validation and work in lib/nlp/demo.ts. */

async function refusal(kind: ActionKind): Promise<DemoError | undefined> {
  const decision = admitAction(kind, await headers());
  return decision.allowed ? undefined : { ok: false, error: 'busy', retryAfterSeconds: decision.retryAfterSeconds };
}

export async function classifyAction(text: string): Promise<DemoClassification | DemoError> {
  return (await refusal('nlp-classify')) ?? demoClassify(text);
}

export async function explainAction(text: string, model: NlpModelName): Promise<DemoExplanation | DemoError> {
  return (await refusal('nlp-explain')) ?? demoExplain(text, model);
}

export async function attentionAction(text: string, model: 'bert' | 'roberta'): Promise<DemoAttention | DemoError> {
  return (await refusal('nlp-attention')) ?? demoAttention(text, model);
}
