/** Creating and listing tokens over the SQLite store: validity, names, on behalf, only-admins. */
import type { CreatedToken, PublicToken } from '../../src/app/contract';
import { CALLER_IP, createHarness, type Harness } from './harness';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

describe('create and list', () => {
  it('returns the secret once with the public fields, and lists the token without it', async () => {
    const created = await h.run('alice', 'createToken', { name: '  CI deploy ', validity: '1y' });
    expect(created).toMatchObject({
      ok: true,
      status: 201,
      data: {
        name: 'CI deploy',
        scope: 'read-write',
        ownerId: 'acc-alice',
        createdBy: 'acc-alice',
        createdAt: '2025-06-01T12:00:00.000Z',
        expiresAt: '2026-06-01T12:00:00.000Z',
        lastUsedAt: null,
      },
    });
    const secret = created.ok ? (created.data as CreatedToken).token : '';
    expect(secret).toMatch(/^atat_[0-9A-Za-z]{34}$/);

    const listed = await h.run('alice', 'listTokens', {});
    expect(listed).toMatchObject({ ok: true, status: 200 });
    const tokens = listed.ok ? (listed.data as { tokens: PublicToken[] }).tokens : [];
    expect(tokens.map((token) => token.name)).toEqual(['CI deploy']);
    expect(JSON.stringify(tokens)).not.toContain(secret);
    expect(JSON.stringify(tokens)).not.toMatch(/hash/);
  });

  it('offers only validities up to the maximum and names them when refusing', async () => {
    await h.configure({ maxValidity: '1y' });
    const me = await h.run('alice', 'getMe', {});
    expect(me.ok && (me.data as { validityOptions: string[] }).validityOptions).toEqual([
      '6m',
      '1y',
    ]);
    expect(await h.run('alice', 'createToken', { name: 'a', validity: '2y' })).toMatchObject({
      status: 400,
      error: {
        code: 'INVALID_INPUT',
        details: [{ field: 'validity', reason: 'must be one of: 6m, 1y' }],
      },
    });
    expect(await h.run('alice', 'createToken', { name: 'a', validity: 'forever' })).toMatchObject({
      status: 400,
      error: { details: [{ field: 'validity' }] },
    });
  });

  it('caps existing tokens when the maximum validity is lowered, in lists too', async () => {
    await h.token('alice', { name: 'forever', validity: 'never' });
    await h.configure({ maxValidity: '6m' });
    const listed = await h.run('alice', 'listTokens', {});
    expect(listed.ok && (listed.data as { tokens: PublicToken[] }).tokens[0]?.expiresAt).toBe(
      '2025-12-01T12:00:00.000Z',
    );
  });

  it('refuses names already used by the same owner, whatever their case (409)', async () => {
    await h.token('alice', { name: 'Deploy' });
    expect(
      await h.run('alice', 'createToken', { name: 'deploy', validity: 'never' }),
    ).toMatchObject({
      status: 409,
      error: { code: 'NAME_TAKEN' },
    });
    expect((await h.token('bob', { name: 'deploy' })).name).toBe('deploy');
  });

  it('refuses an empty or over-long name naming the field', async () => {
    for (const name of ['   ', 'x'.repeat(101)]) {
      expect(await h.run('alice', 'createToken', { name, validity: 'never' })).toMatchObject({
        status: 400,
        error: { details: [{ field: 'name' }] },
      });
    }
  });
});

describe('create for another user', () => {
  it('lets an admin create a token for alice, recorded on her behalf', async () => {
    const created = await h.run('admin', 'createToken', {
      name: 'ops',
      validity: '6m',
      user: 'alice@example.test',
    });
    expect(created).toMatchObject({
      status: 201,
      data: { ownerId: 'acc-alice', createdBy: 'acc-admin' },
    });
    const [record] = (await h.stores.audit.list({ limit: 1, action: 'token.created' })).items;
    expect(record).toMatchObject({
      actorId: 'acc-admin',
      targetId: 'acc-alice',
      onBehalf: true,
      tokenName: 'ops',
      actorIp: CALLER_IP,
    });
  });

  it('refuses a regular user creating for someone else (403 ADMIN_REQUIRED)', async () => {
    expect(
      await h.run('alice', 'createToken', { name: 'x', validity: 'never', user: 'bob' }),
    ).toMatchObject({
      status: 403,
      error: { code: 'ADMIN_REQUIRED' },
    });
    expect(
      await h.run('alice', 'createToken', { name: 'x', validity: 'never', user: 'ghost' }),
    ).toMatchObject({
      error: { code: 'ADMIN_REQUIRED' },
    });
  });

  it('answers 404 to an admin naming an unknown user', async () => {
    expect(
      await h.run('admin', 'createToken', { name: 'x', validity: 'never', user: 'ghost' }),
    ).toMatchObject({
      status: 404,
      error: { code: 'NOT_FOUND' },
    });
  });
});

describe('only admins may create', () => {
  it('refuses a regular user with TOKEN_CREATION_RESTRICTED 403 and still lets admins create for them', async () => {
    await h.configure({ adminsOnlyCreate: true });
    expect(await h.run('alice', 'createToken', { name: 'x', validity: 'never' })).toMatchObject({
      status: 403,
      error: { code: 'TOKEN_CREATION_RESTRICTED' },
    });
    expect(
      await h.run('admin', 'createToken', { name: 'x', validity: 'never', user: 'alice' }),
    ).toMatchObject({
      status: 201,
    });
    expect(await h.run('admin', 'createToken', { name: 'mine', validity: 'never' })).toMatchObject({
      status: 201,
    });
  });
});
