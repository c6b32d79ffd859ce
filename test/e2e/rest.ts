/** Calls to the running server's REST API and gateway, for setting the scene and checking the pages' effects. */
import { basic, TEST_USERS } from '../support/server';

/** One of the test server's users, with the password. */
export type TestUser = (typeof TEST_USERS)[keyof typeof TEST_USERS];

/** A JSON request to the management API as `user` (password Basic Auth). */
export async function api(
  baseUrl: string,
  user: TestUser,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization: basic(user.username, user.password),
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
  };
}

/** Changes some settings through PUT /api/v1/settings with the current version. */
export async function changeSettings(
  baseUrl: string,
  changes: Record<string, unknown>,
): Promise<void> {
  const current = await api(baseUrl, TEST_USERS.admin, 'GET', '/api/v1/settings');
  const saved = await api(baseUrl, TEST_USERS.admin, 'PUT', '/api/v1/settings', {
    ...current.body,
    ...changes,
  });
  if (saved.status !== 200) {
    throw new Error(`settings not saved: ${saved.status} ${JSON.stringify(saved.body)}`);
  }
}

/** GET /rest/api/2/myself through the gateway with Basic `user:secret`; returns the status and the name seen. */
export async function myself(
  baseUrl: string,
  username: string,
  secret: string,
): Promise<{ status: number; name: unknown }> {
  const response = await fetch(`${baseUrl}/rest/api/2/myself`, {
    headers: { authorization: basic(username, secret) },
  });
  const body = (await response.json()) as Record<string, unknown>;
  return { status: response.status, name: body.name };
}
