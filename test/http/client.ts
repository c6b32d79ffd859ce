/** A small fetch wrapper for the HTTP tests: JSON in, status, headers and parsed body out. */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { basic, TEST_USERS } from '../support/server';

export interface Answer {
  status: number;
  headers: Headers;
  /** Parsed JSON when the answer is JSON, else the text. */
  body: unknown;
  text: string;
}

export interface CallOptions {
  /** The whole Authorization header value. */
  authorization?: string;
  /** Sent as JSON unless it is a string (sent as it is). */
  body?: unknown;
  headers?: Record<string, string>;
}

/** One request to `base` + `path`. */
export async function call(
  base: string,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.authorization !== undefined) {
    headers.authorization = options.authorization;
  }
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${base}${path}`, { method, headers, body });
  const text = await response.text();
  const isJson = (response.headers.get('content-type') ?? '').startsWith('application/json');
  return {
    status: response.status,
    headers: response.headers,
    body: isJson && text !== '' ? (JSON.parse(text) as unknown) : text,
    text,
  };
}

/** The error code of an error answer, or undefined. */
export function codeOf(answer: Answer): unknown {
  return (answer.body as { code?: unknown } | null)?.code;
}

let tokenCount = 0;

/** Creates a token as `username` with their password; returns its id and secret. */
export async function createTokenWithPassword(
  base: string,
  username: keyof typeof TEST_USERS,
  body: Record<string, unknown> = {},
): Promise<{ id: string; token: string }> {
  const answer = await call(base, 'POST', '/api/v1/tokens', {
    authorization: basic(username, TEST_USERS[username].password),
    body: { name: `token ${++tokenCount}`, validity: 'never', ...body },
  });
  if (answer.status !== 201) {
    throw new Error(`token creation failed: ${answer.status} ${answer.text}`);
  }
  const { id, token } = answer.body as { id: string; token: string };
  return { id, token };
}

/**
 * A request sent exactly as given (fetch normalises paths and merges headers): the path is
 * not resolved, and a header given as an array is sent as several header lines.
 */
export async function rawRequest(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string | string[]> = {},
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      { host: url.hostname, port: url.port, method, path, headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    request.on('error', reject);
    request.end();
  });
}
