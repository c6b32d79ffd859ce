/**
 * What the KVS token store guarantees beyond the shared contract: keys never carry outside
 * values, verification is one keyed read, last-use writes cost no read and never bring a token
 * back, several function instances do not undo each other, revoke-all is audited intent-first.
 */
import { kvs } from '@forge/kvs';

import { ENTITY } from '../../src/adapters/forge/kvs-keys';
import { createKvsStores } from '../../src/adapters/forge/stores';
import { StoreUnavailableError } from '../../src/ports';
import { failKvs, kvsCounts, kvsRequests, resetFakeKvs, resetKvsCounts } from '../support/fake-kvs';
import { FIXED_NOW, auditRecord, tokenAudit, tokenRecord } from '../support/factories';

jest.mock('@forge/kvs', () => jest.requireActual('../support/fake-kvs').fakeKvsModule);

const HOSTILE_OWNER = '../owner "x" #/ä€\u0000';
const HOSTILE_NAME = 'Ärger "quoted" / ../ name #1\t';

function keysWritten(): string[] {
  return kvsRequests().flatMap(({ body }) => {
    const request = body as { key?: string; set?: { key: string }[]; delete?: { key: string }[] };
    return [request.key, ...(request.set ?? []), ...(request.delete ?? [])]
      .map((item) => (typeof item === 'string' ? item : item?.key))
      .filter((key): key is string => typeof key === 'string');
  });
}

function transactions(): { set?: { entityName?: string }[]; delete?: unknown[] }[] {
  return kvsRequests()
    .filter(({ path }) => path.endsWith('/transaction'))
    .map(({ body }) => body as { set?: { entityName?: string }[]; delete?: unknown[] });
}

beforeEach(() => resetFakeKvs());

describe('KVS token store: keys', () => {
  it('stores tokens of any owner and name, with no outside value in any key', async () => {
    const stores = createKvsStores();
    const token = tokenRecord({ ownerId: HOSTILE_OWNER, name: HOSTILE_NAME });

    await stores.tokens.create(token, tokenAudit(token, 'token.created'));
    await stores.tokens.rename(token.id, `${HOSTILE_NAME}2`, tokenAudit(token, 'token.renamed'));
    await stores.attempts.record({
      at: FIXED_NOW,
      ip: '::ffff:192.0.2.1',
      accountId: HOSTILE_OWNER,
    });

    expect(await stores.tokens.listByOwner(HOSTILE_OWNER)).toHaveLength(1);
    const keys = keysWritten();
    expect(keys.length).toBeGreaterThan(5);
    for (const raw of [HOSTILE_OWNER, HOSTILE_NAME, 'ä', '192.0.2.1', token.id]) {
      expect(keys.filter((key) => key.includes(raw))).toEqual([]);
    }
  });

  it('answers null for a hash that is not SHA-256 hex, without a read', async () => {
    const stores = createKvsStores();
    resetKvsCounts();

    expect(await stores.tokens.findByHash('../../settings')).toBeNull();
    expect(kvsCounts().reads).toBe(0);
  });
});

describe('KVS token store: costs', () => {
  it('verifies a token with one keyed read', async () => {
    const stores = createKvsStores();
    const token = tokenRecord();
    await stores.tokens.create(token, tokenAudit(token, 'token.created'));
    resetKvsCounts();

    expect(await stores.tokens.findByHash(token.hash)).toEqual(token);
    expect(kvsCounts()).toMatchObject({ reads: 1, writes: 0, byPath: { '/api/v1/entity/get': 1 } });
  });

  it('records a last use right after verifying with one write and no read', async () => {
    const stores = createKvsStores();
    const token = tokenRecord();
    await stores.tokens.create(token, tokenAudit(token, 'token.created'));
    await stores.tokens.findByHash(token.hash);
    resetKvsCounts();

    await stores.tokens.touch(token.id, FIXED_NOW + 1, '192.0.2.7');

    expect(kvsCounts()).toMatchObject({ reads: 0, writes: 1 });
  });
});

describe('KVS token store: several function instances', () => {
  it('never brings back a token another instance deleted after this one verified it', async () => {
    const first = createKvsStores();
    const second = createKvsStores();
    const token = tokenRecord();
    await first.tokens.create(token, tokenAudit(token, 'token.created'));
    await first.tokens.findByHash(token.hash);
    await second.tokens.delete(token.id, tokenAudit(token, 'token.deleted'));

    await first.tokens.touch(token.id, FIXED_NOW + 1, '192.0.2.7');

    expect(await second.tokens.findByHash(token.hash)).toBeNull();
    expect(await second.tokens.count()).toBe(0);
  });

  it("does not undo another instance's rename when recording a last use", async () => {
    const first = createKvsStores();
    const second = createKvsStores();
    const token = tokenRecord({ name: 'Before' });
    await first.tokens.create(token, tokenAudit(token, 'token.created'));
    await first.tokens.findByHash(token.hash);
    await second.tokens.rename(token.id, 'After', tokenAudit(token, 'token.renamed'));

    await first.tokens.touch(token.id, FIXED_NOW + 1, '192.0.2.7');

    expect(await second.tokens.findById(token.id)).toMatchObject({
      name: 'After',
      lastUsedAt: FIXED_NOW + 1,
    });
  });
});

describe('KVS token store: revoke-all', () => {
  async function seed(count: number): Promise<ReturnType<typeof createKvsStores>> {
    const stores = createKvsStores();
    for (let i = 0; i < count; i += 1) {
      const token = tokenRecord({ createdAt: FIXED_NOW + i });
      await stores.tokens.create(token, tokenAudit(token, 'token.created'));
    }
    return stores;
  }

  it('deletes 20 tokens in four transactions of at most 25 operations, the record in the first', async () => {
    const stores = await seed(20);
    const before = transactions().length;

    expect(
      await stores.tokens.deleteByOwner(
        'acc-alice',
        auditRecord({ action: 'tokens.deleted_all', count: 20 }),
      ),
    ).toBe(20);

    const commits = transactions().slice(before);
    expect(commits).toHaveLength(4);
    const audits = commits.map(
      (tx) => (tx.set ?? []).filter((op) => op.entityName === ENTITY.audit).length,
    );
    expect(audits).toEqual([1, 0, 0, 0]);
    expect(commits.map((tx) => (tx.set?.length ?? 0) + (tx.delete?.length ?? 0))).toEqual([
      25, 24, 24, 8,
    ]);
  });

  it('keeps the record when a later chunk fails, reports the failure, and a retry finishes', async () => {
    const stores = await seed(12);
    failKvs({ paths: /transaction$/, skip: 1, times: 1 });

    await expect(
      stores.tokens.deleteByOwner(
        'acc-alice',
        auditRecord({ action: 'tokens.deleted_all', count: 12 }),
      ),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
    const records = (await stores.audit.list({ limit: 50, action: 'tokens.deleted_all' })).items;
    const left = await stores.tokens.listByOwner('acc-alice');
    await stores.tokens.deleteByOwner(
      'acc-alice',
      auditRecord({ action: 'tokens.deleted_all', count: 6 }),
    );

    expect(records).toHaveLength(1);
    expect(left).toHaveLength(6);
    expect(await stores.tokens.listByOwner('acc-alice')).toEqual([]);
  });
});

describe('KVS stores: failures', () => {
  it('turns a storage failure into StoreUnavailableError that names no key', async () => {
    const stores = createKvsStores();
    const token = tokenRecord();
    failKvs({ status: 500, code: 'INTERNAL_SERVER_ERROR' });

    const error = await stores.tokens.findByHash(token.hash).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(StoreUnavailableError);
    expect((error as Error).message).toBe('read of token failed: INTERNAL_SERVER_ERROR (500)');
  });

  it('fails closed on a stored token it cannot read', async () => {
    const stores = createKvsStores();
    const token = tokenRecord();
    await kvs
      .entity(ENTITY.token)
      .set(token.hash, { id: token.id, hash: token.hash, scope: 'admin' });

    await expect(stores.tokens.findByHash(token.hash)).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
  });
});
