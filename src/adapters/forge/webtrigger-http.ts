/**
 * The Forge web trigger's request and response shapes, read and written for the app: the path
 * after the trigger's own URL, headers as arrays, query parameters, the client address from a
 * configured header, and error answers as `{code, message, requestId}`.
 */
import type { WebTriggerRequest, WebTriggerResponse } from '@forge/api';

import type { ErrorBody } from '../../app/contract';
import { defaultMessage, httpStatusFor } from '../../core/outcomes';
import type { ErrorCode } from '../../core/types';

/** The request as Forge delivers it; `userPath` is the part after the trigger's id, when given. */
export type ForgeWebRequest = WebTriggerRequest & { userPath?: unknown };

/** Header names lower-cased, values as arrays. */
export type HeaderMap = Record<string, string[]>;

/** The environment variable naming the header the client address is read from. */
export const CLIENT_IP_HEADER_VARIABLE = 'FORGE_CLIENT_IP_HEADER';
/** Largest REST API body read (the gateway passes bodies on as they are). */
export const MAX_REST_BODY_BYTES = 1024 * 1024;

const TRIGGER_PREFIX = /^\/x\d+\/[^/]+/;

/** Header names lower-cased (several copies of one name are kept, in order). */
export function lowerCaseHeaders(headers: unknown): HeaderMap {
  const out: HeaderMap = {};
  for (const [name, value] of Object.entries((headers ?? {}) as Record<string, unknown>)) {
    const values = Array.isArray(value) ? value : [value];
    const key = name.toLowerCase();
    out[key] = [...(out[key] ?? []), ...values.filter((v): v is string => typeof v === 'string')];
  }
  return out;
}

/** The path the client asked for after the web trigger URL: `/api/v1/me`, `/rest/api/3/myself`. */
export function requestPath(request: ForgeWebRequest): string {
  const raw =
    typeof request.userPath === 'string'
      ? request.userPath
      : String(request.path ?? '').replace(TRIGGER_PREFIX, '');
  const path = raw.split('?', 1)[0] ?? '';
  return path.startsWith('/') ? path : `/${path}`;
}

/** Query parameters as one value each, or a list when repeated (as the local server reads them). */
export function queryObject(parameters: unknown): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries((parameters ?? {}) as Record<string, unknown>)) {
    const values = (Array.isArray(value) ? value : [value]).filter((v) => typeof v === 'string');
    if (values.length > 0) {
      out[name] = values.length === 1 ? (values[0] as string) : (values as string[]);
    }
  }
  return out;
}

/** The query string to pass on to the product, rebuilt from the parsed parameters. */
export function queryString(parameters: unknown): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(queryObject(parameters))) {
    for (const one of Array.isArray(value) ? value : [value]) {
      search.append(name, one);
    }
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

/** The Authorization header as received: one value, several, or none. */
export function authorization(headers: HeaderMap): string | string[] | undefined {
  const values = headers.authorization ?? [];
  if (values.length === 0) {
    return undefined;
  }
  return values.length === 1 ? values[0] : values;
}

/**
 * The client address as the configured header gives it, split for the app's trusted-proxy
 * rule: the right-most hop (the one the nearest proxy added) stands for the socket address,
 * the hops before it for X-Forwarded-For. No header configured or present: no address.
 */
export function addressHeaders(
  headers: HeaderMap,
  headerName: string | undefined,
): { remoteAddress: string | null; forwarded: Record<string, string | undefined> } {
  const name = headerName?.trim().toLowerCase() ?? '';
  const hops =
    name === ''
      ? []
      : (headers[name] ?? [])
          .join(',')
          .split(',')
          .map((hop) => hop.trim());
  const present = hops.filter((hop) => hop !== '');
  const last = present.pop();
  return {
    remoteAddress: last ?? null,
    forwarded: { 'x-forwarded-for': present.length > 0 ? present.join(', ') : undefined },
  };
}

/** A JSON answer. */
export function jsonResponse(
  status: number,
  body: unknown,
  headers: HeaderMap = {},
): WebTriggerResponse {
  return {
    statusCode: status,
    headers: { 'content-type': ['application/json; charset=utf-8'], ...headers },
    body: JSON.stringify(body),
  };
}

export interface ErrorAnswer {
  status?: number;
  code: ErrorCode;
  message?: string;
  retryAfterSeconds?: number;
  wwwAuthenticate?: string;
}

/** An error answer `{code, message, requestId}` with Retry-After / WWW-Authenticate when given. */
export function errorResponse(answer: ErrorAnswer, requestId: string): WebTriggerResponse {
  const headers: HeaderMap = {};
  if (answer.wwwAuthenticate !== undefined) {
    headers['www-authenticate'] = [answer.wwwAuthenticate];
  }
  if (answer.retryAfterSeconds !== undefined) {
    headers['retry-after'] = [String(Math.max(1, Math.ceil(answer.retryAfterSeconds)))];
  }
  const body: ErrorBody = {
    code: answer.code,
    message: answer.message ?? defaultMessage(answer.code),
    requestId,
  };
  return jsonResponse(answer.status ?? httpStatusFor(answer.code), body, headers);
}
