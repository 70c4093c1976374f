import type { Dictionary } from '../fr';

/** API documentation page (English). The operation texts are also the OpenAPI summaries and descriptions. */
export const apiDocs: Dictionary['apiDocs'] = {
  title: 'Scoring API',
  lead: 'Other programs of the company (loan origination, batch jobs) get the same decisions and explanations as the dashboard through versioned JSON routes under /api/v1.',
  openApiLink: 'OpenAPI 3.1 document',
  openApiDescription:
    'Scores and explanations of loan applications by the credit model, the same as the dashboard shows. Errors are RFC 9457 problem documents (application/problem+json). Body limits: {json} for JSON, {csv} for CSV.',
  contents: 'Contents',
  sections: {
    overview: 'Overview',
    auth: 'Authentication',
    limits: 'Rate limits and body sizes',
    errors: 'Errors',
    operations: 'Routes',
  },
  overview: [
    'Base path: /api/v1. Requests and responses are JSON (UTF-8); POST /api/v1/score also accepts text/csv.',
    'Responses are never cached (Cache-Control: no-store) and carry an X-Request-Id header, which also appears in the server log.',
    'Raw applications use the Home Credit field names; any field may be absent or null (missing). Unknown fields are rejected so that a misspelt field is never scored as missing.',
  ],
  auth: [
    'When the server is started with API_KEYS (comma-separated keys), every /api/v1 route (health and the OpenAPI document included; liveness probes send the key too) requires the header Authorization: Bearer <key>; otherwise 401.',
    'A key may be restricted to scopes with a suffix: key:read can only read (GET routes); key:score can only score (POST scoring routes); a key without suffix can do both. Recording a decision needs the decide scope, granted explicitly (key:read+decide); a key is then needed even without API_KEYS, and the key (its label, never the key itself) is the decision’s actor. A key without the needed scope gets 403.',
  ],
  limits: [
    'Each key (each client address when keys are off) has a token bucket: API_RATE_LIMIT_RPS requests per second (5,000 by default), bursts of API_RATE_LIMIT_BURST (twice the rate by default). Beyond it: 429 with Retry-After.',
    'Every response carries RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset.',
    'Bodies: 4 MB of JSON (up to 1,000 applications), 8 MB of CSV (up to 10,000 records); with explanations, applications × top ≤ 10,000; beyond: 413. Answers are streamed. Larger batches: the score CLI.',
  ],
  errorsLead:
    'Every error is a problem document (RFC 9457) of type application/problem+json: type, title, status, detail, requestId, and errors (a list of { path, message }) when fields are at fault. Paths: AMT_CREDIT, [3].AMT_CREDIT (item 3 of an array or record 3 of a CSV), query.top, path.id. Values sent by the client are never echoed.',
  problems: {
    'malformed-request':
      'The body cannot be read: invalid JSON or UTF-8, CSV with a wrong number of fields, JSON nested deeper than 32 levels, empty body.',
    'invalid-parameters':
      'A path or query parameter is invalid (for example an id that is not a number, top=0, an unknown parameter, a forged cursor).',
    unauthorized: 'API keys are enabled and the request has no key, or a key that is not valid.',
    forbidden: 'The key is valid but lacks the scope the route needs (read, score or decide).',
    'not-found': 'No such route, or no stored application with this id.',
    'method-not-allowed': 'The route exists but not with this method; the Allow header lists the methods it has.',
    'payload-too-large':
      'The body is larger than the limit (4 MB JSON, 8 MB CSV), or the request asks for more than one request may (at most 10,000 applications in CSV; with explanations, applications × top ≤ 10,000); the server stops reading as soon as it is exceeded.',
    'request-timeout': 'The client did not send its headers within 10 s or its whole request within 30 s; the connection is closed.',
    conflict:
      'The request contradicts the current state: an Idempotency-Key already used with another request, or a decision taken on a model version that is no longer the current one (reload the application).',
    'unsupported-media-type':
      'The Content-Type is missing or not accepted by the route (Accept-Post lists the accepted types), or the charset is not UTF-8.',
    'validation-failed':
      'The body is well-formed but some fields are not valid: wrong type, out of bounds, unknown field or category, a required field missing (credit amount, annuity, income: the model does not decide without them). All the errors are listed; nothing is scored.',
    'rate-limited': 'Too many requests for this key: wait for the number of seconds in Retry-After.',
    'internal-error': 'The server failed; the error is logged under the request id. It never comes from the content of the request.',
    'service-unavailable':
      'A model the route needs is not available on this server (not trained or not deployed), or the server is already computing as many heavy requests (batch scoring, counterfactual, text) as it takes: retry after the number of seconds in Retry-After.',
  },
  labels: {
    method: 'Method',
    path: 'Path',
    scope: 'Key scope:',
    parameters: 'Parameters',
    name: 'Name',
    location: 'In',
    required: 'Required',
    yes: 'yes',
    no: 'no',
    description: 'Description',
    requestBody: 'Request body',
    response: 'Response',
    example: 'Example',
    curl: 'With curl',
    errors: 'Errors',
    status: 'Status',
    problemType: 'Problem type',
    meaning: 'Meaning',
  },
  operations: {
    getHealth: {
      summary: 'Liveness and loaded models',
      description:
        'Answers as long as the server runs; lists the models the service uses, whether they are loaded, and their versions. No key needed.',
      response: 'The service is alive.',
    },
    getOpenApi: {
      summary: 'This API as an OpenAPI 3.1 document',
      description: 'Generated from the schemas that validate the requests. No key needed.',
      response: 'The OpenAPI document.',
    },
    listApplications: {
      summary: 'List and search stored applications',
      description:
        'Stored applications in ascending id order, one page at a time (cursor pagination). q keeps the ids starting with the given digits (type-ahead); set keeps historical loans (train) or new applications (test).',
      response: 'One page of applications.',
    },
    getApplication: {
      summary: 'Profile of one application',
      description: 'The 120 fields of a stored application (null = missing), its set, and the actual outcome when it is a historical loan.',
      response: 'The application.',
    },
    getApplicationScore: {
      summary: 'Score of a stored application',
      description: 'Calibrated probability of payment difficulties, the cost-optimal threshold and the decision.',
      response: 'The score.',
    },
    getApplicationExplanation: {
      summary: 'Explanation of a stored application',
      description:
        'The score with the top largest SHAP contributions (log-odds, > 0 pushes towards refusal) and the plain-language reasons on each side, in French or English.',
      response: 'The score and its explanation.',
    },
    scoreApplications: {
      summary: 'Score raw applications',
      description:
        'Scores one application (JSON object), up to 1,000 (JSON array) or up to 10,000 (text/csv, header row of field names). Each result has the probability, the threshold, the decision and (unless explain=false) the explanation. If any application is invalid, nothing is scored: 422 lists every error with its path ([3].AMT_CREDIT).',
      response: 'One result per application, in request order.',
    },
    getApplicationNeighbours: {
      summary: 'Most similar historical loans',
      description: 'The k historical loans nearest to the application on standardised features, with their outcomes and their default rate.',
      response: 'The neighbours.',
    },
    getApplicationDistribution: {
      summary: 'Distribution of one field with the client’s position',
      description:
        'The distribution of a field over the historical loans, split by outcome (histogram or categories), and where the client stands. DAYS_* fields are given in years elapsed.',
      response: 'The distribution.',
    },
    whatIf: {
      summary: 'What if some fields changed',
      description: 'Scores the stored application again with the given fields changed (null makes a field missing) and returns both scores.',
      response: 'The score before and after the changes.',
    },
    getCounterfactual: {
      summary: 'Nearest change that flips a refusal',
      description: 'For a refused application, the smallest change of the actionable fields found that makes it accepted.',
      response: 'The counterfactual (null when none was found or the application is accepted).',
    },
    postDecision: {
      summary: 'Record a decision',
      description:
        'Records the human decision on an application: approve, refuse or escalate to a supervisor. Going against the model’s recommendation is an override: at least one override reason from the list and a justification of at least 20 characters. Needs an API key with the decide scope (the key is the actor). With an Idempotency-Key header a retried request returns the first record; the same key with another request: 409. A decision on a model version that is no longer the current one (modelVersion): 409. Database unavailable: 503.',
      response: 'The audit-trail record, hash-chained to the previous one.',
    },
    listDecisions: {
      summary: 'Audit trail of decisions',
      description: 'The recorded decisions, newest first, filtered by application, actor, override, decision and period, page by page (nextCursor).',
      response: 'A page of decisions.',
    },
    getDecision: {
      summary: 'One decision',
      description: 'One record of the audit trail (never updated nor deleted).',
      response: 'The record.',
    },
    getDecisionNotice: {
      summary: 'Notice to the applicant',
      description:
        'The letter to the applicant, in French or English: the decision, up to four principal reasons in plain words with their codes (never a protected attribute), what could change a refusal, the right to human review and to contest, the date, the reference and the model version.',
      response: 'The notice.',
    },
    getReasonCodes: {
      summary: 'Reason code catalogue',
      description:
        'The stable reason codes that explanations carry: R01… towards refusal, A01… towards acceptance (same number, same theme), each with the fields it covers and a short and a long text. Every model input falls under exactly one code per direction; a protected attribute (sex, marital status, age) never has a code and is never a reason.',
      response: 'The reason code catalogue.',
    },
    getMonitoring: {
      summary: 'Model monitoring: the new applications',
      description:
        'Population and score stability of the 48,744 new applications against the historical loans (PSI of the score over reference deciles and of every model input, with the conventional bands), approval rate, mean probability and missing rates, and the back-testing of the out-of-fold predictions by score decile and by segment.',
      response: 'The stability report and the back-test.',
    },
    postMonitoring: {
      summary: 'Model monitoring: a batch of applications',
      description:
        'The same stability report for the applications of a CSV body (header row of field names, at most 10,000 records): each is scored and compared with the historical loans. For any size, use `npm run monitor`.',
      response: 'The stability report of the batch.',
    },
    getModelCard: {
      summary: 'Model card',
      description: 'The model, its validation metrics, the decision threshold and the costs it minimises, and the global importance of the fields.',
      response: 'The model card.',
    },
    classifyProductText: {
      summary: 'Classify a product text (NLP technology watch)',
      description:
        'Classifies a product name and description into the 7 Flipkart categories with each model of the technology watch (TF-IDF, BERT, RoBERTa): ranked categories with probabilities, each model’s latency, the truncation applied. With explain=true, occlusion attributions: how much the predicted category’s probability drops when each word is removed. Empty text: 422; over 10,000 characters: 413.',
      response: 'The predictions of each model.',
    },
  },
};
