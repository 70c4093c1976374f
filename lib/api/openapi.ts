import { z } from 'zod';
import { en } from '../i18n/en';
import { CSV_BODY_LIMIT, JSON_BODY_LIMIT, OPERATIONS } from './operations';
import { formatBytes } from './body';
import type { Operation } from './operation';
import { PROBLEM_CONTENT_TYPE, PROBLEM_TYPES, type ProblemSlug } from './problem';
import { problemSchema } from './schemas/common';

/**
 * The OpenAPI 3.1 document, generated from the operation catalogue: the zod schemas that
 * validate requests become the component schemas (JSON Schema 2020-12, the dialect of
 * OpenAPI 3.1), the English operation texts come from the apiDocs dictionary.
 */

type JsonSchema = Record<string, unknown>;

export interface OpenApiParameter {
  readonly name: string;
  readonly in: 'path' | 'query';
  readonly required: boolean;
  readonly description?: string;
  readonly schema: JsonSchema;
  readonly example?: unknown;
}

export const API_VERSION = '1.0.0';

/** Problems any protected route can answer with, on top of the operation's own. */
const COMMON_PROBLEMS: readonly ProblemSlug[] = ['unauthorized', 'forbidden', 'method-not-allowed', 'rate-limited', 'internal-error'];

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

/** Drops the keywords that only make sense for a standalone schema ($schema, $id). */
function clean(schema: JsonSchema): JsonSchema {
  const rest = { ...schema };
  delete rest.$schema;
  delete rest.$id;
  return rest;
}

/** Each registered schema once, as a component; both directions share the id namespace. */
function componentSchemas(operations: readonly Operation[]): Record<string, JsonSchema> {
  const inputs = z.registry<{ id: string }>();
  const outputs = z.registry<{ id: string }>();
  outputs.add(problemSchema, { id: 'Problem' });
  for (const op of operations) {
    if (op.body) inputs.add(op.body.schema, { id: op.body.schemaId });
    outputs.add(op.response.schema, { id: op.response.schemaId });
  }
  const uri = (id: string) => `#/components/schemas/${id}`;
  const generated = {
    ...z.toJSONSchema(inputs, { io: 'input', uri, unrepresentable: 'any' }).schemas,
    ...z.toJSONSchema(outputs, { io: 'output', uri, unrepresentable: 'any' }).schemas,
  };
  return Object.fromEntries(Object.entries(generated).map(([k, v]) => [k, clean(v as JsonSchema)]));
}

/** Shape of an object schema (path or query), or an empty one. */
function shapeOf(schema: z.ZodType | undefined): Record<string, z.ZodType> {
  if (!schema) return {};
  if (schema instanceof z.ZodObject) return schema.shape as Record<string, z.ZodType>;
  throw new Error('parameters must be described by a z.object');
}

export function operationParameters(op: Operation): OpenApiParameter[] {
  const out: OpenApiParameter[] = [];
  for (const [where, schema] of [
    ['path', op.params],
    ['query', op.query],
  ] as const) {
    for (const [name, field] of Object.entries(shapeOf(schema))) {
      const json = clean(z.toJSONSchema(field, { io: 'input', unrepresentable: 'any' }) as JsonSchema);
      const { description, examples, ...rest } = json as JsonSchema & { description?: string; examples?: unknown[] };
      const optional = field.safeParse(undefined).success;
      out.push({
        name,
        in: where,
        required: where === 'path' || !optional,
        ...(typeof description === 'string' ? { description } : {}),
        schema: rest,
        ...(Array.isArray(examples) && examples.length > 0 ? { example: examples[0] } : {}),
      });
    }
  }
  return out;
}

/** Problem slugs of an operation, grouped by status. */
export function operationProblems(op: Operation): Map<number, ProblemSlug[]> {
  const slugs = [...new Set([...op.problems, ...COMMON_PROBLEMS])];
  const byStatus = new Map<number, ProblemSlug[]>();
  for (const slug of slugs) {
    const status = PROBLEM_TYPES[slug].status;
    byStatus.set(status, [...(byStatus.get(status) ?? []), slug]);
  }
  return new Map([...byStatus].sort(([a], [b]) => a - b));
}

const stringHeader = (description: string) => ({ description, schema: { type: 'string' } });
const integerHeader = (description: string) => ({ description, schema: { type: 'integer' } });

const COMMON_HEADERS = {
  'X-Request-Id': stringHeader('Identifier of the request (echoes a valid X-Request-Id sent by the client).'),
  'RateLimit-Limit': integerHeader('Requests the caller may send at once (bucket size).'),
  'RateLimit-Remaining': integerHeader('Requests left in the bucket.'),
  'RateLimit-Reset': integerHeader('Seconds until the bucket is full again.'),
};

function responses(op: Operation): Record<string, unknown> {
  const texts = en.apiDocs.operations[op.operationId as keyof typeof en.apiDocs.operations];
  const out: Record<string, unknown> = {
    '200': {
      description: texts?.response ?? 'OK',
      headers: COMMON_HEADERS,
      content: {
        'application/json': {
          schema: ref(op.response.schemaId),
          ...(op.response.example !== undefined ? { example: op.response.example } : {}),
        },
      },
    },
  };
  for (const [status, slugs] of operationProblems(op)) {
    out[String(status)] = {
      description: slugs.map((s) => PROBLEM_TYPES[s].title).join('; '),
      headers: {
        ...COMMON_HEADERS,
        ...(status === 429 ? { 'Retry-After': integerHeader('Seconds to wait before retrying.') } : {}),
        ...(status === 401 ? { 'WWW-Authenticate': stringHeader('Bearer challenge.') } : {}),
        ...(status === 405 ? { Allow: stringHeader('Methods the path supports.') } : {}),
      },
      content: { [PROBLEM_CONTENT_TYPE]: { schema: ref('Problem') } },
    };
  }
  return out;
}

function requestBody(op: Operation): Record<string, unknown> | undefined {
  const body = op.body;
  if (!body) return undefined;
  const content: Record<string, unknown> = {};
  if (body.json) {
    content['application/json'] = {
      schema: ref(body.schemaId),
      ...(body.json.example !== undefined ? { example: body.json.example } : {}),
    };
  }
  if (body.csv) {
    content['text/csv'] = {
      schema: {
        type: 'string',
        description: `A header row of Home Credit field names, then one application per record; empty cell = missing. At most ${formatBytes(body.csv.maxBytes)}.`,
      },
      ...(body.csv.example !== undefined ? { example: body.csv.example } : {}),
    };
  }
  const limits = [
    body.json ? `JSON up to ${formatBytes(body.json.maxBytes)}` : undefined,
    body.csv ? `CSV up to ${formatBytes(body.csv.maxBytes)}` : undefined,
  ].filter(Boolean);
  return { required: true, description: `Body size limits: ${limits.join(', ')}.`, content };
}

export function buildOpenApiDocument(operations: readonly Operation[] = OPERATIONS): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    const texts = en.apiDocs.operations[op.operationId as keyof typeof en.apiDocs.operations];
    const parameters = operationParameters(op);
    const body = requestBody(op);
    (paths[op.path] ??= {})[op.method.toLowerCase()] = {
      operationId: op.operationId,
      tags: [op.tag],
      summary: texts?.summary ?? op.operationId,
      ...(texts?.description ? { description: texts.description } : {}),
      'x-scope': op.scope,
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(body ? { requestBody: body } : {}),
      responses: responses(op),
    };
  }
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    info: {
      title: 'Prêt à dépenser — credit scoring API',
      version: API_VERSION,
      description: en.apiDocs.openApiDescription.replace('{json}', formatBytes(JSON_BODY_LIMIT)).replace('{csv}', formatBytes(CSV_BODY_LIMIT)),
    },
    servers: [{ url: '/' }],
    tags: [...new Set(operations.map((o) => o.tag))].map((name) => ({ name })),
    security: [{ apiKey: [] }],
    paths,
    components: {
      securitySchemes: {
        apiKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'Required when the server has API_KEYS set: `Authorization: Bearer <key>`.',
        },
      },
      schemas: componentSchemas(operations),
    },
  };
}

let cached: Record<string, unknown> | undefined;
let cachedText: string | undefined;

/** The document, generated once per process. */
export function openApiDocument(): Record<string, unknown> {
  cached ??= buildOpenApiDocument();
  return cached;
}

/** The document serialised once (served as is). */
export function openApiText(): string {
  cachedText ??= JSON.stringify(openApiDocument());
  return cachedText;
}
