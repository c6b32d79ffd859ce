/** Turns the server's refusals into what the page shows, next to what caused them. */
import type { ErrorBody } from '../../../src/app/contract';

/** Messages for refusals a person can act on; anything else shows the server's own message. */
const CLEAR_MESSAGES: Partial<Record<ErrorBody['code'], string>> = {
  TOKEN_CREATION_RESTRICTED:
    'Only administrators may create tokens now (403 Forbidden). An administrator changed this setting after this page was opened.',
  ADMIN_REQUIRED: 'Only administrators may do this.',
  AUTH_REQUIRED: 'Your session has ended. Sign in again to continue.',
  CSRF_REJECTED: 'This page is out of date. Reload it and try again.',
  UNAVAILABLE: 'The app could not be reached or its storage is unavailable. Try again shortly.',
};

/** One sentence for a refusal, with the request id when the server gave one. */
export function errorMessage(error: ErrorBody): string {
  const message = CLEAR_MESSAGES[error.code] ?? error.message;
  return error.requestId === '' ? message : `${message} (request ${error.requestId})`;
}

/** The reasons the server gave for one field, e.g. `name`, or `ipAllowlist[2]`. */
export function fieldReasons(error: ErrorBody | null, field: string): string[] {
  if (error === null || error.details === undefined) {
    return [];
  }
  return error.details.filter((detail) => detail.field === field).map((detail) => detail.reason);
}

/** Reasons for fields this form does not show, so that none is silently dropped. */
export function otherReasons(
  error: ErrorBody | null,
  shownFields: (field: string) => boolean,
): string[] {
  if (error === null || error.details === undefined) {
    return [];
  }
  return error.details
    .filter((detail) => !shownFields(detail.field))
    .map((detail) => `${detail.field}: ${detail.reason}`);
}

/** Everything wrong with a token name: the form's own check, the server's reasons, a taken name. */
export function nameErrors(localProblem: string | null, refusal: ErrorBody | null): string[] {
  return [
    ...(localProblem === null ? [] : [localProblem]),
    ...fieldReasons(refusal, 'name'),
    ...(refusal?.code === 'NAME_TAKEN' ? [refusal.message] : []),
  ];
}
