'use server';

import { headers } from 'next/headers';
import { admitAction } from '@/lib/api/actionLimits';
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
