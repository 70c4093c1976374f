import { clientAddress } from '../api/auth';
import { type RateDecision, TokenBucketLimiter } from '../api/rateLimit';

/**
 * Rate limits of the pages' server actions (what-if on the client page; classify, explain and
 * attention of the /veille demo). They run the models like the API does but are called by the
 * pages' own forms, outside the /api/v1 wrapper, so they get their own token buckets per client
 * address (the first X-Forwarded-For entry, as for the API without keys). The budgets sit far above
 * what a person clicking needs (one demo submit = 1 classification + 3 occlusion explanations of up
 * to 49 inferences each) and bound what a script can make the server compute.
 */

export type ActionKind = 'what-if' | 'nlp-classify' | 'nlp-explain' | 'nlp-attention';

export interface ActionLimit {
  readonly ratePerSecond: number;
  readonly burst: number;
}

export const ACTION_LIMITS: Readonly<Record<ActionKind, ActionLimit>> = {
  'what-if': { ratePerSecond: 5, burst: 30 },
  'nlp-classify': { ratePerSecond: 2, burst: 20 },
  'nlp-explain': { ratePerSecond: 2, burst: 30 },
  'nlp-attention': { ratePerSecond: 4, burst: 30 },
};

/** One token bucket per action kind and client address. */
export class ActionThrottle {
  private readonly limiters = new Map<ActionKind, TokenBucketLimiter>();

  constructor(
    private readonly limits: Readonly<Record<ActionKind, ActionLimit>> = ACTION_LIMITS,
    private readonly now?: () => number,
  ) {}

  admit(kind: ActionKind, address: string): RateDecision {
    let limiter = this.limiters.get(kind);
    if (!limiter) {
      const { ratePerSecond, burst } = this.limits[kind];
      limiter = new TokenBucketLimiter(ratePerSecond, burst, this.now);
      this.limiters.set(kind, limiter);
    }
    return limiter.take(`${kind}:${address}`);
  }
}

// Per process, on globalThis: each page bundle may hold its own copy of this module.
const shared = globalThis as unknown as { __actionThrottle?: ActionThrottle };

/** The process-wide decision for one server action call from the client sending these headers. */
export function admitAction(kind: ActionKind, headers: Headers): RateDecision {
  shared.__actionThrottle ??= new ActionThrottle();
  return shared.__actionThrottle.admit(kind, clientAddress(headers));
}
