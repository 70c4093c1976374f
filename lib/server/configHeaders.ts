import { createRequire } from 'node:module';
import path from 'node:path';

/**
 * The response headers that next.config.js's `headers()` gives a path — the security headers
 * (CSP, nosniff, Referrer-Policy, frame-ancestors…) have one source, the Next.js config, and
 * the production server applies the same rules to the responses it writes itself.
 *
 * Supported rule sources: a literal path (`/api-docs`) or a literal prefix followed by one
 * catch-all parameter (`/:path*`, `/api/:path*`). Any other form (regexes, `has`, `missing`,
 * `basePath: false`) is refused when the rules are compiled, so the two servers cannot drift
 * silently if the config grows.
 */

export interface HeaderRule {
  readonly source: string;
  readonly headers: readonly { readonly key: string; readonly value: string }[];
  readonly [other: string]: unknown;
}

export type HeadersForPath = (pathname: string) => ReadonlyArray<readonly [string, string]>;

interface CompiledRule {
  readonly matches: (pathname: string) => boolean;
  readonly headers: ReadonlyArray<readonly [string, string]>;
}

const CATCH_ALL = /^(.*?)\/:[A-Za-z_][A-Za-z0-9_]*\*$/;
const LITERAL = /^\/[A-Za-z0-9._~\-/]*$/;

function compileSource(source: string): (pathname: string) => boolean {
  const catchAll = CATCH_ALL.exec(source);
  if (catchAll) {
    const prefix = catchAll[1];
    if (prefix !== '' && !LITERAL.test(prefix)) throw new Error(`headers(): unsupported source ${source}`);
    // `/api/:path*` matches /api and everything below it, not /apix.
    return (p) => prefix === '' || p === prefix || p.startsWith(`${prefix}/`);
  }
  if (!LITERAL.test(source)) throw new Error(`headers(): unsupported source ${source}`);
  return (p) => p === source;
}

/** Compiles the rules; later rules override earlier ones for the same header, as in Next.js. */
export function compileHeaderRules(rules: readonly HeaderRule[]): HeadersForPath {
  const compiled: CompiledRule[] = rules.map((rule) => {
    const extra = Object.keys(rule).filter((k) => k !== 'source' && k !== 'headers');
    if (extra.length > 0) throw new Error(`headers(): unsupported rule options ${extra.join(', ')} (source ${rule.source})`);
    return { matches: compileSource(rule.source), headers: rule.headers.map((h) => [h.key.toLowerCase(), h.value] as const) };
  });
  const memo = new Map<string, ReadonlyArray<readonly [string, string]>>();
  return (pathname) => {
    const known = memo.get(pathname);
    if (known) return known;
    const merged = new Map<string, string>();
    for (const rule of compiled) if (rule.matches(pathname)) for (const [k, v] of rule.headers) merged.set(k, v);
    const out = [...merged];
    if (memo.size < 1000) memo.set(pathname, out);
    return out;
  };
}

interface NextConfigWithHeaders {
  headers?: () => Promise<HeaderRule[]>;
}

/** The header rules of the project's next.config.js (in `dir`). */
export async function loadConfigHeaderRules(dir: string): Promise<HeaderRule[]> {
  const load = createRequire(path.join(dir, 'package.json'));
  const config = load('./next.config.js') as NextConfigWithHeaders;
  return config.headers ? await config.headers() : [];
}
