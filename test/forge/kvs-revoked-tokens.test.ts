/**
 * What the KVS token store guarantees about revoked tokens beyond the shared contract: the
 * record that remembers a removed token commits in the removal's own transaction, reading it is
 * one keyed read, a failed removal remembers nothing, and an unreadable record fails closed.
 */
import { kvs } from '@forge/kvs';

import { ENTITY } from '../../src/adapters/forge/kvs-keys';
import { createKvsStores } from '../../src/adapters/forge/stores';
import { StoreUnavailableError } from '../../src/ports';
import { failKvs, kvsCounts, kvsRequests, resetFakeKvs, resetKvsCounts } from '../support/fake-kvs';
import { FIXED_NOW, MINUTE_MS, tokenAudit, tokenRecord } from '../support/factories';

jest.mock('@forge/kvs', () => jest.requireActual('../support/fake-kvs').fakeKvsModule);

interface TransactionBody {
  set?: { entityName?: string; key: string }[];
  delete?: { entityName?: string; key: string }[];
}

/** Per transaction from request `from` on: the token keys it deletes and the revoked keys it sets. */
function removalsAndRevocations(from: number): { removed: string[]; revoked: string[] }[] {
  return kvsRequests()
    .slice(from)
    .filter(({ path }) => path.endsWith('/transaction'))
    .map(({ body }) => {
      const tx = body as TransactionBody;
      const keysOf = (ops: TransactionBody['set'], entity: string): string[] =>
        (ops ?? []).filter((op) => op.entityName === entity).map((op) => op.key);
      return {
        removed: keysOf(tx.delete, ENTITY.token),
        revoked: keysOf(tx.set, ENTITY.revokedToken),
      };
    });
}

beforeEach(() => resetFakeKvs());

describe('KVS token store: revoked tokens', () => {
  it('remembers a deleted token in the transaction that deletes it', async () => {
    const stores = createKvsStores();
    const token = tokenRecord();
    await stores.tokens.create(token, tokenAudit(token, 'token.created'));
    const from = kvsRequests().length;

    await stores.tokens.delete(token.id, tokenAudit(token, 'token.deleted'));

    expect(removalsAndRevocations(from)).toEqual([
      { removed: [token.hash], revoked: [token.hash] },
    ]);
  });

  it('remembers a rotated-away token in the rotation transaction', async () => {
    const stores = createKvsStores();
    const old = tokenRecord({ name: 'Rotating' });
    await stores.tokens.create(old, tokenAudit(old, 'token.created'));
    const next = tokenRecord({ name: 'Rotating', createdAt: FIXED_NOW + MINUTE_MS });
    const from = kvsRequests().length;

    await stores.tokens.replace(old.id, next, tokenAudit(old, 'token.rotated'));

    expect(removalsAndRevocations(from)).toEqual([{ removed: [old.hash], revoked: [old.hash] }]);
  });

  it('reads a revoked token with one keyed read', async () => {
    const stores = createKvsStores();
    const token = tokenRecord();
    await stores.tokens.create(token, tokenAudit(token, 'token.created'));
    await stores.tokens.delete(token.id, tokenAudit(token, 'token.deleted'));
    resetKvsCounts();

    expect(await stores.tokens.findRevoked(token.hash)).toMatchObject({ tokenId: token.id });
    expect(kvsCounts()).toMatchObject({ reads: 1, writes: 0, byPath: { '/api/v1/entity/get': 1 } });
  });

  it('remembers nothing when the deletion fails in storage, and the token keeps working', async () => {
    const stores = createKvsStores();
    const token = tokenRecord();
    await stores.tokens.create(token, tokenAudit(token, 'token.created'));
    failKvs({ paths: /transaction$/, times: 1 });

    await expect(
      stores.tokens.delete(token.id, tokenAudit(token, 'token.deleted')),
    ).rejects.toBeInstanceOf(StoreUnavailableError);

    expect(await stores.tokens.findRevoked(token.hash)).toBeNull();
    expect(await stores.tokens.findByHash(token.hash)).toEqual(token);
  });

  it('fails closed on a stored revoked token it cannot read', async () => {
    const stores = createKvsStores();
    const token = tokenRecord();
    await kvs.entity(ENTITY.revokedToken).set(token.hash, { ownerId: 'acc-alice', revokedAt: 1 });

    await expect(stores.tokens.findRevoked(token.hash)).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
  });

  it('prunes more revoked tokens than one batch holds', async () => {
    const stores = createKvsStores();
    for (let i = 0; i < 30; i += 1) {
      const token = tokenRecord({ name: `Token ${i}` });
      await stores.tokens.create(token, tokenAudit(token, 'token.created'));
      await stores.tokens.delete(
        token.id,
        tokenAudit(token, 'token.deleted', { at: FIXED_NOW + i }),
      );
    }

    expect(await stores.tokens.pruneRevoked(FIXED_NOW + 30)).toBe(30);
    expect(await stores.tokens.pruneRevoked(FIXED_NOW + 30)).toBe(0);
  });
});
