import type { z } from 'zod';
import { MIB } from './body';
import { type CsvReadOptions, readCsvApplications } from './csvApplications';
import { ApiError } from './errors';
import { catalogue, type CsvBodySpec, defineOperation, type Operation, type OperationSpec } from './operation';
import {
  whatIfQuerySchema,
  whatIfRequestSchema,
  counterfactualSchema,
  distributionQuerySchema,
  distributionSchema,
  neighboursQuerySchema,
  neighboursSchema,
  whatIfSchema,
} from './schemas/analysis';
import { applicationListSchema, applicationProfileSchema, listApplicationsQuerySchema } from './schemas/applications';
import { applicationIdParamsSchema } from './schemas/common';
import { healthSchema, openApiDocumentSchema } from './schemas/meta';
import { modelCardQuerySchema, modelCardSchema } from './schemas/model';
import { monitoringSchema } from './schemas/monitoring';
import { reasonCodesQuerySchema, reasonCodesSchema } from './schemas/reasonCodes';
import {
  decisionIdParamsSchema,
  decisionListQuerySchema,
  decisionListSchema,
  decisionRecordSchema,
  decisionRequestSchema,
  noticeQuerySchema,
  noticeSchema,
} from './schemas/decisions';
import { rawApplicationSchema } from './schemas/applicationFields';
import {
  csvScoreRequestSchema,
  MAX_CSV_APPLICATIONS,
  maxApplications,
  tooManyApplicationsDetail,
  explanationQuerySchema,
  scoreQuerySchema,
  scoreRequestSchema,
  scoreResponseSchema,
  storedExplanationSchema,
  storedScoreSchema,
} from './schemas/scoring';
import * as examples from './examples';
import { classifyRequestSchema, classifyResponseSchema, NLP_BODY_LIMIT } from './schemas/nlp';

/**
 * The catalogue of the public API: every operation with its schemas. lib/api/routes.ts binds
 * handlers to these; the OpenAPI document and the /api-docs page are generated from them.
 */

/** Room for 1,000 complete applications (≈ 2.6 MB of JSON). */
export const JSON_BODY_LIMIT = 4 * MIB;
/** Room for 10,000 complete applications (≈ 4.7 MB of CSV). */
export const CSV_BODY_LIMIT = 8 * MIB;

const id = applicationIdParamsSchema;

/** A GET operation: it only reads, so a key with the read scope may call it. */
const read = <const O extends Omit<OperationSpec, 'method' | 'scope'>>(spec: O) => defineOperation({ ...spec, method: 'GET', scope: 'read' });

/** A batch of applications as CSV, each record checked as it is read, at most as many as `limit` says for the request's query. */
function applicationsCsv(limit: (query: unknown) => Pick<CsvReadOptions, 'maxRecords' | 'tooManyRecords'>): CsvBodySpec {
  return {
    maxBytes: CSV_BODY_LIMIT,
    schema: csvScoreRequestSchema,
    validates: true,
    read: (body, { maxBytes, query, signal }) =>
      readCsvApplications(body, { maxBytes, signal, recordSchema: rawApplicationSchema, minRecords: 1, ...limit(query) }),
    example: examples.scoreCsv,
  };
}

/** Every operation under its operationId, in documentation order. */
export const API_OPERATIONS = catalogue({
  getHealth: read({
    path: '/api/v1/health',
    tag: 'Service',
    response: { schema: healthSchema, schemaId: 'Health', example: examples.health },
  }),
  getOpenApi: read({
    path: '/api/v1/openapi.json',
    tag: 'Service',
    response: { schema: openApiDocumentSchema, schemaId: 'OpenApiDocument' },
  }),
  listApplications: read({
    path: '/api/v1/applications',
    tag: 'Applications',
    query: listApplicationsQuerySchema,
    exampleQuery: { q: '10002', limit: '3' },
    response: { schema: applicationListSchema, schemaId: 'ApplicationList', example: examples.applicationList },
  }),
  getApplication: read({
    path: '/api/v1/applications/{id}',
    tag: 'Applications',
    params: id,
    response: { schema: applicationProfileSchema, schemaId: 'ApplicationProfile' },
  }),
  getApplicationScore: read({
    path: '/api/v1/applications/{id}/score',
    tag: 'Scoring',
    params: id,
    response: { schema: storedScoreSchema, schemaId: 'StoredScore', example: examples.storedScore },
    problems: ['service-unavailable'],
  }),
  getApplicationExplanation: read({
    path: '/api/v1/applications/{id}/explanation',
    tag: 'Scoring',
    params: id,
    query: explanationQuerySchema,
    exampleQuery: { top: '2', lang: 'en' },
    response: { schema: storedExplanationSchema, schemaId: 'StoredExplanation', example: examples.storedExplanation },
    problems: ['service-unavailable'],
  }),
  scoreApplications: defineOperation({
    method: 'POST',
    path: '/api/v1/score',
    tag: 'Scoring',
    scope: 'score',
    query: scoreQuerySchema,
    exampleQuery: { top: '1', lang: 'en' },
    body: {
      schema: scoreRequestSchema,
      schemaId: 'ScoreRequest',
      json: { maxBytes: JSON_BODY_LIMIT, example: examples.scoreRequest },
      csv: applicationsCsv((query) => {
        const q = query as z.output<typeof scoreQuerySchema>;
        return {
          maxRecords: maxApplications(q, MAX_CSV_APPLICATIONS),
          tooManyRecords: () => new ApiError('payload-too-large', tooManyApplicationsDetail(q, MAX_CSV_APPLICATIONS)),
        };
      }),
    },
    heavy: true,
    response: { schema: scoreResponseSchema, schemaId: 'ScoreResponse', example: examples.scoreResponse },
    problems: ['service-unavailable'],
  }),
  getApplicationNeighbours: read({
    path: '/api/v1/applications/{id}/neighbours',
    tag: 'Comparison',
    params: id,
    query: neighboursQuerySchema,
    exampleQuery: { k: '5' },
    response: { schema: neighboursSchema, schemaId: 'Neighbours' },
  }),
  getApplicationDistribution: read({
    path: '/api/v1/applications/{id}/distribution',
    tag: 'Comparison',
    params: id,
    query: distributionQuerySchema,
    exampleQuery: { field: 'EXT_SOURCE_2', bins: '20' },
    response: { schema: distributionSchema, schemaId: 'Distribution' },
  }),
  whatIf: defineOperation({
    method: 'POST',
    path: '/api/v1/applications/{id}/what-if',
    tag: 'Simulation',
    scope: 'score',
    params: id,
    query: whatIfQuerySchema,
    exampleQuery: { top: '5' },
    body: { schema: whatIfRequestSchema, schemaId: 'WhatIfRequest', json: { maxBytes: JSON_BODY_LIMIT, example: examples.whatIfRequest } },
    response: { schema: whatIfSchema, schemaId: 'WhatIf' },
    problems: ['service-unavailable'],
  }),
  getCounterfactual: read({
    path: '/api/v1/applications/{id}/counterfactual',
    tag: 'Simulation',
    params: id,
    response: { schema: counterfactualSchema, schemaId: 'Counterfactual' },
    problems: ['service-unavailable'],
    heavy: true,
  }),
  getModelCard: read({
    path: '/api/v1/model',
    tag: 'Model',
    query: modelCardQuerySchema,
    exampleQuery: { lang: 'en' },
    response: { schema: modelCardSchema, schemaId: 'ModelCard' },
    problems: ['service-unavailable'],
  }),
  getReasonCodes: read({
    path: '/api/v1/reason-codes',
    tag: 'Model',
    query: reasonCodesQuerySchema,
    exampleQuery: { lang: 'en' },
    response: { schema: reasonCodesSchema, schemaId: 'ReasonCodes', example: examples.reasonCodes },
  }),
  postDecision: defineOperation({
    method: 'POST',
    path: '/api/v1/applications/{id}/decisions',
    tag: 'Decisions',
    scope: 'decide',
    params: id,
    body: {
      schema: decisionRequestSchema,
      schemaId: 'DecisionRequest',
      json: {
        maxBytes: 16 * 1024,
        example: {
          decision: 'approve',
          overrideReasons: ['income-verified'],
          justification: 'Payslips of the last three months checked, income confirmed.',
        },
      },
    },
    response: { schema: decisionRecordSchema, schemaId: 'DecisionRecord' },
    problems: ['conflict', 'service-unavailable'],
  }),
  listDecisions: read({
    path: '/api/v1/decisions',
    tag: 'Decisions',
    query: decisionListQuerySchema,
    exampleQuery: { override: 'true', limit: '20' },
    response: { schema: decisionListSchema, schemaId: 'DecisionList' },
    problems: ['service-unavailable'],
  }),
  getDecision: read({
    path: '/api/v1/decisions/{id}',
    tag: 'Decisions',
    params: decisionIdParamsSchema,
    response: { schema: decisionRecordSchema, schemaId: 'DecisionRecord' },
    problems: ['service-unavailable'],
  }),
  getDecisionNotice: read({
    path: '/api/v1/decisions/{id}/notice',
    tag: 'Decisions',
    params: decisionIdParamsSchema,
    query: noticeQuerySchema,
    exampleQuery: { lang: 'fr' },
    response: { schema: noticeSchema, schemaId: 'DecisionNotice' },
    problems: ['service-unavailable'],
    heavy: true,
  }),
  getMonitoring: read({
    path: '/api/v1/monitoring',
    tag: 'Model',
    response: { schema: monitoringSchema, schemaId: 'Monitoring' },
    problems: ['service-unavailable'],
    heavy: true,
  }),
  postMonitoring: defineOperation({
    method: 'POST',
    path: '/api/v1/monitoring',
    tag: 'Model',
    scope: 'score',
    body: {
      schema: csvScoreRequestSchema,
      schemaId: 'MonitoringBatch',
      csv: applicationsCsv(() => ({ maxRecords: MAX_CSV_APPLICATIONS })),
    },
    response: { schema: monitoringSchema, schemaId: 'Monitoring' },
    problems: ['service-unavailable'],
    heavy: true,
  }),
  classifyProductText: defineOperation({
    method: 'POST',
    path: '/api/v1/nlp/classify',
    tag: 'Text classification',
    scope: 'score',
    body: {
      schema: classifyRequestSchema,
      schemaId: 'ClassifyTextRequest',
      json: {
        maxBytes: NLP_BODY_LIMIT,
        example: { text: 'Titan Analog Watch for Men - stainless steel strap, water resistant, 1 year warranty', explain: false },
      },
    },
    response: { schema: classifyResponseSchema, schemaId: 'ClassifyTextResponse' },
    problems: ['service-unavailable'],
    heavy: true,
  }),
});

/** Every operation, in documentation order. */
export const OPERATIONS: readonly Operation[] = Object.values(API_OPERATIONS);
