/** runOperation: who may run what, payload validation, and how failures become results. */
import type { OperationKey } from '../../src/app/contract';
import { OPERATIONS } from '../../src/app/operations';
import { createHarness, type Harness } from '../services/harness';

const ADMIN_OPERATIONS: OperationKey[] = [
  'deleteUserTokens',
  'listAllTokens',
  'getSettings',
  'saveSettings',
  'checkIp',
  'listAudit',
  'exportAuditCsv',
  'listFailures',
  'getUserFailures',
  'resetUserFailures',
  'searchUsers',
];

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

describe('roles', () => {
  it('marks exactly the administrators’ operations as admin-only', () => {
    const adminOnly = (Object.keys(OPERATIONS) as OperationKey[]).filter(
      (key) => OPERATIONS[key].access === 'admin',
    );
    expect(adminOnly.sort()).toEqual([...ADMIN_OPERATIONS].sort());
  });

  it.each(ADMIN_OPERATIONS)(
    'refuses %s to a regular user with 403 ADMIN_REQUIRED, whatever the payload',
    async (key) => {
      expect(await h.run('alice', key, { nonsense: true })).toEqual({
        ok: false,
        status: 403,
        error: {
          code: 'ADMIN_REQUIRED',
          message: expect.any(String),
          requestId: 'req-test',
        },
      });
    },
  );
});

describe('payloads', () => {
  it('refuses unknown fields and wrong types with 400 and one detail per field', async () => {
    const result = await h.run('alice', 'createToken', {
      name: 5,
      validity: 'never',
      colour: 'red',
    });
    expect(result).toMatchObject({ ok: false, status: 400, error: { code: 'INVALID_INPUT' } });
    const fields = result.ok ? [] : (result.error.details ?? []).map((detail) => detail.field);
    expect(fields.sort()).toEqual(['colour', 'name']);
  });

  it('refuses a payload that is not an object', async () => {
    expect(await h.run('alice', 'listTokens', 'tokens please')).toMatchObject({
      status: 400,
      error: { details: [{ field: 'input' }] },
    });
  });

  it('reads numbers from query strings and refuses out-of-range ones', async () => {
    expect(
      await h.run('admin', 'listAllTokens', { limit: '5', expiringWithinDays: '30' }),
    ).toMatchObject({
      status: 200,
    });
    expect(await h.run('admin', 'listAllTokens', { limit: '0' })).toMatchObject({
      status: 400,
      error: { details: [{ field: 'limit' }] },
    });
  });

  it('reads a missing payload as an empty one', async () => {
    expect(await h.run('alice', 'getMe', undefined)).toMatchObject({ ok: true, status: 200 });
    expect(await h.run('alice', 'listTokens', null)).toMatchObject({ ok: true, status: 200 });
  });

  it('answers an unknown operation key with 404', async () => {
    expect(await h.run('admin', 'dropTables' as OperationKey, {})).toMatchObject({
      status: 404,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('failures', () => {
  it('answers 503 UNAVAILABLE when storage fails, and logs no payload', async () => {
    h.outage.add('tokens');
    const result = await h.run('alice', 'createToken', { name: 'secret-name', validity: 'never' });
    expect(result).toEqual({
      ok: false,
      status: 503,
      error: { code: 'UNAVAILABLE', message: expect.any(String), requestId: 'req-test' },
    });
    expect(JSON.stringify(h.logs)).not.toContain('secret-name');
  });

  it('answers 500 INTERNAL for an unexpected error without its message', async () => {
    jest.spyOn(h.stores.tokens, 'listByOwner').mockRejectedValue(new TypeError('at /src/x.ts:12'));
    const result = await h.run('alice', 'listTokens', {});
    expect(result).toMatchObject({ status: 500, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(result)).not.toContain('/src/x.ts');
  });
});

describe('admin token overview', () => {
  it('lists every token newest first with its owner, filtered by user', async () => {
    await h.token('alice', { name: 'a' });
    h.clock.advance(1000);
    await h.token('bob', { name: 'b' });
    const all = await h.run('admin', 'listAllTokens', {});
    expect(all).toMatchObject({
      status: 200,
      data: {
        tokens: [
          { name: 'b', owner: { username: 'bob' } },
          { name: 'a', owner: { username: 'alice', email: 'alice@example.test' } },
        ],
      },
    });
    const alices = await h.run('admin', 'listAllTokens', { user: 'alice' });
    expect(alices.ok && (alices.data as { tokens: unknown[] }).tokens).toHaveLength(1);
    expect(await h.run('admin', 'listAllTokens', { user: 'ghost' })).toMatchObject({ status: 404 });
  });

  it('lets an admin list the tokens of one user, and refuses that to a regular user', async () => {
    await h.token('bob');
    expect(await h.run('admin', 'listTokens', { user: 'bob' })).toMatchObject({
      data: { tokens: [{ ownerId: 'acc-bob' }] },
    });
    expect(await h.run('alice', 'listTokens', { user: 'bob' })).toMatchObject({
      status: 403,
      error: { code: 'ADMIN_REQUIRED' },
    });
    expect(await h.run('alice', 'listTokens', { user: 'alice' })).toMatchObject({ status: 200 });
  });
});
