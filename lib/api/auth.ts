import crypto from 'node:crypto';
import { type ApiKeySpec, type Scope } from './config';
import { ApiError } from './errors';

/**
 * Bearer-token authentication against API_KEYS. Tokens are compared by their SHA-256 (a map
 * lookup on digests, so the time taken does not depend on how much of a guess matches), and
 * a caller is identified in logs and rate limits by a short label derived from that digest —
 * never by the token itself.
 */

export interface Caller {
  /** Stable, non-secret label: `key:<8 hex>` for a key, `ip:<address>` when keys are off. */
  readonly id: string;
  readonly scopes: ReadonlySet<Scope> | 'all';
}

interface KeyIndex {
  readonly specs: readonly ApiKeySpec[];
  readonly byDigest: ReadonlyMap<string, { label: string; scopes: ReadonlySet<Scope> }>;
}

let index: KeyIndex | undefined;

const digest = (token: string) => crypto.createHash('sha256').update(token, 'utf8').digest('hex');

function keyIndex(specs: readonly ApiKeySpec[]): KeyIndex {
  if (index && index.specs === specs) return index;
  const byDigest = new Map<string, { label: string; scopes: ReadonlySet<Scope> }>();
  for (const spec of specs) {
    const d = digest(spec.token);
    byDigest.set(d, { label: `key:${d.slice(0, 8)}`, scopes: spec.scopes });
  }
  index = { specs, byDigest };
  return index;
}

const CHALLENGE = 'Bearer realm="api"';

/** The caller of a request, or a 401 problem. With no keys configured every caller is allowed, identified by address. */
export function authenticate(headers: Headers, keys: readonly ApiKeySpec[]): Caller {
  if (keys.length === 0) return { id: `ip:${clientAddress(headers)}`, scopes: 'all' };
  const authorization = headers.get('authorization');
  if (authorization === null) {
    throw new ApiError('unauthorized', 'This API requires an API key: send "Authorization: Bearer <key>".', undefined, {
      'www-authenticate': CHALLENGE,
    });
  }
  const match = /^Bearer[ ]+([A-Za-z0-9\-._~+/]+=*)[ ]*$/i.exec(authorization);
  const found = match ? keyIndex(keys).byDigest.get(digest(match[1])) : undefined;
  if (!found) {
    throw new ApiError('unauthorized', match ? 'The API key is not valid.' : 'The Authorization header must be "Bearer <key>".', undefined, {
      'www-authenticate': `${CHALLENGE}, error="invalid_token"`,
    });
  }
  return { id: found.label, scopes: found.scopes };
}

/** 403 unless the caller holds the scope the route requires. */
export function authorize(caller: Caller, scope: Scope): void {
  if (scope === 'decide' && caller.scopes === 'all') {
    // Without API_KEYS the API is open for reading and scoring, but a decision needs an accountable actor.
    throw new ApiError('unauthorized', 'Recording a decision needs an API key with the "decide" scope (API_KEYS=<key>:decide).', undefined, {
      'www-authenticate': CHALLENGE,
    });
  }
  if (caller.scopes === 'all' || caller.scopes.has(scope)) return;
  throw new ApiError('forbidden', `This API key does not have the "${scope}" scope this route requires.`, undefined, {
    'www-authenticate': `${CHALLENGE}, error="insufficient_scope", scope="${scope}"`,
  });
}

/**
 * The client address: the first X-Forwarded-For entry (Next.js sets it from the socket when
 * the request has none). Behind a reverse proxy, that proxy must overwrite the header, or a
 * client could choose its own rate-limit bucket; with API keys the key is the bucket instead.
 */
export function clientAddress(headers: Headers): string {
  const xff = headers.get('x-forwarded-for');
  const first = xff ? xff.split(',')[0].trim() : '';
  return /^[0-9a-fA-F:.]{1,45}$/.test(first) ? first : 'unknown';
}
