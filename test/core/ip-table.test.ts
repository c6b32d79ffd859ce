import fc from 'fast-check';
import type { IpInterval } from '../../src/core/ip-address';
import { buildTable, lookup } from '../../src/core/ip-table';

const RUNS = { numRuns: 300 };

function wordsOf(value: bigint, width: number): number[] {
  return Array.from({ length: width }, (_, i) =>
    Number((value >> BigInt(32 * (width - 1 - i))) & 0xffffffffn),
  );
}

/** A family's space, intervals sharing a prefix of any length, and probes around their ends. */
function scenario(width: number): fc.Arbitrary<{ intervals: IpInterval[]; probes: bigint[] }> {
  const bits = width * 32;
  const top = (1n << BigInt(bits)) - 1n;
  return fc
    .record({
      prefixBits: fc.integer({ min: 0, max: bits }),
      prefix: fc.bigInt({ min: 0n, max: top }),
      spans: fc.array(
        fc.tuple(fc.bigInt({ min: 0n, max: top }), fc.bigInt({ min: 0n, max: 300n })),
        {
          minLength: 1,
          maxLength: 30,
        },
      ),
      strays: fc.array(fc.bigInt({ min: 0n, max: top }), { maxLength: 10 }),
    })
    .map(({ prefixBits, prefix, spans, strays }) => {
      const free = BigInt(bits - prefixBits);
      const base = (prefix >> free) << free;
      const room = (1n << free) - 1n;
      const intervals = spans.map(([offset, length], i) => {
        const lo = base + (offset & room);
        const hi = lo + length > top ? top : lo + length;
        return { family: width === 1 ? 'v4' : 'v6', lo, hi, text: `entry ${i}` } as IpInterval;
      });
      const edges = intervals.flatMap(({ lo, hi }) => [lo - 1n, lo, hi, hi + 1n]);
      const probes = [...edges, ...strays, base, base + room, 0n, top];
      return { intervals, probes: probes.filter((p) => p >= 0n && p <= top) };
    });
}

function expectSameAsLinearScan(width: number): void {
  fc.assert(
    fc.property(scenario(width), ({ intervals, probes }) => {
      const table = buildTable(intervals, width);
      return probes.every((probe) => {
        const named = lookup(table, wordsOf(probe, width));
        const containing = intervals.filter(({ lo, hi }) => lo <= probe && probe <= hi);
        return named === null
          ? containing.length === 0
          : containing.some((interval) => interval.text === named);
      });
    }),
    RUNS,
  );
}

describe('IP interval table with a bucket index', () => {
  it('finds an IPv4 interval containing the address exactly when a linear scan does', () => {
    expectSameAsLinearScan(1);
  });

  it('finds an IPv6 interval containing the address exactly when a linear scan does', () => {
    expectSameAsLinearScan(4);
  });

  it('answers addresses below, above and between entries that share a 25-bit prefix', () => {
    const interval = (lo: bigint, hi: bigint, text: string): IpInterval => ({
      family: 'v6',
      lo,
      hi,
      text,
    });
    const start = 0x20010d80n << 96n;
    const middle = start + (1n << 80n);
    const high = 0x20010dc0n << 96n;
    const table = buildTable(
      [
        interval(start, start + 15n, 'low'),
        interval(middle, middle, 'middle'),
        interval(high, high + (1n << 20n), 'high'),
      ],
      4,
    );

    expect(table.prefixBits).toBe(25);
    expect(lookup(table, wordsOf(start - 1n, 4))).toBeNull();
    expect(lookup(table, wordsOf(start + 15n, 4))).toBe('low');
    expect(lookup(table, wordsOf(start + 16n, 4))).toBeNull();
    expect(lookup(table, wordsOf(middle, 4))).toBe('middle');
    expect(lookup(table, wordsOf(middle + (1n << 85n), 4))).toBeNull();
    expect(lookup(table, wordsOf(high + (1n << 20n), 4))).toBe('high');
    expect(lookup(table, wordsOf(high + (1n << 20n) + 1n, 4))).toBeNull();
    expect(lookup(table, wordsOf((1n << 128n) - 1n, 4))).toBeNull();
  });

  it('answers nothing from an empty table', () => {
    expect(lookup(buildTable([], 1), [0x0a000001])).toBeNull();
  });
});
