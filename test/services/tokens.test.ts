/** Token operations end to end over the SQLite store: create, list, rename, rotate, delete, delete all. */
import type { CreatedToken, PublicToken } from '../../src/app/contract';
import { DAY_MS, FIXED_NOW } from '../support/factories';
import { CALLER_IP, createHarness, type Harness } from './harness';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

async function auditActions(): Promise<string[]> {
  return (await h.stores.audit.list({ limit: 100 })).items.map((record) => record.action);
}

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

describe('rename', () => {
  it('renames and records the old and new name', async () => {
    const { id } = await h.token('alice', { name: 'old' });
    expect(await h.run('alice', 'renameToken', { id, name: 'new' })).toMatchObject({
      status: 200,
      data: { id, name: 'new' },
    });
    const [record] = (await h.stores.audit.list({ limit: 1, action: 'token.renamed' })).items;
    expect(record?.changes).toEqual([{ field: 'name', before: 'old', after: 'new' }]);
  });

  it('refuses a name another token of the owner has (409)', async () => {
    await h.token('alice', { name: 'one' });
    const { id } = await h.token('alice', { name: 'two' });
    expect(await h.run('alice', 'renameToken', { id, name: 'ONE' })).toMatchObject({
      status: 409,
      error: { code: 'NAME_TAKEN' },
    });
  });
});

describe('rotate', () => {
  it('keeps name, scope and expiry under a new id and secret', async () => {
    const old = await h.token('alice', { name: 'ci', scope: 'read-only', validity: '6m' });
    h.clock.advance(DAY_MS);
    const rotated = await h.run('alice', 'rotateToken', { id: old.id });
    expect(rotated).toMatchObject({
      status: 201,
      data: { name: 'ci', scope: 'read-only', expiresAt: old.expiresAt, createdAt: old.createdAt },
    });
    const next = rotated.ok ? (rotated.data as CreatedToken) : old;
    expect(next.id).not.toBe(old.id);
    expect(next.token).not.toBe(old.token);
    expect(await h.stores.tokens.findById(old.id)).toBeNull();
    const [record] = (await h.stores.audit.list({ limit: 1, action: 'token.rotated' })).items;
    expect(record).toMatchObject({ tokenId: old.id, newTokenId: next.id, at: FIXED_NOW + DAY_MS });
  });
});

describe('delete', () => {
  it("answers 404 to a regular user deleting someone else's token and keeps it", async () => {
    const { id } = await h.token('bob');
    expect(await h.run('alice', 'deleteToken', { id })).toMatchObject({
      status: 404,
      error: { code: 'NOT_FOUND' },
    });
    expect(await h.stores.tokens.findById(id)).not.toBeNull();
    expect(await h.run('alice', 'renameToken', { id, name: 'mine' })).toMatchObject({
      status: 404,
    });
    expect(await h.run('alice', 'rotateToken', { id })).toMatchObject({ status: 404 });
  });

  it('deletes an own token (204, no data) and audits it; an admin deletes anyone’s', async () => {
    const mine = await h.token('alice');
    expect(await h.run('alice', 'deleteToken', { id: mine.id })).toEqual({
      ok: true,
      status: 204,
      data: null,
    });
    const bobs = await h.token('bob');
    expect(await h.run('admin', 'deleteToken', { id: bobs.id })).toMatchObject({ status: 204 });
    expect(await auditActions()).toEqual([
      'token.deleted',
      'token.created',
      'token.deleted',
      'token.created',
    ]);
  });

  it('deletes all tokens of a user and says how many, also in the audit record', async () => {
    await h.token('alice', { name: 'a' });
    await h.token('alice', { name: 'b' });
    await h.token('bob', { name: 'a' });
    expect(await h.run('admin', 'deleteUserTokens', { user: 'alice' })).toEqual({
      ok: true,
      status: 200,
      data: { deleted: 2 },
    });
    expect(await h.stores.tokens.listByOwner('acc-alice')).toEqual([]);
    expect(await h.stores.tokens.listByOwner('acc-bob')).toHaveLength(1);
    const [record] = (await h.stores.audit.list({ limit: 1 })).items;
    expect(record).toMatchObject({ action: 'tokens.deleted_all', targetId: 'acc-alice', count: 2 });
    expect(await h.run('alice', 'deleteUserTokens', { user: 'bob' })).toMatchObject({
      status: 403,
      error: { code: 'ADMIN_REQUIRED' },
    });
  });
});
