/**
 * Parsing of IP addresses and IP restriction entries. Node's `net.isIPv4` / `net.isIPv6` decide
 * what is an address and ipaddr.js reads it; an IPv4-mapped IPv6 address (::ffff:a.b.c.d) is
 * read as the IPv4 address it carries. Addresses become big-endian 32-bit words (one for IPv4,
 * four for IPv6), which the matcher compares without allocating big integers.
 */
import { isIPv4, isIPv6 } from 'node:net';

import ipaddr from 'ipaddr.js';

/** A parsed address: one 32-bit word for IPv4, four for IPv6, most significant first. */
export interface ParsedAddress {
  family: 'v4' | 'v6';
  words: number[];
}

/** The addresses an entry covers, from `lo` to `hi` as integers, and its normalised text. */
export interface IpInterval {
  family: 'v4' | 'v6';
  lo: bigint;
  hi: bigint;
  text: string;
}

export type IntervalResult = { ok: true; interval: IpInterval } | { ok: false; reason: string };

const MAX_ADDRESS_CHARS = 64;
const MAX_ENTRY_CHARS = 2 * MAX_ADDRESS_CHARS + 1;
/** How an IPv4-mapped IPv6 address is usually written, dotted part after the last colon. */
const MAPPED_DOTTED_PREFIX = '::ffff:';
const IPV4_OCTETS = 4;
const OCTET = 0x100;
const GROUP = 0x10000;
const MAPPED_MARK = 0xffff;
const PREFIX_DIGITS = /^\d{1,3}$/;
const BITS = { v4: 32, v6: 128 } as const;
const MAPPED_PREFIX_BITS = 96;
const NOT_AN_ENTRY =
  'is not an IPv4 or IPv6 address, a CIDR range (10.0.0.0/8) or a first-last range';

function fromOctets(octets: readonly number[]): ParsedAddress {
  let value = 0;
  for (let i = 0; i < IPV4_OCTETS; i += 1) {
    value = value * OCTET + (octets[i] ?? 0);
  }
  return { family: 'v4', words: [value] };
}

/** Eight 16-bit groups as four words; ::ffff:0:0/96 becomes the IPv4 address it maps. */
function fromGroups(groups: readonly number[]): ParsedAddress {
  const first = pairAt(groups, 0);
  const second = pairAt(groups, 2);
  const third = pairAt(groups, 4);
  const last = pairAt(groups, 6);
  return first === 0 && second === 0 && third === MAPPED_MARK
    ? { family: 'v4', words: [last] }
    : { family: 'v6', words: [first, second, third, last] };
}

function pairAt(groups: readonly number[], at: number): number {
  return (groups[at] ?? 0) * GROUP + (groups[at + 1] ?? 0);
}

/**
 * IPv6 ending in dotted IPv4. Node checks the dotted part is four plain decimals; the
 * deprecated ::a.b.c.d (colons only in front) is refused, since ipaddr.js would read it as
 * ::ffff:a.b.c.d; ::ffff:a.b.c.d itself goes straight to the IPv4 parser.
 */
function parseDotted(text: string): ParsedAddress | null {
  const lastColon = text.lastIndexOf(':');
  if (!isIPv6(text) || lastColon === 1) {
    return null;
  }
  const prefix = text.slice(0, lastColon + 1).toLowerCase();
  return prefix === MAPPED_DOTTED_PREFIX
    ? fromOctets(ipaddr.IPv4.parse(text.slice(lastColon + 1)).octets)
    : fromGroups(ipaddr.IPv6.parse(text).parts);
}

/** One address, or null for anything else (zone ids, ports, octal or hex parts, junk). */
export function parseAddress(raw: string): ParsedAddress | null {
  if (typeof raw !== 'string' || raw.length > MAX_ADDRESS_CHARS) {
    return null;
  }
  const text = raw.trim();
  try {
    if (!text.includes(':')) {
      return isIPv4(text) ? fromOctets(ipaddr.IPv4.parse(text).octets) : null;
    }
    if (text.includes('%')) {
      return null;
    }
    return text.includes('.') ? parseDotted(text) : fromGroups(ipaddr.IPv6.parse(text).parts);
  } catch {
    return null;
  }
}

function toBigInt(address: ParsedAddress): bigint {
  return address.words.reduce((sum, word) => (sum << 32n) | BigInt(word), 0n);
}

function fromBigInt(family: 'v4' | 'v6', value: bigint): ParsedAddress {
  const shifts = family === 'v4' ? [0n] : [96n, 64n, 32n, 0n];
  return { family, words: shifts.map((shift) => Number((value >> shift) & 0xffffffffn)) };
}

/** The canonical text of an address: dotted decimal, or RFC 5952 for IPv6. */
export function addressText(address: ParsedAddress): string {
  if (address.family === 'v4') {
    const value = address.words[0] ?? 0;
    return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
  }
  const groups = address.words.flatMap((word) => [Math.floor(word / GROUP), word % GROUP]);
  return new ipaddr.IPv6(groups).toRFC5952String();
}

function intervalText(family: 'v4' | 'v6', value: bigint): string {
  return addressText(fromBigInt(family, value));
}

function cidrInterval(addressPart: string, prefixText: string): IntervalResult {
  const address = parseAddress(addressPart);
  if (address === null || !PREFIX_DIGITS.test(prefixText)) {
    return { ok: false, reason: NOT_AN_ENTRY };
  }
  const family = address.family;
  let prefix = Number(prefixText);
  if (family === 'v4' && addressPart.includes(':')) {
    if (prefix < MAPPED_PREFIX_BITS || prefix > BITS.v6) {
      return { ok: false, reason: 'an IPv4-mapped network needs a prefix from /96 to /128' };
    }
    prefix -= MAPPED_PREFIX_BITS;
  }
  if (prefix > BITS[family]) {
    const range =
      family === 'v4' ? 'IPv4 prefix length outside 0–32' : 'IPv6 prefix length outside 0–128';
    return { ok: false, reason: `has an ${range}` };
  }
  const value = toBigInt(address);
  const size = 1n << BigInt(BITS[family] - prefix);
  const lo = value - (value % size);
  const text = `${intervalText(family, lo)}/${prefix}`;
  return { ok: true, interval: { family, lo, hi: lo + size - 1n, text } };
}

function rangeInterval(firstText: string, lastText: string): IntervalResult {
  const first = parseAddress(firstText);
  const last = parseAddress(lastText);
  if (first === null || last === null) {
    return { ok: false, reason: NOT_AN_ENTRY };
  }
  if (first.family !== last.family) {
    return { ok: false, reason: 'is a range that mixes IPv4 and IPv6' };
  }
  const lo = toBigInt(first);
  const hi = toBigInt(last);
  const text = `${addressText(first)}-${addressText(last)}`;
  return lo <= hi
    ? { ok: true, interval: { family: first.family, lo, hi, text } }
    : { ok: false, reason: 'is a range that starts after it ends' };
}

/** The interval an IP restriction entry covers: an address, a CIDR range or a first-last range. */
export function entryInterval(raw: string): IntervalResult {
  if (typeof raw !== 'string' || raw.trim() === '') {
    return { ok: false, reason: 'is empty' };
  }
  if (raw.length > MAX_ENTRY_CHARS) {
    return { ok: false, reason: NOT_AN_ENTRY };
  }
  const trimmed = raw.trim();
  const pieces = trimmed.split('/');
  if (pieces.length === 2) {
    return cidrInterval(pieces[0] ?? '', pieces[1] ?? '');
  }
  const ends = trimmed.split('-');
  if (pieces.length === 1 && ends.length === 2) {
    return rangeInterval(ends[0] ?? '', ends[1] ?? '');
  }
  const single = pieces.length === 1 && ends.length === 1 ? parseAddress(trimmed) : null;
  if (single === null) {
    return { ok: false, reason: NOT_AN_ENTRY };
  }
  const value = toBigInt(single);
  return {
    ok: true,
    interval: { family: single.family, lo: value, hi: value, text: addressText(single) },
  };
}
