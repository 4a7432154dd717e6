// A request's link is served through Boost's public redirect: a link to an internal address would let anyone who can
// post a request point Boost's public host at the company network. Nobody shares an internal address publicly.

/** IPv4 ranges no public page lives in: this network, private, shared (CGNAT), loopback and link-local. */
const INTERNAL_IPV4: ReadonlyArray<readonly [first: number, prefixLength: number]> = [
  [ipv4(0, 0, 0, 0), 8],
  [ipv4(10, 0, 0, 0), 8],
  [ipv4(100, 64, 0, 0), 10],
  [ipv4(127, 0, 0, 0), 8],
  [ipv4(169, 254, 0, 0), 16],
  [ipv4(172, 16, 0, 0), 12],
  [ipv4(192, 168, 0, 0), 16],
];

function ipv4(a: number, b: number, c: number, d: number): number {
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

function inInternalIpv4(address: number): boolean {
  return INTERNAL_IPV4.some(([first, bits]) => address >>> (32 - bits) === first >>> (32 - bits));
}

/**
 * True for `localhost`, `*.localhost` and IP literals in internal ranges, given a hostname as WHATWG URL parsing leaves
 * it: IPv4 in any spelling (`2130706433`, `0x7f.1`, `127.1`) comes out dotted-decimal, IPv6 in brackets as compressed
 * hex (`[::ffff:7f00:1]` for an IPv4-mapped loopback).
 */
export function isInternalHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host.startsWith('[') && host.endsWith(']')) return isInternalIpv6(host.slice(1, -1));
  const parts = host.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part))) return false;
  const [a = 0, b = 0, c = 0, d = 0] = parts.map(Number);
  return inInternalIpv4(ipv4(a, b, c, d));
}

function isInternalIpv6(address: string): boolean {
  const hextets = expandIpv6(address);
  if (!hextets) return false;
  const [h0 = 0, h1 = 0, h2 = 0, h3 = 0, h4 = 0, h5 = 0, h6 = 0, h7 = 0] = hextets;
  const embeddedIpv4 = ((h6 << 16) | h7) >>> 0;
  const zeroPrefix = h0 === 0 && h1 === 0 && h2 === 0 && h3 === 0 && h4 === 0;
  if (zeroPrefix && h5 === 0 && h6 === 0 && h7 <= 1) return true; // :: and ::1
  if (zeroPrefix && (h5 === 0xffff || h5 === 0)) return inInternalIpv4(embeddedIpv4); // mapped and compatible IPv4
  if (h0 === 0x64 && h1 === 0xff9b && h2 === 0 && h3 === 0 && h4 === 0 && h5 === 0) {
    return inInternalIpv4(embeddedIpv4); // NAT64
  }
  return (h0 & 0xfe00) === 0xfc00 || (h0 & 0xffc0) === 0xfe80; // unique local, link-local
}

/** The eight 16-bit groups of an IPv6 address written as WHATWG serialises it (hex groups, at most one `::`). */
function expandIpv6(address: string): number[] | undefined {
  const [head = '', tail, extra] = address.split('::');
  if (extra !== undefined) return undefined;
  const groups = (text: string) => (text ? text.split(':').map((group) => Number.parseInt(group, 16)) : []);
  const front = groups(head);
  const back = tail === undefined ? [] : groups(tail);
  const zeros = 8 - front.length - back.length;
  if (zeros < 0 || (tail === undefined && zeros !== 0)) return undefined;
  const all = [...front, ...Array<number>(zeros).fill(0), ...back];
  return all.every((group) => Number.isInteger(group) && group >= 0 && group <= 0xffff) ? all : undefined;
}
