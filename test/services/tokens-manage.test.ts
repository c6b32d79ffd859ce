/** Changing tokens over the SQLite store: rename, rotate, delete, delete all of a user. */
import type { CreatedToken } from '../../src/app/contract';
import { DAY_MS, FIXED_NOW } from '../support/factories';
import { createHarness, type Harness } from './harness';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

async function auditActions(): Promise<string[]> {
  return (await h.stores.audit.list({ limit: 100 })).items.map((record) => record.action);
}

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

describe('rotate when only admins may create tokens', () => {
  it('refuses a regular user rotating their own token with TOKEN_CREATION_RESTRICTED 403 and keeps it', async () => {
    const { id } = await h.token('alice', { name: 'ci' });
    await h.configure({ adminsOnlyCreate: true });

    expect(await h.run('alice', 'rotateToken', { id })).toMatchObject({
      status: 403,
      error: { code: 'TOKEN_CREATION_RESTRICTED' },
    });
    expect(await h.stores.tokens.findById(id)).not.toBeNull();
    expect(await auditActions()).not.toContain('token.rotated');
  });

  it("still lets an admin rotate a regular user's token and their own", async () => {
    const alices = await h.token('alice', { name: 'ci' });
    const own = await h.token('admin', { name: 'mine' });
    await h.configure({ adminsOnlyCreate: true });

    expect(await h.run('admin', 'rotateToken', { id: alices.id })).toMatchObject({
      status: 201,
      data: { name: 'ci' },
    });
    expect(await h.run('admin', 'rotateToken', { id: own.id })).toMatchObject({
      status: 201,
      data: { name: 'mine' },
    });
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
