/**
 * The gateway half of the web trigger: an allowed /rest/ or /wiki/rest/ request, forwarded to
 * the product as the token's owner (or, for pass-through, to the site with the client's own
 * credentials) and its answer returned as the web trigger's dynamic response.
 */
import type { WebTriggerResponse } from '@forge/api';

import type { AuthOutcome } from '../../app/app';
import type { ForgeRuntime } from './forge-runtime';
import {
  errorResponse,
  queryString,
  type ForgeWebRequest,
  type HeaderMap,
} from './webtrigger-http';

interface GatewayExchange {
  request: ForgeWebRequest;
  headers: HeaderMap;
  path: string;
  requestId: string;
}

/** Forwards an allowed gateway request; the product's failure answers 502 UNAVAILABLE. */
export async function forwardToProduct(
  runtime: ForgeRuntime,
  exchange: GatewayExchange,
  outcome: Exclude<AuthOutcome, { kind: 'refuse' }>,
): Promise<WebTriggerResponse> {
  const { request, requestId } = exchange;
  const body = request.body ? Buffer.from(request.body, 'utf8') : null;
  const url = `${exchange.path}${queryString(request.queryParameters)}`;
  const as = outcome.kind === 'allow' ? outcome.user : null;
  try {
    const answer = await runtime.upstream.forward(
      { method: request.method, url, headers: exchange.headers, body },
      as,
    );
    const headers: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value !== undefined) {
        headers[name] = Array.isArray(value) ? value : [value];
      }
    }
    return { statusCode: answer.status, headers, body: answer.body.toString('utf8') };
  } catch (error) {
    runtime.logger.warn('gateway: product did not answer', {
      requestId,
      method: request.method,
      error: error instanceof Error ? error.name : 'error',
    });
    return errorResponse(
      { status: 502, code: 'UNAVAILABLE', message: 'The product did not answer.' },
      requestId,
    );
  }
}
