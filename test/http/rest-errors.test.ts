/** The management API's answers to bad input, others' resources and conflicts, over HTTP. */
import { basic, startTestServer, type TestServer } from '../support/server';
import { call, codeOf, createTokenWithPassword } from './client';

let server: TestServer;
let admin: string;
let alice: string;
let bob: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = basic('admin', (await createTokenWithPassword(server.baseUrl, 'admin')).token);
  alice = basic('alice', (await createTokenWithPassword(server.baseUrl, 'alice')).token);
  bob = basic('bob', (await createTokenWithPassword(server.baseUrl, 'bob')).token);
});
afterAll(async () => {
  await server.close();
});

describe('REST API input and ownership', () => {
  it('answers 404 to a user acting on another user’s token, and lets an admin act on it', async () => {
    const { id } = await createTokenWithPassword(server.baseUrl, 'alice');
    const asBob = await call(server.baseUrl, 'DELETE', `/api/v1/tokens/${id}`, {
      authorization: bob,
    });
    expect([asBob.status, codeOf(asBob)]).toEqual([404, 'NOT_FOUND']);
    const asAdmin = await call(server.baseUrl, 'DELETE', `/api/v1/tokens/${id}`, {
      authorization: admin,
    });
    expect(asAdmin.status).toBe(204);
    expect(asAdmin.text).toBe('');
  });

  it('lets an admin create a token on behalf of a user, and refuses the same to a user', async () => {
    const body = { name: 'for bob', validity: '1y', user: 'bob' };
    const byAdmin = await call(server.baseUrl, 'POST', '/api/v1/tokens', {
      authorization: admin,
      body,
    });
    expect(byAdmin.status).toBe(201);
    const created = byAdmin.body as { ownerId: string; createdBy: string; token: string };
    expect(created.ownerId).not.toBe(created.createdBy);
    const myself = await call(server.baseUrl, 'GET', '/rest/api/2/myself', {
      authorization: basic('bob', created.token),
    });
    expect((myself.body as { name: string }).name).toBe('bob');

    const byAlice = await call(server.baseUrl, 'POST', '/api/v1/tokens', {
      authorization: alice,
      body: { ...body, name: 'sneaky' },
    });
    expect([byAlice.status, codeOf(byAlice)]).toEqual([403, 'ADMIN_REQUIRED']);
  });

  it('accepts DELETE and rotate sent with Content-Type: application/json and an empty body', async () => {
    const json = { 'content-type': 'application/json' };
    const first = await createTokenWithPassword(server.baseUrl, 'alice');
    const rotated = await call(server.baseUrl, 'POST', `/api/v1/tokens/${first.id}/rotate`, {
      authorization: alice,
      headers: json,
    });
    expect(rotated.status).toBe(201);
    const { id } = rotated.body as { id: string };

    const deleted = await call(server.baseUrl, 'DELETE', `/api/v1/tokens/${id}`, {
      authorization: alice,
      headers: json,
    });
    expect(deleted.status).toBe(204);
  });

  it('still refuses an empty JSON body where the operation needs one, and bad JSON anywhere', async () => {
    const json = { 'content-type': 'application/json' };
    const created = await call(server.baseUrl, 'POST', '/api/v1/tokens', {
      authorization: alice,
      headers: json,
    });
    expect([created.status, codeOf(created)]).toEqual([400, 'INVALID_INPUT']);
    const { id } = await createTokenWithPassword(server.baseUrl, 'alice');
    const garbled = await call(server.baseUrl, 'DELETE', `/api/v1/tokens/${id}`, {
      authorization: alice,
      body: '{"a":',
    });
    expect([garbled.status, codeOf(garbled)]).toEqual([400, 'INVALID_INPUT']);
  });

  it('answers 400 with details naming each bad field', async () => {
    const answer = await call(server.baseUrl, 'POST', '/api/v1/tokens', {
      authorization: alice,
      body: { name: '', validity: '3y' },
    });
    expect([answer.status, codeOf(answer)]).toEqual([400, 'INVALID_INPUT']);
    const fields = (answer.body as { details: { field: string }[] }).details.map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['validity']));
  });

  it('answers 409 NAME_TAKEN for a second token with the same name in another case', async () => {
    const body = { name: 'Deploy', validity: '6m' };
    await call(server.baseUrl, 'POST', '/api/v1/tokens', { authorization: alice, body });
    const again = await call(server.baseUrl, 'POST', '/api/v1/tokens', {
      authorization: alice,
      body: { ...body, name: 'deploy' },
    });
    expect([again.status, codeOf(again)]).toEqual([409, 'NAME_TAKEN']);
  });

  it('answers 409 VERSION_CONFLICT with the stored settings to a stale save, storing nothing', async () => {
    const read = await call(server.baseUrl, 'GET', '/api/v1/settings', { authorization: admin });
    const settings = read.body as { version: number };
    const first = await call(server.baseUrl, 'PUT', '/api/v1/settings', {
      authorization: admin,
      body: { ...settings, maxValidity: '2y' },
    });
    expect(first.status).toBe(200);
    const stale = await call(server.baseUrl, 'PUT', '/api/v1/settings', {
      authorization: admin,
      body: { ...settings, maxValidity: '6m' },
    });
    expect([stale.status, codeOf(stale)]).toEqual([409, 'VERSION_CONFLICT']);
    expect((stale.body as { current: { maxValidity: string } }).current.maxValidity).toBe('2y');
    const restore = { ...(first.body as object), maxValidity: 'never' };
    expect(
      (
        await call(server.baseUrl, 'PUT', '/api/v1/settings', {
          authorization: admin,
          body: restore,
        })
      ).status,
    ).toBe(200);
  });

  it('rejects a whole settings save when one IP entry among good ones is bad', async () => {
    const read = await call(server.baseUrl, 'GET', '/api/v1/settings', { authorization: admin });
    const answer = await call(server.baseUrl, 'PUT', '/api/v1/settings', {
      authorization: admin,
      body: { ...(read.body as object), ipAllowlist: ['10.0.0.0/8', '300.1.1.1', '::1'] },
    });
    expect([answer.status, codeOf(answer)]).toEqual([400, 'INVALID_INPUT']);
    expect((answer.body as { details: { field: string }[] }).details[0]?.field).toBe(
      'ipAllowlist[1]',
    );
    const after = await call(server.baseUrl, 'GET', '/api/v1/settings', { authorization: admin });
    expect(after.body).toEqual(read.body);
  });

  it('answers 404 for an unknown user', async () => {
    const answer = await call(server.baseUrl, 'GET', '/api/v1/users/nobody/failures', {
      authorization: admin,
    });
    expect([answer.status, codeOf(answer)]).toEqual([404, 'NOT_FOUND']);
  });

  it('exports the audit log as CSV', async () => {
    const answer = await call(server.baseUrl, 'GET', '/api/v1/audit?format=csv', {
      authorization: admin,
    });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(answer.headers.get('content-disposition')).toBe('attachment; filename="audit.csv"');
    expect(answer.text).toMatch(/token\.created/);
  });
});

describe('REST API transport errors', () => {
  it('answers 400 INVALID_INPUT to a body that is not JSON', async () => {
    const answer = await call(server.baseUrl, 'POST', '/api/v1/tokens', {
      authorization: alice,
      body: '{"name": "x",',
    });
    expect([answer.status, codeOf(answer)]).toEqual([400, 'INVALID_INPUT']);
    expect((answer.body as { message: string }).message).toBe(
      'The request body is not valid JSON.',
    );
  });

  it('refuses an unauthenticated request before reading its body', async () => {
    const answer = await call(server.baseUrl, 'POST', '/api/v1/tokens', { body: '{not json' });
    expect([answer.status, codeOf(answer)]).toEqual([401, 'AUTH_REQUIRED']);
  });

  it('answers 415 to a body that is not application/json', async () => {
    const answer = await call(server.baseUrl, 'POST', '/api/v1/tokens', {
      authorization: alice,
      body: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect([answer.status, codeOf(answer)]).toEqual([415, 'INVALID_INPUT']);
  });

  it('answers 413 to a body over the limit', async () => {
    const answer = await call(server.baseUrl, 'POST', '/api/v1/tokens', {
      authorization: alice,
      body: JSON.stringify({ name: 'x'.repeat(2 * 1024 * 1024), validity: '6m' }),
    });
    expect([answer.status, codeOf(answer)]).toEqual([413, 'INVALID_INPUT']);
  });

  it('answers 404 JSON to an unknown /api/v1 route', async () => {
    const answer = await call(server.baseUrl, 'GET', '/api/v1/nothing-here', {
      authorization: admin,
    });
    expect([answer.status, codeOf(answer)]).toEqual([404, 'NOT_FOUND']);
    expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('marks every /api/v1 answer no-store and sends no server banner', async () => {
    for (const [path, authorization] of [
      ['/api/v1/me', alice],
      ['/api/v1/me', undefined],
      ['/api/v1/unknown', alice],
    ] as const) {
      const answer = await call(server.baseUrl, 'GET', path, { authorization });
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.headers.get('server')).toBeNull();
      expect(answer.headers.get('x-powered-by')).toBeNull();
    }
  });
});
