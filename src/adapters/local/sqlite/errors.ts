/** How SQLite failures reach callers: a taken name stays NameTakenError, all else fails closed. */
import { NameTakenError, StoreUnavailableError } from '../../../ports';

const NAME_CONSTRAINT = 'tokens.owner_id, tokens.name_key';

/**
 * Read by its fields, not `instanceof`: better-sqlite3 binds its error class once per process,
 * so in a second V8 context (a later jest test file) its errors are not `Error` instances there.
 */
function isNameTaken(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    typeof message === 'string' &&
    message.includes(NAME_CONSTRAINT)
  );
}

/** The error a caller sees for `error`, thrown by a SQLite call. */
export function storeError(error: unknown): Error {
  if (error instanceof NameTakenError || error instanceof StoreUnavailableError) {
    return error;
  }
  if (isNameTaken(error)) {
    return new NameTakenError('another token of this owner already has this name');
  }
  const code = (error as { code?: unknown } | null)?.code;
  const reason = typeof code === 'string' ? code : 'SQLITE_ERROR';
  return new StoreUnavailableError(`the SQLite store failed (${reason})`, { cause: error });
}

/** Runs one SQLite call; its failure is rethrown as storeError says. */
export function guarded<T>(call: () => T): T {
  try {
    return call();
  } catch (error) {
    throw storeError(error);
  }
}
