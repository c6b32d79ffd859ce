/**
 * Contract of the revoked tokens: delete, deleteByOwner and replace remember each token they
 * remove (hash → owner, id, the audit record's time); nothing else does; pruneRevoked forgets
 * by age.
 */
import { FIXED_NOW, MINUTE_MS, auditRecord, tokenAudit, tokenRecord } from '../support/factories';
import { useFreshStores, type StoreFactory } from './harness';

const REVOKED_AT = FIXED_NOW + 7 * MINUTE_MS;

/** Registers the TokenStore tests of findRevoked and pruneRevoked. */
export function describeRevokedTokenContract(factory: StoreFactory): void {
  describe('TokenStore: revoked tokens', () => {
    const stores = useFreshStores(factory);

    it('remembers a deleted token by its hash, with its owner, id and the deletion time', async () => {
      const token = tokenRecord();
      await stores().tokens.create(token, tokenAudit(token, 'token.created'));

      await stores().tokens.delete(
        token.id,
        tokenAudit(token, 'token.deleted', { at: REVOKED_AT }),
      );

      expect(await stores().tokens.findRevoked(token.hash)).toEqual({
        ownerId: 'acc-alice',
        tokenId: token.id,
        revokedAt: REVOKED_AT,
      });
    });

    it('remembers nothing when a delete finds no token, and knows no live token as revoked', async () => {
      const live = tokenRecord();
      const ghost = tokenRecord();
      await stores().tokens.create(live, tokenAudit(live, 'token.created'));

      expect(await stores().tokens.delete(ghost.id, tokenAudit(ghost, 'token.deleted'))).toBe(
        false,
      );
      expect(await stores().tokens.findRevoked(ghost.hash)).toBeNull();
      expect(await stores().tokens.findRevoked(live.hash)).toBeNull();
    });

    it("remembers every token of an owner deleted all at once, and none of another owner's", async () => {
      const alices = [tokenRecord(), tokenRecord(), tokenRecord()];
      const bobs = tokenRecord({ ownerId: 'acc-bob' });
      for (const token of [...alices, bobs]) {
        await stores().tokens.create(token, tokenAudit(token, 'token.created'));
      }
      const audit = auditRecord({ action: 'tokens.deleted_all', count: 3, at: REVOKED_AT });

      await stores().tokens.deleteByOwner('acc-alice', audit);

      for (const token of alices) {
        expect(await stores().tokens.findRevoked(token.hash)).toEqual({
          ownerId: 'acc-alice',
          tokenId: token.id,
          revokedAt: REVOKED_AT,
        });
      }
      expect(await stores().tokens.findRevoked(bobs.hash)).toBeNull();
    });

    it('remembers a rotated-away token, not its successor', async () => {
      const old = tokenRecord({ name: 'Rotating' });
      await stores().tokens.create(old, tokenAudit(old, 'token.created'));
      const next = tokenRecord({ name: 'Rotating', createdAt: REVOKED_AT });
      const audit = tokenAudit(old, 'token.rotated', { newTokenId: next.id, at: REVOKED_AT });

      await stores().tokens.replace(old.id, next, audit);

      expect(await stores().tokens.findRevoked(old.hash)).toEqual({
        ownerId: 'acc-alice',
        tokenId: old.id,
        revokedAt: REVOKED_AT,
      });
      expect(await stores().tokens.findRevoked(next.hash)).toBeNull();
    });

    it('remembers nothing when a rotation finds no old token', async () => {
      const ghost = tokenRecord();
      const next = tokenRecord();

      await stores().tokens.replace(ghost.id, next, tokenAudit(ghost, 'token.rotated'));

      expect(await stores().tokens.findRevoked(ghost.hash)).toBeNull();
      expect(await stores().tokens.findRevoked(next.hash)).toBeNull();
    });

    it('answers null for a hash that is not a SHA-256 in hex', async () => {
      expect(await stores().tokens.findRevoked('not-a-hash')).toBeNull();
    });

    it('forgets tokens revoked before the instant, counts them, and keeps the rest', async () => {
      const times = [REVOKED_AT - 2, REVOKED_AT - 1, REVOKED_AT, REVOKED_AT + 1];
      const tokens = times.map(() => tokenRecord());
      for (const [i, token] of tokens.entries()) {
        await stores().tokens.create(token, tokenAudit(token, 'token.created'));
        await stores().tokens.delete(
          token.id,
          tokenAudit(token, 'token.deleted', { at: times[i] }),
        );
      }

      expect(await stores().tokens.pruneRevoked(REVOKED_AT)).toBe(2);
      const left = await Promise.all(tokens.map((t) => stores().tokens.findRevoked(t.hash)));
      expect(left.map((revoked) => revoked?.revokedAt ?? null)).toEqual([
        null,
        null,
        REVOKED_AT,
        REVOKED_AT + 1,
      ]);
      expect(await stores().tokens.pruneRevoked(REVOKED_AT)).toBe(0);
    });
  });
}
