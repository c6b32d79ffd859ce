/**
 * A stand-in for `@forge/api`, answering product calls from the pretend site:
 *
 *   jest.mock('@forge/api', () => jest.requireActual('./support/fake-forge-api').fakeForgeApi);
 *
 * `route` and `assumeTrustedRoute` are the real ones (they only build paths); asApp(),
 * asUser(), asUser(accountId) and fetch() answer from fake-site.ts and record each call.
 */
import type { APIResponse, RequestInit, Route } from '@forge/api';
import { assumeTrustedRoute, route } from '@forge/api/out/safeUrl';

import { answer, site, type ProductCall } from './fake-site';

/** The account the current invocation runs as (what asUser() without an id acts for). */
export const invocation = { accountId: null as string | null };

function toResponse(
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): APIResponse {
  const text = body === undefined ? '' : JSON.stringify(body);
  const all = new Map(Object.entries({ 'content-type': 'application/json', ...headers }));
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: String(status),
    headers: {
      get: (name) => all.get(name.toLowerCase()) ?? null,
      has: (name) => all.has(name.toLowerCase()),
      set: (name, value) => void all.set(name.toLowerCase(), value),
      append: (name, value) => void all.set(name.toLowerCase(), value),
      delete: (name) => void all.delete(name.toLowerCase()),
      forEach: (callback) => all.forEach((value, key) => callback(value, key)),
    },
    text: async () => text,
    json: async () => JSON.parse(text) as unknown,
    arrayBuffer: async () => new TextEncoder().encode(text).buffer as ArrayBuffer,
  };
}

function headersOf(init: RequestInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(init?.headers ?? {})) {
    out[name.toLowerCase()] = value;
  }
  return out;
}

function call(
  product: ProductCall['product'],
  as: string,
  path: string,
  init?: RequestInit,
): APIResponse {
  if (site.unreachable) {
    throw new Error('socket hang up');
  }
  const body = typeof init?.body === 'string' ? init.body : undefined;
  const result = answer({
    product,
    as,
    method: init?.method ?? 'GET',
    path,
    headers: headersOf(init),
    body,
  });
  return toResponse(result.status, result.body, result.headers);
}

function requester(as: string): {
  requestJira: (path: Route, init?: RequestInit) => Promise<APIResponse>;
  requestConfluence: (path: Route, init?: RequestInit) => Promise<APIResponse>;
} {
  return {
    requestJira: async (path, init) => call('jira', as, path.value, init),
    requestConfluence: async (path, init) => call('confluence', as, path.value, init),
  };
}

const api = {
  asApp: () => requester('app'),
  asUser: (accountId?: string) =>
    requester(
      accountId === undefined
        ? `invoking:${invocation.accountId ?? '(nobody)'}`
        : `user:${accountId}`,
    ),
  fetch: async (url: string, init?: RequestInit): Promise<APIResponse> => {
    const parsed = new URL(url);
    return call('site', `host:${parsed.host}`, `${parsed.pathname}${parsed.search}`, init);
  },
};

/** What `jest.mock('@forge/api', …)` should return. */
export const fakeForgeApi = {
  __esModule: true,
  default: api,
  ...api,
  route,
  assumeTrustedRoute,
};
