import type { FieldProblem, ProblemSlug } from './problem';

/**
 * Thrown anywhere below a route handler to answer with a problem document; the route wrapper
 * turns it into the response. Anything else thrown becomes a 500 without details.
 */
export class ApiError extends Error {
  readonly slug: ProblemSlug;
  readonly errors: readonly FieldProblem[] | undefined;
  readonly headers: Readonly<Record<string, string>> | undefined;

  constructor(slug: ProblemSlug, detail: string, errors?: readonly FieldProblem[], headers?: Record<string, string>) {
    super(detail);
    this.name = 'ApiError';
    this.slug = slug;
    this.errors = errors;
    this.headers = headers;
  }
}

export const notFound = (detail: string) => new ApiError('not-found', detail);
export const invalidParameters = (errors: readonly FieldProblem[]) =>
  new ApiError('invalid-parameters', describeErrors('Invalid parameters', errors), errors);
export const validationFailed = (errors: readonly FieldProblem[]) =>
  new ApiError('validation-failed', describeErrors('The request body is not valid', errors), errors);
export const malformed = (detail: string) => new ApiError('malformed-request', detail);

/** "Invalid parameters: query.top must be ≤ 100" — the first error spelled out, then a count. */
function describeErrors(lead: string, errors: readonly FieldProblem[]): string {
  if (errors.length === 0) return `${lead}.`;
  const first = `${errors[0].path}: ${errors[0].message}`;
  return errors.length === 1 ? `${lead}: ${first}.` : `${lead}: ${first} (and ${errors.length - 1} more).`;
}
