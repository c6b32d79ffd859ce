/** The daily scheduled trigger, invoked as Forge invokes it: housekeeping of one installation. */
import { FIXED_NOW } from '../support/factories';
import { site } from './support/fake-site';
import {
  ADMIN,
  ALICE,
  BOB,
  createToken,
  freshInstallation,
  invokeResolver,
  runHousekeeping,
} from './support/forge-harness';
import { housekeeping } from '../../src/adapters/forge/index';

jest.mock('@forge/kvs', () => jest.requireActual('../support/fake-kvs').fakeKvsModule);
jest.mock('@forge/api', () => jest.requireActual('./support/fake-forge-api').fakeForgeApi);

const DAY_MS = 86_400_000;

beforeEach(() => {
  jest.useFakeTimers({
    now: FIXED_NOW,
    doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'queueMicrotask'],
  });
  freshInstallation();
});

afterEach(() => jest.useRealTimers());

async function tokenNames(): Promise<string[]> {
  const result = await invokeResolver('listAllTokens', {}, { accountId: ADMIN.accountId });
  const tokens = (result as { data: { tokens: { name: string }[] } }).data.tokens;
  return tokens.map((token) => token.name).sort();
}

describe('scheduled housekeeping', () => {
  it('drops tokens expired over 90 days ago and revokes the tokens of deactivated accounts', async () => {
    await createToken(ALICE, { name: 'Old', validity: '6m' });
    await createToken(BOB, { name: 'Leaver', validity: '2y' });
    await createToken(ADMIN, { name: 'Kept', validity: '2y' });
    site.users.get(BOB.accountId)!.active = false;
    jest.setSystemTime(FIXED_NOW + 300 * DAY_MS);

    const response = await runHousekeeping();

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toEqual({
      ok: true,
      prunedAttempts: 0,
      droppedExpired: 1,
      revokedInactive: 1,
      prunedRevoked: 0,
    });
    expect(await tokenNames()).toEqual(['Kept']);
  });

  it("records housekeeping deletions as the 'system' actor", async () => {
    await createToken(ALICE, { name: 'Old', validity: '6m' });
    jest.setSystemTime(FIXED_NOW + 300 * DAY_MS);

    await runHousekeeping();

    const audit = await invokeResolver(
      'listAudit',
      { action: 'token.deleted' },
      { accountId: ADMIN.accountId },
    );
    expect(audit).toMatchObject({
      ok: true,
      data: { records: [{ actor: { accountId: 'system' }, tokenName: 'Old' }] },
    });
  });

  it('answers 500 and changes nothing when the product does not answer', async () => {
    await createToken(ALICE, { name: 'Old', validity: '6m' });
    jest.setSystemTime(FIXED_NOW + 300 * DAY_MS);
    site.down = true;

    const response = await runHousekeeping();
    site.down = false;

    expect(response.statusCode).toBe(500);
    expect(await tokenNames()).toEqual(['Old']);
  });

  it('answers 500 without an installation context', async () => {
    const response = await housekeeping({}, { installContext: undefined });

    expect(response).toEqual({
      statusCode: 500,
      body: JSON.stringify({ ok: false, reason: 'no installation context' }),
    });
  });
});
