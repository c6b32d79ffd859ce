/** The daily clean-up: old failures, long-expired tokens, tokens of inactive owners (unknown owners' are kept). */
import { hashToken } from '../../src/core/token-format';
import { REVOKED_RETENTION_MS } from '../../src/services/housekeeping';
import { DAY_MS } from '../support/factories';
import { basic, createHarness, type Harness } from './harness';

let h: Harness;
beforeEach(() => {
  h = createHarness();
});
afterEach(() => h.close());

describe('housekeeping', () => {
  it('prunes failures older than the window, drops tokens expired over 90 days and revokes inactive owners', async () => {
    await h.auth(basic('alice', 'wrong'));
    const short = await h.token('alice', { name: 'short', validity: '6m' });
    const keep = await h.token('alice', { name: 'keep', validity: 'never' });
    const bobs = await h.token('bob', { name: 'bob' });
    h.directory.update('acc-bob', { active: false });

    h.clock.set(Date.parse(short.expiresAt as string) + 90 * DAY_MS);
    expect(await h.app.housekeeping()).toEqual({
      prunedAttempts: 1,
      droppedExpired: 1,
      revokedInactive: 1,
      prunedRevoked: 0,
    });
    const left = await h.stores.tokens.listAll({ limit: 10 });
    expect(left.items.map((token) => token.id)).toEqual([keep.id]);
    const deletions = (await h.stores.audit.list({ limit: 10, action: 'token.deleted' })).items;
    expect(deletions.map((record) => record.tokenId).sort()).toEqual([short.id, bobs.id].sort());
    expect(deletions.every((record) => record.actorId === 'system')).toBe(true);
  });

  it('keeps the tokens of owners the directory does not know (a typo in the users file), with a warning', async () => {
    const ghosts = await h.token('admin', { name: 'ghost' });
    const other = await h.token('admin', { name: 'other' });
    h.directory.remove('acc-admin');

    expect((await h.app.housekeeping()).revokedInactive).toBe(0);
    expect(await h.stores.tokens.findById(ghosts.id)).not.toBeNull();
    expect(await h.stores.tokens.findById(other.id)).not.toBeNull();
    expect(h.logs).toContainEqual({
      level: 'warn',
      message: 'housekeeping kept tokens of owners the directory does not know',
      fields: { unknownOwnerTokens: 2 },
    });
    expect(await h.auth(`Bearer ${ghosts.token}`)).not.toMatchObject({ kind: 'allow' });
  });

  it('keeps a token expired less than 90 days ago', async () => {
    const short = await h.token('alice', { validity: '6m' });
    h.clock.set(Date.parse(short.expiresAt as string) + 90 * DAY_MS - 1);
    expect((await h.app.housekeeping()).droppedExpired).toBe(0);
    expect(await h.stores.tokens.findById(short.id)).not.toBeNull();
  });

  it('forgets tokens revoked over 400 days ago and keeps younger ones', async () => {
    const old = await h.token('alice', { name: 'old' });
    await h.run('alice', 'deleteToken', { id: old.id });
    h.clock.advance(DAY_MS);
    const young = await h.token('alice', { name: 'young' });
    await h.run('alice', 'deleteToken', { id: young.id });

    h.clock.advance(REVOKED_RETENTION_MS);
    expect(REVOKED_RETENTION_MS).toBe(400 * DAY_MS);
    expect((await h.app.housekeeping()).prunedRevoked).toBe(1);
    expect(await h.stores.tokens.findRevoked(hashToken(old.token))).toBeNull();
    expect(await h.stores.tokens.findRevoked(hashToken(young.token))).toMatchObject({
      tokenId: young.id,
    });
    expect(await h.auth(`Bearer ${young.token}`)).toMatchObject({ code: 'TOKEN_EXPIRED' });
  });

  it('propagates a directory outage instead of revoking on a guess', async () => {
    await h.token('alice');
    h.outage.add('directory');
    await expect(h.app.housekeeping()).rejects.toThrow();
    h.outage.clear();
    expect(await h.stores.tokens.count()).toBe(1);
  });
});
