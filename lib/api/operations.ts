import type { z } from 'zod';
import { MIB } from './body';
import { readCsvApplications } from './csvApplications';
import { ApiError } from './errors';
import { defineOperation, type Operation } from './operation';
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

export const health = defineOperation({
  operationId: 'getHealth',
  method: 'GET',
  path: '/api/v1/health',
  tag: 'Service',
  scope: 'read',
  response: { schema: healthSchema, schemaId: 'Health', example: examples.health },
  problems: [],
});

export const openApi = defineOperation({
  operationId: 'getOpenApi',
  method: 'GET',
  path: '/api/v1/openapi.json',
  tag: 'Service',
  scope: 'read',
  response: { schema: openApiDocumentSchema, schemaId: 'OpenApiDocument' },
  problems: [],
});

export const listApplications = defineOperation({
  operationId: 'listApplications',
  method: 'GET',
  path: '/api/v1/applications',
  tag: 'Applications',
  scope: 'read',
  query: listApplicationsQuerySchema,
  exampleQuery: { q: '10002', limit: '3' },
  response: { schema: applicationListSchema, schemaId: 'ApplicationList', example: examples.applicationList },
  problems: ['invalid-parameters'],
});

export const getApplication = defineOperation({
  operationId: 'getApplication',
  method: 'GET',
  path: '/api/v1/applications/{id}',
  tag: 'Applications',
  scope: 'read',
  params: id,
  response: { schema: applicationProfileSchema, schemaId: 'ApplicationProfile' },
  problems: ['invalid-parameters', 'not-found'],
});

export const getApplicationScore = defineOperation({
  operationId: 'getApplicationScore',
  method: 'GET',
  path: '/api/v1/applications/{id}/score',
  tag: 'Scoring',
  scope: 'read',
  params: id,
  response: { schema: storedScoreSchema, schemaId: 'StoredScore', example: examples.storedScore },
  problems: ['invalid-parameters', 'not-found', 'service-unavailable'],
});

export const getApplicationExplanation = defineOperation({
  operationId: 'getApplicationExplanation',
  method: 'GET',
  path: '/api/v1/applications/{id}/explanation',
  tag: 'Scoring',
  scope: 'read',
  params: id,
  query: explanationQuerySchema,
  exampleQuery: { top: '2', lang: 'en' },
  response: { schema: storedExplanationSchema, schemaId: 'StoredExplanation', example: examples.storedExplanation },
  problems: ['invalid-parameters', 'not-found', 'service-unavailable'],
});

export const getApplicationNeighbours = defineOperation({
  operationId: 'getApplicationNeighbours',
  method: 'GET',
  path: '/api/v1/applications/{id}/neighbours',
  tag: 'Comparison',
  scope: 'read',
  params: id,
  query: neighboursQuerySchema,
  exampleQuery: { k: '5' },
  response: { schema: neighboursSchema, schemaId: 'Neighbours' },
  problems: ['invalid-parameters', 'not-found'],
});

export const getApplicationDistribution = defineOperation({
  operationId: 'getApplicationDistribution',
  method: 'GET',
  path: '/api/v1/applications/{id}/distribution',
  tag: 'Comparison',
  scope: 'read',
  params: id,
  query: distributionQuerySchema,
  exampleQuery: { field: 'EXT_SOURCE_2', bins: '20' },
  response: { schema: distributionSchema, schemaId: 'Distribution' },
  problems: ['invalid-parameters', 'not-found'],
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
  problems: [
    'invalid-parameters',
    'not-found',
    'malformed-request',
    'payload-too-large',
    'unsupported-media-type',
    'validation-failed',
    'service-unavailable',
  ],
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
  problems: [
    'invalid-parameters',
    'not-found',
    'malformed-request',
    'payload-too-large',
    'unsupported-media-type',
    'validation-failed',
    'conflict',
    'service-unavailable',
  ],
});

export const listDecisions = defineOperation({
  operationId: 'listDecisions',
  method: 'GET',
  path: '/api/v1/decisions',
  tag: 'Decisions',
  scope: 'read',
  query: decisionListQuerySchema,
  exampleQuery: { override: 'true', limit: '20' },
  response: { schema: decisionListSchema, schemaId: 'DecisionList' },
  problems: ['invalid-parameters', 'service-unavailable'],
});

export const getDecision = defineOperation({
  operationId: 'getDecision',
  method: 'GET',
  path: '/api/v1/decisions/{id}',
  tag: 'Decisions',
  scope: 'read',
  params: decisionIdParamsSchema,
  response: { schema: decisionRecordSchema, schemaId: 'DecisionRecord' },
  problems: ['invalid-parameters', 'not-found', 'service-unavailable'],
});

export const getDecisionNotice = defineOperation({
  operationId: 'getDecisionNotice',
  method: 'GET',
  path: '/api/v1/decisions/{id}/notice',
  tag: 'Decisions',
  scope: 'read',
  params: decisionIdParamsSchema,
  query: noticeQuerySchema,
  exampleQuery: { lang: 'fr' },
  response: { schema: noticeSchema, schemaId: 'DecisionNotice' },
  problems: ['invalid-parameters', 'not-found', 'service-unavailable'],
  heavy: true,
});

export const getCounterfactual = defineOperation({
  operationId: 'getCounterfactual',
  method: 'GET',
  path: '/api/v1/applications/{id}/counterfactual',
  tag: 'Simulation',
  scope: 'read',
  params: id,
  response: { schema: counterfactualSchema, schemaId: 'Counterfactual' },
  problems: ['invalid-parameters', 'not-found', 'service-unavailable'],
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
    csv: {
      maxBytes: CSV_BODY_LIMIT,
      schema: csvScoreRequestSchema,
      validates: true,
      read: (body, { maxBytes, query, signal }) => {
        const q = query as z.output<typeof scoreQuerySchema>;
        return readCsvApplications(body, {
          maxBytes,
          signal,
          maxRecords: maxApplications(q, MAX_CSV_APPLICATIONS),
          tooManyRecords: () => new ApiError('payload-too-large', tooManyApplicationsDetail(q, MAX_CSV_APPLICATIONS)),
          recordSchema: rawApplicationSchema,
          minRecords: 1,
        });
      },
      example: examples.scoreCsv,
    },
  },
  heavy: true,
  response: { schema: scoreResponseSchema, schemaId: 'ScoreResponse', example: examples.scoreResponse },
  problems: ['invalid-parameters', 'malformed-request', 'payload-too-large', 'unsupported-media-type', 'validation-failed', 'service-unavailable'],
});

export const getModelCard = defineOperation({
  operationId: 'getModelCard',
  method: 'GET',
  path: '/api/v1/model',
  tag: 'Model',
  scope: 'read',
  query: modelCardQuerySchema,
  exampleQuery: { lang: 'en' },
  response: { schema: modelCardSchema, schemaId: 'ModelCard' },
  problems: ['invalid-parameters', 'service-unavailable'],
});

export const getReasonCodes = defineOperation({
  operationId: 'getReasonCodes',
  method: 'GET',
  path: '/api/v1/reason-codes',
  tag: 'Model',
  scope: 'read',
  query: reasonCodesQuerySchema,
  exampleQuery: { lang: 'en' },
  response: { schema: reasonCodesSchema, schemaId: 'ReasonCodes', example: examples.reasonCodes },
  problems: ['invalid-parameters'],
});

export const getMonitoring = defineOperation({
  operationId: 'getMonitoring',
  method: 'GET',
  path: '/api/v1/monitoring',
  tag: 'Model',
  scope: 'read',
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
    csv: {
      maxBytes: CSV_BODY_LIMIT,
      schema: csvScoreRequestSchema,
      validates: true,
      read: (body, { maxBytes, signal }) =>
        readCsvApplications(body, { maxBytes, signal, maxRecords: MAX_CSV_APPLICATIONS, recordSchema: rawApplicationSchema, minRecords: 1 }),
      example: examples.scoreCsv,
    },
  },
  response: { schema: monitoringSchema, schemaId: 'Monitoring' },
  problems: ['malformed-request', 'payload-too-large', 'unsupported-media-type', 'validation-failed', 'service-unavailable'],
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
