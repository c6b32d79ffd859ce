/** The Forge directory over @forge/api: lookups, admin checks, search, caching, failures. */
import { ForgeDirectory } from '../../src/adapters/forge/directory';
import { asInvokingUser } from '../../src/adapters/forge/product-api';
import { StoreUnavailableError, type Logger } from '../../src/ports';
import { invocation } from './support/fake-forge-api';
import { site } from './support/fake-site';
import { ADMIN, ALICE, BOB, freshInstallation } from './support/forge-harness';

jest.mock('@forge/kvs', () => jest.requireActual('../support/fake-kvs').fakeKvsModule);
jest.mock('@forge/api', () => jest.requireActual('./support/fake-forge-api').fakeForgeApi);

const SILENT: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

function directory(product: 'jira' | 'confluence', clock = { now: 0 }): ForgeDirectory {
  return new ForgeDirectory({ product, logger: SILENT, now: () => clock.now });
}

beforeEach(() => freshInstallation());

describe.each(['jira', 'confluence'] as const)('ForgeDirectory on %s', (product) => {
  it('reads a user by account id as the app and checks admin rights as that user', async () => {
    const user = await directory(product).getUser(ADMIN.accountId);

    expect(user).toEqual({
      accountId: ADMIN.accountId,
      username: ADMIN.accountId,
      displayName: 'Ada Admin',
      email: 'ada@example.com',
      isAdmin: true,
      active: true,
    });
    expect(site.calls.map((call) => call.as)).toEqual(['app', `user:${ADMIN.accountId}`]);
  });

  it('reports a regular user as not an admin', async () => {
    expect((await directory(product).getUser(ALICE.accountId))?.isAdmin).toBe(false);
  });

  it('answers null for an unknown account, and for junk without asking the product', async () => {
    const users = directory(product);

    expect(await users.getUser('5b10ac8d82e05b22cc7d4eff')).toBeNull();
    const asked = site.calls.length;
    expect(await users.findUser('../../admin?x=1')).toBeNull();
    expect(await users.getUser('')).toBeNull();
    expect(site.calls.length).toBe(asked);
  });

  it('finds a user by account id with a prefix (557058:…)', async () => {
    expect((await directory(product).findUser(BOB.accountId))?.displayName).toBe('Bob Example');
  });

  it('searches users for the picker, as summaries without an admin check', async () => {
    const found = await directory(product).searchUsers('Example', 20);

    expect(found.map((user) => user.accountId).sort()).toEqual(
      [ADMIN.accountId, ALICE.accountId, BOB.accountId].sort(),
    );
    expect(found.every((user) => !user.isAdmin)).toBe(true);
    expect(site.calls.some((call) => call.as.startsWith('user:'))).toBe(false);
  });

  it('treats a user the platform will not act as as a regular user', async () => {
    site.notImpersonable.add(ADMIN.accountId);

    expect((await directory(product).getUser(ADMIN.accountId))?.isAdmin).toBe(false);
  });

  it('throws StoreUnavailableError when the product does not answer, so callers refuse', async () => {
    site.down = true;

    await expect(directory(product).getUser(ALICE.accountId)).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
  });

  it('reuses a looked-up user for 30 s, then asks again', async () => {
    const clock = { now: 0 };
    const users = directory(product, clock);
    await users.getUser(ALICE.accountId);
    await users.getUser(ALICE.accountId);
    const afterTwo = site.calls.length;
    clock.now = 30_000;

    await users.getUser(ALICE.accountId);

    expect(afterTwo).toBe(2);
    expect(site.calls.length).toBe(4);
  });

  it('checks the invoking user without impersonation', async () => {
    invocation.accountId = ALICE.accountId;

    await asInvokingUser(ALICE.accountId, () => directory(product).getUser(ALICE.accountId));

    expect(site.calls.map((call) => call.as)).toEqual(['app', `invoking:${ALICE.accountId}`]);
  });
});

describe('ForgeDirectory: Jira specifics', () => {
  it('finds a user by the email address the site shows', async () => {
    expect((await directory('jira').findUser('ALICE@example.com'))?.accountId).toBe(
      ALICE.accountId,
    );
  });

  it('reports a deactivated Jira account as inactive', async () => {
    site.users.get(BOB.accountId)!.active = false;

    expect((await directory('jira').getUser(BOB.accountId))?.active).toBe(false);
  });

  it('asks for ADMINISTER in mypermissions', async () => {
    await directory('jira').getUser(ALICE.accountId);

    expect(site.calls[1]?.path).toBe('/rest/api/3/mypermissions?permissions=ADMINISTER');
  });
});

describe('ForgeDirectory: Confluence specifics', () => {
  it('asks for the operations of the current user', async () => {
    await directory('confluence').getUser(ALICE.accountId);

    expect(site.calls[1]?.path).toBe('/wiki/rest/api/user/current?expand=operations');
  });

  it('escapes quotes in the CQL of a user search', async () => {
    await directory('confluence').searchUsers('a" OR user.fullname ~ "b', 5);

    const cql = new URL(site.calls[0]!.path, 'https://x').searchParams.get('cql');
    expect(cql).toBe('type = user AND user.fullname ~ "a\\" OR user.fullname ~ \\"b"');
  });
});
