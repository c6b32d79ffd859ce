/**
 * ipMatch: one address against a large allowlist, through the compiled matcher, and the same
 * decision made the naive way (ip-cidr, every entry in turn) for the speed-up.
 */
import IPCIDR from 'ip-cidr';

import { compileIpList, normalizeIpEntries } from '../../src/core/ip-allowlist';
import { medianNanosSync, type MicroOptions } from '../lib/micro';
import { seededRandom } from '../lib/random';
import { generateIpList } from './ip-lists';

export interface IpMatchOptions {
  entries: number;
  /** Distinct addresses matched by ours, cycled (half inside some entry, half outside). */
  probes: number;
  /** The first this-many of them, for the naive way (one pass over 10,000 entries is ms). */
  naiveProbes: number;
  ours: MicroOptions;
  naive: MicroOptions;
}

export interface IpMatchResult {
  ns_per_match: number;
  speedup: number;
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

  const ours = (ip: string): boolean => matcher.match(ip).allowed;
  const slow = (ip: string): boolean => naiveAllows(naive, ip);
  const mismatches = naiveProbes.filter((ip) => ours(ip) !== slow(ip)).length;

  const oursNs = await medianNanosSync((i) => ours(probes[i % probes.length] as string), {
    ...options.ours,
    batch: probes.length,
  });
  const naiveNs = await medianNanosSync(
    (i) => slow(naiveProbes[i % naiveProbes.length] as string),
    { ...options.naive, batch: naiveProbes.length },
  );

  return {
    ns_per_match: oursNs,
    speedup: naiveNs / oursNs,
    naive_us_per_match: naiveNs / 1000,
    entries: normalised.entries.length,
    mismatches,
  };
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
