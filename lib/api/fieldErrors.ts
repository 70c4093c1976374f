import type { z } from 'zod';
import type { FieldProblem } from './problem';

/**
 * Converts zod issues to field problems with readable paths: `[3].AMT_CREDIT` for items of a
 * top-level array, `AMT_CREDIT` for fields of an object, an optional prefix (`query`, `path`).
 * Unknown keys give one problem per key. Received values are never echoed (they may be client data).
 */

const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** A key as a path segment: plain names as they are, anything else quoted and cut to 40 characters. */
function keySegment(key: string): string | undefined {
  if (PLAIN_KEY.test(key)) return undefined;
  const cut = key.length > 40 ? `${key.slice(0, 40)}…` : key;
  return `[${JSON.stringify(cut)}]`;
}

export function formatPath(path: readonly PropertyKey[], prefix?: string): string {
  let out = prefix ?? '';
  for (const part of path) {
    if (typeof part === 'number') {
      out += `[${part}]`;
      continue;
    }
    const key = String(part);
    const quoted = keySegment(key);
    if (quoted !== undefined) out += quoted;
    else out += out.length === 0 ? key : `.${key}`;
  }
  return out.length === 0 ? 'body' : out;
}

/** Keeps messages short and free of the client's values. */
function messageOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.message && !issue.message.startsWith('Invalid')) return issue.message; // a schema's own wording (« required: … »)
      return issue.expected === 'int' ? 'must be an integer' : `expected ${issue.expected}`;
    case 'too_big':
      return issue.origin === 'array'
        ? `at most ${String(issue.maximum)} items`
        : issue.origin === 'string'
          ? `at most ${String(issue.maximum)} characters`
          : `must be ${issue.inclusive === false ? '<' : '≤'} ${String(issue.maximum)}`;
    case 'too_small':
      return issue.origin === 'array'
        ? `at least ${String(issue.minimum)} item${Number(issue.minimum) === 1 ? '' : 's'}`
        : issue.origin === 'string'
          ? `at least ${String(issue.minimum)} character${Number(issue.minimum) === 1 ? '' : 's'}`
          : `must be ${issue.inclusive === false ? '>' : '≥'} ${String(issue.minimum)}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'not_multiple_of':
      return issue.divisor === 1 ? 'must be an integer' : `must be a multiple of ${String(issue.divisor)}`;
    case 'invalid_format':
      return issue.message && !issue.message.startsWith('Invalid') ? issue.message : `invalid format (${issue.format})`;
    default:
      return issue.message;
  }
}

/**
 * A failed union (e.g. "an object or an array of objects"): when exactly one branch has the
 * right type at the union's own level, its issues are the useful ones; otherwise say which types
 * were expected.
 */
function unionProblems(issue: z.core.$ZodIssueInvalidUnion, prefix: string | undefined): FieldProblem[] {
  const typeMismatchAtRoot = (branch: readonly z.core.$ZodIssue[]) => branch.some((i) => i.code === 'invalid_type' && i.path.length === 0);
  const candidates = issue.errors.filter((branch) => !typeMismatchAtRoot(branch));
  if (candidates.length === 1) {
    const rebased = candidates[0].map((i) => ({ ...i, path: [...issue.path, ...i.path] }) as z.core.$ZodIssue);
    return zodIssuesToProblems(rebased, prefix);
  }
  const expected = issue.errors
    .map((branch) => branch.find((i) => i.code === 'invalid_type' && i.path.length === 0))
    .map((i) => (i && i.code === 'invalid_type' ? i.expected : undefined))
    .filter((e): e is NonNullable<typeof e> => e !== undefined);
  const message = expected.length === issue.errors.length ? `expected ${[...new Set(expected)].join(' or ')}` : 'does not match any allowed form';
  return [{ path: formatPath(issue.path, prefix), message }];
}

export function zodIssuesToProblems(issues: readonly z.core.$ZodIssue[], prefix?: string): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const issue of issues) {
    if (issue.code === 'invalid_union') {
      out.push(...unionProblems(issue, prefix));
    } else if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: formatPath([...issue.path, key], prefix), message: 'unknown field' });
    } else {
      out.push({ path: formatPath(issue.path, prefix), message: messageOf(issue) });
    }
  }
  return out;
}
