/** The per-instance failure windows: the lock check answered from memory between reads. */
import {
  AttemptWindows,
  FRESH_MS,
  SNAPSHOT_LIMIT,
  type WindowSource,
} from '../../src/adapters/forge/attempt-windows';
import type { FailedAttempt } from '../../src/core/types';
import { FIXED_NOW } from '../support/factories';

const IP = '203.0.113.10';
const OTHER = '198.51.100.20';
const SINCE = FIXED_NOW - 15 * 60_000;

class CountingSource implements WindowSource {
  stored: FailedAttempt[] = [];
  recentReads = 0;
  addressReads = 0;

  async readRecent(since: number, limit: number): Promise<FailedAttempt[]> {
    this.recentReads += 1;
    return this.stored.filter((a) => a.at >= since).slice(0, limit + 1);
  }

  async readAddress(ip: string, since: number): Promise<FailedAttempt[]> {
    this.addressReads += 1;
    return this.stored.filter((a) => a.ip === ip && a.at >= since);
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
  const source = new CountingSource();
  const clock = { now: FIXED_NOW };
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
    source.stored.push(failure(IP, 'acc-alice'));

    expect(await windows.failuresFrom(IP, SINCE)).toHaveLength(1);
    expect(source.recentReads).toBe(1);
  });

  it("sees other instances' failures once the snapshot is 5 s old", async () => {
    const { source, clock, windows } = setup();
    await windows.failuresFrom(IP, SINCE);
    source.stored.push(failure(IP));

    const before = (await windows.failuresFrom(IP, SINCE)).length;
    clock.now += FRESH_MS;
    const after = (await windows.failuresFrom(IP, SINCE + FRESH_MS)).length;

    expect([before, after]).toEqual([0, 1]);
    expect(source.recentReads).toBe(2);
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
    source.stored.push(failure(IP), failure(IP));

    const first = await windows.failuresFrom(IP, SINCE);
    const again = await windows.failuresFrom(IP, SINCE);
    await windows.failuresFrom(OTHER, SINCE);

    expect([first.length, again.length]).toEqual([2, 2]);
    expect([source.recentReads, source.addressReads]).toEqual([1, 2]);
  });
});
