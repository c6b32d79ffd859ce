/**
 * Whether an IP Address Restrictions list, as edited, lets the administrator's own address in:
 * judged in the page before saving (the server's checkIp only knows the saved list).
 */
import ipaddr from 'ipaddr.js';

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** IPv4-mapped IPv6 (::ffff:a.b.c.d) is read as the IPv4 address it carries, as the server does. */
function readAddress(text: string): Address | null {
  const trimmed = text.trim();
  return ipaddr.isValid(trimmed) ? ipaddr.process(trimmed) : null;
}

function compareBytes(a: Address, b: Address): number {
  const left = a.toByteArray();
  const right = b.toByteArray();
  const differing = left.findIndex((byte, i) => byte !== right[i]);
  return differing === -1 ? 0 : (left[differing] ?? 0) - (right[differing] ?? 0);
}

/** True or false when the entry is understood here; null when it is not. */
function entryContains(own: Address, entry: string): boolean | null {
  try {
    if (entry.includes('/')) {
      const [base, bits] = ipaddr.parseCIDR(entry.trim());
      if (base instanceof ipaddr.IPv6 && base.isIPv4MappedAddress()) {
        return null;
      }
      return base.kind() === own.kind() ? own.match(base, bits) : false;
    }
    const ends = entry.split('-');
    const first = readAddress(ends[0] ?? '');
    const last = readAddress(ends[ends.length - 1] ?? '');
    if (ends.length > 2 || first === null || last === null) {
      return null;
    }
    if (first.kind() !== own.kind() || last.kind() !== own.kind()) {
      return false;
    }
    return compareBytes(first, own) <= 0 && compareBytes(own, last) <= 0;
  } catch {
    return null;
  }
}

/**
 * True when the list is empty or some entry contains `own`; false when every entry is
 * understood and none contains it; null when that cannot be told here (an entry not understood).
 */
export function listAllows(own: string, entries: readonly string[]): boolean | null {
  const address = readAddress(own);
  if (entries.length === 0) {
    return true;
  }
  if (address === null) {
    return null;
  }
  const answers = entries.map((entry) => entryContains(address, entry));
  if (answers.includes(true)) {
    return true;
  }
  return answers.includes(null) ? null : false;
}
