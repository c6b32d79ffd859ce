/**
 * A change interrupted midway leaves no half state on @forge/kvs (the in-memory fake runs the
 * real client): the platform refuses the change's transaction, and nothing of it may remain.
 * Deleting all tokens of an owner with more than eight tokens takes several transactions; when
 * a later one fails, every token already gone must be covered by the committed audit record.
 */
import { createKvsStores } from '../../src/adapters/forge/stores';
import { createApp, type App } from '../../src/app/app';
import type { CreatedToken } from '../../src/app/contract';
import { hashToken } from '../../src/core/token-format';
import type { Stores } from '../../src/ports';
import { FIXED_NOW } from '../support/factories';
import { createFakeDirectory } from '../support/fake-directory';
import { failKvs, resetFakeKvs } from '../support/fake-kvs';
import { storedState, unexplained } from './audit-coverage';
import { callerOf } from './world';

jest.mock('@forge/kvs', () => jest.requireActual('../support/fake-kvs').fakeKvsModule);

const TRANSACTION = /\/transaction$/;

/** Matches only the n-th transaction request from now on. */
function nthTransaction(n: number): RegExp {
  let seen = 0;
  return Object.assign(new RegExp(TRANSACTION), {
    test(path: string): boolean {
      if (!TRANSACTION.test(path)) {
        return false;
      }
      seen += 1;
      return seen === n;
    },
  });
}

let stores: Stores;
let app: App;

beforeEach(() => {
  resetFakeKvs();
  stores = createKvsStores();
  const directory = createFakeDirectory();
  app = createApp({
    stores,
    directory,
    passwords: null,
    clock: { now: () => FIXED_NOW },
    logger: { info: () => undefined, warn: () => undefined, error: () => undefined },
    settingsCacheMs: 0,
  });
});

afterEach(() => resetFakeKvs());

async function token(username: string, name: string): Promise<CreatedToken> {
  const result = await app.runOperation(
    'createToken',
    { name, validity: 'never' },
    callerOf(username),
  );
  if (!result.ok) {
    throw new Error(`createToken refused: ${result.error.code}`);
  }
  return result.data;
}

async function expectRefusedAndUnchanged(change: () => Promise<{ status: number }>): Promise<void> {
  const before = await storedState(stores);
  failKvs({ paths: TRANSACTION, times: 1 });
  expect((await change()).status).toBe(503);
  expect(await storedState(stores)).toEqual(before);
}

describe('a change whose transaction fails (@forge/kvs)', () => {
  it('creates no token, and a retry creates exactly one', async () => {
    const create = () =>
      app.runOperation('createToken', { name: 'Half', validity: 'never' }, callerOf('alice'));
    await expectRefusedAndUnchanged(create);
    expect((await create()).status).toBe(201);
    const state = await storedState(stores);
    expect(state.tokens.map((stored) => stored.name)).toEqual(['Half']);
    expect(unexplained(state)).toEqual({ tokens: [], removals: [] });
  });

  it('rotates nothing: the old secret still verifies', async () => {
    const old = await token('alice', 'Rotated');
    await expectRefusedAndUnchanged(() =>
      app.runOperation('rotateToken', { id: old.id }, callerOf('alice')),
    );
    expect((await stores.tokens.findByHash(hashToken(old.token)))?.id).toBe(old.id);
  });

  it('deletes, renames and revokes nothing', async () => {
    const kept = await token('alice', 'Kept');
    await token('alice', 'Also kept');
    await expectRefusedAndUnchanged(() =>
      app.runOperation('deleteToken', { id: kept.id }, callerOf('alice')),
    );
    await expectRefusedAndUnchanged(() =>
      app.runOperation('renameToken', { id: kept.id, name: 'Other' }, callerOf('alice')),
    );
    await expectRefusedAndUnchanged(() =>
      app.runOperation('deleteUserTokens', { user: 'alice' }, callerOf('admin')),
    );
  });

  it('saves no setting', async () => {
    const before = await stores.settings.get();
    await expectRefusedAndUnchanged(() =>
      app.runOperation('saveSettings', { ...before, adminsOnlyCreate: true }, callerOf('admin')),
    );
    expect(await stores.settings.get()).toEqual(before);
  });
});

describe('deleting all of many tokens when a later transaction fails (@forge/kvs)', () => {
  it('leaves no deleted token without the committed record, and a retry finishes', async () => {
    for (let n = 0; n < 12; n += 1) {
      await token('alice', `Token ${n}`);
    }
    failKvs({ paths: nthTransaction(2), times: 1 });

    const first = await app.runOperation('deleteUserTokens', { user: 'alice' }, callerOf('admin'));

    expect(first.status).toBe(503);
    const state = await storedState(stores);
    const removedAll = state.audit.filter((record) => record.action === 'tokens.deleted_all');
    expect({ left: state.tokens.length, records: removedAll.length }).toEqual({
      left: 4,
      records: 1,
    });
    const retry = await app.runOperation('deleteUserTokens', { user: 'alice' }, callerOf('admin'));
    expect({ status: retry.status, left: (await storedState(stores)).tokens.length }).toEqual({
      status: 200,
      left: 0,
    });
  });
});
