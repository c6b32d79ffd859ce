/** The REST API (/api/v1) as data: which operation each route runs and where its payload comes from. */
import type { OperationKey } from './contract';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RestRoute {
  method: HttpMethod;
  /** With `{param}` placeholders, e.g. /api/v1/tokens/{id}. */
  path: string;
  operation: OperationKey;
  /** Where the payload is read from; path parameters are always added to it. */
  input: 'query' | 'body' | 'none';
  params?: string[];
}

export const REST_ROUTES: readonly RestRoute[] = [
  { method: 'GET', path: '/api/v1/me', operation: 'getMe', input: 'none' },
  { method: 'GET', path: '/api/v1/tokens', operation: 'listTokens', input: 'query' },
  { method: 'POST', path: '/api/v1/tokens', operation: 'createToken', input: 'body' },
  route('PATCH', '/api/v1/tokens/{id}', 'renameToken', 'body'),
  route('POST', '/api/v1/tokens/{id}/rotate', 'rotateToken', 'none'),
  route('DELETE', '/api/v1/tokens/{id}', 'deleteToken', 'none'),
  route('DELETE', '/api/v1/users/{user}/tokens', 'deleteUserTokens', 'none'),
  { method: 'GET', path: '/api/v1/admin/tokens', operation: 'listAllTokens', input: 'query' },
  { method: 'GET', path: '/api/v1/settings', operation: 'getSettings', input: 'none' },
  { method: 'PUT', path: '/api/v1/settings', operation: 'saveSettings', input: 'body' },
  { method: 'GET', path: '/api/v1/ip-check', operation: 'checkIp', input: 'query' },
  { method: 'GET', path: '/api/v1/audit', operation: 'listAudit', input: 'query' },
  { method: 'GET', path: '/api/v1/failures', operation: 'listFailures', input: 'none' },
  route('GET', '/api/v1/users/{user}/failures', 'getUserFailures', 'none'),
  route('DELETE', '/api/v1/users/{user}/failures', 'resetUserFailures', 'none'),
  { method: 'GET', path: '/api/v1/users', operation: 'searchUsers', input: 'query' },
];

function route(
  method: HttpMethod,
  path: string,
  operation: OperationKey,
  input: RestRoute['input'],
): RestRoute {
  const params = [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string);
  return { method, path, operation, input, params };
}

export interface RestMatch {
  route: RestRoute;
  params: Record<string, string>;
}

/** The route for a method and path (no query string), with its decoded parameters; null when none. */
export function matchRestRoute(method: string, path: string): RestMatch | null {
  const segments = path.split('/');
  for (const candidate of REST_ROUTES) {
    if (candidate.method !== method.toUpperCase()) {
      continue;
    }
    const params = matchSegments(candidate.path.split('/'), segments);
    if (params !== null) {
      return { route: candidate, params };
    }
  }
  return null;
}

function matchSegments(pattern: string[], segments: string[]): Record<string, string> | null {
  if (pattern.length !== segments.length) {
    return null;
  }
  const params: Record<string, string> = {};
  for (const [index, part] of pattern.entries()) {
    const segment = segments[index] as string;
    const name = /^\{(\w+)\}$/.exec(part)?.[1];
    if (name === undefined) {
      if (part !== segment) {
        return null;
      }
      continue;
    }
    const value = decodeSegment(segment);
    if (value === null || value === '') {
      return null;
    }
    params[name] = value;
  }
  return params;
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export interface RestCall {
  operation: OperationKey;
  input: unknown;
  /** 'csv': answer the operation's `csv` text as text/csv instead of JSON. */
  responseType: 'json' | 'csv';
}

/**
 * The operation and payload for a matched request: path parameters over the query or body
 * as the route says. GET /api/v1/audit?format=csv runs exportAuditCsv instead of listAudit.
 */
export function restCallFor(
  match: RestMatch,
  request: { query: Record<string, unknown>; body: unknown },
): RestCall {
  const { route: matched, params } = match;
  if (matched.operation === 'listAudit') {
    return auditCall(request.query);
  }
  const sources = { query: request.query, body: request.body, none: {} };
  const source = sources[matched.input];
  const input = isPlainObject(source) ? { ...source, ...params } : source;
  return { operation: matched.operation, input, responseType: 'json' };
}

/** `format=csv`: the export (filters only); `format=json` or none: one page of records. */
function auditCall(query: Record<string, unknown>): RestCall {
  const { format, ...rest } = query;
  if (format === 'csv') {
    const filter = Object.fromEntries(
      Object.entries(rest).filter(([key]) => key !== 'limit' && key !== 'cursor'),
    );
    return { operation: 'exportAuditCsv', input: filter, responseType: 'csv' };
  }
  const input = format === undefined || format === 'json' ? rest : query;
  return { operation: 'listAudit', input, responseType: 'json' };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
