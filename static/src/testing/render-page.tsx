/** Renders a page component against a fake app: each operation answers from a handler, and every call is recorded. */
import type { ReactElement } from 'react';
import { render, type RenderResult } from '@testing-library/react';
import type { ErrorBody, Me, OperationKey, OperationResult } from '../../../src/app/contract';
import type { ErrorCode, FieldError } from '../../../src/core/types';
import { NotificationsProvider } from '../shared/flags';
import {
  OperationsProvider,
  type Call,
  type OperationInput,
  type OperationOutput,
} from '../shared/operations';

/** The fake app's answer to each operation a test expects. */
export type Handlers = {
  [K in OperationKey]?: (
    payload: OperationInput<K>,
  ) => OperationResult<OperationOutput<K>> | Promise<OperationResult<OperationOutput<K>>>;
};

/** One operation the page ran, with its payload. */
export interface RecordedCall {
  key: OperationKey;
  payload: unknown;
}

/** A successful result. */
export function ok<T>(data: T, status = 200): OperationResult<T> {
  return { ok: true, status, data };
}

/** A refused result, as the server sends it. */
export function refused(
  status: number,
  code: ErrorCode,
  message: string,
  details?: FieldError[],
): OperationResult<never> {
  const error: ErrorBody = {
    code,
    message,
    requestId: 'req-1',
    ...(details !== undefined && { details }),
  };
  return { ok: false, status, error };
}

/** A fake `call`: unknown operations answer 500 so a test notices an unexpected call. */
export function fakeCall(handlers: Handlers, calls: RecordedCall[]): Call {
  return async function call<K extends OperationKey>(
    key: K,
    payload: OperationInput<K>,
  ): Promise<OperationResult<OperationOutput<K>>> {
    calls.push({ key, payload });
    const handler = handlers[key] as
      | ((
          input: OperationInput<K>,
        ) => OperationResult<OperationOutput<K>> | Promise<OperationResult<OperationOutput<K>>>)
      | undefined;
    return handler === undefined
      ? refused(500, 'INTERNAL', `no handler for ${key}`)
      : handler(payload);
  };
}

/** Renders `element` with the fake app; returns the render result and the calls made so far. */
export function renderPage(
  element: ReactElement,
  handlers: Handlers,
): RenderResult & { calls: RecordedCall[] } {
  const calls: RecordedCall[] = [];
  const result = render(
    <OperationsProvider call={fakeCall(handlers, calls)}>
      <NotificationsProvider>{element}</NotificationsProvider>
    </OperationsProvider>,
  );
  return Object.assign(result, { calls });
}

/** The calls of one operation, by their payloads. */
export function payloadsOf(calls: RecordedCall[], key: OperationKey): unknown[] {
  return calls.filter((call) => call.key === key).map((call) => call.payload);
}

/** The tests' fixed clock. */
export const FIXED_NOW = Date.parse('2025-03-01T12:00:00Z');

/** Alice, a regular user who may create tokens up to the longest validity. */
export const ALICE: Me = {
  accountId: 'acc-alice',
  username: 'alice',
  displayName: 'Alice Example',
  email: 'alice@example.test',
  isAdmin: false,
  canCreateTokens: true,
  validityOptions: ['6m', '1y', '2y', 'never'],
  maxValidity: 'never',
  clientIp: '203.0.113.7',
  adminsOnlyCreate: false,
};

/** Ada, an administrator. */
export const ADA: Me = {
  ...ALICE,
  accountId: 'acc-ada',
  username: 'admin',
  displayName: 'Ada Admin',
  email: 'admin@example.test',
  isAdmin: true,
};
