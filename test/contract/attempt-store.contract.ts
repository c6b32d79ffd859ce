/** Contract of AttemptStore: sliding-window counts, per-user view, reset, overview, pruning. */
import type { FailedAttempt } from '../../src/core/types';
import type { Stores } from '../../src/ports';
import { FIXED_NOW, MINUTE_MS } from '../support/factories';
import { useFreshStores, type StoreFactory } from './harness';

const IP_A = '203.0.113.10';
const IP_B = '2001:db8::20';

function failure(minutesAgo: number, ip: string, accountId: string | null): FailedAttempt {
  return { at: FIXED_NOW - minutesAgo * MINUTE_MS, ip, accountId };
}

/** Alice fails from A (3 in the window, 1 before it) and B (2); bob and anonymous from A. */
const ATTEMPTS: FailedAttempt[] = [
  failure(20, IP_A, 'acc-alice'),
  failure(14, IP_A, 'acc-alice'),
  failure(10, IP_A, 'acc-alice'),
  failure(1, IP_A, 'acc-alice'),
  failure(12, IP_B, 'acc-alice'),
  failure(2, IP_B, 'acc-alice'),
  failure(8, IP_A, 'acc-bob'),
  failure(3, IP_A, null),
];

const WINDOW_START = FIXED_NOW - 15 * MINUTE_MS;

async function recordAll(stores: Stores, attempts: FailedAttempt[]): Promise<void> {
  for (const attempt of attempts) {
    await stores.attempts.record(attempt);
  }
}

/** Registers the AttemptStore tests. */
export function describeAttemptStoreContract(factory: StoreFactory): void {
  describe('AttemptStore', () => {
    const stores = useFreshStores(factory);

    it('counts failures from one address at or after the window start, with the oldest time', async () => {
      await recordAll(stores(), ATTEMPTS);

      expect(await stores().attempts.countByIp(IP_A, WINDOW_START)).toEqual({
        count: 5,
        oldestAt: FIXED_NOW - 14 * MINUTE_MS,
      });
      expect(await stores().attempts.countByIp(IP_A, FIXED_NOW - 14 * MINUTE_MS)).toEqual({
        count: 5,
        oldestAt: FIXED_NOW - 14 * MINUTE_MS,
      });
    });

    it('answers zero and no oldest time for an address without failures', async () => {
      await recordAll(stores(), ATTEMPTS);

      expect(await stores().attempts.countByIp('198.51.100.1', WINDOW_START)).toEqual({
        count: 0,
        oldestAt: null,
      });
      expect(await stores().attempts.countByIp(IP_A, FIXED_NOW + 1)).toEqual({
        count: 0,
        oldestAt: null,
      });
    });

    it('counts one user at one address only', async () => {
      await recordAll(stores(), ATTEMPTS);

      expect(await stores().attempts.countByUserAtIp('acc-alice', IP_A, WINDOW_START)).toEqual({
        count: 3,
        oldestAt: FIXED_NOW - 14 * MINUTE_MS,
      });
      expect(await stores().attempts.countByUserAtIp('acc-bob', IP_B, WINDOW_START)).toEqual({
        count: 0,
        oldestAt: null,
      });
    });

    it("lists a user's failures in the window grouped by address, with count and last time", async () => {
      await recordAll(stores(), ATTEMPTS);

      const groups = await stores().attempts.listByUser('acc-alice', WINDOW_START);

      expect([...groups].sort((a, b) => a.ip.localeCompare(b.ip))).toEqual(
        [
          { ip: IP_B, count: 2, lastAt: FIXED_NOW - 2 * MINUTE_MS },
          { ip: IP_A, count: 3, lastAt: FIXED_NOW - 1 * MINUTE_MS },
        ].sort((a, b) => a.ip.localeCompare(b.ip)),
      );
      expect(await stores().attempts.listByUser('acc-nobody', WINDOW_START)).toEqual([]);
    });

    it("resets a user's failures everywhere, also in the counts of the addresses they came from", async () => {
      await recordAll(stores(), ATTEMPTS);

      expect(await stores().attempts.resetUser('acc-alice')).toBe(6);

      expect(await stores().attempts.listByUser('acc-alice', 0)).toEqual([]);
      expect(await stores().attempts.countByIp(IP_B, 0)).toEqual({ count: 0, oldestAt: null });
      expect(await stores().attempts.countByIp(IP_A, 0)).toEqual({
        count: 2,
        oldestAt: FIXED_NOW - 8 * MINUTE_MS,
      });
      expect(await stores().attempts.resetUser('acc-alice')).toBe(0);
    });

    it('lists failures at or after an instant newest first, at most `limit`', async () => {
      await recordAll(stores(), ATTEMPTS);

      const listed = await stores().attempts.listSince(FIXED_NOW - 10 * MINUTE_MS, 3);

      expect(listed).toEqual([
        failure(1, IP_A, 'acc-alice'),
        failure(2, IP_B, 'acc-alice'),
        failure(3, IP_A, null),
      ]);
      expect(await stores().attempts.listSince(FIXED_NOW - 10 * MINUTE_MS, 50)).toHaveLength(5);
    });

    it('prunes failures older than an instant and keeps those at or after it', async () => {
      await recordAll(stores(), ATTEMPTS);

      expect(await stores().attempts.prune(FIXED_NOW - 12 * MINUTE_MS)).toBe(2);

      expect(await stores().attempts.listSince(0, 50)).toHaveLength(6);
      expect(await stores().attempts.countByIp(IP_B, 0)).toEqual({
        count: 2,
        oldestAt: FIXED_NOW - 12 * MINUTE_MS,
      });
      expect(await stores().attempts.prune(FIXED_NOW - 12 * MINUTE_MS)).toBe(0);
    });
  });
}
