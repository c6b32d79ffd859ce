/** The one mapping from refusal and error codes to HTTP statuses and default messages. */
import type { ErrorCode } from './types';

/** The HTTP status for `code`; exhaustive over ErrorCode. */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case 'UNAVAILABLE':
      return 503;
    case 'AUTH_REQUIRED':
    case 'BAD_CREDENTIALS':
    case 'TOKEN_EXPIRED':
      return 401;
    case 'IP_NOT_ALLOWED':
    case 'PASSWORD_AUTH_DISABLED':
    case 'TOKEN_USE_RESTRICTED':
    case 'READ_ONLY_TOKEN':
    case 'TOKEN_CREATION_RESTRICTED':
    case 'ADMIN_REQUIRED':
    case 'CSRF_REJECTED':
      return 403;
    case 'TOO_MANY_FAILURES':
      return 429;
    case 'INVALID_INPUT':
      return 400;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
    case 'VERSION_CONFLICT':
    case 'NAME_TAKEN':
      return 409;
    case 'INTERNAL':
      return 500;
    default:
      return unreachable(code);
  }
}

const MESSAGES: Record<ErrorCode, string> = {
  UNAVAILABLE:
    'The app cannot reach its storage right now, so the request was refused. Try again shortly.',
  IP_NOT_ALLOWED: 'Requests from this IP address are not allowed by the IP address restrictions.',
  AUTH_REQUIRED:
    'Authentication is required: send a token or a password with Basic authentication.',
  BAD_CREDENTIALS: 'The credentials could not be read or are not valid.',
  TOO_MANY_FAILURES: 'Too many failed attempts from this address. Wait before trying again.',
  PASSWORD_AUTH_DISABLED:
    'Basic authentication with passwords is disabled for the REST API. Use an API token.',
  TOKEN_EXPIRED: 'This token has expired or was revoked.',
  TOKEN_USE_RESTRICTED: 'Only administrators may use tokens at the moment.',
  READ_ONLY_TOKEN: 'This token is read-only: it allows GET, HEAD and OPTIONS requests only.',
  TOKEN_CREATION_RESTRICTED: 'Only administrators may create tokens.',
  ADMIN_REQUIRED: 'Only administrators may do this.',
  INVALID_INPUT: 'Some of the input is not valid.',
  NOT_FOUND: 'Not found.',
  CONFLICT: 'The request conflicts with the current state.',
  VERSION_CONFLICT:
    'The settings were changed by someone else in the meantime. Reload and try again.',
  NAME_TAKEN: 'You already have a token with this name.',
  CSRF_REJECTED: 'The request did not come from the app’s own pages and was refused.',
  INTERNAL: 'Something went wrong on our side.',
};

/** A sentence an administrator understands, for `code`. */
export function defaultMessage(code: ErrorCode): string {
  return MESSAGES[code];
}

function unreachable(code: never): never {
  throw new Error(`unknown error code ${String(code)}`);
}
