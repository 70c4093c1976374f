import type { z } from 'zod';
import { MIB } from './body';
import { type CsvReadOptions, readCsvApplications } from './csvApplications';
import { ApiError } from './errors';
import { type CsvBodySpec, defineOperation, type Operation, type OperationSpec } from './operation';
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
import { classifyProductText } from './schemas/nlp';

/**
 * The catalogue of the public API: every operation with its schemas. Route files bind handlers
 * to these; the OpenAPI document and the /api-docs page are generated from them.
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

export const health = read({
  operationId: 'getHealth',
  path: '/api/v1/health',
  tag: 'Service',
  response: { schema: healthSchema, schemaId: 'Health', example: examples.health },
});

export const openApi = read({
  operationId: 'getOpenApi',
  path: '/api/v1/openapi.json',
  tag: 'Service',
  response: { schema: openApiDocumentSchema, schemaId: 'OpenApiDocument' },
});

export const listApplications = read({
  operationId: 'listApplications',
  path: '/api/v1/applications',
  tag: 'Applications',
  query: listApplicationsQuerySchema,
  exampleQuery: { q: '10002', limit: '3' },
  response: { schema: applicationListSchema, schemaId: 'ApplicationList', example: examples.applicationList },
});

export const getApplication = read({
  operationId: 'getApplication',
  path: '/api/v1/applications/{id}',
  tag: 'Applications',
  params: id,
  response: { schema: applicationProfileSchema, schemaId: 'ApplicationProfile' },
});

export const getApplicationScore = read({
  operationId: 'getApplicationScore',
  path: '/api/v1/applications/{id}/score',
  tag: 'Scoring',
  params: id,
  response: { schema: storedScoreSchema, schemaId: 'StoredScore', example: examples.storedScore },
  problems: ['service-unavailable'],
});

export const getApplicationExplanation = read({
  operationId: 'getApplicationExplanation',
  path: '/api/v1/applications/{id}/explanation',
  tag: 'Scoring',
  params: id,
  query: explanationQuerySchema,
  exampleQuery: { top: '2', lang: 'en' },
  response: { schema: storedExplanationSchema, schemaId: 'StoredExplanation', example: examples.storedExplanation },
  problems: ['service-unavailable'],
});

export const getApplicationNeighbours = read({
  operationId: 'getApplicationNeighbours',
  path: '/api/v1/applications/{id}/neighbours',
  tag: 'Comparison',
  params: id,
  query: neighboursQuerySchema,
  exampleQuery: { k: '5' },
  response: { schema: neighboursSchema, schemaId: 'Neighbours' },
});

export const getApplicationDistribution = read({
  operationId: 'getApplicationDistribution',
  path: '/api/v1/applications/{id}/distribution',
  tag: 'Comparison',
  params: id,
  query: distributionQuerySchema,
  exampleQuery: { field: 'EXT_SOURCE_2', bins: '20' },
  response: { schema: distributionSchema, schemaId: 'Distribution' },
});

export const whatIf = defineOperation({
  operationId: 'whatIf',
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
});

export const postDecision = defineOperation({
  operationId: 'postDecision',
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
});

export const listDecisions = read({
  operationId: 'listDecisions',
  path: '/api/v1/decisions',
  tag: 'Decisions',
  query: decisionListQuerySchema,
  exampleQuery: { override: 'true', limit: '20' },
  response: { schema: decisionListSchema, schemaId: 'DecisionList' },
  problems: ['service-unavailable'],
});

export const getDecision = read({
  operationId: 'getDecision',
  path: '/api/v1/decisions/{id}',
  tag: 'Decisions',
  params: decisionIdParamsSchema,
  response: { schema: decisionRecordSchema, schemaId: 'DecisionRecord' },
  problems: ['service-unavailable'],
});

export const getDecisionNotice = read({
  operationId: 'getDecisionNotice',
  path: '/api/v1/decisions/{id}/notice',
  tag: 'Decisions',
  params: decisionIdParamsSchema,
  query: noticeQuerySchema,
  exampleQuery: { lang: 'fr' },
  response: { schema: noticeSchema, schemaId: 'DecisionNotice' },
  problems: ['service-unavailable'],
  heavy: true,
});

export const getCounterfactual = read({
  operationId: 'getCounterfactual',
  path: '/api/v1/applications/{id}/counterfactual',
  tag: 'Simulation',
  params: id,
  response: { schema: counterfactualSchema, schemaId: 'Counterfactual' },
  problems: ['service-unavailable'],
  heavy: true,
});

export const scoreApplications = defineOperation({
  operationId: 'scoreApplications',
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
});

export const getModelCard = read({
  operationId: 'getModelCard',
  path: '/api/v1/model',
  tag: 'Model',
  query: modelCardQuerySchema,
  exampleQuery: { lang: 'en' },
  response: { schema: modelCardSchema, schemaId: 'ModelCard' },
  problems: ['service-unavailable'],
});

export const getReasonCodes = read({
  operationId: 'getReasonCodes',
  path: '/api/v1/reason-codes',
  tag: 'Model',
  query: reasonCodesQuerySchema,
  exampleQuery: { lang: 'en' },
  response: { schema: reasonCodesSchema, schemaId: 'ReasonCodes', example: examples.reasonCodes },
});

export const getMonitoring = read({
  operationId: 'getMonitoring',
  path: '/api/v1/monitoring',
  tag: 'Model',
  response: { schema: monitoringSchema, schemaId: 'Monitoring' },
  problems: ['service-unavailable'],
  heavy: true,
});

export const postMonitoring = defineOperation({
  operationId: 'postMonitoring',
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
});

/** Every operation, in documentation order. */
export const OPERATIONS: readonly Operation[] = [
  health,
  openApi,
  listApplications,
  getApplication,
  getApplicationScore,
  getApplicationExplanation,
  scoreApplications,
  getApplicationNeighbours,
  getApplicationDistribution,
  whatIf,
  getCounterfactual,
  getModelCard,
  getReasonCodes,
  postDecision,
  listDecisions,
  getDecision,
  getDecisionNotice,
  getMonitoring,
  postMonitoring,
  classifyProductText,
];
