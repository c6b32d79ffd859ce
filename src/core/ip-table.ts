/**
 * Sorted interval tables for the IP matcher. Addresses are `width` big-endian 32-bit words
 * (1 for IPv4, 4 for IPv6). A bucket index over the bits that follow the prefix all starts
 * share takes a lookup straight to the few intervals starting near the address, instead of
 * a dozen hard-to-predict steps of binary search.
 */
import type { IpInterval } from './ip-address';

/** Sorted intervals of one family, with the index that finds the last start at or below an address. */
export interface IntervalTable {
  width: number;
  size: number;
  lo: Uint32Array;
  /** Largest end among intervals 0..i, and the entry that has it. */
  reach: Uint32Array;
  reachText: string[];
  /** Bits every start shares, from the top; `floor` and `ceiling` fill the rest with 0s / 1s. */
  prefixBits: number;
  floor: Uint32Array;
  ceiling: Uint32Array;
  /** `starts[b]`: the first interval in bucket b or a later one (the next `bucketBits` bits). */
  bucketBits: number;
  starts: Int32Array;
}

const WORD_BITS = 32;
const MAX_BUCKET_BITS = 15;

/** Builds the table of `intervals`, all of one family whose addresses are `width` words. */
export function buildTable(intervals: IpInterval[], width: number): IntervalTable {
  const sorted = [...intervals].sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  const size = sorted.length;
  const lo = new Uint32Array(size * width);
  const reach = new Uint32Array(size * width);
  const reachText: string[] = [];
  let best: IpInterval | null = null;
  sorted.forEach((interval, i) => {
    best = best === null || interval.hi > best.hi ? interval : best;
    writeWords(lo, i * width, width, interval.lo);
    writeWords(reach, i * width, width, best.hi);
    reachText.push(best.text);
  });

  const table: IntervalTable = {
    ...sharedPrefix(sorted, width),
    width,
    size,
    lo,
    reach,
    reachText,
    starts: new Int32Array(0),
  };
  table.starts = bucketStarts(table);
  return table;
}

/** The prefix all starts share, its floor and ceiling, and how many bits the buckets split. */
function sharedPrefix(
  sorted: IpInterval[],
  width: number,
): Pick<IntervalTable, 'prefixBits' | 'floor' | 'ceiling' | 'bucketBits'> {
  const bits = width * WORD_BITS;
  const first = sorted[0]?.lo ?? 0n;
  const spread = first ^ (sorted[sorted.length - 1]?.lo ?? 0n);
  const prefixBits = bits - (spread === 0n ? 0 : spread.toString(2).length);
  const free = BigInt(bits - prefixBits);
  const floorValue = (first >> free) << free;
  const floor = new Uint32Array(width);
  const ceiling = new Uint32Array(width);
  writeWords(floor, 0, width, floorValue);
  writeWords(ceiling, 0, width, floorValue | ((1n << free) - 1n));
  const wanted = Math.ceil(Math.log2(sorted.length + 1));
  const bucketBits = Math.min(MAX_BUCKET_BITS, bits - prefixBits, wanted);
  return { prefixBits, floor, ceiling, bucketBits };
}

function writeWords(words: Uint32Array, at: number, width: number, value: bigint): void {
  for (let i = 0; i < width; i += 1) {
    words[at + i] = Number((value >> BigInt(WORD_BITS * (width - 1 - i))) & 0xffffffffn);
  }
}

function bucketStarts(table: IntervalTable): Int32Array {
  const count = 2 ** table.bucketBits;
  const starts = new Int32Array(count + 1);
  let entry = 0;
  for (let bucket = 0; bucket <= count; bucket += 1) {
    while (entry < table.size && bucketOf(table, table.lo, entry * table.width) < bucket) {
      entry += 1;
    }
    starts[bucket] = entry;
  }
  return starts;
}

/** The bucket of the address at `words[at]`: the `bucketBits` bits after the shared prefix. */
function bucketOf(table: IntervalTable, words: ArrayLike<number>, at: number): number {
  if (table.bucketBits === 0) {
    return 0;
  }
  const end = at + table.width;
  const index = at + (table.prefixBits >>> 5);
  const offset = table.prefixBits & (WORD_BITS - 1);
  const high = index < end ? (words[index] ?? 0) : 0;
  const next = index + 1 < end ? (words[index + 1] ?? 0) : 0;
  const window = offset === 0 ? high : (high << offset) | (next >>> (WORD_BITS - offset));
  return window >>> (WORD_BITS - table.bucketBits);
}

/** Negative, zero or positive as the address at `words[at]` is below, equal to or above `key`. */
function compareAt(words: Uint32Array, at: number, key: readonly number[]): number {
  for (let i = 0; i < key.length; i += 1) {
    const difference = (words[at + i] ?? 0) - (key[i] ?? 0);
    if (difference !== 0) {
      return difference;
    }
  }
  return 0;
}

/** The last interval starting at or below `key`, or -1. */
function lastStartAtOrBelow(table: IntervalTable, key: readonly number[]): number {
  if (table.size === 0 || compareAt(table.floor, 0, key) > 0) {
    return -1;
  }
  if (compareAt(table.ceiling, 0, key) < 0) {
    return table.size - 1;
  }
  const bucket = bucketOf(table, key, 0);
  let low = table.starts[bucket] ?? 0;
  let high = (table.starts[bucket + 1] ?? 0) - 1;
  let found = low - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    if (compareAt(table.lo, mid * table.width, key) <= 0) {
      found = mid;
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  return found;
}

/** The entry whose interval contains `key` (an address of the table's family), or null. */
export function lookup(table: IntervalTable, key: readonly number[]): string | null {
  const found = lastStartAtOrBelow(table, key);
  return found >= 0 && compareAt(table.reach, found * table.width, key) >= 0
    ? (table.reachText[found] ?? null)
    : null;
}
