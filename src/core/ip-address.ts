/**
 * Parsing of IP addresses and IP restriction entries. Node's `net.isIPv4` / `net.isIPv6` decide
 * what is an address; @leichtgewicht/ip-codec turns an address they accepted into its bytes
 * (about 0.1 µs for IPv6, where ipaddr.js takes over 1 µs: the gateway reads the address of
 * every request), and ipaddr.js writes the canonical text. An IPv4-mapped IPv6 address
 * (::ffff:a.b.c.d) is read as the IPv4 address it carries. Addresses become big-endian 32-bit
 * words (one for IPv4, four for IPv6), which the matcher compares without allocating big integers.
 */
import { isIPv4, isIPv6 } from 'node:net';

import { v4 as ipv4Codec, v6 as ipv6Codec } from '@leichtgewicht/ip-codec';
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
const GROUP = 0x10000;
const MAPPED_MARK = 0xffff;
/** How an IPv4-mapped IPv6 address is usually written, dotted part after the last colon. */
const MAPPED_DOTTED_PREFIX = '::ffff:';
const PREFIX_DIGITS = /^\d{1,3}$/;
const BITS = { v4: 32, v6: 128 } as const;
const MAPPED_PREFIX_BITS = 96;
const NOT_AN_ENTRY =
  'is not an IPv4 or IPv6 address, a CIDR range (10.0.0.0/8) or a first-last range';

/** The codec writes here; parsing is synchronous, so one buffer serves every call. */
const bytes = new Uint8Array(16);

/** The big-endian 32-bit word at `bytes[at]`. */
function wordAt(at: number): number {
  return (
    (((bytes[at] ?? 0) << 24) |
      ((bytes[at + 1] ?? 0) << 16) |
      ((bytes[at + 2] ?? 0) << 8) |
      (bytes[at + 3] ?? 0)) >>>
    0
  );
}

/** A dotted-decimal text `net.isIPv4` accepted. */
function readV4(text: string): ParsedAddress {
  ipv4Codec.encode(text, bytes, 0);
  return { family: 'v4', words: [wordAt(0)] };
}

/** Eight 16-bit groups as four words; ::ffff:0:0/96 becomes the IPv4 address it maps. */
function fromWords(first: number, second: number, third: number, last: number): ParsedAddress {
  return first === 0 && second === 0 && third === MAPPED_MARK
    ? { family: 'v4', words: [last] }
    : { family: 'v6', words: [first, second, third, last] };
}

/**
 * An IPv6 text `net.isIPv6` accepted. ip-codec 2.0.5 misreads a leading "::" that stands for a
 * single zero group (::2:3:4:5:6:7:8 loses its last group), so texts that start with "::" are
 * read otherwise: the usual ::ffff:a.b.c.d as its IPv4 part, the rest (rare) by ipaddr.js.
 */
function readV6(text: string): ParsedAddress {
  if (!text.startsWith('::')) {
    ipv6Codec.encode(text, bytes, 0);
    return fromWords(wordAt(0), wordAt(4), wordAt(8), wordAt(12));
  }
  const dottedAt = MAPPED_DOTTED_PREFIX.length;
  if (
    text.lastIndexOf(':') === dottedAt - 1 &&
    text.includes('.') &&
    text.slice(0, dottedAt).toLowerCase() === MAPPED_DOTTED_PREFIX
  ) {
    return readV4(text.slice(dottedAt));
  }
  const parts = ipaddr.IPv6.parse(text).parts;
  const word = (at: number): number => (parts[at] ?? 0) * GROUP + (parts[at + 1] ?? 0);
  return fromWords(word(0), word(2), word(4), word(6));
}

/**
 * One address, or null for anything else (zone ids, ports, octal or hex parts, junk). The
 * deprecated ::a.b.c.d (dotted, colons only in front) is refused: people mean the IPv4 address
 * by it, and it is not one.
 */
export function parseAddress(raw: string): ParsedAddress | null {
  if (typeof raw !== 'string' || raw.length > MAX_ADDRESS_CHARS) {
    return null;
  }
  const text = raw.trim();
  if (!text.includes(':')) {
    return isIPv4(text) ? readV4(text) : null;
  }
  if (text.includes('%') || !isIPv6(text)) {
    return null;
  }
  return text.includes('.') && text.lastIndexOf(':') === 1 ? null : readV6(text);
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
