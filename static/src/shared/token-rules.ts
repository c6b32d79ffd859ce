/** The token form's own checks, the same ones the server makes, so mistakes show before sending. */
import type { Validity } from '../../../src/core/types';

/** The longest token name, as the server allows it. */
export const MAX_TOKEN_NAME_LENGTH = 100;

/** Why a token name is not acceptable, or null when it is. */
export function tokenNameProblem(raw: string): string | null {
  const name = raw.trim();
  if (name.length === 0) {
    return 'Enter a name for the token.';
  }
  if (name.length > MAX_TOKEN_NAME_LENGTH) {
    return `Use at most ${MAX_TOKEN_NAME_LENGTH} characters (this one has ${name.length}).`;
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) {
    return 'Remove control characters from the name.';
  }
  return null;
}

/** The validity offered first: one year when allowed, else the longest allowed. */
export function defaultValidity(options: readonly Validity[]): Validity | null {
  if (options.includes('1y')) {
    return '1y';
  }
  return options[options.length - 1] ?? null;
}
