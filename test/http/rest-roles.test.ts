/**
 * The REST API's statuses for an administrator, a regular user and an anonymous caller on
 * every route, through real HTTP against a started server.
 */
import { REST_ROUTES } from '../../src/app/rest-routes';
import { basic, startTestServer, type TestServer } from '../support/server';
import { call, codeOf, createTokenWithPassword, type Answer } from './client';

type Role = 'admin' | 'user' | 'anonymous';

interface Row {
  method: string;
  /** The route as REST_ROUTES writes it. */
  route: string;
  /** Prepares what the call needs (fresh targets for changing calls); returns path and body. */
  prepare: () => Promise<{ path: string; body?: unknown }>;
  expected: Record<Role, number>;
}

let server: TestServer;
const auth: Record<Role, string | undefined> = { admin: '', user: '', anonymous: undefined };

beforeAll(async () => {
  server = await startTestServer();
  auth.admin = basic('admin', (await createTokenWithPassword(server.baseUrl, 'admin')).token);
  auth.user = basic('alice', (await createTokenWithPassword(server.baseUrl, 'alice')).token);
});
afterAll(async () => {
  await server.close();
});

/** A fresh token of alice's: the user's own, which the admin may also manage. */
async function aliceTokenId(): Promise<string> {
  return (await createTokenWithPassword(server.baseUrl, 'alice')).id;
}

async function currentSettings(): Promise<unknown> {
  return (await call(server.baseUrl, 'GET', '/api/v1/settings', { authorization: auth.admin }))
    .body;
}

let names = 0;
const unique = (prefix: string): string => `${prefix} ${++names}`;
const fixed = (path: string, body?: unknown) => async () => ({ path, body });
const ANY = { admin: 200, user: 200, anonymous: 401 };
const ADMIN_ONLY = { admin: 200, user: 403, anonymous: 401 };

const ROWS: Row[] = [
  { method: 'GET', route: '/api/v1/me', prepare: fixed('/api/v1/me'), expected: ANY },
  { method: 'GET', route: '/api/v1/tokens', prepare: fixed('/api/v1/tokens'), expected: ANY },
  {
    method: 'POST',
    route: '/api/v1/tokens',
    prepare: async () => ({
      path: '/api/v1/tokens',
      body: {
        name: `matrix ${Date.now()} ${Math.floor(performance.now() * 1000)}`,
        validity: '6m',
      },
    }),
    expected: { admin: 201, user: 201, anonymous: 401 },
  },
  {
    method: 'PATCH',
    route: '/api/v1/tokens/{id}',
    prepare: async () => ({
      path: `/api/v1/tokens/${await aliceTokenId()}`,
      body: { name: unique('renamed') },
    }),
    expected: ANY,
  },
  {
    method: 'POST',
    route: '/api/v1/tokens/{id}/rotate',
    prepare: async () => ({ path: `/api/v1/tokens/${await aliceTokenId()}/rotate` }),
    expected: { admin: 201, user: 201, anonymous: 401 },
  },
  {
    method: 'DELETE',
    route: '/api/v1/tokens/{id}',
    prepare: async () => ({ path: `/api/v1/tokens/${await aliceTokenId()}` }),
    expected: { admin: 204, user: 204, anonymous: 401 },
  },
  {
    method: 'DELETE',
    route: '/api/v1/users/{user}/tokens',
    prepare: fixed('/api/v1/users/bob/tokens'),
    expected: ADMIN_ONLY,
  },
  {
    method: 'GET',
    route: '/api/v1/admin/tokens',
    prepare: fixed('/api/v1/admin/tokens?limit=5'),
    expected: ADMIN_ONLY,
  },
  {
    method: 'GET',
    route: '/api/v1/settings',
    prepare: fixed('/api/v1/settings'),
    expected: ADMIN_ONLY,
  },
  {
    method: 'PUT',
    route: '/api/v1/settings',
    prepare: async () => ({ path: '/api/v1/settings', body: await currentSettings() }),
    expected: ADMIN_ONLY,
  },
  {
    method: 'GET',
    route: '/api/v1/ip-check',
    prepare: fixed('/api/v1/ip-check?ip=10.0.0.1'),
    expected: ADMIN_ONLY,
  },
  { method: 'GET', route: '/api/v1/audit', prepare: fixed('/api/v1/audit'), expected: ADMIN_ONLY },
  {
    method: 'GET',
    route: '/api/v1/failures',
    prepare: fixed('/api/v1/failures'),
    expected: ADMIN_ONLY,
  },
  {
    method: 'GET',
    route: '/api/v1/users/{user}/failures',
    prepare: fixed('/api/v1/users/bob/failures'),
    expected: ADMIN_ONLY,
  },
  {
    method: 'DELETE',
    route: '/api/v1/users/{user}/failures',
    prepare: fixed('/api/v1/users/bob/failures'),
    expected: ADMIN_ONLY,
  },
  {
    method: 'GET',
    route: '/api/v1/users',
    prepare: fixed('/api/v1/users?query=a'),
    expected: ADMIN_ONLY,
  },
];

const CASES = ROWS.flatMap((row) =>
  (['admin', 'user', 'anonymous'] as const).map(
    (role) => [row.method, row.route, role, row] as const,
  ),
);

describe('REST API statuses by role', () => {
  it('covers every route of the REST API', () => {
    const covered = ROWS.map((row) => `${row.method} ${row.route}`).sort();
    expect(covered).toEqual(REST_ROUTES.map((route) => `${route.method} ${route.path}`).sort());
  });

  it.each(CASES)('%s %s as %s', async (method, _route, role, row) => {
    const { path, body } = await row.prepare();
    const answer = await call(server.baseUrl, method, path, { authorization: auth[role], body });
    expect({ status: answer.status, code: codeOf(answer) }).toEqual({
      status: row.expected[role],
      code: expectedCode(row.expected[role], role),
    });
    expectErrorShape(answer);
  });

  it('answers /healthz without credentials', async () => {
    const answer = await call(server.baseUrl, 'GET', '/healthz');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'ok' });
  });
});

function expectedCode(status: number, role: Role): string | undefined {
  if (status === 401) {
    return 'AUTH_REQUIRED';
  }
  if (status === 403 && role === 'user') {
    return 'ADMIN_REQUIRED';
  }
  return undefined;
}

/** Every error is {code, message, requestId} and says so in a header too. */
function expectErrorShape(answer: Answer): void {
  if (answer.status < 400) {
    return;
  }
  const body = answer.body as Record<string, unknown>;
  expect(Object.keys(body).sort()).toEqual(
    body.details === undefined
      ? ['code', 'message', 'requestId']
      : ['code', 'details', 'message', 'requestId'],
  );
  expect(body.requestId).toBe(answer.headers.get('x-request-id'));
  if (answer.status === 401) {
    expect(answer.headers.get('www-authenticate')).toBe('Basic realm="REST API", charset="UTF-8"');
  }
}
