/**
 * The SQLite attempt store answers the lock check's counts from exact in-memory windows: a
 * failure, a reset or a prune is counted by the very next check of an address already asked
 * about, and a closed database still fails closed.
 */
import { openSqliteStores, type SqliteStores } from '../../../src/adapters/local/sqlite';
import { createAttemptMemory } from '../../../src/adapters/local/sqlite/attempt-memory';
import { StoreUnavailableError } from '../../../src/ports';
import { FIXED_NOW, MINUTE_MS } from '../../support/factories';

const IP = '203.0.113.10';
const WINDOW_START = FIXED_NOW - 15 * MINUTE_MS;

let stores: SqliteStores;

beforeEach(() => {
  stores = openSqliteStores({ file: ':memory:' });
});

afterEach(() => stores.close());

async function fail(minutesAgo: number, accountId: string | null): Promise<void> {
  await stores.attempts.record({ at: FIXED_NOW - minutesAgo * MINUTE_MS, ip: IP, accountId });
}

describe('SQLite attempt windows of an address already asked about', () => {
  it('count a new failure at once, for the address and for the user there', async () => {
    expect(await stores.attempts.countByIp(IP, WINDOW_START)).toEqual({ count: 0, oldestAt: null });

    await fail(5, 'acc-alice');
    await fail(2, null);

    expect(await stores.attempts.countByIp(IP, WINDOW_START)).toEqual({
      count: 2,
      oldestAt: FIXED_NOW - 5 * MINUTE_MS,
    });
    expect(await stores.attempts.countByUserAtIp('acc-alice', IP, WINDOW_START)).toEqual({
      count: 1,
      oldestAt: FIXED_NOW - 5 * MINUTE_MS,
    });
  });

  it("drop a user's failures at once when they are reset", async () => {
    await fail(5, 'acc-alice');
    await fail(4, 'acc-bob');
    await stores.attempts.countByIp(IP, WINDOW_START);

    await stores.attempts.resetUser('acc-alice');

    expect(await stores.attempts.countByIp(IP, WINDOW_START)).toEqual({
      count: 1,
      oldestAt: FIXED_NOW - 4 * MINUTE_MS,
    });
    expect(await stores.attempts.countByUserAtIp('acc-alice', IP, WINDOW_START)).toEqual({
      count: 0,
      oldestAt: null,
    });
  });

  it('drop pruned failures at once, also when asked about an earlier instant', async () => {
    await fail(20, 'acc-alice');
    await fail(3, 'acc-alice');
    await stores.attempts.countByIp(IP, 0);

    await stores.attempts.prune(FIXED_NOW - 10 * MINUTE_MS);

    expect(await stores.attempts.countByIp(IP, 0)).toEqual({
      count: 1,
      oldestAt: FIXED_NOW - 3 * MINUTE_MS,
    });
  });

  it('read failures before the loaded window again when asked about an earlier instant', async () => {
    await fail(20, 'acc-alice');
    expect(await stores.attempts.countByIp(IP, WINDOW_START)).toEqual({ count: 0, oldestAt: null });

    expect(await stores.attempts.countByIp(IP, 0)).toEqual({
      count: 1,
      oldestAt: FIXED_NOW - 20 * MINUTE_MS,
    });
  });

  it('reject with StoreUnavailableError once the database is closed', async () => {
    await stores.attempts.countByIp(IP, WINDOW_START);

    stores.close();

    await expect(stores.attempts.countByIp(IP, WINDOW_START)).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
    await expect(
      stores.attempts.countByUserAtIp('acc-alice', IP, WINDOW_START),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
  });
});

describe('attempt memory bounds', () => {
  it('keeps at most its limit of addresses, reading a forgotten one again when asked', () => {
    const loads: string[] = [];
    const memory = createAttemptMemory((ip) => {
      loads.push(ip);
      return [{ at: FIXED_NOW, accountId: null }];
    }, 2);

    for (const ip of ['a', 'b', 'c', 'c', 'b', 'a']) {
      memory.count(ip, 0);
    }

    expect(loads).toEqual(['a', 'b', 'c', 'a']);
    expect(memory.count('a', 0)).toEqual({ count: 1, oldestAt: FIXED_NOW });
  });
});
