/**
 * Sets of IPv4 / IPv6 addresses and CIDR blocks (TRUSTED_PROXIES), parsed once into 32-bit
 * words so that a membership test — made on every request — is a few integer comparisons and
 * allocates nothing.
 *
 * - Entries: `127.0.0.1`, `10.0.0.0/8`, `::1`, `fd00::/8`, `::ffff:10.0.0.0/104` (an IPv4-mapped
 *   block of prefix ≥ 96 is the IPv4 block it maps: 10.0.0.0/8); empty entries are skipped.
 *   Host bits below the prefix are ignored (`10.1.2.3/8` is `10.0.0.0/8`).
 * - Addresses tested: an IPv4-mapped IPv6 address (`::ffff:127.0.0.1`, what a dual-stack socket
 *   reports for an IPv4 client) is tested as its IPv4 address, against the IPv4 entries only
 *   (`::/0` holds every IPv6 address, not the IPv4 clients). A zone (`fe80::1%eth0`) and
 *   brackets (`[::1]`) are ignored. Anything that is not an address is not contained.
 */

export interface CidrSet {
  /** Whether `ip` (an IPv4 or IPv6 address, as in `socket.remoteAddress`) lies in one of the entries; false for anything unparsable. */
  contains(ip: string): boolean;
  /** Number of entries. */
  readonly size: number;
}

/** Reusable scratch for the 8 groups of an IPv6 address (contains() must not allocate). */
const scratch = new Uint16Array(8);

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48; // 0-9
  if (c >= 97 && c <= 102) return c - 87; // a-f
  if (c >= 65 && c <= 70) return c - 55; // A-F
  return -1;
}

/** Dotted-quad IPv4 in s[start, end) as an unsigned 32-bit number, or -1. Leading zeros are refused (octal ambiguity). */
function parseV4(s: string, start: number, end: number): number {
  let acc = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits > 0 && octet === 0) return -1;
      octet = octet * 10 + (c - 48);
      if (octet > 255) return -1;
      digits++;
    } else if (c === 46) {
      if (digits === 0 || ++dots > 3) return -1;
      acc = acc * 256 + octet;
      octet = 0;
      digits = 0;
    } else {
      return -1;
    }
  }
  if (digits === 0 || dots !== 3) return -1;
  return acc * 256 + octet;
}

/** IPv6 in s[start, end) into `out` (8 groups); false when it is not one. Accepts `::` compression and an IPv4 tail. */
function parseV6(s: string, start: number, end: number, out: Uint16Array): boolean {
  if (end - start < 2 || end - start > 45) return false;
  let i = start;
  let count = 0;
  let gap = -1;
  if (s.charCodeAt(i) === 58) {
    if (s.charCodeAt(i + 1) !== 58) return false;
    gap = 0;
    i += 2;
    if (i === end) {
      out.fill(0);
      return true;
    }
  }
  while (i < end) {
    let j = i;
    let value = 0;
    while (j < end && j - i < 5) {
      const h = hexValue(s.charCodeAt(j));
      if (h < 0) break;
      value = value * 16 + h;
      j++;
    }
    if (j < end && s.charCodeAt(j) === 46) {
      // An IPv4 tail (the last 32 bits).
      if (count > 6) return false;
      const v4 = parseV4(s, i, end);
      if (v4 < 0) return false;
      out[count++] = v4 >>> 16;
      out[count++] = v4 & 0xffff;
      break;
    }
    if (j === i || j - i > 4 || count === 8) return false;
    out[count++] = value;
    if (j === end) break;
    if (s.charCodeAt(j) !== 58) return false;
    j++;
    if (j < end && s.charCodeAt(j) === 58) {
      if (gap >= 0) return false;
      gap = count;
      j++;
    } else if (j === end) {
      return false; // a single trailing colon
    }
    i = j;
  }
  if (gap < 0) return count === 8;
  if (count > 7) return false;
  const moved = count - gap;
  for (let k = moved - 1; k >= 0; k--) out[8 - moved + k] = out[gap + k];
  for (let k = gap; k < 8 - moved; k++) out[k] = 0;
  return true;
}

/** `::ffff:a.b.c.d` (groups 0-4 zero, group 5 ffff). */
function isMapped(g: Uint16Array): boolean {
  return g[0] === 0 && g[1] === 0 && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0xffff;
}

/** A 32-bit mask of `bits` leading ones (0 ≤ bits ≤ 32), as a signed 32-bit integer. */
function mask32(bits: number): number {
  return bits <= 0 ? 0 : bits >= 32 ? -1 : (-1 << (32 - bits)) | 0;
}

interface V4Block {
  readonly net: number;
  readonly mask: number;
}

interface V6Block {
  /** Network and mask as 4 signed 32-bit words, most significant first. */
  readonly net: readonly [number, number, number, number];
  readonly mask: readonly [number, number, number, number];
}

class ParsedCidrSet implements CidrSet {
  constructor(
    private readonly v4: readonly V4Block[],
    private readonly v6: readonly V6Block[],
  ) {}

  get size(): number {
    return this.v4.length + this.v6.length;
  }

  contains(ip: string): boolean {
    if (typeof ip !== 'string' || this.v4.length + this.v6.length === 0) return false;
    let start = 0;
    let end = ip.length;
    if (ip.charCodeAt(0) === 91 /* [ */) {
      if (ip.charCodeAt(end - 1) !== 93 /* ] */) return false;
      start = 1;
      end -= 1;
    }
    if (ip.indexOf(':') < 0) return this.containsV4(parseV4(ip, start, end));
    const zone = ip.indexOf('%', start);
    if (zone >= 0 && zone < end) end = zone;
    const g = scratch;
    if (!parseV6(ip, start, end, g)) return false;
    if (isMapped(g)) return this.containsV4(((g[6] << 16) | g[7]) >>> 0);
    if (this.v6.length === 0) return false;
    const w0 = (g[0] << 16) | g[1];
    const w1 = (g[2] << 16) | g[3];
    const w2 = (g[4] << 16) | g[5];
    const w3 = (g[6] << 16) | g[7];
    for (const b of this.v6) {
      if (
        ((w0 ^ b.net[0]) & b.mask[0]) === 0 &&
        ((w1 ^ b.net[1]) & b.mask[1]) === 0 &&
        ((w2 ^ b.net[2]) & b.mask[2]) === 0 &&
        ((w3 ^ b.net[3]) & b.mask[3]) === 0
      ) {
        return true;
      }
    }
    return false;
  }

  private containsV4(addr: number): boolean {
    if (addr < 0) return false;
    const a = addr | 0;
    for (const b of this.v4) if (((a ^ b.net) & b.mask) === 0) return true;
    return false;
  }
}

function parsePrefix(entry: string, text: string, max: number): number {
  if (!/^[0-9]{1,3}$/.test(text)) throw new Error(`"${entry}": the prefix length must be an integer between 0 and ${max}`);
  const bits = Number(text);
  if (bits > max) throw new Error(`"${entry}": the prefix length must be an integer between 0 and ${max}`);
  return bits;
}

/**
 * Parses a comma-separated list of addresses and CIDR blocks; throws an Error naming the first
 * entry that is neither (the message does not name the variable: the caller adds it).
 */
export function parseCidrList(raw: string | undefined): CidrSet {
  const v4: V4Block[] = [];
  const v6: V6Block[] = [];
  for (const part of (raw ?? '').split(',')) {
    const entry = part.trim();
    if (entry === '') continue;
    const slash = entry.indexOf('/');
    const addr = slash < 0 ? entry : entry.slice(0, slash);
    if (addr.includes(':')) {
      const g = new Uint16Array(8);
      if (!parseV6(addr, 0, addr.length, g)) throw new Error(`"${entry}" is not an IPv4 or IPv6 address or CIDR block`);
      const bits = slash < 0 ? 128 : parsePrefix(entry, entry.slice(slash + 1), 128);
      if (isMapped(g) && bits >= 96) {
        const m = mask32(bits - 96);
        v4.push({ net: ((g[6] << 16) | g[7]) & m, mask: m });
        continue;
      }
      const words = [(g[0] << 16) | g[1], (g[2] << 16) | g[3], (g[4] << 16) | g[5], (g[6] << 16) | g[7]] as const;
      const mask = [mask32(bits), mask32(bits - 32), mask32(bits - 64), mask32(bits - 96)] as const;
      v6.push({ net: [words[0] & mask[0], words[1] & mask[1], words[2] & mask[2], words[3] & mask[3]], mask });
    } else {
      const a = parseV4(addr, 0, addr.length);
      if (a < 0) throw new Error(`"${entry}" is not an IPv4 or IPv6 address or CIDR block`);
      const bits = slash < 0 ? 32 : parsePrefix(entry, entry.slice(slash + 1), 32);
      const m = mask32(bits);
      v4.push({ net: (a | 0) & m, mask: m });
    }
  }
  return new ParsedCidrSet(v4, v6);
}
