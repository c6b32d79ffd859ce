/** Failed-attempt counts for administrators, and the per-user reset. */
import type { FailureSummary } from '../../src/app/contract';
import { basic, CALLER_IP, createHarness, type Harness } from './harness';

const OTHER_IP = '198.51.100.4';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

async function fail(user: string, times: number, ip = CALLER_IP): Promise<void> {
  for (let i = 0; i < times; i += 1) {
    await h.auth(basic(user, `wrong-${i}`), { ip });
  }
}

function failures(result: Awaited<ReturnType<Harness['run']>>): FailureSummary[] {
  return result.ok ? (result.data as { failures: FailureSummary[] }).failures : [];
}

describe('list', () => {
  it('groups failures in the window by user and address, with the policy and lock state', async () => {
    await fail('alice', 7);
    await fail('mallory', 3);
    await fail('alice', 2, OTHER_IP);
    const result = await h.run('admin', 'listFailures', {});
    expect(result).toMatchObject({ ok: true, data: { windowMinutes: 15, limit: 10 } });
    expect(failures(result)).toEqual(
      expect.arrayContaining([
        {
          accountId: 'acc-alice',
          ip: CALLER_IP,
          count: 7,
          lastAt: expect.any(String),
          locked: true,
        },
        { accountId: null, ip: CALLER_IP, count: 3, lastAt: expect.any(String), locked: true },
        {
          accountId: 'acc-alice',
          ip: OTHER_IP,
          count: 2,
          lastAt: expect.any(String),
          locked: false,
        },
      ]),
    );
  });

  it("shows one user's counts by address", async () => {
    await fail('alice', 4);
    await fail('alice', 1, OTHER_IP);
    const result = await h.run('admin', 'getUserFailures', { user: 'alice' });
    expect(result).toMatchObject({ data: { user: { username: 'alice' }, windowMinutes: 15 } });
    expect(
      failures(result)
        .map((row) => [row.ip, row.count, row.locked])
        .sort(),
    ).toEqual(
      [
        [OTHER_IP, 1, false],
        [CALLER_IP, 4, false],
      ].sort(),
    );
    expect(await h.run('admin', 'getUserFailures', { user: 'ghost' })).toMatchObject({
      status: 404,
    });
  });
});

describe('reset', () => {
  it("removes the user's failures everywhere, also from the address counts, and audits it", async () => {
    await fail('alice', 6);
    await fail('bob', 4);
    expect(await h.auth(basic('bob', 'bob-password'))).toMatchObject({ code: 'TOO_MANY_FAILURES' });

    expect(await h.run('admin', 'resetUserFailures', { user: 'alice' })).toEqual({
      ok: true,
      status: 200,
      data: { removed: 6 },
    });
    expect((await h.stores.attempts.countByIp(CALLER_IP, 0)).count).toBe(4);
    expect(await h.auth(basic('bob', 'bob-password'))).toMatchObject({ kind: 'allow' });
    const [record] = (await h.stores.audit.list({ limit: 1 })).items;
    expect(record).toMatchObject({ action: 'failures.reset', targetId: 'acc-alice', count: 6 });
  });

  it('is for administrators only', async () => {
    expect(await h.run('alice', 'resetUserFailures', { user: 'alice' })).toMatchObject({
      status: 403,
      error: { code: 'ADMIN_REQUIRED' },
    });
  });
});
