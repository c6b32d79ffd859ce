/**
 * The web trigger: the REST API (/api/v1/…), /healthz and the gateway (/rest/…, /wiki/rest/…)
 * behind one Forge URL, with a dynamic response. Every request but /healthz goes through the
 * app's authentication decision first; an allowed REST call runs its operation as the caller,
 * an allowed gateway call is forwarded as the token's owner, and a credential that is not a
 * token, when password Basic Auth is on, is passed to the site unchanged.
 */
import { randomUUID } from 'node:crypto';

import type { WebTriggerContext, WebTriggerResponse } from '@forge/api';

import type { App, AuthOutcome } from '../../app/app';
import type { OperationResult } from '../../app/contract';
import { matchRestRoute, restCallFor, type RestCall } from '../../app/rest-routes';
import { hasDotSegments } from '../../core/request-path';
import { forwardToProduct } from './webtrigger-gateway';
import {
  CLIENT_IP_HEADER_VARIABLE,
  MAX_REST_BODY_BYTES,
  addressHeaders,
  authorization,
  errorResponse,
  jsonResponse,
  lowerCaseHeaders,
  queryObject,
  requestPath,
  type ForgeWebRequest,
  type HeaderMap,
} from './webtrigger-http';
import { gatewayProduct } from './forge-upstream';
import { runtimeFor, type ForgeRuntime } from './forge-runtime';

type Allowed = Exclude<AuthOutcome, { kind: 'refuse' }>;

interface Exchange {
  request: ForgeWebRequest;
  headers: HeaderMap;
  path: string;
  requestId: string;
}

/** The web trigger function: a Forge request in, a dynamic response out. Never throws. */
export async function handleWebTrigger(
  request: ForgeWebRequest,
  context: WebTriggerContext | undefined,
): Promise<WebTriggerResponse> {
  const requestId = randomUUID();
  const runtime = runtimeFor(context?.installContext);
  if (runtime === null) {
    return errorResponse({ code: 'UNAVAILABLE', message: 'No installation context.' }, requestId);
  }
  const exchange: Exchange = {
    request,
    headers: lowerCaseHeaders(request.headers),
    path: requestPath(request),
    requestId,
  };
  try {
    return await route(runtime, exchange);
  } catch (error) {
    runtime.logger.error('web trigger failed', {
      requestId,
      error: error instanceof Error ? error.name : 'error',
    });
    return errorResponse({ code: 'INTERNAL' }, requestId);
  }
}

async function route(runtime: ForgeRuntime, exchange: Exchange): Promise<WebTriggerResponse> {
  const { path, requestId } = exchange;
  if (path === '/healthz') {
    const healthy = await runtime.app.health().catch(() => false);
    return healthy
      ? jsonResponse(200, { status: 'ok' })
      : errorResponse({ code: 'UNAVAILABLE', message: 'The store does not answer.' }, requestId);
  }
  const isRest = path === '/api/v1' || path.startsWith('/api/v1/');
  if (!isRest && gatewayProduct(path) === null) {
    return errorResponse(
      { code: 'NOT_FOUND', message: 'There is nothing at this path.' },
      requestId,
    );
  }
  if (hasDotSegments(path)) {
    const message = 'The path must not contain "." or ".." segments or backslashes.';
    return errorResponse({ code: 'INVALID_INPUT', message }, requestId);
  }

  const decided = await decide(runtime.app, exchange);
  if (decided === null) {
    return errorResponse({ code: 'UNAVAILABLE' }, requestId);
  }
  const { clientIp, outcome } = decided;
  if (outcome.kind === 'refuse') {
    return errorResponse(outcome, requestId);
  }
  return isRest
    ? restCall(runtime.app, exchange, outcome, clientIp)
    : forwardToProduct(runtime, exchange, outcome);
}

/**
 * The decision for the request, at the address the settings say to read (from the header
 * named by the client-address variable); null when the settings cannot be read.
 */
async function decide(
  app: App,
  exchange: Exchange,
): Promise<Awaited<ReturnType<App['authenticateRequest']>> | null> {
  const source = addressHeaders(exchange.headers, process.env[CLIENT_IP_HEADER_VARIABLE]);
  try {
    return await app.authenticateRequest({
      method: exchange.request.method,
      authorization: authorization(exchange.headers),
      remoteAddress: source.remoteAddress,
      headers: source.forwarded,
      requestId: exchange.requestId,
    });
  } catch {
    return null;
  }
}

function parseBody(text: string | undefined): { ok: true; body: unknown } | { ok: false } {
  if (text === undefined || text.trim() === '') {
    return { ok: true, body: {} };
  }
  try {
    return { ok: true, body: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

async function restCall(
  app: App,
  exchange: Exchange,
  outcome: Allowed,
  clientIp: string | null,
): Promise<WebTriggerResponse> {
  const { request, requestId } = exchange;
  if (outcome.kind !== 'allow') {
    const message = 'These credentials are not a token or password this app can check.';
    return errorResponse({ status: 401, code: 'BAD_CREDENTIALS', message }, requestId);
  }
  const match = matchRestRoute(request.method, exchange.path);
  if (match === null) {
    return errorResponse(
      { code: 'NOT_FOUND', message: 'There is nothing at this path.' },
      requestId,
    );
  }
  if (Buffer.byteLength(request.body ?? '', 'utf8') > MAX_REST_BODY_BYTES) {
    const message = 'The request body is too large.';
    return errorResponse({ status: 413, code: 'INVALID_INPUT', message }, requestId);
  }
  const parsed = parseBody(request.body);
  if (!parsed.ok) {
    const message = 'The request body is not valid JSON.';
    return errorResponse({ code: 'INVALID_INPUT', message }, requestId);
  }

  const call = restCallFor(match, {
    query: queryObject(request.queryParameters),
    body: parsed.body,
  });
  const caller = { accountId: outcome.user.accountId, clientIp, requestId };
  return operationResponse(
    await app.runOperation(call.operation, call.input, caller),
    call,
    requestId,
  );
}

/** An operation's result as the REST API answers it: JSON, CSV, or 204 without a body. */
function operationResponse(
  result: OperationResult<unknown>,
  call: RestCall,
  requestId: string,
): WebTriggerResponse {
  if (!result.ok) {
    return jsonResponse(result.status, { ...result.error, requestId });
  }
  if (call.responseType === 'csv') {
    return {
      statusCode: result.status,
      headers: {
        'content-type': ['text/csv; charset=utf-8'],
        'content-disposition': ['attachment; filename="audit.csv"'],
      },
      body: (result.data as { csv: string }).csv,
    };
  }
  if (result.status === 204 || result.data === null) {
    return { statusCode: 204, headers: {}, body: '' };
  }
  return jsonResponse(result.status, result.data);
}
