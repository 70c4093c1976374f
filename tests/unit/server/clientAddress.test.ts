import { parseCidrList } from '@/lib/config/cidr';
import { refuseServerAction } from '@/lib/server/actionGuard';
import { applyClientAddress, resolveClientAddress } from '@/lib/server/clientAddress';

describe('client address', () => {
  const none = parseCidrList('');
  const proxies = parseCidrList('127.0.0.1,10.0.0.0/8');

  test('without trusted proxies the socket address is the client, whatever X-Forwarded-For says', () => {
    expect(resolveClientAddress('203.0.113.7', '10.0.0.1', none)).toBe('203.0.113.7');
    expect(resolveClientAddress('::ffff:203.0.113.7', undefined, none)).toBe('203.0.113.7');
    // a direct client (not a listed proxy) cannot choose its bucket either when proxies are listed
    expect(resolveClientAddress('203.0.113.7', '1.2.3.4', proxies)).toBe('203.0.113.7');
  });

  test('through trusted proxies the rightmost untrusted hop is the client', () => {
    expect(resolveClientAddress('127.0.0.1', '198.51.100.9', proxies)).toBe('198.51.100.9');
    expect(resolveClientAddress('127.0.0.1', '6.6.6.6, 198.51.100.9, 10.1.2.3', proxies)).toBe('198.51.100.9');
    expect(resolveClientAddress('127.0.0.1', ['6.6.6.6', '10.1.2.3'], proxies)).toBe('6.6.6.6');
    expect(resolveClientAddress('127.0.0.1', 'garbage, 10.1.2.3', proxies)).toBe('10.1.2.3');
    expect(resolveClientAddress('127.0.0.1', undefined, proxies)).toBe('127.0.0.1');
  });

  test('the headers are rewritten once for everyone: X-Forwarded-For = the client, other forwarding headers dropped from untrusted peers', () => {
    const headers: Record<string, string | string[] | undefined> = {
      'x-forwarded-for': '10.0.0.9',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'evil',
    };
    expect(applyClientAddress(headers, '203.0.113.7', proxies)).toBe('203.0.113.7');
    expect(headers).toEqual({ 'x-forwarded-for': '203.0.113.7' });
    const viaProxy: Record<string, string | string[] | undefined> = { 'x-forwarded-for': '198.51.100.9', 'x-forwarded-proto': 'https' };
    applyClientAddress(viaProxy, '127.0.0.1', proxies);
    expect(viaProxy).toEqual({ 'x-forwarded-for': '198.51.100.9', 'x-forwarded-proto': 'https' });
  });
});

describe('server-action guard', () => {
  const action = (headers: Record<string, string>) =>
    refuseServerAction({ method: 'POST', headers: { host: 'app.example', 'next-action': 'abc', ...headers } });

  test('a same-site call of announced, bounded length passes; other requests are not looked at', () => {
    expect(action({ origin: 'https://app.example', 'content-length': '120' })).toBeUndefined();
    expect(refuseServerAction({ method: 'POST', headers: { origin: 'https://evil.example' } })).toBeUndefined();
  });

  test('another origin is 403, an unannounced length 411, a body over 1 MB 413 — never a 500', () => {
    expect(action({ origin: 'https://evil.example', 'content-length': '10' })?.status).toBe(403);
    expect(action({ origin: 'null', 'content-length': '10' })?.status).toBe(403);
    expect(action({ origin: 'https://app.example' })?.status).toBe(411);
    expect(action({ origin: 'https://app.example', 'content-length': String(2 * 1024 * 1024) })?.status).toBe(413);
  });
});
