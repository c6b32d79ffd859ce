/** The resolver functions, invoked with the call shape the Forge platform uses. */
import { RESOLVER_KEYS } from '../../src/adapters/forge/resolvers';
import { OPERATIONS } from '../../src/app/operations';
import { kvsCounts, resetKvsCounts } from '../support/fake-kvs';
import { site } from './support/fake-site';
import {
  ADMIN,
  ALICE,
  BOB,
  CONFLUENCE_SITE,
  freshInstallation,
  invokeResolver,
} from './support/forge-harness';

jest.mock('@forge/kvs', () => jest.requireActual('../support/fake-kvs').fakeKvsModule);
jest.mock('@forge/api', () => jest.requireActual('./support/fake-forge-api').fakeForgeApi);

const asAdmin = { accountId: ADMIN.accountId };
const asAlice = { accountId: ALICE.accountId };

beforeEach(() => freshInstallation());

describe('resolver definitions', () => {
  it('defines exactly one resolver per operation of the app', () => {
    expect([...RESOLVER_KEYS].sort()).toEqual(Object.keys(OPERATIONS).sort());
    expect(new Set(RESOLVER_KEYS).size).toBe(RESOLVER_KEYS.length);
  });

  it.each(RESOLVER_KEYS)(
    'answers %s with an OperationResult through the Forge call shape',
    async (key) => {
      const result = await invokeResolver(key, {}, asAdmin);

      expect(typeof result.ok).toBe('boolean');
      expect(result.status).toBeGreaterThanOrEqual(200);
      expect(result.status).toBeLessThan(600);
    },
  );

  it('refuses a function key that is not an operation', async () => {
    await expect(invokeResolver('getSecretStorageKey', {}, asAdmin)).rejects.toThrow(
      "Resolver has no definition for 'getSecretStorageKey'.",
    );
  });
});

describe('resolvers run as the invoking user', () => {
  it('answers getMe for an admin with the admin flag, all validity options and no client address', async () => {
    const result = await invokeResolver('getMe', {}, asAdmin);

    expect(result).toMatchObject({
      ok: true,
      status: 200,
      data: { accountId: ADMIN.accountId, isAdmin: true, canCreateTokens: true, clientIp: null },
    });
  });

  it('checks admin rights as the invoking user, without impersonation', async () => {
    await invokeResolver('getMe', {}, asAdmin);

    const checks = site.calls.filter((call) => call.path.includes('mypermissions'));
    expect(checks.map((call) => call.as)).toEqual([`invoking:${ADMIN.accountId}`]);
  });

  it('refuses an admin operation to a non-admin context with 403 ADMIN_REQUIRED', async () => {
    const result = await invokeResolver('getSettings', {}, asAlice);

    expect(result).toMatchObject({ ok: false, status: 403, error: { code: 'ADMIN_REQUIRED' } });
  });

  it('lets a non-admin create and list their own tokens, returning the secret once', async () => {
    const created = await invokeResolver('createToken', { name: 'CI', validity: '1y' }, asAlice);
    const listed = await invokeResolver('listTokens', {}, asAlice);

    expect(created).toMatchObject({
      ok: true,
      status: 201,
      data: { name: 'CI', ownerId: ALICE.accountId },
    });
    const secret = (created as { data: { token: string } }).data.token;
    expect(secret).toMatch(/^atat_[0-9A-Za-z]{34}$/);
    expect(JSON.stringify(listed)).not.toContain(secret);
    expect(listed).toMatchObject({ ok: true, data: { tokens: [{ name: 'CI' }] } });
  });

  it("hides another user's token from a non-admin (404) but lets an admin delete it (204)", async () => {
    const created = await invokeResolver(
      'createToken',
      { name: 'Bob', validity: '6m' },
      { accountId: BOB.accountId },
    );
    const id = (created as { data: { id: string } }).data.id;

    expect(await invokeResolver('deleteToken', { id }, asAlice)).toMatchObject({ status: 404 });
    expect(await invokeResolver('deleteToken', { id }, asAdmin)).toMatchObject({
      ok: true,
      status: 204,
    });
  });

  it('answers 401 AUTH_REQUIRED to a call without a principal and reads nothing', async () => {
    resetKvsCounts();

    const result = await invokeResolver('listTokens', {}, { accountId: undefined });

    expect(result).toMatchObject({ ok: false, status: 401, error: { code: 'AUTH_REQUIRED' } });
    expect(kvsCounts().reads + kvsCounts().writes).toBe(0);
  });

  it('answers 400 with details for an invalid payload', async () => {
    const result = await invokeResolver('createToken', { name: '', validity: '5y' }, asAlice);

    expect(result).toMatchObject({ ok: false, status: 400, error: { code: 'INVALID_INPUT' } });
  });

  it('keeps each installation apart: a Confluence token is not listed on Jira', async () => {
    await invokeResolver(
      'createToken',
      { name: 'Wiki', validity: '6m' },
      { ...asAlice, installContext: CONFLUENCE_SITE },
    );

    const onConfluence = await invokeResolver(
      'listTokens',
      {},
      { ...asAlice, installContext: CONFLUENCE_SITE },
    );

    expect(onConfluence).toMatchObject({ ok: true, data: { tokens: [{ name: 'Wiki' }] } });
  });

  it('answers 503 UNAVAILABLE when the product does not answer the user lookup', async () => {
    site.down = true;

    const result = await invokeResolver('getMe', {}, asAdmin);

    expect(result).toMatchObject({ ok: false, status: 503, error: { code: 'UNAVAILABLE' } });
  });
});
