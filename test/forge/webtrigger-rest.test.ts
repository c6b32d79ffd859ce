/** The REST API, /healthz and request hygiene through the web trigger's Forge request shape. */
import { failKvs } from '../support/fake-kvs';
import { FIXED_NOW } from '../support/factories';
import { site } from './support/fake-site';
import {
  ADMIN,
  ALICE,
  BOB,
  basic,
  bodyOf,
  callWebTrigger,
  createToken,
  freshInstallation,
} from './support/forge-harness';

jest.mock('@forge/kvs', () => jest.requireActual('../support/fake-kvs').fakeKvsModule);
jest.mock('@forge/api', () => jest.requireActual('./support/fake-forge-api').fakeForgeApi);

beforeEach(() => {
  jest.useFakeTimers({
    now: FIXED_NOW,
    doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'queueMicrotask'],
  });
  freshInstallation();
});

afterEach(() => jest.useRealTimers());

function bearer(secret: string): Record<string, string[]> {
  return { Authorization: [`Bearer ${secret}`] };
}

describe('web trigger: REST API', () => {
  it('answers GET /api/v1/me for the token owner, without a client address when none is configured', async () => {
    const { secret } = await createToken(ALICE);

    const response = await callWebTrigger({ path: '/api/v1/me', headers: bearer(secret) });

    expect(response.statusCode).toBe(200);
    expect(response.headers?.['content-type']).toEqual(['application/json; charset=utf-8']);
    expect(bodyOf(response)).toMatchObject({
      accountId: ALICE.accountId,
      isAdmin: false,
      clientIp: null,
    });
  });

  it('creates a token for another user as an admin (201) and refuses it to a regular user (403)', async () => {
    const admin = await createToken(ADMIN);
    const alice = await createToken(ALICE);
    const body = JSON.stringify({ name: 'For Bob', validity: '6m', user: BOB.accountId });

    const byAdmin = await callWebTrigger({
      method: 'POST',
      path: '/api/v1/tokens',
      headers: bearer(admin.secret),
      body,
    });
    const byAlice = await callWebTrigger({
      method: 'POST',
      path: '/api/v1/tokens',
      headers: bearer(alice.secret),
      body,
    });

    expect(byAdmin.statusCode).toBe(201);
    expect(bodyOf(byAdmin)).toMatchObject({ name: 'For Bob', ownerId: BOB.accountId });
    expect(byAlice.statusCode).toBe(403);
    expect(bodyOf(byAlice)).toMatchObject({ code: 'ADMIN_REQUIRED' });
  });

  it('deletes a token with 204 and no body, after which it is not a token any more', async () => {
    const { id, secret } = await createToken(ALICE);

    const deleted = await callWebTrigger({
      method: 'DELETE',
      path: `/api/v1/tokens/${id}`,
      headers: bearer(secret),
    });
    const after = await callWebTrigger({ path: '/api/v1/me', headers: bearer(secret) });

    expect([deleted.statusCode, deleted.body]).toEqual([204, '']);
    expect(after.statusCode).toBe(401);
  });

  it('exports the audit log as CSV for an admin (?format=csv)', async () => {
    const { secret } = await createToken(ADMIN, { name: 'Export' });

    const response = await callWebTrigger({
      path: '/api/v1/audit',
      query: { format: ['csv'] },
      headers: bearer(secret),
    });

    expect(response.statusCode).toBe(200);
    expect(response.headers?.['content-type']).toEqual(['text/csv; charset=utf-8']);
    expect(response.body).toContain('token.created');
    expect(response.body).not.toContain(secret);
  });

  it('reads query parameters from the Forge arrays (listAllTokens filters by user)', async () => {
    const admin = await createToken(ADMIN);
    await createToken(BOB, { name: 'Bobs' });

    const response = await callWebTrigger({
      path: '/api/v1/admin/tokens',
      query: { user: [BOB.accountId], limit: ['5'] },
      headers: bearer(admin.secret),
    });

    expect(response.statusCode).toBe(200);
    expect(bodyOf(response)).toMatchObject({
      tokens: [{ name: 'Bobs', owner: { accountId: BOB.accountId } }],
    });
  });

  it('answers 400 INVALID_INPUT for a body that is not JSON', async () => {
    const { secret } = await createToken(ALICE);

    const response = await callWebTrigger({
      method: 'POST',
      path: '/api/v1/tokens',
      headers: bearer(secret),
      body: '{name',
    });

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response)).toMatchObject({
      code: 'INVALID_INPUT',
      requestId: expect.any(String),
    });
  });

  it('answers 401 BAD_CREDENTIALS on the management API for a credential only the site could check', async () => {
    const response = await callWebTrigger({
      path: '/api/v1/me',
      headers: { Authorization: basic(ALICE.email, 'alice-site-password') },
    });

    expect(response.statusCode).toBe(401);
    expect(bodyOf(response)).toMatchObject({ code: 'BAD_CREDENTIALS' });
    expect(site.calls.filter((call) => call.product === 'site')).toEqual([]);
  });

  it('answers 404 NOT_FOUND for a path outside the API and the gateway, before reading credentials', async () => {
    const response = await callWebTrigger({ path: '/admin/secrets' });

    expect(response.statusCode).toBe(404);
    expect(bodyOf(response)).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses dot segments in a gateway path with 400, before forwarding anything', async () => {
    const { secret } = await createToken(ALICE);

    const response = await callWebTrigger({
      path: '/rest/api/3/%2e%2e/%2e%2e/admin',
      headers: bearer(secret),
    });

    expect(response.statusCode).toBe(400);
    expect(site.calls.filter((call) => call.path.includes('admin'))).toEqual([]);
  });
});

describe('web trigger: /healthz and errors', () => {
  it('answers /healthz with 200 when storage answers and 503 when it does not', async () => {
    const healthy = await callWebTrigger({ path: '/healthz' });
    failKvs();
    const unhealthy = await callWebTrigger({ path: '/healthz' });

    expect([healthy.statusCode, unhealthy.statusCode]).toEqual([200, 503]);
  });

  it('answers 503 without an installation context', async () => {
    const response = await callWebTrigger({ path: '/healthz', installContext: 'not-an-ari' });

    expect(response.statusCode).toBe(503);
  });

  it('answers 502 UNAVAILABLE when the product does not answer a forwarded call', async () => {
    const { secret } = await createToken(ALICE);
    await callWebTrigger({ path: '/api/v1/me', headers: bearer(secret) });
    site.unreachable = true;

    const response = await callWebTrigger({ path: '/rest/api/3/myself', headers: bearer(secret) });

    expect(response.statusCode).toBe(502);
    expect(bodyOf(response)).toMatchObject({ code: 'UNAVAILABLE' });
    expect(response.body).not.toContain(secret);
  });

  it("passes the product's own error answer on unchanged", async () => {
    const { secret } = await createToken(ALICE);

    const response = await callWebTrigger({
      path: '/rest/api/3/nothing-here',
      headers: bearer(secret),
    });

    expect(response.statusCode).toBe(404);
    expect(bodyOf(response)).toEqual({ errorMessages: ['not found'] });
  });
});
