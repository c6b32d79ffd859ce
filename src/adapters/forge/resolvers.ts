/**
 * The resolver functions the pages call with @forge/bridge `invoke(key, payload)`: one per
 * operation of the app, defined from the app's own operation table so none is missing or
 * extra. Each runs the operation as the user who invoked it (context.accountId) and answers
 * the OperationResult as it is; under Forge a resolver sees no client address.
 */
import { randomUUID } from 'node:crypto';

import Resolver from '@forge/resolver';

import type { App } from '../../app/app';
import type { OperationKey, OperationResult } from '../../app/contract';
import { OPERATIONS } from '../../app/operations';
import { failed } from '../../app/run-operation';
import { asInvokingUser } from './product-api';

/** The operation keys, straight from the app's operation table. */
export const RESOLVER_KEYS = Object.keys(OPERATIONS) as OperationKey[];

/** What a resolver receives from Forge (only the parts used). */
export interface ResolverRequest {
  payload: unknown;
  context: { accountId?: unknown; installContext?: unknown };
}

/** Finds the app of the installation a call came from, or null. */
export type AppLookup = (installContext: unknown) => App | null;

/** Runs operation `key` for a resolver call; never throws. */
export async function runResolver(
  key: OperationKey,
  request: ResolverRequest,
  appFor: AppLookup,
): Promise<OperationResult<unknown>> {
  const requestId = randomUUID();
  const accountId = request.context.accountId;
  if (typeof accountId !== 'string' || accountId === '') {
    return failed({ code: 'AUTH_REQUIRED' }, requestId);
  }
  const app = appFor(request.context.installContext);
  if (app === null) {
    return failed({ code: 'UNAVAILABLE' }, requestId);
  }
  const caller = { accountId, clientIp: null, requestId };
  return asInvokingUser(accountId, () => app.runOperation(key, request.payload, caller));
}

/** A Resolver with one definition per operation. */
export function defineResolvers(appFor: AppLookup): Resolver {
  const resolver = new Resolver();
  for (const key of RESOLVER_KEYS) {
    resolver.define(key, (request: ResolverRequest) => runResolver(key, request, appFor));
  }
  return resolver;
}
