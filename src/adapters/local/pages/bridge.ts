/**
 * POST /bridge/invoke: the pages' way to the app's operations, as the signed-in user, the same
 * operations the Forge resolvers run. Body `{functionKey, payload}`; the answer is the
 * operation's OperationResult with HTTP 200, refused or not. Only a signed-in session's own
 * page can call it: same origin, and the session's CSRF token in the X-CSRF-Token header.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../../app/app';
import type { Caller, ErrorBody, OperationKey, OperationResult } from '../../../app/contract';
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

interface Refusal {
  status: number;
  code: ErrorCode;
  message: string;
}

const REFUSALS = {
  directoryDown: {
    status: 503,
    code: 'UNAVAILABLE',
    message: 'The user directory does not answer; try again shortly.',
  },
  signedOut: { status: 401, code: 'AUTH_REQUIRED', message: 'Sign in again to continue.' },
  crossSite: {
    status: 403,
    code: 'CSRF_REJECTED',
    message: 'This request did not come from a page of this app. Reload the page.',
  },
  badBody: {
    status: 400,
    code: 'INVALID_INPUT',
    message: 'Send {"functionKey", "payload"} with a known function key.',
  },
  settingsDown: {
    status: 503,
    code: 'UNAVAILABLE',
    message: 'The app cannot read its settings right now; try again shortly.',
  },
} satisfies Record<string, Refusal>;

type BridgeDeps = { app: App; sessions: SessionStore; directory: Directory; logger: Logger };

/** A refusal in the OperationResult shape, so the page handles one shape. */
function refuse(reply: FastifyReply, requestId: string, refusal: Refusal): FastifyReply {
  const error: ErrorBody = { code: refusal.code, message: refusal.message, requestId };
  const result: OperationResult<never> = { ok: false, status: refusal.status, error };
  return reply.code(refusal.status).header('cache-control', 'no-store').send(result);
}

/** The caller of a bridge call from one of this app's own pages, or why it is refused. */
async function bridgeCaller(request: FastifyRequest, deps: BridgeDeps): Promise<Caller | Refusal> {
  const who = await signedIn(request, deps.sessions, deps.directory);
  if (who.kind !== 'user') {
    return who.kind === 'unavailable' ? REFUSALS.directoryDown : REFUSALS.signedOut;
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
    return REFUSALS.crossSite;
  }
  try {
    const clientIp = await deps.app.clientAddress(
      request.socket.remoteAddress ?? null,
      request.headers,
    );
    return { accountId: who.user.accountId, clientIp, requestId: request.id };
  } catch {
    return REFUSALS.settingsDown;
  }
}

/** Registers the bridge endpoint. */
export function registerBridge(scope: FastifyInstance, deps: BridgeDeps): void {
  scope.post(BRIDGE_PATH, async (request, reply) => {
    const caller = await bridgeCaller(request, deps);
    if (!('accountId' in caller)) {
      return refuse(reply, request.id, caller);
    }
    const body = request.body as { functionKey?: unknown; payload?: unknown } | null;
    if (body === null || typeof body !== 'object' || !isFunctionKey(body.functionKey)) {
      return refuse(reply, request.id, REFUSALS.badBody);
    }

    const result = await deps.app.runOperation(body.functionKey, body.payload ?? {}, caller);
    return reply.code(200).header('cache-control', 'no-store').send(result);
  });
}
