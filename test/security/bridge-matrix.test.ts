/**
 * The authorization matrix through the local bridge (POST /bridge/invoke), as the pages call
 * the operations the Forge resolvers run: every operation × every signed-in role over real
 * HTTP, with a refusal changing nothing. A token is no way into the bridge: only a session is.
 */
import {
  OPERATION_MATRIX,
  parseCell,
  SESSION_ROLES,
  type SessionRole,
} from '../support/role-matrix';
import type { OperationKey } from '../../src/app/contract';
import { setUpMatrix, snapshot } from './matrix-fixture';
import { invoke, resultOf, signIn, type PageSession } from './pages-session';
import { startWorld, type World } from './world';

const USERNAMES: Record<Exclude<SessionRole, 'anonymous'>, string> = {
  user: 'alice',
  otherUser: 'bob',
  admin: 'admin',
};

async function sessionOf(world: World, role: SessionRole): Promise<PageSession | null> {
  if (role === 'anonymous') {
    return null;
  }
  const username = USERNAMES[role];
  return signIn(world.baseUrl, username, `${username}-password`);
}

let world: World;

afterEach(async () => world.close());

describe.each(Object.keys(OPERATION_MATRIX) as OperationKey[])('bridge %s', (key) => {
  it.each(SESSION_ROLES.map((role) => [role, OPERATION_MATRIX[key].expect[role]] as const))(
    'answers %s with %s, and a refusal changes nothing',
    async (role, cell) => {
      world = await startWorld();
      const { fixture } = await setUpMatrix(world);
      const session = await sessionOf(world, role);
      const before = await snapshot(world);

      const reply = await invoke(world.baseUrl, session, {
        functionKey: key,
        payload: OPERATION_MATRIX[key].input(fixture),
      });

      const expected = parseCell(cell);
      const result = resultOf(reply);
      expect({ ...result, code: expected.code === null ? null : result.code }).toEqual(expected);
      if (expected.status >= 400) {
        expect(await snapshot(world)).toBe(before);
      }
    },
  );
});

describe('the bridge and tokens', () => {
  it.each(['user', 'expiredToken', 'readOnlyToken', 'admin'] as const)(
    'refuses a call carrying only a %s credential (401 AUTH_REQUIRED)',
    async (role) => {
      world = await startWorld();
      const { credentials } = await setUpMatrix(world);
      const reply = await invoke(
        world.baseUrl,
        null,
        { functionKey: 'listAllTokens', payload: {} },
        { authorization: credentials[role] ?? '' },
      );
      expect({ http: reply.status, ...resultOf(reply) }).toEqual({
        http: 401,
        status: 401,
        code: 'AUTH_REQUIRED',
      });
    },
  );
});
