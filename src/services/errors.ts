/** Turning thrown values into something safe to log. */

/** The class name of a thrown value, safe to log (never its message, which may quote input). */
export function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
