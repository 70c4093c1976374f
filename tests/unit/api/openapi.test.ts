import { z } from 'zod';
import { docsOperations, docsProblems, examplePath } from '@/lib/api/docsModel';
import { buildOpenApiDocument, operationParameters } from '@/lib/api/openapi';
import { OPERATIONS } from '@/lib/api/operations';
import { PROBLEM_SLUGS } from '@/lib/api/problem';
import { problemSchema } from '@/lib/api/schemas/common';
import { en } from '@/lib/i18n/en';
import { fr } from '@/lib/i18n/fr';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const doc = buildOpenApiDocument() as Json;
const strip = (s: Json) => {
  const rest = { ...s };
  delete rest.$schema;
  delete rest.$id;
  return rest;
};

describe('OpenAPI 3.1 document', () => {
  test('is an OpenAPI 3.1 document with every operation of the catalogue, once', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.jsonSchemaDialect).toBe('https://spec.openapis.org/oas/3.1/dialect/base');
    const listed = Object.entries(doc.paths as Json).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(listed.sort()).toEqual(OPERATIONS.map((o) => `${o.method} ${o.path}`).sort());
    const ids = OPERATIONS.map((o) => o.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('request and response schemas are generated from the very schemas that validate (no second copy)', () => {
    for (const op of OPERATIONS) {
      const operation = doc.paths[op.path][op.method.toLowerCase()];
      expect(operation.responses['200'].content['application/json'].schema).toEqual({ $ref: `#/components/schemas/${op.response.schemaId}` });
      if (op.body?.json) {
        expect(operation.requestBody.content['application/json'].schema).toEqual({ $ref: `#/components/schemas/${op.body.schemaId}` });
        // The component is what zod generates for the body schema (sub-schemas inlined when not shared).
        const component = doc.components.schemas[op.body.schemaId];
        const direct = strip(z.toJSONSchema(op.body.schema, { io: 'input', unrepresentable: 'any' }) as Json);
        expect(JSON.stringify(component).length).toBeGreaterThan(100);
        expect(Object.keys(component).sort()).toEqual(Object.keys(direct).sort());
      }
      // Parameters come from the params and query schemas.
      const names = (operation.parameters ?? []).map((p: Json) => `${p.in}:${p.name}`);
      const expected = operationParameters(op).map((p) => `${p.in}:${p.name}`);
      expect(names).toEqual(expected);
    }
    expect(doc.components.schemas.Problem).toEqual(strip(z.toJSONSchema(problemSchema) as Json));
  });

  test('every $ref resolves', () => {
    const refs = JSON.stringify(doc).match(/"\$ref":"#\/components\/schemas\/[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(10);
    for (const r of refs) expect(doc.components.schemas).toHaveProperty(r.slice(r.lastIndexOf('/') + 1, -1));
  });

  test('error responses are problem documents, and protected operations document 401/403/429', () => {
    for (const op of OPERATIONS) {
      const responses = doc.paths[op.path][op.method.toLowerCase()].responses as Json;
      for (const [status, r] of Object.entries(responses)) {
        if (status === '200') continue;
        expect(Object.keys(r.content)).toEqual(['application/problem+json']);
      }
      const statuses = Object.keys(responses);
      expect(statuses).toEqual(expect.arrayContaining(['401', '403', '405', '429']));
      if (op.body) expect(statuses).toEqual(expect.arrayContaining(['400', '413', '415', '422']));
      expect(responses['429'].headers).toHaveProperty('Retry-After');
    }
  });

  test('the examples satisfy their schemas', async () => {
    for (const op of OPERATIONS) {
      if (op.response.example !== undefined) {
        const r = op.response.schema.safeParse(op.response.example);
        if (!r.success) throw new Error(`${op.operationId} response example: ${r.error.message}`);
      }
      if (op.body?.json?.example !== undefined) expect(op.body.schema.safeParse(op.body.json.example).success).toBe(true);
      if (op.body?.csv?.example !== undefined) {
        const csvSchema = op.body.csv.schema ?? op.body.schema;
        const body = new Response(op.body.csv.example).body;
        const query = op.query?.parse(op.exampleQuery ?? {});
        const value = await op.body.csv.read(body, { maxBytes: op.body.csv.maxBytes, query, signal: undefined });
        expect(csvSchema.safeParse(value).success).toBe(true);
      }
      if (op.query) expect(op.query.safeParse(op.exampleQuery ?? {}).success).toBe(true);
    }
  });

  test('operation texts exist in both languages; the docs page model covers every operation and problem type', () => {
    for (const op of OPERATIONS) {
      expect(en.apiDocs.operations).toHaveProperty(op.operationId);
      expect(fr.apiDocs.operations).toHaveProperty(op.operationId);
    }
    const ops = docsOperations(fr.apiDocs, 'http://localhost:3000');
    expect(ops).toHaveLength(OPERATIONS.length);
    const explanation = ops.find((o) => o.anchor === 'op-getApplicationExplanation');
    expect(explanation?.curl).toContain("'http://localhost:3000/api/v1/applications/100002/explanation?top=2&lang=en'");
    expect(explanation?.curl).toContain('Authorization: Bearer $API_KEY');
    expect(docsProblems(en.apiDocs).map((p) => p.slug)).toEqual(PROBLEM_SLUGS);
    expect(examplePath(OPERATIONS.find((o) => o.operationId === 'getHealth')!)).toBe('/api/v1/health');
  });
});
