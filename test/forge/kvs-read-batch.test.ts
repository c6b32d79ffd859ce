/**
 * Reads of the same moment go out as one KVS call; a lone read as a plain get; a refused batch
 * falls back to reads one by one and pauses batching; a read that fails rejects on its own.
 */
import { kvs } from '@forge/kvs';

import { BATCH_PAUSE_MS, KvsReadBatcher } from '../../src/adapters/forge/kvs-read-batch';
import { StoreUnavailableError } from '../../src/ports';
import { failKvs, kvsCounts, kvsRequests, resetFakeKvs, resetKvsCounts } from '../support/fake-kvs';
import { FIXED_NOW } from '../support/factories';

jest.mock('@forge/kvs', () => jest.requireActual('../support/fake-kvs').fakeKvsModule);

const SETTINGS = { entity: 'settings', key: 'current' };
const MARKER = { entity: null, key: 'failed-attempts:changed' };
const MISSING = { entity: 'token', key: 'f'.repeat(64) };

let clock = FIXED_NOW;
let reads: KvsReadBatcher;

beforeEach(async () => {
  resetFakeKvs();
  clock = FIXED_NOW;
  reads = new KvsReadBatcher(() => clock);
  await kvs.entity('settings').set('current', { version: 3 });
  await kvs.set('failed-attempts:changed', { at: 1, id: 'a' });
  resetKvsCounts();
});

describe('KVS read batcher', () => {
  it('sends the reads of one moment as one batch call and answers each, a missing key as undefined', async () => {
    const answers = await Promise.all([
      reads.read(SETTINGS),
      reads.read(MARKER),
      reads.read(MISSING),
    ]);

    expect(answers).toEqual([{ version: 3 }, { at: 1, id: 'a' }, undefined]);
    expect(kvsCounts()).toMatchObject({ reads: 1, byPath: { '/api/v1/batch/get': 1 } });
  });

  it('sends a lone read as a plain get (batch calls are capped per minute)', async () => {
    expect(await reads.read(SETTINGS)).toEqual({ version: 3 });

    expect(kvsCounts()).toMatchObject({ reads: 1, byPath: { '/api/v1/entity/get': 1 } });
  });

  it('reads a key asked for twice at the same moment once', async () => {
    const answers = await Promise.all([reads.read(SETTINGS), reads.read(SETTINGS)]);

    expect(answers).toEqual([{ version: 3 }, { version: 3 }]);
    expect(kvsCounts()).toMatchObject({ reads: 1, byPath: { '/api/v1/entity/get': 1 } });
  });

  it('reads one by one when the platform refuses the batch, then sends no batch for a minute', async () => {
    const logged = kvsRequests().length;
    failKvs({ status: 429, code: 'RATE_LIMIT_EXCEEDED', paths: /batch/, times: 1 });

    const refused = await Promise.all([reads.read(SETTINGS), reads.read(MARKER)]);
    clock += BATCH_PAUSE_MS - 1;
    const paused = await Promise.all([reads.read(SETTINGS), reads.read(MARKER)]);
    clock += 1;
    const resumed = await Promise.all([reads.read(SETTINGS), reads.read(MARKER)]);

    const expected = [{ version: 3 }, { at: 1, id: 'a' }];
    expect([refused, paused, resumed]).toEqual([expected, expected, expected]);
    expect(
      kvsRequests()
        .slice(logged)
        .map(({ path }) => path),
    ).toEqual([
      '/api/v1/batch/get',
      '/api/v1/entity/get',
      '/api/v1/get',
      '/api/v1/entity/get',
      '/api/v1/get',
      '/api/v1/batch/get',
    ]);
  });

  it('rejects only the read that fails, as a storage failure', async () => {
    failKvs({ paths: /batch|\/entity\/get$/ });

    const [settings, marker] = await Promise.allSettled([reads.read(SETTINGS), reads.read(MARKER)]);

    expect(settings).toMatchObject({ status: 'rejected' });
    expect((settings as PromiseRejectedResult).reason).toBeInstanceOf(StoreUnavailableError);
    expect(marker).toEqual({ status: 'fulfilled', value: { at: 1, id: 'a' } });
  });

  it('splits more than 25 reads into batches of 25', async () => {
    const keys = Array.from({ length: 30 }, (_, i) => ({
      entity: 'token',
      key: i.toString(16).padStart(64, '0'),
    }));

    const answers = await Promise.all(keys.map((key) => reads.read(key)));

    expect(answers.every((answer) => answer === undefined)).toBe(true);
    expect(kvsCounts().byPath).toEqual({ '/api/v1/batch/get': 2 });
  });
});
