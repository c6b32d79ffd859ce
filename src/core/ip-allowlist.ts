/**
 * IP restrictions: entries normalised on save, compiled once per settings change into sorted
 * interval tables (one for IPv4, one for IPv6, see ip-table.ts) with a bucket index.
 */
import { isIPv4 } from 'node:net';

import type { FieldError } from './types';
import { addressText, entryInterval, parseAddress, type IpInterval } from './ip-address';
import { buildTable, lookup } from './ip-table';

export { parseAddress } from './ip-address';

/** At most this many entries in one list (ipAllowlist, trustedProxies). */
export const MAX_IP_ENTRIES = 10_000;
/**
 * Each matcher remembers this many recent lookups: a gateway sees the same client addresses
 * again and again, and a remembered answer (about 16 ns) costs a thirtieth of reading an IPv6
 * text and looking it up.
 */
const RECENT_LOOKUPS = 4096;
const V4_WORDS = 1;
const V6_WORDS = 4;
/** Longer texts are no address: they are answered without being remembered. */
const MAX_REMEMBERED_CHARS = 64;

/** A compiled IP list. */
export interface IpMatcher {
  /** True when the list has no entries. */
  readonly empty: boolean;
  /** Allowlist semantic: an empty list allows every address, even an unknown (null) one. */
  match(ip: string | null): { allowed: boolean; matchedEntry: string | null };
  /** Membership semantic (trusted proxies): true only when some entry contains `ip`. */
  contains(ip: string | null): boolean;
}

/** One address in canonical text (IPv4-mapped IPv6 becomes IPv4); null for anything else. */
export function normalizeAddress(raw: string): string | null {
  // Dotted IPv4 that Node accepts (no leading zeros, no spaces) is already canonical: the
  // socket address of nearly every request, answered without parsing and writing it again.
  if (typeof raw === 'string' && isIPv4(raw)) {
    return raw;
  }
  const address = parseAddress(raw);
  return address === null ? null : addressText(address);
}

/** Parses one entry (address, CIDR or first-last range) into its normalised text. */
export function parseIpEntry(
  raw: string,
): { ok: true; entry: string } | { ok: false; reason: string } {
  const result = entryInterval(raw);
  return result.ok ? { ok: true, entry: result.interval.text } : result;
}

/** Validates and normalises a list of entries; errors name `${field}[i]`; duplicates dropped. */
export function normalizeIpEntries(
  raw: unknown,
  field: string,
): { ok: true; entries: string[] } | { ok: false; errors: FieldError[] } {
  if (!Array.isArray(raw)) {
    return { ok: false, errors: [{ field, reason: 'must be a list of IP addresses or ranges' }] };
  }
  if (raw.length > MAX_IP_ENTRIES) {
    return {
      ok: false,
      errors: [{ field, reason: `must have at most ${MAX_IP_ENTRIES} entries` }],
    };
  }
  const errors: FieldError[] = [];
  const entries = new Set<string>();
  raw.forEach((item: unknown, i) => {
    const parsed = typeof item === 'string' ? parseIpEntry(item) : null;
    if (parsed === null) {
      errors.push({ field: `${field}[${i}]`, reason: 'must be a string' });
    } else if (!parsed.ok) {
      errors.push({ field: `${field}[${i}]`, reason: parsed.reason });
    } else {
      entries.add(parsed.entry);
    }
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, entries: [...entries] };
}

function compileIntervals(entries: string[]): IpInterval[] {
  return entries.map((entry, i) => {
    const result = entryInterval(entry);
    if (!result.ok) {
      throw new Error(`compileIpList: entries[${i}] ${result.reason}`);
    }
    return result.interval;
  });
}

/** `find` with a bounded memory of recent answers, forgotten all at once when full. */
function remembering(find: (ip: string) => string | null): (ip: string | null) => string | null {
  const recent = new Map<string, string | null>();
  return (ip) => {
    if (ip === null || ip.length > MAX_REMEMBERED_CHARS) {
      return ip === null ? null : find(ip);
    }
    const remembered = recent.get(ip);
    if (remembered !== undefined) {
      return remembered;
    }
    const found = find(ip);
    if (recent.size >= RECENT_LOOKUPS) {
      recent.clear();
    }
    recent.set(ip, found);
    return found;
  };
}

/** Compiles normalised entries once; throws on an invalid entry (validate on save first). */
export function compileIpList(entries: string[]): IpMatcher {
  const intervals = compileIntervals(entries);
  const v4 = buildTable(
    intervals.filter((i) => i.family === 'v4'),
    V4_WORDS,
  );
  const v6 = buildTable(
    intervals.filter((i) => i.family === 'v6'),
    V6_WORDS,
  );
  const empty = intervals.length === 0;

  const find = remembering((ip) => {
    const address = parseAddress(ip);
    if (address === null) {
      return null;
    }
    return lookup(address.family === 'v4' ? v4 : v6, address.words);
  });

  return {
    empty,
    match(ip) {
      if (empty) {
        return { allowed: true, matchedEntry: null };
      }
      const matchedEntry = find(ip);
      return { allowed: matchedEntry !== null, matchedEntry };
    },
    contains(ip) {
      return !empty && find(ip) !== null;
    },
  };
}
