/**
 * Calls the Forge functions exactly as the platform does — resolvers with
 * `({call: {functionKey, payload}, context}, {principal, installContext})`, the web trigger with
 * its request shape and `{installContext}` — over the fake KVS and the pretend site. Test files
 * mock the two platform modules themselves (jest.mock is per file):
 *
 *   jest.mock('@forge/kvs', () => jest.requireActual('../support/fake-kvs').fakeKvsModule);
 *   jest.mock('@forge/api', () => jest.requireActual('./support/fake-forge-api').fakeForgeApi);
 */
import type { WebTriggerResponse } from '@forge/api';

import { resetRuntimes } from '../../../src/adapters/forge/forge-runtime';
import { housekeeping, resolver, webtrigger } from '../../../src/adapters/forge/index';
import type { OperationResult } from '../../../src/app/contract';
import { resetFakeKvs } from '../../support/fake-kvs';
import { invocation } from './fake-forge-api';
import { resetSite, type SiteUser } from './fake-site';

export const JIRA_SITE = 'ari:cloud:jira::site/4f6d9508-93c9-4c2e-abd7-916c34920012';
export const CONFLUENCE_SITE = 'ari:cloud:confluence::site/4f6d9508-93c9-4c2e-abd7-916c34920012';

export const ADMIN: SiteUser = {
  accountId: '5b10ac8d82e05b22cc7d4ef5',
  displayName: 'Ada Admin',
  email: 'ada@example.com',
  admin: true,
  active: true,
};
export const ALICE: SiteUser = {
  accountId: '5b10ac8d82e05b22cc7d4e01',
  displayName: 'Alice Example',
  email: 'alice@example.com',
  admin: false,
  active: true,
  password: 'alice-site-password',
};
export const BOB: SiteUser = {
  accountId: '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077',
  displayName: 'Bob Example',
  email: 'bob@example.com',
  admin: false,
  active: true,
};

/** A fresh installation: empty KVS, the three users above, no cached app, quiet logs. */
export function freshInstallation(users: SiteUser[] = [ADMIN, ALICE, BOB]): void {
  process.env.FORGE_LOG_LEVEL ??= 'silent';
  resetFakeKvs();
  resetSite(users.map((user) => ({ ...user })));
  resetRuntimes();
  invocation.accountId = null;
}

/** Invokes a resolver as Forge does when `accountId` calls `invoke(functionKey, payload)`. */
export async function invokeResolver(
  functionKey: string,
  payload: unknown,
  as: { accountId: string | undefined; installContext?: string },
): Promise<OperationResult<unknown>> {
  const installContext = as.installContext ?? JIRA_SITE;
  invocation.accountId = as.accountId ?? null;
  const principal = as.accountId === undefined ? undefined : { accountId: as.accountId };
  const context = { extension: { type: 'jira:adminPage' }, localId: 'page-1' };
  const result = await resolver(
    { call: { functionKey, payload }, context },
    { principal, installContext },
  );
  return result as OperationResult<unknown>;
}

export interface WebCall {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  path: string;
  headers?: Record<string, string[]>;
  query?: Record<string, string[]>;
  body?: string;
  installContext?: string;
}

/** Calls the web trigger with the request Forge builds for `https://…/x1/<id><path>`. */
export function callWebTrigger(call: WebCall): Promise<WebTriggerResponse> {
  invocation.accountId = null;
  return webtrigger(
    {
      method: call.method ?? 'GET',
      path: `/x1/AbCdEfGh123${call.path}`,
      headers: { Host: ['example.hello.atlassian-dev.net'], ...(call.headers ?? {}) },
      queryParameters: call.query ?? {},
      body: call.body ?? '',
    },
    { installContext: (call.installContext ?? JIRA_SITE) as `ari:${string}` },
  );
}

/** Runs the scheduled trigger for an installation. */
export function runHousekeeping(
  installContext: string = JIRA_SITE,
): Promise<{ statusCode: number; body: string }> {
  return housekeeping(
    { context: { cloudId: 'c', moduleKey: 'daily-housekeeping' } },
    { installContext },
  );
}

/** `Basic base64(user:secret)`. */
export function basic(user: string, secret: string): string[] {
  return [`Basic ${Buffer.from(`${user}:${secret}`, 'utf8').toString('base64')}`];
}

/** The parsed JSON body of a web trigger answer. */
export function bodyOf(response: WebTriggerResponse): Record<string, unknown> {
  return JSON.parse(response.body ?? 'null') as Record<string, unknown>;
}

/** Creates a token through the resolver as `owner`; returns its id and secret. */
export async function createToken(
  owner: SiteUser,
  input: { name?: string; validity?: string; scope?: string } = {},
  installContext: string = JIRA_SITE,
): Promise<{ id: string; secret: string }> {
  const result = await invokeResolver(
    'createToken',
    { name: input.name ?? 'Token', validity: input.validity ?? '1y', scope: input.scope },
    { accountId: owner.accountId, installContext },
  );
  if (!result.ok) {
    throw new Error(`createToken failed: ${JSON.stringify(result.error)}`);
  }
  const data = result.data as { id: string; token: string };
  return { id: data.id, secret: data.token };
}

/** Changes system-wide settings as the admin, through the resolvers. */
export async function changeSettings(
  patch: Record<string, unknown>,
  installContext: string = JIRA_SITE,
): Promise<void> {
  const admin = { accountId: ADMIN.accountId, installContext };
  const current = await invokeResolver('getSettings', {}, admin);
  if (!current.ok) {
    throw new Error('getSettings failed');
  }
  const saved = await invokeResolver(
    'saveSettings',
    { ...(current.data as object), ...patch },
    admin,
  );
  if (!saved.ok) {
    throw new Error(`saveSettings failed: ${JSON.stringify(saved.error)}`);
  }
}
