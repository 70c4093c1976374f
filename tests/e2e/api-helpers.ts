import { expect, type APIResponse } from '@playwright/test';
import type { z } from 'zod';
import { problemSchema } from '../../lib/api/schemas/common';

/** Shared assertions of the API specs (not a spec itself). */

export type ProblemDoc = z.output<typeof problemSchema>;

/** Asserts a well-formed RFC 9457 problem document whose status matches the response; returns it. */
export async function expectProblem(response: APIResponse, status?: number): Promise<ProblemDoc> {
  if (status !== undefined) expect(response.status(), await describe(response)).toBe(status);
  expect(response.status()).toBeGreaterThanOrEqual(400);
  expect(response.headers()['content-type']).toBe('application/problem+json');
  const body: unknown = JSON.parse(await response.text());
  const parsed = problemSchema.strict().safeParse(body);
  if (!parsed.success) throw new Error(`not a problem document: ${JSON.stringify(body).slice(0, 500)}`);
  expect(parsed.data.status).toBe(response.status());
  expect(parsed.data.requestId).toBe(response.headers()['x-request-id']);
  expect(JSON.stringify(body)).not.toMatch(/\bat [^ ]+ \(.*:\d+:\d+\)|node_modules|\.ts:\d+/); // never a stack trace
  return parsed.data;
}

/** Parses a 200 JSON response with its schema (throws with the issues otherwise). */
export async function expectJson<S extends z.ZodType>(response: APIResponse, schema: S): Promise<z.output<S>> {
  expect(response.status(), await describe(response)).toBe(200);
  expect(response.headers()['content-type']).toMatch(/^application\/json/);
  const body: unknown = await response.json();
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new Error(`response does not match its schema: ${parsed.error.message.slice(0, 2000)}`);
  return parsed.data;
}

async function describe(response: APIResponse): Promise<string> {
  return `${response.url()} → ${response.status()} ${(await response.text()).slice(0, 300)}`;
}

/** The security headers every response carries. */
export function expectSecurityHeaders(headers: Record<string, string>, kind: 'page' | 'api'): void {
  const csp = headers['content-security-policy'] ?? '';
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain(kind === 'api' ? "default-src 'none'" : "default-src 'self'");
  if (kind === 'page') {
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("object-src 'none'");
  }
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-powered-by']).toBeUndefined();
}
