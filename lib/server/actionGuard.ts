import type { IncomingMessage } from 'node:http';

/**
 * Checks a Next.js server-action call (a POST carrying a `Next-Action` header) before Next.js
 * reads it, so that the refusals Next.js would turn into a 500 are answered for what they are:
 * a call from another site (its Origin is not this host: 403 — Next.js's own CSRF rule), a body
 * over the 1 MB Next.js accepts for an action (413), or a body of unannounced length (411: a
 * browser always sends Content-Length for an action's form data).
 */

/** Next.js's default `serverActions.bodySizeLimit`. */
export const ACTION_BODY_LIMIT = 1024 * 1024;

export interface ActionRefusal {
  readonly status: 403 | 411 | 413;
  readonly title: string;
  readonly detail: string;
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    return undefined;
  }
}

export function refuseServerAction(req: Pick<IncomingMessage, 'method' | 'headers'>): ActionRefusal | undefined {
  if (req.method !== 'POST' || req.headers['next-action'] === undefined) return undefined;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== 'null') {
    const host = (req.headers['x-forwarded-host'] ?? req.headers.host ?? '').toString().split(',')[0].trim().toLowerCase();
    if (hostOf(origin) !== host) {
      return { status: 403, title: 'Forbidden', detail: 'This action may only be called from the pages of this site.' };
    }
  } else if (origin === 'null') {
    return { status: 403, title: 'Forbidden', detail: 'This action may only be called from the pages of this site.' };
  }
  const length = req.headers['content-length'];
  if (length === undefined) return { status: 411, title: 'Length required', detail: 'An action call must state its Content-Length.' };
  const n = Number(length);
  if (!Number.isFinite(n) || n > ACTION_BODY_LIMIT) {
    return { status: 413, title: 'Request body too large', detail: `An action call may carry at most ${ACTION_BODY_LIMIT / 1024 / 1024} MB.` };
  }
  return undefined;
}
