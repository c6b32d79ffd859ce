/**
 * Failed attempts across Forge function instances: each instance answers the lock check from
 * its own snapshot, confirmed every 5 s by the failure marker instead of a query. Failures and
 * resets made on one instance must still reach the others within those 5 s, and while nobody
 * fails, the check must cost no query at all.
 */
import { kvs } from '@forge/kvs';

import { FRESH_MS, SETTLE_MS } from '../../src/adapters/forge/attempt-windows';
import { createKvsStores } from '../../src/adapters/forge/stores';
import { createApp, type App } from '../../src/app/app';
import { kvsRequests, resetFakeKvs } from '../support/fake-kvs';
import { createFakeDirectory } from '../support/fake-directory';
import { FIXED_NOW } from '../support/factories';

jest.mock('@forge/kvs', () => jest.requireActual('../support/fake-kvs').fakeKvsModule);

const ATTACKER_IP = '203.0.113.66';
const SILENT = { debug() {}, info() {}, warn() {}, error() {} };
/** A token-shaped secret no token has (the checksum is right, the token unknown). */
const UNKNOWN_TOKEN = 'atat_0000000000000000000000000000';

let now = FIXED_NOW;
const clock = { now: () => now };
const directory = createFakeDirectory();

/** A function instance: its own caches over the one installation's KVS. */
function instance(): App {
  return createApp({
    stores: createKvsStores({ now: clock.now }),
    directory,
    passwords: null,
    clock,
    logger: SILENT,
  });
}

function bearer(app: App, secret: string, clientIp = ATTACKER_IP): Promise<string> {
  return app
    .authenticate({ method: 'GET', authorization: `Bearer ${secret}`, clientIp, requestId: 'r' })
    .then((outcome) => (outcome.kind === 'refuse' ? outcome.code : outcome.kind));
}

function failureQueries(from: number): number {
  return kvsRequests()
    .slice(from)
    .filter(({ path, body }) => {
      const entity = (body as { entityName?: string } | undefined)?.entityName;
      return path.endsWith('/query') && entity === 'failed-attempt';
    }).length;
}

/**
 * Ten failures naming Alice from ATTACKER_IP on `app`: her deleted token, tried again and
 * again. Returns the codes it was answered with.
 */
async function failAsAlice(app: App): Promise<Set<string>> {
  const alice = { accountId: 'acc-alice', clientIp: '198.51.100.1', requestId: 'alice' };
  const created = await app.runOperation('createToken', { name: 'Old', validity: 'never' }, alice);
  if (!created.ok) {
    throw new Error(created.error.code);
  }
  await app.runOperation('deleteToken', { id: created.data.id }, alice);
  const answers = new Set<string>();
  for (let i = 0; i < 10; i += 1) {
    answers.add(await bearer(app, created.data.token));
  }
  return answers;
}

let bobToken = '';

beforeEach(async () => {
  resetFakeKvs();
  now = FIXED_NOW;
  const setup = instance();
  const created = await setup.runOperation(
    'createToken',
    { name: 'CI', validity: 'never' },
    { accountId: 'acc-bob', clientIp: '198.51.100.1', requestId: 'setup' },
  );
  if (!created.ok) {
    throw new Error(created.error.code);
  }
  bobToken = created.data.token;
});

describe('failed attempts across Forge instances', () => {
  it('locks an address on every instance within 5 s of its failures on another', async () => {
    const guard = instance();
    const attacked = instance();
    expect(await bearer(guard, bobToken)).toBe('allow');

    const answers: string[] = [];
    for (let i = 0; i < 10; i += 1) {
      answers.push(await bearer(attacked, `${UNKNOWN_TOKEN.slice(0, -6)}${i}`));
    }
    now += FRESH_MS;
    const afterwards = await bearer(guard, bobToken);

    expect(answers.every((code) => code === 'BAD_CREDENTIALS')).toBe(true);
    expect(afterwards).toBe('TOO_MANY_FAILURES');
  });

  it("lifts the lock on every instance within 5 s of an admin's reset on another", async () => {
    const guard = instance();
    const admin = instance();
    const answers = await failAsAlice(admin);
    // Long enough after the failures that the guard trusts the marker to announce the reset.
    now += SETTLE_MS + 1;
    const locked = await bearer(guard, bobToken);

    const reset = await admin.runOperation(
      'resetUserFailures',
      { user: 'alice' },
      { accountId: 'acc-admin', clientIp: '198.51.100.1', requestId: 'reset' },
    );
    now += FRESH_MS;
    const unlocked = await bearer(guard, bobToken);

    expect(answers).toEqual(new Set(['TOKEN_EXPIRED']));
    expect(reset).toMatchObject({ ok: true, data: { removed: 10 } });
    expect([locked, unlocked]).toEqual(['TOO_MANY_FAILURES', 'allow']);
  });

  it('lifts the lock on every instance when the reset ends more than 5 s after it began', async () => {
    const guard = instance();
    const admin = instance();
    await failAsAlice(admin);
    now += SETTLE_MS + 1;
    const before = await bearer(guard, bobToken);

    // A reset reads and deletes every failure of the user, a day's worth until the daily
    // prune: many calls. Its deletions are held here while the guard refreshes 5 s later.
    const deleteBatch = kvs.batchDelete.bind(kvs);
    let resume = (): void => undefined;
    const deleting = new Promise<void>((reached) => {
      jest.spyOn(kvs, 'batchDelete').mockImplementationOnce(async (items) => {
        reached();
        await new Promise<void>((go) => {
          resume = go;
        });
        return deleteBatch(items);
      });
    });
    const reset = admin.runOperation(
      'resetUserFailures',
      { user: 'alice' },
      { accountId: 'acc-admin', clientIp: '198.51.100.1', requestId: 'reset' },
    );
    await deleting;
    now += SETTLE_MS + 1;
    const during = await bearer(guard, bobToken);
    resume();
    const removed = await reset;
    now += FRESH_MS;
    const after = await bearer(guard, bobToken);

    expect(removed).toMatchObject({ ok: true, data: { removed: 10 } });
    expect([before, during, after]).toEqual(['TOO_MANY_FAILURES', 'TOO_MANY_FAILURES', 'allow']);
  });

  it('queries no failures while nobody fails, however many refreshes pass', async () => {
    const gateway = instance();
    const from = kvsRequests().length;

    const answers = new Set<string>();
    for (let i = 0; i < 20; i += 1) {
      now += FRESH_MS;
      answers.add(await bearer(gateway, bobToken));
    }

    expect(answers).toEqual(new Set(['allow']));
    expect(failureQueries(from)).toBe(0);
  });

  it('queries again after a failure elsewhere, then stops once the marker has settled', async () => {
    const gateway = instance();
    const other = instance();
    await bearer(gateway, bobToken);
    await bearer(other, UNKNOWN_TOKEN);
    const from = kvsRequests().length;

    for (let i = 0; i < 6; i += 1) {
      now += FRESH_MS;
      await bearer(gateway, bobToken);
    }

    // The first refresh sees the marker move; the second repeats the query (it came too soon
    // after the change to trust); after that the marker alone confirms the snapshot.
    expect(failureQueries(from)).toBe(2);
  });
});
