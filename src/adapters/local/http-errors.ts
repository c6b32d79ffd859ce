/**
 * Error answers of the local server, all `{code, message, requestId, details?}`: no stack
 * traces, no echo of credentials. Fastify's own request errors (bad JSON, too large, wrong
 * media type) become INVALID_INPUT with a status that says which.
 */
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from '../../app/contract';
import type { ErrorCode, FieldError } from '../../core/types';
import type { Logger } from '../../ports';

/** A refusal as the authentication decision or the transport produced it. */
export interface HttpRefusal {
  status: number;
  code: ErrorCode;
  message: string;
  retryAfterSeconds?: number;
  wwwAuthenticate?: string;
  details?: FieldError[];
}

/** Sends `refusal` as an error body, with WWW-Authenticate and Retry-After when it has them. */
export async function sendRefusal(
  request: FastifyRequest,
  reply: FastifyReply,
  refusal: HttpRefusal,
): Promise<FastifyReply> {
  if (refusal.wwwAuthenticate !== undefined) {
    void reply.header('www-authenticate', refusal.wwwAuthenticate);
  }
  if (refusal.retryAfterSeconds !== undefined) {
    void reply.header('retry-after', String(Math.max(1, Math.ceil(refusal.retryAfterSeconds))));
  }
  const body: ErrorBody = { code: refusal.code, message: refusal.message, requestId: request.id };
  if (refusal.details !== undefined && refusal.details.length > 0) {
    body.details = refusal.details;
  }
  return reply.code(refusal.status).type('application/json; charset=utf-8').send(body);
}

/** Fastify request errors this server expects, by code: the status and what to tell the caller. */
const REQUEST_ERRORS: Record<string, { status: number; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, message: 'The request body is not valid JSON.' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    message: 'The request says it has a JSON body but the body is empty.',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, message: 'The request body is too large.' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    message: 'Send the request body as application/json.',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    message: 'The Content-Length header does not match the body.',
  },
};

/** Maps an error thrown while handling a request; unexpected ones are logged and hidden. */
export function requestErrorRefusal(
  error: FastifyError,
  request: FastifyRequest,
  logger: Logger,
): HttpRefusal {
  const known = error.code === undefined ? undefined : REQUEST_ERRORS[error.code];
  if (known !== undefined) {
    return { ...known, code: 'INVALID_INPUT' };
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    // Other client errors Fastify raises before a handler runs (prototype poisoning, bad URL).
    return { status: 400, code: 'INVALID_INPUT', message: 'The request is not valid.' };
  }
  logger.error('request failed', {
    requestId: request.id,
    method: request.method,
    route: request.routeOptions.url ?? 'unknown',
    error: error.name,
    reason: error.message,
  });
  return { status: 500, code: 'INTERNAL', message: 'Something went wrong on our side.' };
}

/** The answer for a path no route serves. */
export function notFoundRefusal(): HttpRefusal {
  return { status: 404, code: 'NOT_FOUND', message: 'There is nothing at this path.' };
}

/** What the HTTP parser's refusal says, by Node's error code; anything else is a plain 400. */
const CLIENT_ERRORS: Record<string, { status: number; message: string }> = {
  HPE_HEADER_OVERFLOW: { status: 431, message: 'The request headers are too large.' },
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, message: 'The request took too long to arrive.' },
};
const MALFORMED_REQUEST = { status: 400, message: 'The request is not valid HTTP.' };

/**
 * Answers a request the HTTP parser refused before any route ran (Fastify's
 * clientErrorHandler): a raw HTTP/1.1 answer with the standard error body and the headers of
 * every answer, then the connection closes. Nothing of the request is echoed.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) {
    return;
  }
  const known =
    (error.code === undefined ? undefined : CLIENT_ERRORS[error.code]) ?? MALFORMED_REQUEST;
  const requestId = randomUUID();
  const body: ErrorBody = { code: 'INVALID_INPUT', message: known.message, requestId };
  const payload = JSON.stringify(body);
  const head = [
    `HTTP/1.1 ${known.status} ${STATUS_CODES[known.status] ?? 'Error'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(payload)}`,
    'Cache-Control: no-store',
    'X-Content-Type-Options: nosniff',
    `X-Request-Id: ${requestId}`,
    'Connection: close',
  ].join('\r\n');
  if (socket.writable) {
    socket.end(`${head}\r\n\r\n${payload}`, () => socket.destroy());
  } else {
    socket.destroy();
  }
}
