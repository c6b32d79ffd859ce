import { defaultMessage, httpStatusFor } from '../../src/core/outcomes';
import { ERROR_CODES, type ErrorCode } from '../../src/core/types';

const EXPECTED_STATUS: Record<ErrorCode, number> = {
  UNAVAILABLE: 503,
  IP_NOT_ALLOWED: 403,
  AUTH_REQUIRED: 401,
  BAD_CREDENTIALS: 401,
  TOO_MANY_FAILURES: 429,
  PASSWORD_AUTH_DISABLED: 403,
  TOKEN_EXPIRED: 401,
  TOKEN_USE_RESTRICTED: 403,
  READ_ONLY_TOKEN: 403,
  TOKEN_CREATION_RESTRICTED: 403,
  ADMIN_REQUIRED: 403,
  INVALID_INPUT: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  VERSION_CONFLICT: 409,
  NAME_TAKEN: 409,
  CSRF_REJECTED: 403,
  INTERNAL: 500,
};

describe('outcome mapping', () => {
  it.each(ERROR_CODES.map((code) => [code, EXPECTED_STATUS[code]]))(
    'maps %s to HTTP %i',
    (code, status) => {
      expect(httpStatusFor(code as ErrorCode)).toBe(status);
    },
  );

  it('covers every error code with a status and a sentence', () => {
    expect(Object.keys(EXPECTED_STATUS).sort()).toEqual([...ERROR_CODES].sort());
    for (const code of ERROR_CODES) {
      expect(defaultMessage(code)).toMatch(/^[A-Z].*\.$/);
    }
  });

  it('throws on a code outside the list (a programming error)', () => {
    expect(() => httpStatusFor('NOPE' as ErrorCode)).toThrow('unknown error code NOPE');
  });
});
