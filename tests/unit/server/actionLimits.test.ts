import { ACTION_LIMITS, ActionThrottle, admitAction } from '@/lib/server/actionLimits';

describe('server action rate limits', () => {
  it('accepts a burst, refuses the next call with the wait in seconds, and refills over time', () => {
    let now = 0;
    const throttle = new ActionThrottle(ACTION_LIMITS, () => now);
    const { burst, ratePerSecond } = ACTION_LIMITS['nlp-explain'];
    for (let i = 0; i < burst; i++) expect(throttle.admit('nlp-explain', '10.0.0.1').allowed).toBe(true);
    const refused = throttle.admit('nlp-explain', '10.0.0.1');
    expect(refused.allowed).toBe(false);
    expect(refused.retryAfterSeconds).toBe(Math.ceil(1 / ratePerSecond));
    now += 1000;
    expect(throttle.admit('nlp-explain', '10.0.0.1').allowed).toBe(true);
  });

  it('keeps separate buckets per action kind and per client address', () => {
    const throttle = new ActionThrottle({ ...ACTION_LIMITS, 'what-if': { ratePerSecond: 1, burst: 1 } }, () => 0);
    expect(throttle.admit('what-if', '10.0.0.1').allowed).toBe(true);
    expect(throttle.admit('what-if', '10.0.0.1').allowed).toBe(false);
    expect(throttle.admit('what-if', '10.0.0.2').allowed).toBe(true);
    expect(throttle.admit('nlp-classify', '10.0.0.1').allowed).toBe(true);
  });

  it('reads the client address from X-Forwarded-For in the process-wide throttle', () => {
    const headers = (ip: string) => new Headers({ 'x-forwarded-for': `${ip}, 10.9.9.9` });
    const { burst } = ACTION_LIMITS['nlp-classify'];
    for (let i = 0; i < burst; i++) expect(admitAction('nlp-classify', headers('192.0.2.7')).allowed).toBe(true);
    expect(admitAction('nlp-classify', headers('192.0.2.7')).allowed).toBe(false);
    expect(admitAction('nlp-classify', headers('192.0.2.8')).allowed).toBe(true);
  });
});
