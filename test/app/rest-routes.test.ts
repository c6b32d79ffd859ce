/** The REST route table: matching paths, and building each operation's payload. */
import {
  matchRestRoute,
  REST_ROUTES,
  restCallFor,
  type RestMatch,
} from '../../src/app/rest-routes';
import { OPERATIONS } from '../../src/app/operations';

describe('matchRestRoute', () => {
  it('matches fixed paths and methods', () => {
    expect(matchRestRoute('GET', '/api/v1/me')).toMatchObject({
      route: { operation: 'getMe' },
      params: {},
    });
    expect(matchRestRoute('post', '/api/v1/tokens')?.route.operation).toBe('createToken');
    expect(matchRestRoute('PUT', '/api/v1/tokens')).toBeNull();
    expect(matchRestRoute('GET', '/api/v1/unknown')).toBeNull();
  });

  it('decodes path parameters', () => {
    expect(matchRestRoute('DELETE', '/api/v1/users/alice%40example.test/tokens')).toEqual({
      route: expect.objectContaining({ operation: 'deleteUserTokens' }),
      params: { user: 'alice@example.test' },
    });
    expect(matchRestRoute('POST', '/api/v1/tokens/tok_1/rotate')?.params).toEqual({ id: 'tok_1' });
  });

  it('does not match empty or undecodable parameters', () => {
    expect(matchRestRoute('DELETE', '/api/v1/tokens/')).toBeNull();
    expect(matchRestRoute('DELETE', '/api/v1/tokens/%E0%A4%A')).toBeNull();
  });

  it('runs only operations that exist, each route once', () => {
    const keys = REST_ROUTES.map((route) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const route of REST_ROUTES) {
      expect(Object.keys(OPERATIONS)).toContain(route.operation);
    }
  });
});

describe('restCallFor', () => {
  it('puts path parameters over the body so a body cannot retarget the request', () => {
    const match = matchRestRoute('PATCH', '/api/v1/tokens/tok_1');
    expect(match).not.toBeNull();
    if (match !== null) {
      expect(restCallFor(match, { query: {}, body: { name: 'n', id: 'tok_other' } })).toEqual({
        operation: 'renameToken',
        input: { name: 'n', id: 'tok_1' },
        responseType: 'json',
      });
    }
  });

  it('ignores the body of routes that take none', () => {
    const match = matchRestRoute('DELETE', '/api/v1/users/bob/failures');
    if (match !== null) {
      expect(restCallFor(match, { query: { x: '1' }, body: { user: 'alice' } }).input).toEqual({
        user: 'bob',
      });
    }
  });

  it('runs exportAuditCsv for format=csv with the filters only, listAudit otherwise', () => {
    const match = matchRestRoute('GET', '/api/v1/audit');
    if (match !== null) {
      expect(
        restCallFor(match, { query: { format: 'csv', actor: 'admin', limit: '5' }, body: null }),
      ).toEqual({ operation: 'exportAuditCsv', input: { actor: 'admin' }, responseType: 'csv' });
      expect(restCallFor(match, { query: { limit: '5', format: 'json' }, body: null })).toEqual({
        operation: 'listAudit',
        input: { limit: '5' },
        responseType: 'json',
      });
    }
  });

  it.each(['xml', 'CSV', ''])(
    'refuses the audit format %p with "must be csv or json", not as an unknown field',
    (format) => {
      const match = matchRestRoute('GET', '/api/v1/audit');
      expect(match).not.toBeNull();
      const call = restCallFor(match as RestMatch, { query: { format, limit: '5' }, body: null });
      expect(OPERATIONS[call.operation].parse(call.input)).toEqual({
        ok: false,
        errors: [{ field: 'format', reason: 'must be csv or json' }],
      });
    },
  );
});
