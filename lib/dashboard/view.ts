import { isKnownField } from '../analysis/population';

/**
 * The client page's view settings, carried in the URL so that views can be shared and work
 * without JavaScript: number of factors in the waterfall (n), compared variable (feature) and
 * population (scope), and the two variables of the bivariate view (x, y). Unknown or invalid
 * values fall back to the defaults (never an error).
 */
export interface ClientView {
  readonly n: number;
  readonly feature: string | null;
  readonly scope: 'all' | 'similar';
  readonly x: string | null;
  readonly y: string | null;
}

export const TOP_N_CHOICES = [5, 10, 15, 20] as const;
export const DEFAULT_TOP_N = 10;

const first = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
const field = (v: string): string | null => (v && isKnownField(v) ? v : null);

export function parseClientView(raw: Readonly<Record<string, string | string[] | undefined>>): ClientView {
  const n = Number.parseInt(first(raw.n), 10);
  return {
    n: (TOP_N_CHOICES as readonly number[]).includes(n) ? n : DEFAULT_TOP_N,
    feature: field(first(raw.feature)),
    scope: first(raw.scope) === 'similar' ? 'similar' : 'all',
    x: field(first(raw.x)),
    y: field(first(raw.y)),
  };
}

/** The view as query-string pairs (defaults omitted), to preserve the other settings when one form submits. */
export function viewParams(v: ClientView): Record<string, string> {
  const out: Record<string, string> = {};
  if (v.n !== DEFAULT_TOP_N) out.n = String(v.n);
  if (v.feature) out.feature = v.feature;
  if (v.scope !== 'all') out.scope = v.scope;
  if (v.x) out.x = v.x;
  if (v.y) out.y = v.y;
  return out;
}

/** The view settings without the given keys (a form's own controls, which must not be duplicated as hidden fields). */
export function omit(view: Readonly<Record<string, string>>, keys: readonly string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(view).filter(([k]) => !keys.includes(k)));
}
