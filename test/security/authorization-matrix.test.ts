/**
 * The authorization matrix over real HTTP (every REST route × every role) and through the
 * operations every resolver and the local bridge run (every operation × every signed-in role).
 * A refused request changes nothing, and another user never sees the target token.
 */
import { REST_ROUTES } from '../../src/app/rest-routes';
import { OPERATIONS } from '../../src/app/operations';
import {
  OPERATION_MATRIX,
  parseCell,
  REST_MATRIX,
  ROLES,
  SESSION_ROLES,
  type Role,
  type SessionRole,
} from '../support/role-matrix';
import { codeOf, send } from './http';
import { setUpMatrix, snapshot } from './matrix-fixture';
import { callerOf, startWorld, type World } from './world';

const CSV_CASE = 'GET /api/v1/audit?format=csv';

function requestOf(key: string, fixture: { targetTokenId: string; targetUser: string }) {
  const [method = 'GET', rawPath = ''] = key.split(' ');
  const [pathPart = '', keyQuery] = rawPath.split('?');
  const path = pathPart
    .replace('{id}', encodeURIComponent(fixture.targetTokenId))
    .replace('{user}', encodeURIComponent(fixture.targetUser));
  const query = [keyQuery, REST_MATRIX[key]?.query].filter((part) => part !== undefined);
  return { method, path: query.length > 0 ? `${path}?${query.join('&')}` : path };
}

describe('the authorization matrix', () => {
  it('has an expectation for every REST route and names no route that does not exist', () => {
    const routes = REST_ROUTES.map((route) => `${route.method} ${route.path}`);
    expect(Object.keys(REST_MATRIX).sort()).toEqual([...routes, CSV_CASE].sort());
  });

  it('has an expectation for every operation', () => {
    expect(Object.keys(OPERATION_MATRIX).sort()).toEqual(Object.keys(OPERATIONS).sort());
  });
});

describe.each(Object.keys(REST_MATRIX))('REST %s', (key) => {
  let world: World;

  afterEach(async () => world.close());

  it.each(ROLES.map((role) => [role, REST_MATRIX[key]?.expect[role]] as const))(
    'answers %s with %s over HTTP, and a refusal changes nothing',
    async (role: Role, cell) => {
      world = await startWorld();
      const { fixture, credentials } = await setUpMatrix(world);
      const { method, path } = requestOf(key, fixture);
      const before = await snapshot(world);

      const body = REST_MATRIX[key]?.body?.(fixture);
      const reply = await send(world.baseUrl, path, {
        method,
        ...(credentials[role] !== undefined && { auth: credentials[role] }),
        ...(body !== undefined && { body }),
      });

      const expected = parseCell(cell ?? '0');
      expect({ status: reply.status, code: expected.code === null ? null : codeOf(reply) }).toEqual(
        expected,
      );
      if (reply.status >= 400) {
        expect(await snapshot(world)).toBe(before);
      }
      if (role === 'otherUser') {
        expect(reply.text).not.toContain(fixture.targetTokenId);
      }
    },
  );
});

describe.each(Object.keys(OPERATION_MATRIX))('operation %s', (key) => {
  let world: World;

  afterEach(async () => world.close());

  it.each(
    SESSION_ROLES.map(
      (role) =>
        [role, OPERATION_MATRIX[key as keyof typeof OPERATION_MATRIX].expect[role]] as const,
    ),
  )('answers %s with %s, and a refusal changes nothing', async (role: SessionRole, cell) => {
    world = await startWorld();
    const { fixture } = await setUpMatrix(world);
    const operation = OPERATION_MATRIX[key as keyof typeof OPERATION_MATRIX];
    const before = await snapshot(world);
    const caller = role === 'anonymous' ? callerOf('nobody') : callerOf(USERNAMES[role]);

    const result = await world.app.runOperation(
      key as keyof typeof OPERATION_MATRIX,
      operation.input(fixture),
      caller,
    );

    const expected = parseCell(cell);
    const code = result.ok ? null : result.error.code;
    expect({ status: result.status, code: expected.code === null ? null : code }).toEqual(expected);
    if (!result.ok) {
      expect(await snapshot(world)).toBe(before);
    }
  });
});

const USERNAMES: Record<Exclude<SessionRole, 'anonymous'>, string> = {
  user: 'alice',
  otherUser: 'bob',
  admin: 'admin',
};
