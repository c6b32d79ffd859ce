/** Contract of TokenStore delete, deleteByOwner, replace (rotation) and touch. */
import { FIXED_NOW, MINUTE_MS, auditRecord, tokenAudit, tokenRecord } from '../support/factories';
import { idsOf, useFreshStores, type StoreFactory } from './harness';

const PAGE = { limit: 100 };

/** Registers the TokenStore tests of delete, deleteByOwner, replace and touch. */
export function describeTokenRemovalContract(factory: StoreFactory): void {
  describe('TokenStore: delete', () => {
    const stores = useFreshStores(factory);

    it('deletes a token from every read and writes the deletion record', async () => {
      const token = tokenRecord();
      await stores().tokens.create(token, tokenAudit(token, 'token.created'));
      const audit = tokenAudit(token, 'token.deleted', { at: FIXED_NOW + 1 });

      expect(await stores().tokens.delete(token.id, audit)).toBe(true);
      expect(await stores().tokens.findByHash(token.hash)).toBeNull();
      expect(await stores().tokens.findById(token.id)).toBeNull();
      expect(await stores().tokens.listByOwner(token.ownerId)).toEqual([]);
      expect(await stores().tokens.count()).toBe(0);
      expect((await stores().audit.list(PAGE)).items[0]).toEqual(audit);
    });

    it('returns false for a missing token and writes no record', async () => {
      const ghost = tokenRecord();

      expect(await stores().tokens.delete(ghost.id, tokenAudit(ghost, 'token.deleted'))).toBe(
        false,
      );
      expect((await stores().audit.list(PAGE)).items).toEqual([]);
    });

    it("frees a deleted token's name for a new token of the same owner", async () => {
      const token = tokenRecord({ name: 'Nightly' });
      await stores().tokens.create(token, tokenAudit(token, 'token.created'));
      await stores().tokens.delete(token.id, tokenAudit(token, 'token.deleted'));
      const again = tokenRecord({ name: 'NIGHTLY' });

      await stores().tokens.create(again, tokenAudit(again, 'token.created'));

      expect(await stores().tokens.findById(again.id)).toEqual(again);
    });
  });

  describe('TokenStore: deleteByOwner', () => {
    const stores = useFreshStores(factory);

    it("deletes every token of one owner, keeps others' and writes one record", async () => {
      const alices = [tokenRecord(), tokenRecord(), tokenRecord()];
      const bobs = tokenRecord({ ownerId: 'acc-bob' });
      for (const token of [...alices, bobs]) {
        await stores().tokens.create(token, tokenAudit(token, 'token.created'));
      }
      const audit = auditRecord({ action: 'tokens.deleted_all', count: 3, at: FIXED_NOW + 1 });

      expect(await stores().tokens.deleteByOwner('acc-alice', audit)).toBe(3);
      expect(await stores().tokens.listByOwner('acc-alice')).toEqual([]);
      expect(await stores().tokens.findByHash(alices[0]!.hash)).toBeNull();
      expect(await stores().tokens.listByOwner('acc-bob')).toEqual([bobs]);
      const records = (await stores().audit.list(PAGE)).items;
      expect(records.filter((r) => r.action === 'tokens.deleted_all')).toEqual([audit]);
    });

    it('returns 0 for an owner without tokens and still writes the record', async () => {
      const audit = auditRecord({ action: 'tokens.deleted_all', count: 0 });

      expect(await stores().tokens.deleteByOwner('acc-nobody', audit)).toBe(0);
      expect((await stores().audit.list(PAGE)).items).toEqual([audit]);
    });
  });

  describe('TokenStore: replace (rotation)', () => {
    const stores = useFreshStores(factory);

    it('swaps the old token for the new one under the same name and writes one record', async () => {
      const old = tokenRecord({ name: 'Rotating' });
      await stores().tokens.create(old, tokenAudit(old, 'token.created'));
      const next = tokenRecord({ name: 'Rotating', createdAt: FIXED_NOW + MINUTE_MS });
      const audit = tokenAudit(old, 'token.rotated', { newTokenId: next.id, at: next.createdAt });

      expect(await stores().tokens.replace(old.id, next, audit)).toBe(true);
      expect(await stores().tokens.findByHash(old.hash)).toBeNull();
      expect(await stores().tokens.findById(old.id)).toBeNull();
      expect(await stores().tokens.findByHash(next.hash)).toEqual(next);
      expect(idsOf(await stores().tokens.listByOwner('acc-alice'))).toEqual([next.id]);
      expect(await stores().tokens.count()).toBe(1);
      expect((await stores().audit.list(PAGE)).items[0]).toEqual(audit);
    });

    it('returns false when the old token is gone, storing and auditing nothing', async () => {
      const ghost = tokenRecord();
      const next = tokenRecord();

      expect(
        await stores().tokens.replace(ghost.id, next, tokenAudit(ghost, 'token.rotated')),
      ).toBe(false);
      expect(await stores().tokens.findByHash(next.hash)).toBeNull();
      expect(await stores().tokens.count()).toBe(0);
      expect((await stores().audit.list(PAGE)).items).toEqual([]);
    });
  });

  describe('TokenStore: touch', () => {
    const stores = useFreshStores(factory);

    it('records the last use time and address without an audit record', async () => {
      const token = tokenRecord();
      await stores().tokens.create(token, tokenAudit(token, 'token.created'));

      await stores().tokens.touch(token.id, FIXED_NOW + 5 * MINUTE_MS, '203.0.113.9');

      expect(await stores().tokens.findByHash(token.hash)).toEqual({
        ...token,
        lastUsedAt: FIXED_NOW + 5 * MINUTE_MS,
        lastUsedIp: '203.0.113.9',
      });
      expect((await stores().audit.list(PAGE)).items).toHaveLength(1);
    });

    it('stores a null address when the client address is unknown', async () => {
      const token = tokenRecord({ lastUsedIp: '198.51.100.1', lastUsedAt: FIXED_NOW });
      await stores().tokens.create(token, tokenAudit(token, 'token.created'));

      await stores().tokens.touch(token.id, FIXED_NOW + MINUTE_MS, null);

      const stored = await stores().tokens.findById(token.id);
      expect([stored?.lastUsedAt, stored?.lastUsedIp]).toEqual([FIXED_NOW + MINUTE_MS, null]);
    });

    it('stores nothing when the token no longer exists', async () => {
      const ghost = tokenRecord();

      await stores().tokens.touch(ghost.id, FIXED_NOW, '203.0.113.9');

      expect(await stores().tokens.findById(ghost.id)).toBeNull();
      expect(await stores().tokens.count()).toBe(0);
    });
  });
}
