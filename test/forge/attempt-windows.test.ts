/** The per-instance failure windows: the lock check answered from memory between reads. */
import {
  AttemptWindows,
  FRESH_MS,
  SETTLE_MS,
  SNAPSHOT_LIMIT,
  type WindowSource,
} from '../../src/adapters/forge/attempt-windows';
import type { ChangeMark, MarkReading } from '../../src/adapters/forge/failure-marker';
import type { FailedAttempt } from '../../src/core/types';
import { FIXED_NOW } from '../support/factories';

const IP = '203.0.113.10';
const OTHER = '198.51.100.20';
const SINCE = FIXED_NOW - 15 * 60_000;

/** Failures in memory, with a marker that moves whenever they change, as the KVS store keeps. */
class CountingSource implements WindowSource {
  private items: FailedAttempt[] = [];
  mark: ChangeMark | null = null;
  recentReads = 0;
  addressReads = 0;
  markerReads = 0;

  constructor(private readonly clock: { now: number }) {}

  get stored(): FailedAttempt[] {
    return this.items;
  }

  /** Replaces the failures, moving the marker first (as the store does). */
  set stored(attempts: FailedAttempt[]) {
    this.announce();
    this.items = attempts;
  }

  add(attempt: FailedAttempt): void {
    this.announce();
    this.items.push(attempt);
  }

  announce(): void {
    this.mark = { at: this.clock.now, id: `mark-${this.clock.now}-${Math.random()}` };
  }

  async readRecent(since: number, limit: number): Promise<FailedAttempt[]> {
    this.recentReads += 1;
    return this.items.filter((a) => a.at >= since).slice(0, limit + 1);
  }

  async readAddress(ip: string, since: number): Promise<FailedAttempt[]> {
    this.addressReads += 1;
    return this.items.filter((a) => a.ip === ip && a.at >= since);
  }

  async readMarker(): Promise<MarkReading> {
    this.markerReads += 1;
    return { mark: this.mark, readAt: this.clock.now };
  }
}

function failure(
  ip: string,
  accountId: string | null = null,
  at = FIXED_NOW - 60_000,
): FailedAttempt {
  return { at, ip, accountId };
}

function setup(): { source: CountingSource; clock: { now: number }; windows: AttemptWindows } {
  const clock = { now: FIXED_NOW };
  const source = new CountingSource(clock);
  return { source, clock, windows: new AttemptWindows(source, () => clock.now) };
}

describe('AttemptWindows', () => {
  it('answers every address from one read for 5 s', async () => {
    const { source, windows } = setup();
    source.stored = [failure(IP), failure(OTHER)];

    const counts = [];
    for (const ip of [IP, OTHER, IP, '192.0.2.1']) {
      counts.push((await windows.failuresFrom(ip, SINCE)).length);
    }

    expect(counts).toEqual([1, 1, 1, 0]);
    expect([source.recentReads, source.addressReads]).toEqual([1, 0]);
  });

  it("applies this instance's own failures at once, without a read", async () => {
    const { source, windows } = setup();
    await windows.failuresFrom(IP, SINCE);

    windows.recorded(failure(IP, 'acc-alice'));
    source.add(failure(IP, 'acc-alice'));

    expect(await windows.failuresFrom(IP, SINCE)).toHaveLength(1);
    expect(source.recentReads).toBe(0);
  });

  it("sees other instances' failures once the snapshot is 5 s old", async () => {
    const { source, clock, windows } = setup();
    await windows.failuresFrom(IP, SINCE);
    source.add(failure(IP));

    const before = (await windows.failuresFrom(IP, SINCE)).length;
    clock.now += FRESH_MS;
    const after = (await windows.failuresFrom(IP, SINCE + FRESH_MS)).length;

    expect([before, after]).toEqual([0, 1]);
    expect(source.recentReads).toBe(1);
  });

  it('drops reset and pruned failures from memory at once', async () => {
    const { source, windows } = setup();
    source.stored = [failure(IP, 'acc-alice'), failure(IP, 'acc-bob')];
    await windows.failuresFrom(IP, SINCE);

    windows.removed((attempt) => attempt.accountId === 'acc-alice');

    expect((await windows.failuresFrom(IP, SINCE)).map((a) => a.accountId)).toEqual(['acc-bob']);
  });

  it('reads one address at a time, each at most every 5 s, when the window holds too many failures', async () => {
    const { source, windows } = setup();
    source.stored = Array.from({ length: SNAPSHOT_LIMIT + 1 }, (_, i) =>
      failure(`10.0.${Math.floor(i / 250)}.${i % 250}`),
    );
    source.add(failure(IP));
    source.add(failure(IP));

    const first = await windows.failuresFrom(IP, SINCE);
    const again = await windows.failuresFrom(IP, SINCE);
    await windows.failuresFrom(OTHER, SINCE);

    expect([first.length, again.length]).toEqual([2, 2]);
    expect([source.recentReads, source.addressReads]).toEqual([1, 2]);
  });

  it('confirms a snapshot by the marker, without a query, while no failure is recorded anywhere', async () => {
    const { source, clock, windows } = setup();
    clock.now = FIXED_NOW - SETTLE_MS - 1;
    source.stored = [failure(IP)];
    clock.now = FIXED_NOW;
    await windows.failuresFrom(IP, SINCE);

    const counts: number[] = [];
    for (let i = 1; i <= 4; i += 1) {
      clock.now = FIXED_NOW + i * FRESH_MS;
      counts.push((await windows.failuresFrom(IP, SINCE + i * FRESH_MS)).length);
    }

    expect(counts).toEqual([1, 1, 1, 1]);
    expect([source.recentReads, source.markerReads]).toEqual([1, 5]);
  });

  it('queries again once the marker moved, and sees the new failure', async () => {
    const { source, clock, windows } = setup();
    source.stored = [failure(IP)];
    clock.now += SETTLE_MS + 1;
    await windows.failuresFrom(IP, SINCE);

    clock.now += FRESH_MS;
    source.add(failure(IP, null, clock.now));
    const after = await windows.failuresFrom(IP, SINCE);

    expect(after).toHaveLength(2);
    expect(source.recentReads).toBe(2);
  });

  it('queries again when its last query came right after the marker moved (the write may have lagged)', async () => {
    const { source, clock, windows } = setup();
    source.stored = [failure(IP)];
    await windows.failuresFrom(IP, SINCE);
    // A failure announced just before that query, written just after it.
    source.stored.push(failure(IP));

    clock.now += FRESH_MS;
    const seen = await windows.failuresFrom(IP, SINCE);

    expect(seen).toHaveLength(2);
    expect(source.recentReads).toBe(2);
  });

  it('needs no query at all when no failure was ever recorded', async () => {
    const { source, clock, windows } = setup();

    const counts: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      clock.now = FIXED_NOW + i * FRESH_MS;
      counts.push((await windows.failuresFrom(IP, SINCE + i * FRESH_MS)).length);
    }

    expect(counts).toEqual([0, 0, 0]);
    expect([source.recentReads, source.markerReads]).toEqual([0, 3]);
  });

  it('needs no query when the last change is older than the window, and queries when it is not', async () => {
    const quiet = setup();
    quiet.clock.now = SINCE - SETTLE_MS - 1;
    quiet.source.announce();
    quiet.clock.now = FIXED_NOW;
    await quiet.windows.failuresFrom(IP, SINCE);

    const recent = setup();
    recent.clock.now = SINCE;
    recent.source.announce();
    recent.clock.now = FIXED_NOW;
    await recent.windows.failuresFrom(IP, SINCE);

    expect([quiet.source.recentReads, recent.source.recentReads]).toEqual([0, 1]);
  });

  it('reads again when the clock stepped back before the snapshot was read', async () => {
    const { source, clock, windows } = setup();
    source.stored = [failure(IP)];
    await windows.failuresFrom(IP, SINCE - 60_000);

    clock.now -= 60_000;
    source.add(failure(IP, null, clock.now));
    const seen = await windows.failuresFrom(IP, SINCE - 60_000);

    expect(seen).toHaveLength(2);
    expect(source.markerReads).toBe(2);
  });

  it('refreshes ahead without ever rejecting, and shares the refresh with the next count', async () => {
    const { source, windows } = setup();
    source.stored = [failure(IP)];
    const failing = setup();
    failing.source.readMarker = () => Promise.reject(new Error('storage down'));

    await expect(windows.refresh(SINCE)).resolves.toBeUndefined();
    await expect(failing.windows.refresh(SINCE)).resolves.toBeUndefined();
    const counted = await windows.failuresFrom(IP, SINCE);

    expect(counted).toHaveLength(1);
    expect([source.markerReads, source.recentReads]).toEqual([1, 1]);
    await expect(failing.windows.failuresFrom(IP, SINCE)).rejects.toThrow('storage down');
  });

  it('keeps a failure it recorded while its own refresh query was still reading', async () => {
    const { source, windows } = setup();
    source.stored = [failure(IP)];
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const readRecent = source.readRecent.bind(source);
    source.readRecent = async (since, limit) => {
      const answer = await readRecent(since, limit);
      await gate;
      return answer;
    };

    const counting = windows.failuresFrom(IP, SINCE);
    await new Promise((resolve) => setImmediate(resolve));
    windows.recorded(failure(IP, 'acc-alice', FIXED_NOW));
    release();

    expect(await counting).toHaveLength(2);
    expect(await windows.failuresFrom(IP, SINCE)).toHaveLength(2);
  });
});
