/**
 * A change interrupted midway leaves no half state on @forge/kvs (the in-memory fake runs the
 * real client): the platform refuses the change's transaction, and nothing of it may remain.
 * Deleting all tokens of an owner with more than eight tokens takes several transactions; when
 * a later one fails, every token already gone must be covered by the committed audit record.
 */
import { TOKENS_PER_TRANSACTION } from '../../src/adapters/forge/kvs-token-owner';
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
/** More tokens than one transaction can delete, fewer than two can. */
const MANY = TOKENS_PER_TRANSACTION + 4;

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

/** Empties the fake KVS and builds a new app over it. */
function startApp(): void {
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
}

beforeEach(startApp);

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

interface Change {
  /** Makes the state the change starts from; returns what the change needs. */
  setup(): Promise<{ id: string; secret: string }>;
  run(target: { id: string }): Promise<{ status: number }>;
}

const CHANGES: Record<string, Change> = {
  'a create': {
    setup: async () => ({ id: '', secret: '' }),
    run: () =>
      app.runOperation('createToken', { name: 'Half', validity: 'never' }, callerOf('alice')),
  },
  'a rotation': {
    setup: async () =>
      token('alice', 'Rotated').then((made) => ({ id: made.id, secret: made.token })),
    run: ({ id }) => app.runOperation('rotateToken', { id }, callerOf('alice')),
  },
  'a deletion': {
    setup: async () => token('alice', 'Kept').then((made) => ({ id: made.id, secret: made.token })),
    run: ({ id }) => app.runOperation('deleteToken', { id }, callerOf('alice')),
  },
  'a rename': {
    setup: async () => token('alice', 'Kept').then((made) => ({ id: made.id, secret: made.token })),
    run: ({ id }) => app.runOperation('renameToken', { id, name: 'Other' }, callerOf('alice')),
  },
  'revoking all tokens of a user': {
    setup: async () => {
      await token('alice', 'Also kept');
      return token('alice', 'Kept').then((made) => ({ id: made.id, secret: made.token }));
    },
    run: () => app.runOperation('deleteUserTokens', { user: 'alice' }, callerOf('admin')),
  },
  'a settings save': {
    setup: async () => ({ id: '', secret: '' }),
    run: async () => {
      const before = await stores.settings.get();
      return app.runOperation(
        'saveSettings',
        { ...before, adminsOnlyCreate: true },
        callerOf('admin'),
      );
    },
  },
};

describe('a change one of whose transactions fails (@forge/kvs)', () => {
  it.each(Object.keys(CHANGES))(
    '%s: whichever transaction fails, it answers 503 and leaves nothing changed',
    async (name) => {
      const change = CHANGES[name] as Change;
      for (let n = 1; n <= 3; n += 1) {
        startApp();
        const target = await change.setup();
        const before = await storedState(stores);
        failKvs({ paths: nthTransaction(n), times: 1 });

        const result = await change.run(target);

        const after = await storedState(stores);
        if (result.status === 503) {
          expect({ n, state: after }).toEqual({ n, state: before });
        } else {
          // The change needed fewer than n transactions and went through whole.
          expect(result.status).toBeLessThan(300);
          expect(unexplained(after)).toEqual({ tokens: [], removals: [] });
        }
      }
    },
  );

  it('a refused rotation leaves the old secret working, and a retried create makes one token', async () => {
    const old = await token('alice', 'Rotated');
    failKvs({ paths: TRANSACTION, times: 1 });
    expect((await app.runOperation('rotateToken', { id: old.id }, callerOf('alice'))).status).toBe(
      503,
    );
    expect((await stores.tokens.findByHash(hashToken(old.token)))?.id).toBe(old.id);

    failKvs({ paths: TRANSACTION, times: 1 });
    const create = () =>
      app.runOperation('createToken', { name: 'Half', validity: 'never' }, callerOf('bob'));
    expect([(await create()).status, (await create()).status]).toEqual([503, 201]);
    expect((await stores.tokens.listByOwner('acc-bob')).map((stored) => stored.name)).toEqual([
      'Half',
    ]);
  });
});

describe('deleting all of many tokens when a later transaction fails (@forge/kvs)', () => {
  it('leaves no deleted token without the committed record, and a retry finishes', async () => {
    for (let n = 0; n < MANY; n += 1) {
      await token('alice', `Token ${n}`);
    }
    failKvs({ paths: nthTransaction(2), times: 1 });

    const first = await app.runOperation('deleteUserTokens', { user: 'alice' }, callerOf('admin'));

    expect(first.status).toBe(503);
    const state = await storedState(stores);
    const removedAll = state.audit.filter((record) => record.action === 'tokens.deleted_all');
    expect({ left: state.tokens.length, records: removedAll.length }).toEqual({
      left: MANY - TOKENS_PER_TRANSACTION,
      records: 1,
    });
    const retry = await app.runOperation('deleteUserTokens', { user: 'alice' }, callerOf('admin'));
    expect({ status: retry.status, left: (await storedState(stores)).tokens.length }).toEqual({
      status: 200,
      left: 0,
    });
  });
});
