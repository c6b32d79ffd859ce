/**
 * ipMatch: one address against a large allowlist, through the compiled matcher, and the same
 * decision made the naive way (ip-cidr, every entry in turn) for the speed-up.
 */
import IPCIDR from 'ip-cidr';

import { compileIpList, normalizeIpEntries, type IpMatcher } from '../../src/core/ip-allowlist';
import { medianNanosSync, type MicroOptions } from '../lib/micro';
import { seededRandom } from '../lib/random';
import { generateIpList } from './ip-lists';

export interface IpMatchOptions {
  entries: number;
  /**
   * Distinct addresses matched by ours, cycled (half inside some entry, half outside; half
   * IPv4, half IPv6): more than any memo of recent lookups holds, so each match does it all.
   */
  probes: number;
  /** The first this-many of them, for the naive way (one pass over 10,000 entries is ms). */
  naiveProbes: number;
  /** The first this-many, cycled: returning clients, which a memo of recent lookups serves. */
  repeatProbes: number;
  ours: MicroOptions;
  naive: MicroOptions;
}

export interface IpMatchResult {
  /** Every address new to the matcher, IPv4 and IPv6 mixed. */
  ns_per_match: number;
  speedup: number;
  ns_per_match_v4: number;
  ns_per_match_v6: number;
  /** The same few addresses again and again. */
  ns_per_match_repeat: number;
  naive_us_per_match: number;
  entries: number;
  /** Probes where the two ways disagreed: must be 0. */
  mismatches: number;
}

type NaiveEntry =
  | { kind: 'cidr'; v4: boolean; block: IPCIDR }
  | { kind: 'range'; v4: boolean; first: bigint; last: bigint };

/** Measures both ways on the same seeded list and probes. */
export async function benchIpMatch(options: IpMatchOptions): Promise<IpMatchResult> {
  const list = generateIpList(seededRandom(0x1f00d), options.entries, options.probes);
  const normalised = normalizeIpEntries(list.entries, 'ipAllowlist');
  if (!normalised.ok) {
    throw new Error(`generated allowlist rejected: ${JSON.stringify(normalised.errors[0])}`);
  }
  const matcher = compileIpList(normalised.entries);
  const naive = normalised.entries.map(toNaiveEntry);
  const probes = list.probes;
  const naiveProbes = probes.slice(0, options.naiveProbes);
  const mismatches = naiveProbes.filter(
    (ip) => matcher.match(ip).allowed !== naiveAllows(naive, ip),
  ).length;

  const ours = (set: string[]): Promise<number> => oursNanos(matcher, set, options.ours);
  const mixed = await ours(probes);
  const naiveNs = await medianNanosSync(
    (i) => naiveAllows(naive, naiveProbes[i % naiveProbes.length] as string),
    { ...options.naive, batch: naiveProbes.length },
  );
  return {
    ns_per_match: mixed,
    speedup: naiveNs / mixed,
    ns_per_match_v4: await ours(probes.filter((ip) => !ip.includes(':'))),
    ns_per_match_v6: await ours(probes.filter((ip) => ip.includes(':') && !ip.includes('.'))),
    ns_per_match_repeat: await ours(probes.slice(0, options.repeatProbes)),
    naive_us_per_match: naiveNs / 1000,
    entries: normalised.entries.length,
    mismatches,
  };
}

/** Calls per sample: enough that the CPU clock's 1 µs resolution does not matter. */
const MIN_BATCH = 16_384;

/** Median ns per match over `probes`, each sample cycling through all of them. */
function oursNanos(matcher: IpMatcher, probes: string[], micro: MicroOptions): Promise<number> {
  const batch = Math.ceil(MIN_BATCH / probes.length) * probes.length;
  return medianNanosSync((i) => matcher.match(probes[i % probes.length] as string).allowed, {
    ...micro,
    batch,
  });
}

/** An entry prepared once, as a careful naive implementation would: parsed up front. */
function toNaiveEntry(entry: string): NaiveEntry {
  const v4 = !entry.includes(':');
  const dash = entry.indexOf('-');
  if (dash >= 0) {
    return {
      kind: 'range',
      v4,
      first: toBigInt(entry.slice(0, dash)),
      last: toBigInt(entry.slice(dash + 1)),
    };
  }
  const cidr = entry.includes('/') ? entry : `${entry}/${v4 ? 32 : 128}`;
  return { kind: 'cidr', v4, block: new IPCIDR(cidr) };
}

/** Parses the address once, then asks each entry of its family in list order. */
function naiveAllows(entries: readonly NaiveEntry[], ip: string): boolean {
  let address: IPCIDR.Address;
  try {
    address = IPCIDR.createAddress(ip);
  } catch {
    return false;
  }
  const v4 = address.v4;
  const value = BigInt(address.bigInteger().toString());
  for (const entry of entries) {
    if (entry.v4 !== v4) {
      continue;
    }
    const inside =
      entry.kind === 'cidr'
        ? entry.block.contains(address)
        : entry.first <= value && value <= entry.last;
    if (inside) {
      return true;
    }
  }
  return false;
}

function toBigInt(address: string): bigint {
  return BigInt(IPCIDR.createAddress(address).bigInteger().toString());
}
