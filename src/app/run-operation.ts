/** Runs one operation as a caller: who they are, may they, is the payload valid, then the service; never throws. */
import { defaultMessage, httpStatusFor } from '../core/outcomes';
import type { ErrorCode } from '../core/types';
import { StoreUnavailableError } from '../ports';
import { errorName } from '../services/errors';
import type { ServiceFailure } from '../services/result';
import type { Caller, ErrorBody, OperationKey, OperationResult, Operations } from './contract';
import { OPERATIONS, type AppServices } from './operations';

/** A failed OperationResult for `failure`, answering `requestId`. */
export function failed<T>(failure: ServiceFailure, requestId: string): OperationResult<T> {
  const error: ErrorBody = {
    code: failure.code,
    message: failure.message ?? defaultMessage(failure.code),
    requestId,
    ...(failure.details !== undefined && { details: failure.details }),
    ...(failure.current !== undefined && { current: failure.current }),
  };
  return { ok: false, status: httpStatusFor(failure.code), error };
}

/** Whether `key` names an operation (keys may come from untrusted callers). */
export function isOperationKey(key: unknown): key is OperationKey {
  return typeof key === 'string' && Object.hasOwn(OPERATIONS, key);
}

/** Validates, authorises and runs operation `key`; storage failures answer 503, bugs 500. */
export async function runOperation<K extends OperationKey>(
  services: AppServices,
  key: K,
  input: unknown,
  caller: Caller,
): Promise<OperationResult<Operations[K]['output']>> {
  try {
    return await authoriseAndRun(services, key, input, caller);
  } catch (error) {
    const code: ErrorCode = error instanceof StoreUnavailableError ? 'UNAVAILABLE' : 'INTERNAL';
    services.logger.error('operation failed', {
      operation: key,
      requestId: caller.requestId,
      code,
      error: errorName(error),
    });
    return failed({ code }, caller.requestId);
  }
}

async function authoriseAndRun<K extends OperationKey>(
  services: AppServices,
  key: K,
  input: unknown,
  caller: Caller,
): Promise<OperationResult<Operations[K]['output']>> {
  if (!isOperationKey(key)) {
    return failed({ code: 'NOT_FOUND', message: 'There is no such operation.' }, caller.requestId);
  }
  const operation = OPERATIONS[key];
  const user = await services.directory.getUser(caller.accountId);
  if (user === null || !user.active) {
    return failed({ code: 'AUTH_REQUIRED' }, caller.requestId);
  }
  if (operation.access === 'admin' && !user.isAdmin) {
    return failed({ code: 'ADMIN_REQUIRED' }, caller.requestId);
  }

  // A caller that sends no payload at all means an empty one (bridge calls without arguments).
  const parsed = operation.parse(input === undefined || input === null ? {} : input);
  if (!parsed.ok) {
    return failed({ code: 'INVALID_INPUT', details: parsed.errors }, caller.requestId);
  }
  const actor = { user, ip: caller.clientIp };
  const result = await operation.run({ services, actor, caller }, parsed.value);
  if (!result.ok) {
    return failed(result.failure, caller.requestId);
  }
  return { ok: true, status: operation.successStatus, data: result.value };
}
