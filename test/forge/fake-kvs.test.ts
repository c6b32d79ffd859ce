/**
 * The fake @forge/kvs refuses what the platform refuses, so a store that passes over it keeps
 * within Forge's limits: key pattern and length, value size, declared entities and indexes,
 * page, batch and transaction sizes. It also counts reads and writes as Forge meters them.
 */
import { FilterConditions, Filter, ForgeKvsAPIError, Sort, WhereConditions, kvs } from '@forge/kvs';

import { KVS_LIMITS, kvsCounts, resetFakeKvs, resetKvsCounts } from '../support/fake-kvs';

jest.mock('@forge/kvs', () => jest.requireActual('../support/fake-kvs').fakeKvsModule);

const ATTEMPT = 'failed-attempt';

async function errorCode(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    return error instanceof ForgeKvsAPIError ? error.code : `not a KVS error: ${String(error)}`;
  }
  return 'no error';
}

beforeEach(() => resetFakeKvs());

describe('fake KVS: keys and values', () => {
  it.each([
    ['a key with a slash', 'tokens/1', 'INVALID_KEY'],
    ['a key with a quote', 'name:"x"', 'INVALID_KEY'],
    ['a key of whitespace', '   ', 'INVALID_KEY'],
    ['an empty key', '', 'EMPTY_KEY'],
    ['a key of 501 characters', 'k'.repeat(501), 'KEY_TOO_LONG'],
  ])('refuses %s', async (_, key, code) => {
    expect(await errorCode(kvs.set(key, 'value'))).toBe(code);
  });

  it('accepts the documented key characters up to 500 of them', async () => {
    await kvs.set(`a-Z_0.9:#x y-${'k'.repeat(486)}`, 1);

    expect(await kvs.get(`a-Z_0.9:#x y-${'k'.repeat(486)}`)).toBe(1);
  });

  it('refuses a value over 240 KiB', async () => {
    expect(await errorCode(kvs.set('big', 'x'.repeat(KVS_LIMITS.valueMaxBytes)))).toBe('MAX_SIZE');
  });

  it('refuses an undeclared entity, an undeclared attribute and an attribute of the wrong type', async () => {
    expect(await errorCode(kvs.entity('tokens').set('k', { id: 'x' }))).toBe('INVALID_ENTITY_TYPE');
    expect(await errorCode(kvs.entity(ATTEMPT).set('k', { at: 1, ip: 'x', secret: 's' }))).toBe(
      'INVALID_ENTITY_VALUE',
    );
    expect(await errorCode(kvs.entity(ATTEMPT).set('k', { at: '1', ip: 'x' }))).toBe(
      'INVALID_ENTITY_VALUE',
    );
  });
});

describe('fake KVS: queries, batches and transactions', () => {
  it('refuses a page of more than 20 records', async () => {
    const query = kvs.entity(ATTEMPT).query().index('at').limit(21);

    expect(await errorCode(query.getMany())).toBe('QUERY_PAGE_LIMIT_NOT_IN_RANGE');
  });

  it('refuses an undeclared index and a partition of the wrong size', async () => {
    expect(await errorCode(kvs.entity(ATTEMPT).query().index('by-owner').getMany())).toBe(
      'INVALID_ENTITY_INDEX',
    );
    expect(await errorCode(kvs.entity(ATTEMPT).query().index('by-ip').getMany())).toBe(
      'INVALID_PARTITION',
    );
  });

  it('applies the page limit before filters: a filtered page may be short and still have a cursor', async () => {
    for (let i = 0; i < 5; i += 1) {
      await kvs.entity(ATTEMPT).set(`k${i}`, { at: i, ip: i % 2 === 0 ? 'a' : 'b' });
    }

    const page = await kvs
      .entity<{ at: number; ip: string }>(ATTEMPT)
      .query()
      .index('at')
      .where(WhereConditions.greaterThanEqualTo(0))
      .filters(new Filter<{ at: number; ip: string }>().and('ip', FilterConditions.equalTo('b')))
      .sort(Sort.ASC)
      .limit(2)
      .getMany();

    expect(page.results.map((r) => r.key)).toEqual(['k1']);
    expect(page.nextCursor).toEqual(expect.any(String));
  });

  it('refuses a batch of 26 keys', async () => {
    const items = Array.from({ length: 26 }, (_, i) => ({ key: `k${i}`, value: i }));

    expect(await errorCode(kvs.batchSet(items))).toBe('BATCH_TOO_LARGE');
  });

  it('refuses a transaction of 26 operations and one naming a key twice, applying nothing', async () => {
    const big = kvs.transact();
    for (let i = 0; i < 26; i += 1) {
      big.set(`k${i}`, { at: i, ip: 'a' }, { entityName: ATTEMPT });
    }
    const twice = kvs
      .transact()
      .set('k', { at: 1, ip: 'a' }, { entityName: ATTEMPT })
      .delete('k', { entityName: ATTEMPT });

    expect(await errorCode(big.execute())).toBe('INVALID_TRANSACTION_SIZE');
    expect(await errorCode(twice.execute())).toBe('DUPLICATE_KEYS');
    expect(await kvs.entity(ATTEMPT).get('k0')).toBeUndefined();
  });

  it('applies none of a transaction whose condition fails', async () => {
    await kvs.entity(ATTEMPT).set('held', { at: 1, ip: 'a' });
    const transaction = kvs
      .transact()
      .set('new', { at: 2, ip: 'b' }, { entityName: ATTEMPT })
      .set(
        'held',
        { at: 3, ip: 'c' },
        {
          entityName: ATTEMPT,
          conditions: new Filter<{ at: number }>().and('at', FilterConditions.notExists()),
        },
      );

    expect(await errorCode(transaction.execute())).toBe('CONDITION_FAILED');
    expect(await kvs.entity(ATTEMPT).get('new')).toBeUndefined();
    expect(await kvs.entity(ATTEMPT).get('held')).toEqual({ at: 1, ip: 'a' });
  });
});

describe('fake KVS: counters', () => {
  it('counts a transaction and a batch as one write each, a query and a get as one read each', async () => {
    await kvs
      .transact()
      .set('a', { at: 1, ip: 'x' }, { entityName: ATTEMPT })
      .set('b', { at: 2, ip: 'x' }, { entityName: ATTEMPT })
      .execute();
    await kvs.batchSet([
      { key: 'c', value: 1 },
      { key: 'd', value: 2 },
    ]);
    await kvs.entity(ATTEMPT).get('a');
    await kvs.entity(ATTEMPT).query().index('at').limit(20).getMany();

    expect(kvsCounts()).toMatchObject({ reads: 2, writes: 2 });
  });

  it('counts a read of a missing key and a refused transaction: each still costs a call', async () => {
    await kvs.entity(ATTEMPT).set('held', { at: 1, ip: 'a' });
    resetKvsCounts();
    await kvs.entity(ATTEMPT).get('missing');
    const refused = kvs.transact().set(
      'held',
      { at: 2, ip: 'b' },
      {
        entityName: ATTEMPT,
        conditions: new Filter<{ at: number }>().and('at', FilterConditions.notExists()),
      },
    );
    expect(await errorCode(refused.execute())).toBe('CONDITION_FAILED');

    expect(kvsCounts()).toMatchObject({ reads: 1, writes: 1 });
  });
});
