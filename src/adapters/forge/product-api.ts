/**
 * Calls to the product's REST API through @forge/api: as the app, as the user invoking the
 * function, or as a given user (the gateway and the scheduled job, where no user is present).
 * Which product (Jira or Confluence) comes from the installation the function runs in.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

import api, { type APIResponse, type RequestInit, type Route } from '@forge/api';

import { StoreUnavailableError } from '../../ports';

export type Product = 'jira' | 'confluence';

/** Who a request is made as. */
export type Principal = { kind: 'app' } | { kind: 'user'; accountId: string };

const invokingUser = new AsyncLocalStorage<string>();

/** Runs `work` knowing that `accountId` is the user who invoked this function (resolvers). */
export function asInvokingUser<T>(accountId: string, work: () => Promise<T>): Promise<T> {
  return invokingUser.run(accountId, work);
}

/** The product an installation context (ari:cloud:jira::site/…) belongs to, or null. */
export function productOf(installContext: unknown): Product | null {
  if (typeof installContext !== 'string') {
    return null;
  }
  const match = /^ari:cloud:(jira|confluence)(?:[:/]|$)/.exec(installContext);
  return match === null ? null : (match[1] as Product);
}

function requester(principal: Principal): ReturnType<typeof api.asApp> {
  if (principal.kind === 'app') {
    return api.asApp();
  }
  // The invoking user needs no impersonation; anyone else is asked for by account id.
  return principal.accountId === invokingUser.getStore()
    ? api.asUser()
    : api.asUser(principal.accountId);
}

/** One request to the product's REST API as `principal`. */
export function requestProduct(
  product: Product,
  principal: Principal,
  path: Route,
  init?: RequestInit,
): Promise<APIResponse> {
  const methods = requester(principal);
  return product === 'jira'
    ? methods.requestJira(path, init)
    : methods.requestConfluence(path, init);
}

/**
 * The JSON body of a product answer: null for 404 (unknown), the parsed body for 2xx, and a
 * StoreUnavailableError for anything else, so callers fail closed (503, never allow).
 */
export async function productJson(response: APIResponse, what: string): Promise<unknown> {
  if (response.status === 404) {
    return null;
  }
  if (!response.ok) {
    throw new StoreUnavailableError(`${what}: the product answered ${response.status}`);
  }
  try {
    return (await response.json()) as unknown;
  } catch {
    throw new StoreUnavailableError(`${what}: the product's answer is not JSON`);
  }
}

/** Runs a product call; a network or platform failure becomes StoreUnavailableError. */
export async function productCall<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof StoreUnavailableError) {
      throw error;
    }
    throw new StoreUnavailableError(
      `${what} failed: ${error instanceof Error ? error.name : 'error'}`,
    );
  }
}
