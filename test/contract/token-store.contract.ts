/** Contract of TokenStore writes and keyed reads: create, find, rename, delete, replace, touch. */
import { NameTakenError } from '../../src/ports';
import { DAY_MS, FIXED_NOW, tokenAudit, tokenRecord } from '../support/factories';
import { idsOf, useFreshStores, type StoreFactory } from './harness';

const PAGE = { limit: 100 };

/** Registers the TokenStore tests (writes and keyed reads). */
export function describeTokenStoreContract(factory: StoreFactory): void {
  describe('TokenStore: create and read', () => {
    const stores = useFreshStores(factory);

    it('returns a created token unchanged from findByHash, findById and listByOwner', async () => {
      const token = tokenRecord({
        scope: 'read-only',
        expiresAt: FIXED_NOW + 180 * DAY_MS,
        lastUsedAt: FIXED_NOW + 1000,
        lastUsedIp: '2001:db8::7',
        createdBy: 'acc-admin',
      });
      await stores().tokens.create(token, tokenAudit(token, 'token.created'));

      expect(await stores().tokens.findByHash(token.hash)).toEqual(token);
      expect(await stores().tokens.findById(token.id)).toEqual(token);
      expect(await stores().tokens.listByOwner('acc-alice')).toEqual([token]);
    });

    it('returns null for an unknown hash or id, and an empty list for an unknown owner', async () => {
      const token = tokenRecord();
      await stores().tokens.create(token, tokenAudit(token, 'token.created'));

      expect(await stores().tokens.findByHash('0'.repeat(64))).toBeNull();
      expect(await stores().tokens.findById('tok_missing')).toBeNull();
      expect(await stores().tokens.listByOwner('acc-nobody')).toEqual([]);
    });

    it("lists only one owner's tokens, oldest first", async () => {
      const newer = tokenRecord({ createdAt: FIXED_NOW + 2000 });
      const older = tokenRecord({ createdAt: FIXED_NOW + 1000 });
      const bobs = tokenRecord({ ownerId: 'acc-bob', createdAt: FIXED_NOW + 1500 });
      for (const token of [newer, older, bobs]) {
        await stores().tokens.create(token, tokenAudit(token, 'token.created'));
      }

      expect(idsOf(await stores().tokens.listByOwner('acc-alice'))).toEqual([older.id, newer.id]);
      expect(idsOf(await stores().tokens.listByOwner('acc-bob'))).toEqual([bobs.id]);
    });

    it('writes the creation audit record together with the token', async () => {
      const token = tokenRecord();
      const audit = tokenAudit(token, 'token.created');
      await stores().tokens.create(token, audit);

      expect((await stores().audit.list(PAGE)).items).toEqual([audit]);
    });

    it('counts the stored tokens', async () => {
      expect(await stores().tokens.count()).toBe(0);
      for (const token of [tokenRecord(), tokenRecord({ ownerId: 'acc-bob' })]) {
        await stores().tokens.create(token, tokenAudit(token, 'token.created'));
      }

      expect(await stores().tokens.count()).toBe(2);
    });
  });

  describe('TokenStore: names are unique per owner, case-insensitively', () => {
    const stores = useFreshStores(factory);

    it('refuses a second token whose name differs only in case, storing and auditing nothing', async () => {
      const first = tokenRecord({ name: 'CI Pipeline' });
      const second = tokenRecord({ name: 'ci pipeline' });
      await stores().tokens.create(first, tokenAudit(first, 'token.created'));

      await expect(
        stores().tokens.create(second, tokenAudit(second, 'token.created')),
      ).rejects.toBeInstanceOf(NameTakenError);
      expect(await stores().tokens.findById(second.id)).toBeNull();
      expect(await stores().tokens.findByHash(second.hash)).toBeNull();
      expect((await stores().audit.list(PAGE)).items).toHaveLength(1);
    });

    it('compares names case-insensitively beyond ASCII', async () => {
      const first = tokenRecord({ name: 'Ärger Über' });
      const second = tokenRecord({ name: 'äRGER üBER' });
      await stores().tokens.create(first, tokenAudit(first, 'token.created'));

      await expect(
        stores().tokens.create(second, tokenAudit(second, 'token.created')),
      ).rejects.toBeInstanceOf(NameTakenError);
    });

    it('treats composed and decomposed accents as the same name', async () => {
      const composed = tokenRecord({ name: 'Caf\u00e9' });
      const decomposed = tokenRecord({ name: 'CAFE\u0301' });
      await stores().tokens.create(composed, tokenAudit(composed, 'token.created'));

      await expect(
        stores().tokens.create(decomposed, tokenAudit(decomposed, 'token.created')),
      ).rejects.toBeInstanceOf(NameTakenError);
    });

    it('lets another owner use the same name', async () => {
      const alices = tokenRecord({ name: 'Deploy' });
      const bobs = tokenRecord({ name: 'DEPLOY', ownerId: 'acc-bob' });
      await stores().tokens.create(alices, tokenAudit(alices, 'token.created'));
      await stores().tokens.create(bobs, tokenAudit(bobs, 'token.created'));

      expect(await stores().tokens.findById(bobs.id)).toEqual(bobs);
    });
  });

  describe('TokenStore: rename', () => {
    const stores = useFreshStores(factory);

    it('renames a token, keeps its other fields and writes the rename record', async () => {
      const token = tokenRecord({ name: 'Old name' });
      await stores().tokens.create(token, tokenAudit(token, 'token.created'));
      const audit = tokenAudit(token, 'token.renamed', {
        tokenName: 'New name',
        at: FIXED_NOW + 1,
      });

      expect(await stores().tokens.rename(token.id, 'New name', audit)).toBe(true);
      expect(await stores().tokens.findByHash(token.hash)).toEqual({ ...token, name: 'New name' });
      expect((await stores().audit.list(PAGE)).items[0]).toEqual(audit);
    });

    it('lets a token be renamed to its own name in another case', async () => {
      const token = tokenRecord({ name: 'deploy' });
      await stores().tokens.create(token, tokenAudit(token, 'token.created'));

      const renamed = await stores().tokens.rename(
        token.id,
        'Deploy',
        tokenAudit(token, 'token.renamed'),
      );

      expect(renamed).toBe(true);
      expect((await stores().tokens.findById(token.id))?.name).toBe('Deploy');
    });

    it("refuses a name another of the owner's tokens has; nothing changes, nothing is audited", async () => {
      const first = tokenRecord({ name: 'Backup' });
      const second = tokenRecord({ name: 'Reports' });
      for (const token of [first, second]) {
        await stores().tokens.create(token, tokenAudit(token, 'token.created'));
      }

      await expect(
        stores().tokens.rename(second.id, 'BACKUP', tokenAudit(second, 'token.renamed')),
      ).rejects.toBeInstanceOf(NameTakenError);
      expect((await stores().tokens.findById(second.id))?.name).toBe('Reports');
      expect((await stores().audit.list(PAGE)).items).toHaveLength(2);
    });

    it('frees the old name once a token is renamed', async () => {
      const first = tokenRecord({ name: 'Backup' });
      await stores().tokens.create(first, tokenAudit(first, 'token.created'));
      await stores().tokens.rename(first.id, 'Archive', tokenAudit(first, 'token.renamed'));
      const second = tokenRecord({ name: 'backup' });

      await stores().tokens.create(second, tokenAudit(second, 'token.created'));

      expect(await stores().tokens.findById(second.id)).toEqual(second);
    });

    it('returns false for a missing token and writes no record', async () => {
      const ghost = tokenRecord();

      expect(
        await stores().tokens.rename(ghost.id, 'Any', tokenAudit(ghost, 'token.renamed')),
      ).toBe(false);
      expect((await stores().audit.list(PAGE)).items).toEqual([]);
    });
  });
}
