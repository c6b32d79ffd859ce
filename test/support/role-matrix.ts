/**
 * The authorization matrix: what each role gets from each REST route and each operation.
 *
 * Roles: anonymous (no credentials), user (alice, with her token), otherUser (bob, acting on
 * alice's things), admin, expiredToken (alice's token past its expiry) and readOnlyToken
 * (alice's read-only token). Every request targets alice's resources: a token of hers made
 * fresh for each case, or her username. Cells are "status" or "status CODE".
 */
import type { OperationKey } from '../../src/app/contract';
import type { Settings } from '../../src/core/types';

export const ROLES = [
  'anonymous',
  'user',
  'otherUser',
  'admin',
  'expiredToken',
  'readOnlyToken',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles that exist for pages and resolvers (a signed-in person; tokens do not apply there). */
export const SESSION_ROLES = ['anonymous', 'user', 'otherUser', 'admin'] as const;
export type SessionRole = (typeof SESSION_ROLES)[number];

/** What a case may refer to; made fresh for each case. */
export interface MatrixFixture {
  /** A token of alice's, not the one any role authenticates with. */
  targetTokenId: string;
  /** alice */
  targetUser: string;
  /** The stored settings when the case starts. */
  settings: Settings;
}

export type Cell = `${number}` | `${number} ${string}`;
type Row<R extends string> = { [K in R]: Cell };

export interface RestCase {
  /** Query string without '?', after {param} substitution. */
  query?: string;
  body?: (fixture: MatrixFixture) => unknown;
  expect: Row<Role>;
}

export interface OperationCase {
  input: (fixture: MatrixFixture) => unknown;
  expect: Row<SessionRole>;
}

const ANON = '401 AUTH_REQUIRED';
const EXPIRED = '401 TOKEN_EXPIRED';
const READ_ONLY = '403 READ_ONLY_TOKEN';
const ADMIN = '403 ADMIN_REQUIRED';
const HIDDEN = '404 NOT_FOUND';

function rest(
  cells: [Cell, Cell, Cell, Cell, Cell, Cell],
  extra: Omit<RestCase, 'expect'> = {},
): RestCase {
  const [anonymous, user, otherUser, admin, expiredToken, readOnlyToken] = cells;
  return { ...extra, expect: { anonymous, user, otherUser, admin, expiredToken, readOnlyToken } };
}

const NEW_TOKEN = (): unknown => ({ name: 'Matrix token', validity: '6m' });
const NEW_NAME = (): unknown => ({ name: 'Renamed by the matrix' });
const CHANGED_SETTINGS = (fixture: MatrixFixture): unknown => ({
  ...fixture.settings,
  passwordAuthEnabled: !fixture.settings.passwordAuthEnabled,
});

/** Every REST route by `METHOD path` (as in REST_ROUTES), plus the CSV export's query form. */
export const REST_MATRIX: Record<string, RestCase> = {
  //                                          anonymous user   otherUser admin  expired  read-only
  'GET /api/v1/me': rest([ANON, '200', '200', '200', EXPIRED, '200']),
  'GET /api/v1/tokens': rest([ANON, '200', '200', '200', EXPIRED, '200']),
  'POST /api/v1/tokens': rest([ANON, '201', '201', '201', EXPIRED, READ_ONLY], { body: NEW_TOKEN }),
  'PATCH /api/v1/tokens/{id}': rest([ANON, '200', HIDDEN, '200', EXPIRED, READ_ONLY], {
    body: NEW_NAME,
  }),
  'POST /api/v1/tokens/{id}/rotate': rest([ANON, '201', HIDDEN, '201', EXPIRED, READ_ONLY]),
  'DELETE /api/v1/tokens/{id}': rest([ANON, '204', HIDDEN, '204', EXPIRED, READ_ONLY]),
  'DELETE /api/v1/users/{user}/tokens': rest([ANON, ADMIN, ADMIN, '200', EXPIRED, READ_ONLY]),
  'GET /api/v1/admin/tokens': rest([ANON, ADMIN, ADMIN, '200', EXPIRED, ADMIN]),
  'GET /api/v1/settings': rest([ANON, ADMIN, ADMIN, '200', EXPIRED, ADMIN]),
  'PUT /api/v1/settings': rest([ANON, ADMIN, ADMIN, '200', EXPIRED, READ_ONLY], {
    body: CHANGED_SETTINGS,
  }),
  'GET /api/v1/ip-check': rest([ANON, ADMIN, ADMIN, '200', EXPIRED, ADMIN], {
    query: 'ip=203.0.113.9',
  }),
  'GET /api/v1/audit': rest([ANON, ADMIN, ADMIN, '200', EXPIRED, ADMIN]),
  'GET /api/v1/audit?format=csv': rest([ANON, ADMIN, ADMIN, '200', EXPIRED, ADMIN]),
  'GET /api/v1/failures': rest([ANON, ADMIN, ADMIN, '200', EXPIRED, ADMIN]),
  'GET /api/v1/users/{user}/failures': rest([ANON, ADMIN, ADMIN, '200', EXPIRED, ADMIN]),
  'DELETE /api/v1/users/{user}/failures': rest([ANON, ADMIN, ADMIN, '200', EXPIRED, READ_ONLY]),
  'GET /api/v1/users': rest([ANON, ADMIN, ADMIN, '200', EXPIRED, ADMIN], { query: 'query=ali' }),
};

function operation(
  cells: [Cell, Cell, Cell, Cell],
  input: (fixture: MatrixFixture) => unknown = () => ({}),
): OperationCase {
  const [anonymous, user, otherUser, admin] = cells;
  return { input, expect: { anonymous, user, otherUser, admin } };
}

const TARGET_ID = (fixture: MatrixFixture): unknown => ({ id: fixture.targetTokenId });
const TARGET_USER = (fixture: MatrixFixture): unknown => ({ user: fixture.targetUser });

/** Every operation (resolvers and the local bridge): the signed-in roles. */
export const OPERATION_MATRIX: Record<OperationKey, OperationCase> = {
  //                                  anonymous user  otherUser admin
  getMe: operation([ANON, '200', '200', '200']),
  listTokens: operation([ANON, '200', ADMIN, '200'], TARGET_USER),
  createToken: operation([ANON, '201', ADMIN, '201'], (fixture) => ({
    name: 'Matrix token',
    validity: '6m',
    user: fixture.targetUser,
  })),
  renameToken: operation([ANON, '200', HIDDEN, '200'], (fixture) => ({
    id: fixture.targetTokenId,
    name: 'Renamed by the matrix',
  })),
  rotateToken: operation([ANON, '201', HIDDEN, '201'], TARGET_ID),
  deleteToken: operation([ANON, '204', HIDDEN, '204'], TARGET_ID),
  deleteUserTokens: operation([ANON, ADMIN, ADMIN, '200'], TARGET_USER),
  listAllTokens: operation([ANON, ADMIN, ADMIN, '200']),
  getSettings: operation([ANON, ADMIN, ADMIN, '200']),
  saveSettings: operation([ANON, ADMIN, ADMIN, '200'], CHANGED_SETTINGS),
  checkIp: operation([ANON, ADMIN, ADMIN, '200'], () => ({ ip: '203.0.113.9' })),
  listAudit: operation([ANON, ADMIN, ADMIN, '200']),
  exportAuditCsv: operation([ANON, ADMIN, ADMIN, '200']),
  listFailures: operation([ANON, ADMIN, ADMIN, '200']),
  getUserFailures: operation([ANON, ADMIN, ADMIN, '200'], TARGET_USER),
  resetUserFailures: operation([ANON, ADMIN, ADMIN, '200'], TARGET_USER),
  searchUsers: operation([ANON, ADMIN, ADMIN, '200'], () => ({ query: 'ali' })),
};

/** A cell as a status and, when it names one, an error code. */
export function parseCell(cell: Cell): { status: number; code: string | null } {
  const [status, code] = cell.split(' ');
  return { status: Number(status), code: code ?? null };
}
