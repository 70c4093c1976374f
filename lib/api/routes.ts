import { openApiText } from './openapi';
import { API_OPERATIONS as op } from './operations';
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
import { handle, type PathHandlers, problemRoute, ROUTE_METHODS, routeTable } from './route';
import { classifyText } from './resources/nlp';

/**
 * Every route of the public API: the one place where operations are bound to their handlers,
 * keyed by the path template each operation declares (written nowhere else). Each Next.js route
 * file under app/api/v1 re-exports the handlers of its operation's path (`API_ROUTES[op.x.path]`),
 * the production server (lib/server) answers /api/v1 with the very same ones without going
 * through Next.js's request pipeline, and the OpenAPI document is generated from the same operations.
 */
export const API_ROUTES = routeTable(
  handle(op.getHealth, () => healthStatus()),
  handle(
    op.getOpenApi,
    () => new Response(openApiText(), { headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } }),
  ),
  handle(op.listApplications, ({ query }) => applicationList(query)),
  handle(op.getApplication, ({ params }) => applicationProfile(params.id)),
  handle(op.getApplicationScore, ({ params }) => storedScore(params.id)),
  handle(op.getApplicationExplanation, ({ params, query }) => storedExplanationResponse(params.id, query.top, query.lang)),
  handle(op.getApplicationNeighbours, ({ params, query }) => applicationNeighbours(params.id, query.k)),
  handle(op.getApplicationDistribution, ({ params, query }) => applicationDistribution(params.id, query.field, query.bins)),
  handle(op.whatIf, ({ params, query, body }) => whatIfBody(params.id, body.changes, query.top)),
  handle(op.getCounterfactual, ({ params, signal }) => counterfactualResponse(params.id, signal)),
  handle(op.scoreApplications, ({ query, body, signal, holdWorkSlot }) =>
    scoreApplicationsResponse(body, query, { signal, release: holdWorkSlot() }),
  ),
  handle(op.getModelCard, ({ query }) => modelCardBody(query.lang)),
  handle(op.getReasonCodes, ({ query }) => reasonCodesBody(query.lang)),
  handle(op.postDecision, ({ params, body, caller, request }) => recordPostedDecision(params.id, body, caller, request)),
  handle(op.listDecisions, ({ query }) => decisionList(query)),
  handle(op.getDecision, ({ params }) => decisionById(params.id)),
  handle(op.getDecisionNotice, ({ params, query, signal }) => decisionNotice(params.id, query.lang, signal)),
  handle(op.getMonitoring, () => newApplicationsMonitoring()),
  handle(op.postMonitoring, ({ body, signal }) => batchMonitoring(body, signal)),
  handle(op.classifyProductText, ({ body, signal }) => classifyText(body, signal)),
);

export type ApiRoutePath = keyof typeof API_ROUTES;

/** Any path under /api that no route matches: 404 as a problem document, whatever the method. */
const notFound = problemRoute('/api/*', 'not-found', () => 'No API route matches this path; the routes are listed in /api/v1/openapi.json.');
export const API_NOT_FOUND = Object.fromEntries([...ROUTE_METHODS, 'OPTIONS', 'otherMethod'].map((m) => [m, notFound])) as unknown as PathHandlers;
