/** The shape of one operation: who may run it, how its payload is read, what it does. */
import { z } from 'zod';
import type { FieldError } from '../../core/types';
import type { Actor, ServiceDeps } from '../../services/deps';
import type { ServiceResult } from '../../services/result';
import type { TokenService } from '../../services/tokens';
import type { Caller, OperationKey, Operations } from '../contract';

/** The services an operation may call. */
export interface AppServices extends ServiceDeps {
  tokens: TokenService;
}

export interface OperationContext {
  services: AppServices;
  /** The caller as the directory knows them, with the address the audit log records. */
  actor: Actor;
  caller: Caller;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export interface OperationDef<K extends OperationKey> {
  /** 'admin': non-admins get 403 ADMIN_REQUIRED before their payload is read. */
  access: 'any' | 'admin';
  /** The HTTP status of success (201 for creations, 204 for deletions, else 200). */
  successStatus: 200 | 201 | 204;
  parse(input: unknown): Parsed<Operations[K]['input']>;
  run(
    context: OperationContext,
    input: Operations[K]['input'],
  ): Promise<ServiceResult<Operations[K]['output']>>;
}

export type OperationTable = { [K in OperationKey]: OperationDef<K> };

/** A parser from a zod schema; every problem becomes a FieldError naming the field's path. */
export function parserOf<T>(schema: z.ZodType<T>): (input: unknown) => Parsed<T> {
  return function parse(input: unknown): Parsed<T> {
    const result = schema.safeParse(input);
    if (result.success) {
      return { ok: true, value: result.data };
    }
    return { ok: false, errors: result.error.issues.flatMap(fieldErrorsOf) };
  };
}

/**
 * Unknown field names are echoed only when they look like a field name: a caller who sent a
 * secret as a name (a token is 39 characters) must not get it back in an error body.
 */
const ECHOABLE_KEY = /^[A-Za-z_][A-Za-z0-9_]{0,31}$/;

function fieldErrorsOf(issue: z.core.$ZodIssue): FieldError[] {
  const field = fieldPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) =>
      ECHOABLE_KEY.test(key)
        ? { field: fieldPath([...issue.path, key]), reason: 'is not a known field' }
        : { field: fieldPath(issue.path), reason: 'has a field that is not known' },
    );
  }
  return [{ field, reason: issue.message }];
}

/** `ipAllowlist[1]`, `changes.0.field` → `changes[0].field`; the whole payload is `input`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    text += typeof part === 'number' ? `[${part}]` : `${text === '' ? '' : '.'}${String(part)}`;
  }
  return text === '' ? 'input' : text;
}

/** A whole number given as a number or, from a query string, as decimal digits. */
export function queryInt(min: number, max: number): z.ZodType<number> {
  const reason = `must be a whole number from ${min} to ${max}`;
  return z.preprocess(
    (value) => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : value),
    z.number({ error: reason }).int(reason).min(min, reason).max(max, reason),
  );
}

/** A username, email or accountId. */
export const USER_REF = z.string().trim().min(1).max(254);

/** The payload of operations that take none. */
export const NO_INPUT = z.strictObject({});
