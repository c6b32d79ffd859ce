import fc from 'fast-check';
import ipaddr from 'ipaddr.js';
import { compileIpList, normalizeIpEntries } from '../../src/core/ip-allowlist';

const RUNS = { numRuns: 200 };

/** Addresses from a small space, so that random entries and probes often meet. */
const ipv4 = fc
  .tuple(fc.constantFrom(10, 192), fc.constantFrom(0, 1, 168), fc.nat(3), fc.nat(255))
  .map((octets) => octets.join('.'));
const ipv6 = fc
  .tuple(fc.constantFrom('2001:db8', '2001:db9'), fc.nat(3), fc.nat(0xffff))
  .map(([net, mid, low]) => `${net}::${mid.toString(16)}:${low.toString(16)}`);
const address = fc.oneof(ipv4, ipv6);

const cidr = fc.oneof(
  fc.tuple(ipv4, fc.integer({ min: 8, max: 32 })).map(([a, p]) => `${a}/${p}`),
  fc.tuple(ipv6, fc.integer({ min: 90, max: 128 })).map(([a, p]) => `${a}/${p}`),
);
const range = fc
  .oneof(fc.tuple(ipv4, ipv4), fc.tuple(ipv6, ipv6))
  .map(([a, b]) => (compareBytes(a, b) <= 0 ? `${a}-${b}` : `${b}-${a}`));
const entry = fc.oneof(address, cidr, range);

/** A probe as a client might present it, IPv4 sometimes in its IPv4-mapped IPv6 form. */
const probe = fc.oneof(
  address,
  ipv4.map((a) => `::ffff:${a}`),
);

function bytesOf(text: string): number[] {
  return ipaddr.process(text).toByteArray();
}

function compareBytes(a: string, b: string): number {
  const left = bytesOf(a);
  const right = bytesOf(b);
  if (left.length !== right.length) {
    return left.length - right.length;
  }
  const at = left.findIndex((byte, i) => byte !== right[i]);
  return at < 0 ? 0 : (left[at] ?? 0) - (right[at] ?? 0);
}

/** The reference model: every entry in turn, with ipaddr.js `match` for networks. */
function referenceContains(entryText: string, ip: string): boolean {
  const client = ipaddr.process(ip);
  if (entryText.includes('/')) {
    const network = ipaddr.parseCIDR(entryText);
    return network[0].kind() === client.kind() && client.match(network);
  }
  if (entryText.includes('-')) {
    const [first = '', last = ''] = entryText.split('-');
    const sameKind = ipaddr.process(first).kind() === client.kind();
    return sameKind && compareBytes(first, ip) <= 0 && compareBytes(ip, last) <= 0;
  }
  const single = ipaddr.process(entryText);
  return (
    single.kind() === client.kind() && client.match(single, client.kind() === 'ipv4' ? 32 : 128)
  );
}

describe('IP matcher against a linear reference model', () => {
  it('allows exactly the addresses some entry contains, and names such an entry', () => {
    fc.assert(
      fc.property(
        fc.array(entry, { minLength: 1, maxLength: 40 }),
        fc.array(probe, { maxLength: 20 }),
        (raw, probes) => {
          const normalised = normalizeIpEntries(raw, 'ipAllowlist');
          if (!normalised.ok) {
            return false;
          }
          const matcher = compileIpList(normalised.entries);
          return probes.every((ip) => {
            const expected = normalised.entries.some((e) => referenceContains(e, ip));
            const result = matcher.match(ip);
            const named = result.matchedEntry;
            return (
              result.allowed === expected &&
              (named === null
                ? !expected
                : normalised.entries.includes(named) && referenceContains(named, ip))
            );
          });
        },
      ),
      RUNS,
    );
  });

  it('allows every address through an empty list and contains none', () => {
    fc.assert(
      fc.property(fc.oneof(probe, fc.string()), (ip) => {
        const matcher = compileIpList([]);
        return matcher.match(ip).allowed && !matcher.contains(ip);
      }),
      RUNS,
    );
  });
});
