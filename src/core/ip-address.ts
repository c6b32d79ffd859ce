/**
 * Parsing of IP addresses and IP restriction entries into numeric intervals, with ipaddr.js
 * doing the address parsing. IPv4 values are numbers, IPv6 values are bigints; an IPv4-mapped
 * IPv6 address (::ffff:a.b.c.d) is read as the IPv4 address it carries.
 */
import ipaddr from 'ipaddr.js';

/** A parsed address: its family and numeric value (IPv6 as a 128-bit bigint). */
export type ParsedAddress = { family: 'v4'; value: number } | { family: 'v6'; value: bigint };

export type IpInterval =
  | { family: 'v4'; lo: number; hi: number; text: string }
  | { family: 'v6'; lo: bigint; hi: bigint; text: string };

export type IntervalResult = { ok: true; interval: IpInterval } | { ok: false; reason: string };

const MAX_ADDRESS_CHARS = 64;
const MAX_ENTRY_CHARS = 2 * MAX_ADDRESS_CHARS + 1;
/** Four decimal parts without leading zeros: ipaddr.js would also read 010.1 or 0x7f.1. */
const FOUR_PART_DECIMAL = /^(0|[1-9]\d{0,2})(\.(0|[1-9]\d{0,2})){3}$/;
const PREFIX_DIGITS = /^\d{1,3}$/;
const IPV4_BITS = 32;
const IPV6_BITS = 128;
const MAPPED_PREFIX_BITS = 96;
const NOT_AN_ENTRY =
  'is not an IPv4 or IPv6 address, a CIDR range (10.0.0.0/8) or a first-last range';

function fromIpv4(octets: number[]): ParsedAddress {
  const [a = 0, b = 0, c = 0, d = 0] = octets;
  return { family: 'v4', value: a * 2 ** 24 + b * 2 ** 16 + c * 2 ** 8 + d };
}

/** Eight 16-bit groups as one bigint, built from three exact doubles (48 + 48 + 32 bits). */
function fromIpv6(parts: number[]): ParsedAddress {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0] = parts;
  const high = BigInt(a * 2 ** 32 + b * 2 ** 16 + c) << 80n;
  const middle = BigInt(d * 2 ** 32 + e * 2 ** 16 + f) << 32n;
  return { family: 'v6', value: high | middle | BigInt(g * 2 ** 16 + h) };
}

/**
 * An IPv6 text ending in dotted IPv4 must end in four decimal parts, and its leading groups
 * must be what the library kept (it reads the deprecated ::a.b.c.d as ::ffff:a.b.c.d).
 */
function embeddedIpv4IsSound(text: string, parsed: ipaddr.IPv6): boolean {
  const cut = text.lastIndexOf(':');
  if (!FOUR_PART_DECIMAL.test(text.slice(cut + 1))) {
    return false;
  }
  const head = ipaddr.IPv6.parse(text.slice(0, cut + 1) + '0:0').parts;
  return head.slice(0, 6).every((part, i) => part === parsed.parts[i]);
}

function parseIpv6(text: string): ParsedAddress | null {
  const parsed = ipaddr.IPv6.parse(text);
  if (text.includes('.') && !embeddedIpv4IsSound(text, parsed)) {
    return null;
  }
  return parsed.isIPv4MappedAddress()
    ? fromIpv4(parsed.toIPv4Address().octets)
    : fromIpv6(parsed.parts);
}

/** One address, or null for anything else (zone ids, ports, octal or hex parts, junk). */
export function parseAddress(raw: string): ParsedAddress | null {
  if (typeof raw !== 'string' || raw.length > MAX_ADDRESS_CHARS) {
    return null;
  }
  const text = raw.trim();
  try {
    if (FOUR_PART_DECIMAL.test(text)) {
      return fromIpv4(ipaddr.IPv4.parse(text).octets);
    }
    if (text.includes(':') && !text.includes('%')) {
      return parseIpv6(text);
    }
  } catch {
    return null;
  }
  return null;
}

/** The canonical text of an address: dotted decimal, or RFC 5952 for IPv6. */
export function addressText(address: ParsedAddress): string {
  return address.family === 'v4' ? ipv4Text(address.value) : ipv6Text(address.value);
}

function ipv4Text(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

function ipv6Text(value: bigint): string {
  const parts = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((s) => Number((value >> s) & 0xffffn));
  return new ipaddr.IPv6(parts).toRFC5952String();
}

function cidrInterval(addressText: string, prefixText: string): IntervalResult {
  const address = parseAddress(addressText);
  if (address === null || !PREFIX_DIGITS.test(prefixText)) {
    return { ok: false, reason: NOT_AN_ENTRY };
  }
  let prefix = Number(prefixText);
  if (address.family === 'v4' && addressText.includes(':')) {
    if (prefix < MAPPED_PREFIX_BITS || prefix > IPV6_BITS) {
      return { ok: false, reason: 'an IPv4-mapped network needs a prefix from /96 to /128' };
    }
    prefix -= MAPPED_PREFIX_BITS;
  }
  if (address.family === 'v4') {
    if (prefix > IPV4_BITS) {
      return { ok: false, reason: 'has an IPv4 prefix length outside 0–32' };
    }
    const size = 2 ** (IPV4_BITS - prefix);
    const lo = Math.floor(address.value / size) * size;
    const text = `${ipv4Text(lo)}/${prefix}`;
    return { ok: true, interval: { family: 'v4', lo, hi: lo + size - 1, text } };
  }
  if (prefix > IPV6_BITS) {
    return { ok: false, reason: 'has an IPv6 prefix length outside 0–128' };
  }
  const size = 1n << BigInt(IPV6_BITS - prefix);
  const lo = address.value - (address.value % size);
  const text = `${ipv6Text(lo)}/${prefix}`;
  return { ok: true, interval: { family: 'v6', lo, hi: lo + size - 1n, text } };
}

function rangeInterval(firstText: string, lastText: string): IntervalResult {
  const first = parseAddress(firstText);
  const last = parseAddress(lastText);
  if (first === null || last === null) {
    return { ok: false, reason: NOT_AN_ENTRY };
  }
  const text = `${addressText(first)}-${addressText(last)}`;
  if (first.family === 'v4' && last.family === 'v4') {
    return first.value <= last.value
      ? { ok: true, interval: { family: 'v4', lo: first.value, hi: last.value, text } }
      : { ok: false, reason: 'is a range that starts after it ends' };
  }
  if (first.family === 'v6' && last.family === 'v6') {
    return first.value <= last.value
      ? { ok: true, interval: { family: 'v6', lo: first.value, hi: last.value, text } }
      : { ok: false, reason: 'is a range that starts after it ends' };
  }
  return { ok: false, reason: 'is a range that mixes IPv4 and IPv6' };
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
  const text = addressText(single);
  return single.family === 'v4'
    ? { ok: true, interval: { family: 'v4', lo: single.value, hi: single.value, text } }
    : { ok: true, interval: { family: 'v6', lo: single.value, hi: single.value, text } };
}
