/**
 * Rows 1–5 of the authentication decision (DESIGN.md §3) — unavailable storage, IP
 * restrictions, missing and malformed credentials, failed-attempt lock — through the web
 * trigger's Forge request shape. Rows 6–10: webtrigger-decision-token.test.ts.
 */
import { CLIENT_IP_HEADER_VARIABLE } from '../../src/adapters/forge/webtrigger-http';
import { failKvs } from '../support/fake-kvs';
import { site } from './support/fake-site';
import {
  ALICE,
  basic,
  bodyOf,
  callWebTrigger,
  changeSettings,
  createToken,
} from './support/forge-harness';
import { MYSELF, fromClient, useWebTriggerWorld } from './support/webtrigger-world';

jest.mock('@forge/kvs', () => jest.requireActual('../support/fake-kvs').fakeKvsModule);
jest.mock('@forge/api', () => jest.requireActual('./support/fake-forge-api').fakeForgeApi);

useWebTriggerWorld();

describe('web trigger: the authentication decision, rows 1 to 5', () => {
  it('row 1: refuses with 503 UNAVAILABLE when storage does not answer, even with a good token', async () => {
    const { secret } = await createToken(ALICE);
    failKvs();

    const response = await callWebTrigger({
      path: MYSELF,
      headers: fromClient(basic(ALICE.accountId, secret)),
    });

    expect(response.statusCode).toBe(503);
    expect(bodyOf(response)).toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('row 1: refuses with 503 UNAVAILABLE when the product cannot say who owns the token', async () => {
    const { secret } = await createToken(ALICE);
    site.down = true;

    const response = await callWebTrigger({
      path: MYSELF,
      headers: fromClient([`Bearer ${secret}`]),
    });

    expect(response.statusCode).toBe(503);
  });

  it('row 2: refuses an address outside the IP restrictions with 403 IP_NOT_ALLOWED', async () => {
    const { secret } = await createToken(ALICE);
    await changeSettings({ ipAllowlist: ['203.0.113.0/24'] });

    const response = await callWebTrigger({
      path: MYSELF,
      headers: fromClient([`Bearer ${secret}`]),
    });

    expect(response.statusCode).toBe(403);
    expect(bodyOf(response)).toMatchObject({ code: 'IP_NOT_ALLOWED' });
  });

  it('row 2: fails closed when IP restrictions are set and no client address header is configured', async () => {
    const { secret } = await createToken(ALICE);
    await changeSettings({ ipAllowlist: ['198.51.100.0/24'] });
    delete process.env[CLIENT_IP_HEADER_VARIABLE];

    const response = await callWebTrigger({
      path: MYSELF,
      headers: fromClient([`Bearer ${secret}`]),
    });

    expect(bodyOf(response)).toMatchObject({ code: 'IP_NOT_ALLOWED' });
  });

  it('row 2: judges the right-most hop of the configured header, not one a client prepended', async () => {
    const { secret } = await createToken(ALICE);
    await changeSettings({ ipAllowlist: ['198.51.100.0/24'] });

    const spoofed = await callWebTrigger({
      path: MYSELF,
      headers: fromClient([`Bearer ${secret}`], ['198.51.100.9, 192.0.2.50']),
    });
    const allowed = await callWebTrigger({
      path: MYSELF,
      headers: fromClient([`Bearer ${secret}`]),
    });

    expect([spoofed.statusCode, allowed.statusCode]).toEqual([403, 200]);
  });

  it('row 3: asks for credentials with 401 AUTH_REQUIRED and WWW-Authenticate: Basic', async () => {
    const response = await callWebTrigger({ path: MYSELF, headers: fromClient(undefined) });

    expect(response.statusCode).toBe(401);
    expect(bodyOf(response)).toMatchObject({ code: 'AUTH_REQUIRED' });
    expect(response.headers?.['www-authenticate']?.[0]).toMatch(/^Basic realm=/);
  });

  it('row 4: refuses a malformed Authorization header with 401 BAD_CREDENTIALS', async () => {
    const response = await callWebTrigger({
      path: MYSELF,
      headers: fromClient(['Basic !!not-base64!!']),
    });

    expect(response.statusCode).toBe(401);
    expect(bodyOf(response)).toMatchObject({ code: 'BAD_CREDENTIALS' });
  });

  it('row 5: locks an address after 10 failures with 429 and Retry-After, even for a good token', async () => {
    const { secret } = await createToken(ALICE);
    await changeSettings({ passwordAuthEnabled: false });
    for (let i = 0; i < 10; i += 1) {
      await callWebTrigger({ path: MYSELF, headers: fromClient(basic(ALICE.accountId, 'wrong')) });
    }

    const response = await callWebTrigger({
      path: MYSELF,
      headers: fromClient([`Bearer ${secret}`]),
    });
    const elsewhere = await callWebTrigger({
      path: MYSELF,
      headers: fromClient([`Bearer ${secret}`], ['192.0.2.1']),
    });

    expect(response.statusCode).toBe(429);
    expect(bodyOf(response)).toMatchObject({ code: 'TOO_MANY_FAILURES' });
    expect(response.headers?.['retry-after']).toEqual(['900']);
    expect(elsewhere.statusCode).toBe(200);
  });
});
