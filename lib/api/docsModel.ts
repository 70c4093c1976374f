import type { Dictionary } from '../i18n';
import { type OpenApiParameter, operationParameters, operationProblems } from './openapi';
import type { Operation } from './operation';
import { OPERATIONS } from './operations';
import { PROBLEM_SLUGS, PROBLEM_TYPES, type ProblemSlug } from './problem';

/** What the /api-docs page shows, computed from the operation catalogue (the page only renders it). */

export interface DocsExample {
  readonly mediaType: string;
  readonly text: string;
}

export interface DocsOperation {
  readonly anchor: string;
  readonly method: string;
  readonly path: string;
  readonly summary: string;
  readonly description: string;
  readonly scope: string;
  readonly parameters: readonly OpenApiParameter[];
  readonly requestExamples: readonly DocsExample[];
  readonly responseExample: string | undefined;
  readonly curl: string;
  readonly problems: readonly { status: number; slug: ProblemSlug; title: string }[];
}

export interface DocsProblem {
  readonly slug: ProblemSlug;
  readonly anchor: string;
  readonly status: number;
  readonly title: string;
  readonly meaning: string;
}

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

/** Example path with the path parameters' schema examples filled in, plus the example query. */
export function examplePath(op: Operation): string {
  const params = operationParameters(op);
  let path: string = op.path;
  for (const p of params.filter((x) => x.in === 'path')) path = path.replace(`{${p.name}}`, String(p.example ?? '1'));
  const query = new URLSearchParams(op.exampleQuery ?? {}).toString();
  return query ? `${path}?${query}` : path;
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

export function curlCommand(op: Operation, origin: string): string {
  const lines = [`curl -sS ${shellQuote(origin + examplePath(op))}`];
  lines.push(`-H "Authorization: Bearer $API_KEY"`);
  if (op.method === 'POST') {
    lines.splice(0, 1, `curl -sS -X POST ${shellQuote(origin + examplePath(op))}`);
    if (op.body?.json?.example !== undefined) {
      lines.push(`-H 'Content-Type: application/json'`, `--data ${shellQuote(JSON.stringify(op.body.json.example))}`);
    }
  }
  return lines.join(' \\\n  ');
}

export function docsOperations(t: Dictionary['apiDocs'], origin: string, liveExamples: Partial<Record<string, unknown>> = {}): DocsOperation[] {
  return OPERATIONS.map((op) => {
    const texts = t.operations[op.operationId as keyof typeof t.operations];
    const requestExamples: DocsExample[] = [];
    if (op.body?.json?.example !== undefined) requestExamples.push({ mediaType: 'application/json', text: pretty(op.body.json.example) });
    if (op.body?.csv?.example !== undefined) requestExamples.push({ mediaType: 'text/csv', text: op.body.csv.example });
    const response = liveExamples[op.operationId] ?? op.response.example;
    return {
      anchor: `op-${op.operationId}`,
      method: op.method,
      path: op.path,
      summary: texts?.summary ?? op.operationId,
      description: texts?.description ?? '',
      scope: op.scope,
      parameters: operationParameters(op),
      requestExamples,
      responseExample: response === undefined ? undefined : pretty(response),
      curl: curlCommand(op, origin),
      problems: [...operationProblems(op)].flatMap(([status, slugs]) => slugs.map((slug) => ({ status, slug, title: PROBLEM_TYPES[slug].title }))),
    };
  });
}

export function docsProblems(t: Dictionary['apiDocs']): DocsProblem[] {
  return PROBLEM_SLUGS.map((slug) => ({
    slug,
    anchor: `problem-${slug}`,
    status: PROBLEM_TYPES[slug].status,
    title: PROBLEM_TYPES[slug].title,
    meaning: t.problems[slug],
  }));
}
