/**
 * A seeded 10,000-entry style allowlist: IPv4 and IPv6, single addresses, CIDR blocks and
 * first-last ranges, with probe addresses half inside some entry and half (almost surely) outside.
 */
import type { Random } from '../lib/random';

export interface GeneratedIpList {
  /** Raw entries as an administrator would type them (host bits set, mixed case). */
  entries: string[];
  /** Addresses to test: inside and outside the list, IPv4, IPv6 and IPv4-mapped IPv6. */
  probes: string[];
}

type EntryKind = 'v4' | 'v4cidr' | 'v4range' | 'v6' | 'v6cidr' | 'v6range';

/** How often each kind of entry appears, out of 20. */
const KIND_WEIGHTS: [EntryKind, number][] = [
  ['v4', 4],
  ['v4cidr', 4],
  ['v4range', 2],
  ['v6', 3],
  ['v6cidr', 4],
  ['v6range', 3],
];

const IPV4_SPACE = 2 ** 32;

/** `entryCount` entries and `probeCount` probes from `random`. */
export function generateIpList(
  random: Random,
  entryCount: number,
  probeCount: number,
): GeneratedIpList {
  const entries: string[] = [];
  const inside: string[] = [];
  for (let i = 0; i < entryCount; i += 1) {
    const { entry, member } = generateEntry(random, pickKind(random));
    entries.push(entry);
    inside.push(member);
  }

  const probes: string[] = [];
  for (let i = 0; i < probeCount; i += 1) {
    probes.push(i % 2 === 0 ? (inside[random.int(inside.length)] as string) : outsider(random, i));
  }
  return { entries, probes };
}

function pickKind(random: Random): EntryKind {
  let roll = random.int(20);
  for (const [kind, weight] of KIND_WEIGHTS) {
    if (roll < weight) {
      return kind;
    }
    roll -= weight;
  }
  return 'v4';
}

function generateEntry(random: Random, kind: EntryKind): { entry: string; member: string } {
  const v4 = random.int(IPV4_SPACE - 70_000);
  const v6 = randomV6Groups(random);
  switch (kind) {
    case 'v4':
      return { entry: v4Text(v4), member: v4Text(v4) };
    case 'v4cidr':
      return { entry: `${v4Text(v4)}/${20 + random.int(11)}`, member: v4Text(v4) };
    case 'v4range': {
      const last = v4 + 1 + random.int(65_000);
      return { entry: `${v4Text(v4)}-${v4Text(last)}`, member: v4Text(v4 + (last - v4) / 2) };
    }
    case 'v6':
      return { entry: v6Text(v6), member: v6Text(v6) };
    case 'v6cidr':
      return { entry: `${v6Text(v6).toUpperCase()}/${48 + random.int(73)}`, member: v6Text(v6) };
    case 'v6range': {
      const last = [...v6.slice(0, 7), Math.min(0xffff, (v6[7] as number) + 1 + random.int(5000))];
      return { entry: `${v6Text(v6)}-${v6Text(last)}`, member: v6Text(last) };
    }
  }
}

/** A random address; every fourth IPv4 one is written IPv4-mapped (::ffff:a.b.c.d). */
function outsider(random: Random, i: number): string {
  if (i % 4 === 1) {
    return v6Text(randomV6Groups(random));
  }
  const address = v4Text(random.int(IPV4_SPACE));
  return i % 8 === 3 ? `::ffff:${address}` : address;
}

function randomV6Groups(random: Random): number[] {
  const groups = [0x2001, 0x0db8 + random.int(16)];
  for (let i = 2; i < 8; i += 1) {
    groups.push(random.int(0x10000));
  }
  return groups;
}

function v4Text(value: number): string {
  const n = Math.floor(value);
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function v6Text(groups: readonly number[]): string {
  return groups.map((group) => group.toString(16)).join(':');
}
