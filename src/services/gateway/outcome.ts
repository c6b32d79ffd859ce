/** What the authentication decision is asked and what it answers. */
import { defaultMessage, httpStatusFor } from '../../core/outcomes';
import type { ErrorCode, TokenRecord, User } from '../../core/types';

/** Sent with 401 refusals so clients know to offer Basic credentials. */
export const WWW_AUTHENTICATE = 'Basic realm="REST API", charset="UTF-8"';

export interface AuthRequest {
  method: string;
  authorization: string | string[] | undefined;
  clientIp: string | null;
  requestId: string;
}

export type AuthOutcome =
  | { kind: 'allow'; user: User; via: 'token'; token: TokenRecord }
  | { kind: 'allow'; user: User; via: 'password' }
  /** Row 6a under Forge (no password verifier): the site checks the credentials, unchanged. */
  | { kind: 'pass-through' }
  | {
      kind: 'refuse';
      code: ErrorCode;
      status: number;
      message: string;
      retryAfterSeconds?: number;
      wwwAuthenticate?: string;
    };

export type Refusal = Extract<AuthOutcome, { kind: 'refuse' }>;

/** A refusal with the code's HTTP status and default message. */
export function refusal(
  code: ErrorCode,
  extra: Pick<Refusal, 'retryAfterSeconds' | 'wwwAuthenticate'> = {},
): Refusal {
  return {
    kind: 'refuse',
    code,
    status: httpStatusFor(code),
    message: defaultMessage(code),
    ...extra,
  };
}
