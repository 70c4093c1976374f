import { openApiText } from './openapi';
import {
  getApplication,
  getApplicationDistribution,
  getApplicationExplanation,
  getApplicationNeighbours,
  getApplicationScore,
  getCounterfactual,
  getModelCard,
  getMonitoring,
  getDecision,
  getDecisionNotice,
  getReasonCodes,
  health,
  listApplications,
  listDecisions,
  openApi,
  postDecision,
  postMonitoring,
  scoreApplications,
  whatIf,
} from './operations';
import { applicationList, applicationProfile } from './resources/applications';
import { counterfactualResponse } from './resources/counterfactual';
import { decisionById, decisionList, decisionNotice, postDecision as recordPostedDecision } from './resources/decisions';
import { applicationDistribution } from './resources/distribution';
import { healthStatus } from './resources/health';
import { modelCardBody } from './resources/model';
import { batchMonitoring, newApplicationsMonitoring } from './resources/monitoring';
import { reasonCodesBody } from './resources/reasonCodes';
import { applicationNeighbours } from './resources/neighbours';
import { scoreApplicationsResponse, storedExplanationResponse, storedScore } from './resources/scoring';
import { whatIfBody } from './resources/whatIf';
import { apiRoute, handle, type PathHandlers, problemRoute, ROUTE_METHODS } from './route';
import { classifyText } from './resources/nlp';
import { classifyProductText } from './schemas/nlp';

/**
 * Every route of the public API, keyed by its path template: the one place where operations
 * are bound to their handlers. The Next.js route files under app/api/v1 re-export these
 * handlers, and the production server (lib/server) answers /api/v1 with the very same ones
 * without going through Next.js's request pipeline.
 */
export const API_ROUTES = {
  '/api/v1/health': apiRoute(handle(health, () => healthStatus())),
  '/api/v1/openapi.json': apiRoute(
    handle(
      openApi,
      () => new Response(openApiText(), { headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } }),
    ),
  ),
  '/api/v1/applications': apiRoute(handle(listApplications, ({ query }) => applicationList(query))),
  '/api/v1/applications/{id}': apiRoute(handle(getApplication, ({ params }) => applicationProfile(params.id))),
  '/api/v1/applications/{id}/score': apiRoute(handle(getApplicationScore, ({ params }) => storedScore(params.id))),
  '/api/v1/applications/{id}/explanation': apiRoute(
    handle(getApplicationExplanation, ({ params, query }) => storedExplanationResponse(params.id, query.top, query.lang)),
  ),
  '/api/v1/applications/{id}/neighbours': apiRoute(
    handle(getApplicationNeighbours, ({ params, query }) => applicationNeighbours(params.id, query.k)),
  ),
  '/api/v1/applications/{id}/distribution': apiRoute(
    handle(getApplicationDistribution, ({ params, query }) => applicationDistribution(params.id, query.field, query.bins)),
  ),
  '/api/v1/applications/{id}/what-if': apiRoute(handle(whatIf, ({ params, query, body }) => whatIfBody(params.id, body.changes, query.top))),
  '/api/v1/applications/{id}/counterfactual': apiRoute(handle(getCounterfactual, ({ params, signal }) => counterfactualResponse(params.id, signal))),
  '/api/v1/score': apiRoute(
    handle(scoreApplications, ({ query, body, signal, holdWorkSlot }) => scoreApplicationsResponse(body, query, { signal, release: holdWorkSlot() })),
  ),
  '/api/v1/model': apiRoute(handle(getModelCard, ({ query }) => modelCardBody(query.lang))),
  '/api/v1/reason-codes': apiRoute(handle(getReasonCodes, ({ query }) => reasonCodesBody(query.lang))),
  '/api/v1/applications/{id}/decisions': apiRoute(
    handle(postDecision, ({ params, body, caller, request }) => recordPostedDecision(params.id, body, caller, request)),
  ),
  '/api/v1/decisions': apiRoute(handle(listDecisions, ({ query }) => decisionList(query))),
  '/api/v1/decisions/{id}': apiRoute(handle(getDecision, ({ params }) => decisionById(params.id))),
  '/api/v1/decisions/{id}/notice': apiRoute(handle(getDecisionNotice, ({ params, query, signal }) => decisionNotice(params.id, query.lang, signal))),
  '/api/v1/monitoring': apiRoute(
    handle(getMonitoring, () => newApplicationsMonitoring()),
    handle(postMonitoring, ({ body, signal }) => batchMonitoring(body, signal)),
  ),
  '/api/v1/nlp/classify': apiRoute(handle(classifyProductText, ({ body, signal }) => classifyText(body, signal))),
} as const satisfies Record<string, PathHandlers>;

export type ApiRoutePath = keyof typeof API_ROUTES;

/** Any path under /api that no route matches: 404 as a problem document, whatever the method. */
const notFound = problemRoute('/api/*', 'not-found', () => 'No API route matches this path; the routes are listed in /api/v1/openapi.json.');
export const API_NOT_FOUND = Object.fromEntries([...ROUTE_METHODS, 'OPTIONS', 'otherMethod'].map((m) => [m, notFound])) as unknown as PathHandlers;
