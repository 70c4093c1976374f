import { z } from 'zod';
import { OVERRIDE_REASON_CODES } from '../../decisions/overrideReasons';
import { intQuery, langSchema } from './common';

/** Human decisions and the audit trail (lib/decisions, lib/store) as the API serves them. */

const decisionKind = z.enum(['approve', 'refuse', 'escalate']);
const overrideReason = z.enum(OVERRIDE_REASON_CODES as [string, ...string[]]);

export const decisionRequestSchema = z.strictObject({
  decision: decisionKind.meta({ description: 'approve or refuse the application, or escalate it to a supervisor.' }),
  overrideReasons: z
    .array(overrideReason)
    .max(OVERRIDE_REASON_CODES.length)
    .optional()
    .meta({ description: 'Required (at least one) when the decision goes against the model (an override).' }),
  justification: z.string().max(2000).optional().meta({ description: 'Written justification; required, at least 20 characters, for an override.' }),
  modelVersion: z
    .string()
    .max(64)
    .optional()
    .meta({ description: 'The model version the decider saw; when it is no longer the current one the decision is refused (409, stale view).' }),
  reviewOf: z.uuid().optional().meta({ description: 'Id of the escalation this decision reviews (supervisors only).' }),
});

export const decisionIdParamsSchema = z.object({
  id: z.uuid('must be a decision id (UUID)').meta({ description: 'Id of a decision record.', examples: ['6f1c2a52-0d5e-4a53-9d1e-2b7f0c8f4a11'] }),
});

export const principalReasonRefSchema = z.object({
  code: z.string().meta({ description: 'Stable reason code (GET /api/v1/reason-codes).' }),
  field: z.string(),
});

export const decisionRecordSchema = z
  .object({
    id: z.string(),
    seq: z.number().int().meta({ description: 'Position in the audit trail (1, 2, 3…).' }),
    createdAt: z.string().meta({ description: 'UTC time of the record (ISO 8601).' }),
    actor: z.object({
      id: z.string().meta({ description: '`user:<login>` or `key:<8 hex>` (an API key is named by a label, never by itself).' }),
      role: z.string(),
    }),
    applicationId: z.number().int(),
    inputHash: z.string().meta({ description: 'SHA-256 of the canonical JSON of the application as scored.' }),
    model: z.object({ name: z.string(), version: z.string() }),
    probability: z.number().meta({ description: 'Default probability shown when deciding (out of fold for a historical loan).' }),
    threshold: z.number(),
    recommendation: z.enum(['approve', 'refuse']).meta({ description: 'What the model recommends at the threshold.' }),
    decision: decisionKind,
    override: z.boolean().meta({ description: 'The decision goes against the recommendation.' }),
    overrideReasons: z.array(z.string()),
    justification: z.string().nullable(),
    principalReasons: z.array(principalReasonRefSchema).meta({ description: 'The up to four principal reasons shown, with their codes.' }),
    refersTo: z.string().nullable().meta({ description: 'The escalation this record reviews, if any.' }),
    prevHash: z.string(),
    hash: z.string().meta({ description: 'SHA-256 chaining this record to the previous one (npm run audit:verify).' }),
  })
  .meta({ description: 'One record of the audit trail: never updated nor deleted.' });

export const decisionListQuerySchema = z.strictObject({
  applicationId: z.coerce.number().int().positive().optional().meta({ description: 'Only this application (SK_ID_CURR).' }),
  actor: z.string().max(80).optional().meta({ description: 'Only this actor (`user:<login>` or `key:<8 hex>`).' }),
  override: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true'))
    .meta({ description: 'Only overrides (true) or only decisions that follow the model (false).' }),
  decision: decisionKind.optional(),
  from: z.iso.datetime().optional().meta({ description: 'From this UTC time (ISO 8601, inclusive).' }),
  to: z.iso.datetime().optional().meta({ description: 'Up to this UTC time (ISO 8601, inclusive).' }),
  limit: intQuery(1, 500, 50, 'Records per page (newest first).'),
  cursor: z
    .string()
    .regex(/^[1-9][0-9]{0,12}$/, 'must be the nextCursor of a previous page')
    .optional()
    .meta({ description: 'nextCursor of the previous page.' }),
});

export const decisionListSchema = z.object({
  items: z.array(decisionRecordSchema),
  nextCursor: z.string().nullable().meta({ description: 'Cursor of the next page (older records); null on the last.' }),
});

export const noticeQuerySchema = z.strictObject({ lang: langSchema.meta({ description: 'Language of the notice (default fr).' }) });

export const noticeSchema = z
  .object({
    reference: z.string().meta({ description: 'Reference of the decision (its id).' }),
    lang: z.enum(['fr', 'en']),
    date: z.string(),
    applicationId: z.number().int(),
    decision: decisionKind,
    title: z.string(),
    outcome: z.string().meta({ description: 'The decision in one sentence.' }),
    reasons: z
      .array(z.object({ code: z.string(), text: z.string() }))
      .meta({ description: 'Up to four principal reasons in plain words with their codes; never a protected attribute.' }),
    whatCouldChange: z.string().nullable().meta({ description: 'When refused: the smallest change that would flip the decision, if one was found.' }),
    humanReview: z.string().meta({ description: 'The right to obtain human review and to contest, and how.' }),
    model: z.object({ name: z.string(), version: z.string() }),
  })
  .meta({ description: "The applicant's notice of a decision." });
