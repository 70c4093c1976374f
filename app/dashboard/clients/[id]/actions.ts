'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { hasRole } from '@/lib/accounts/accounts';
import { admitAction } from '@/lib/server/actionLimits';
import { creditEngineOrNull } from '@/lib/credit/engine';
import { DecisionRuleError, recordDecision } from '@/lib/decisions/recordDecision';
import { dictionary } from '@/lib/i18n';
import { AlreadyReviewedError, StoreUnavailableError } from '@/lib/store/errors';
import { sharedStore } from '@/lib/store/sharedStore';
import { currentPerson } from '../../../_lib/person';
import { simulate, WHAT_IF_FIELDS, type WhatIfResult } from '@/lib/dashboard/whatIfView';
import { requestLocale } from '@/lib/i18n/request';

/** What-if simulation of client `id` with the edited fields of the form (the model runs on the server; rate-limited per address). */
export async function simulateWhatIf(id: number, _previous: WhatIfResult | null, formData: FormData): Promise<WhatIfResult> {
  const decision = admitAction('what-if', await headers());
  if (!decision.allowed) return { status: 'busy', errors: [], changes: [], retryAfterSeconds: decision.retryAfterSeconds };
  const locale = await requestLocale();
  if (!Number.isInteger(id) || id <= 0) return { status: 'unavailable', errors: [], changes: [] };
  const form: Record<string, string> = {};
  for (const field of WHAT_IF_FIELDS) form[field] = String(formData.get(field) ?? '').slice(0, 40);
  return simulate(id, form, locale);
}

export interface DecideState {
  readonly status: 'invalid' | 'stale' | 'forbidden' | 'unavailable';
  readonly errors?: readonly { readonly field: 'decision' | 'overrideReasons' | 'justification' | 'reviewOf'; readonly message: string }[];
  /** What was submitted, so that the form shows it again after a refusal. */
  readonly values?: { readonly decision: string; readonly overrideReasons: readonly string[]; readonly justification: string };
}

/**
 * Records the signed-in analyst's decision on client `id` (or a supervisor's review of an
 * escalation), then reloads the page on its decision panel. Cross-site posts never reach here:
 * Next.js refuses server actions whose Origin is not this site, and the session cookie is SameSite=Lax.
 */
export async function decideOnApplication(id: number, _previous: DecideState | null, formData: FormData): Promise<DecideState> {
  const locale = await requestLocale();
  const t = dictionary(locale).decisions.panel;
  const person = await currentPerson();
  if (!person || !hasRole(person, 'analyst')) return { status: 'forbidden' };
  const decision = String(formData.get('decision') ?? '');
  const overrideReasons = formData.getAll('overrideReasons').map(String).slice(0, 20);
  const justification = String(formData.get('justification') ?? '').slice(0, 2000);
  const values = { decision, overrideReasons, justification };
  if (decision !== 'approve' && decision !== 'refuse' && decision !== 'escalate')
    return { status: 'invalid', errors: [{ field: 'decision', message: t.errors.decision }], values };
  const engine = await creditEngineOrNull();
  if (!engine || !Number.isInteger(id)) return { status: 'unavailable' };
  let recordId: string;
  try {
    const { record } = await recordDecision(
      engine,
      await sharedStore(),
      {
        applicationId: id,
        decision,
        overrideReasons,
        justification,
        modelVersion: String(formData.get('modelVersion') ?? '') || undefined,
        reviewOf: String(formData.get('reviewOf') ?? '') || undefined,
      },
      { id: `user:${person.login}`, role: person.role },
    );
    recordId = record.id;
  } catch (err) {
    if (err instanceof StoreUnavailableError) return { status: 'unavailable', values };
    if (err instanceof AlreadyReviewedError) return { status: 'invalid', errors: [{ field: 'reviewOf', message: t.errors.reviewOf }], values };
    if (err instanceof DecisionRuleError) {
      if (err.kind === 'stale-model') return { status: 'stale' };
      if (err.kind === 'forbidden') return { status: 'forbidden', values };
      const field = err.field.startsWith('overrideReasons')
        ? 'overrideReasons'
        : err.field === 'justification' || err.field === 'reviewOf'
          ? err.field
          : 'decision';
      return { status: 'invalid', errors: [{ field, message: t.errors[field] }], values };
    }
    throw err;
  }
  redirect(`/dashboard/clients/${id}?decision=${recordId}#decision-analyste`);
}
