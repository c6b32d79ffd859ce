/** What a service returns: a value, or a refusal with a stable code (never a thrown rule). */
import type { ErrorCode, FieldError, Settings } from '../core/types';

export interface ServiceFailure {
  code: ErrorCode;
  /** A more precise sentence than the code's default message. */
  message?: string;
  details?: FieldError[];
  /** VERSION_CONFLICT: the settings as they are now stored. */
  current?: Settings;
}

export type ServiceResult<T> = { ok: true; value: T } | { ok: false; failure: ServiceFailure };

/** A successful result. */
export function succeed<T>(value: T): ServiceResult<T> {
  return { ok: true, value };
}

/** A refused result with `code` and optional detail. */
export function refuse<T>(
  code: ErrorCode,
  extra: Omit<ServiceFailure, 'code'> = {},
): ServiceResult<T> {
  return { ok: false, failure: { code, ...extra } };
}

/** A 400 naming one field and why it was refused. */
export function invalidField<T>(field: string, reason: string): ServiceResult<T> {
  return refuse('INVALID_INPUT', { details: [{ field, reason }] });
}
