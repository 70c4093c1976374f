import type { IncomingHttpHeaders } from 'node:http';
import type { CidrSet } from '../config/cidr';

/**
 * The client's address, decided once per request by the production server, for every consumer
 * (API rate limits, the pages' server actions, any future sign-in limit): they all read the
 * first X-Forwarded-For entry, which this module rewrites before anything else sees it.
 *
 * X-Forwarded-For is believed only from peers listed in TRUSTED_PROXIES. From any other peer
 * the socket address is the client, whatever the header says (a client connecting directly
 * cannot pick its own rate-limit bucket). Through trusted proxies, the header is read from the
 * right: each hop appends the address it received the request from, so the first address that
 * is not itself a trusted proxy is the client (the leftmost entries, written by the client, are
 * never believed past an untrusted hop).
 */

/** `::ffff:10.0.0.1` (an IPv4 client on a dual-stack socket) → `10.0.0.1`. */
export function normaliseAddress(address: string): string {
  const trimmed = address.trim();
  return /^::ffff:\d{1,3}(\.\d{1,3}){3}$/i.test(trimmed) ? trimmed.slice(7) : trimmed;
}

const ADDRESS = /^[0-9a-fA-F:.]{1,45}$/;

export function resolveClientAddress(peer: string | undefined, forwardedFor: string | readonly string[] | undefined, trusted: CidrSet): string {
  const socket = normaliseAddress(peer ?? '');
  if (trusted.size === 0 || socket === '' || !trusted.contains(socket) || forwardedFor === undefined) return socket || 'unknown';
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : (forwardedFor as string)).split(',');
  let client = socket;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normaliseAddress(hops[i]);
    if (!ADDRESS.test(hop)) break; // garbage (or `unknown`): nothing left of it can be believed
    client = hop;
    if (!trusted.contains(hop)) break;
  }
  return client;
}

const FORWARDED_DETAILS = ['x-forwarded-proto', 'x-forwarded-host', 'x-forwarded-port', 'forwarded'] as const;

/**
 * Rewrites the request's headers in place: X-Forwarded-For becomes the one trusted client address,
 * and the other forwarding headers are dropped unless the peer is a trusted proxy.
 */
export function applyClientAddress(headers: IncomingHttpHeaders, peer: string | undefined, trusted: CidrSet): string {
  const address = resolveClientAddress(peer, headers['x-forwarded-for'], trusted);
  headers['x-forwarded-for'] = address;
  if (trusted.size === 0 || !trusted.contains(normaliseAddress(peer ?? ''))) {
    for (const name of FORWARDED_DETAILS) delete headers[name];
  }
  return address;
}
