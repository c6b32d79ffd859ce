/**
 * POST /bridge/invoke: the pages' way to the app's operations, as the signed-in user, the same
 * operations the Forge resolvers run. Body `{functionKey, payload}`; the answer is the
 * operation's OperationResult with HTTP 200, refused or not. Only a signed-in session's own
 * page can call it: same origin, and the session's CSRF token in the X-CSRF-Token header.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { App } from '../../../app/app';
import type { ErrorBody, OperationKey, OperationResult } from '../../../app/contract';
import type { ErrorCode } from '../../../core/types';
import type { Directory, Logger } from '../../../ports';
import { isSameOrigin } from './security';
import { sameText, type SessionStore } from './session';
import { signedIn } from './signed-in';

/** Where the pages post their operations. */
export const BRIDGE_PATH = '/bridge/invoke';
/** The header that must carry the session's CSRF token. */
export const CSRF_HEADER = 'x-csrf-token';

/** Every function key of the contract; the Record type makes a missing one a compile error. */
const FUNCTION_KEYS: Record<OperationKey, true> = {
  getMe: true,
  listTokens: true,
  createToken: true,
  renameToken: true,
  rotateToken: true,
  deleteToken: true,
  deleteUserTokens: true,
  listAllTokens: true,
  getSettings: true,
  saveSettings: true,
  checkIp: true,
  listAudit: true,
  exportAuditCsv: true,
  listFailures: true,
  getUserFailures: true,
  resetUserFailures: true,
  searchUsers: true,
};

function isFunctionKey(value: unknown): value is OperationKey {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(FUNCTION_KEYS, value);
}

/** A refusal in the OperationResult shape, so the page handles one shape. */
function refuse(
  reply: FastifyReply,
  requestId: string,
  status: number,
  code: ErrorCode,
  message: string,
): FastifyReply {
  const error: ErrorBody = { code, message, requestId };
  const result: OperationResult<never> = { ok: false, status, error };
  return reply.code(status).header('cache-control', 'no-store').send(result);
}

/** Registers the bridge endpoint. */
export function registerBridge(
  scope: FastifyInstance,
  deps: { app: App; sessions: SessionStore; directory: Directory; logger: Logger },
): void {
  scope.post(BRIDGE_PATH, async (request, reply) => {
    const who = await signedIn(request, deps.sessions, deps.directory);
    if (who.kind === 'unavailable') {
      return refuse(
        reply,
        request.id,
        503,
        'UNAVAILABLE',
        'The user directory does not answer; try again shortly.',
      );
    }
    if (who.kind === 'none') {
      return refuse(reply, request.id, 401, 'AUTH_REQUIRED', 'Sign in again to continue.');
    }
    const token = request.headers[CSRF_HEADER];
    if (
      !isSameOrigin(request) ||
      typeof token !== 'string' ||
      !sameText(token, who.session.csrfToken)
    ) {
      deps.logger.warn('bridge call refused', {
        code: 'CSRF_REJECTED',
        accountId: who.user.accountId,
        requestId: request.id,
      });
      return refuse(
        reply,
        request.id,
        403,
        'CSRF_REJECTED',
        'This request did not come from a page of this app. Reload the page.',
      );
    }

    const body = request.body as { functionKey?: unknown; payload?: unknown } | null;
    if (body === null || typeof body !== 'object' || !isFunctionKey(body.functionKey)) {
      return refuse(
        reply,
        request.id,
        400,
        'INVALID_INPUT',
        'Send {"functionKey", "payload"} with a known function key.',
      );
    }

    let clientIp: string | null;
    try {
      clientIp = await deps.app.clientAddress(
        request.socket.remoteAddress ?? null,
        request.headers,
      );
    } catch {
      return refuse(
        reply,
        request.id,
        503,
        'UNAVAILABLE',
        'The app cannot read its settings right now; try again shortly.',
      );
    }
    const caller = { accountId: who.user.accountId, clientIp, requestId: request.id };
    const result = await deps.app.runOperation(body.functionKey, body.payload ?? {}, caller);
    return reply.code(200).header('cache-control', 'no-store').send(result);
  });
}
