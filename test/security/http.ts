/** HTTP clients for the security suite: fetch for well-formed requests, a raw socket for hostile ones. */
import net from 'node:net';

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON, or null when it is not JSON. */
  body: unknown;
}

export interface SendOptions {
  method?: string;
  /** The Authorization header value. */
  auth?: string;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
}

/** `Authorization: Basic base64(user:secret)` */
export function basic(user: string, secret: string): string {
  return `Basic ${Buffer.from(`${user}:${secret}`, 'utf8').toString('base64')}`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** One request with fetch; the reply read whole. */
export async function send(
  baseUrl: string,
  path: string,
  options: SendOptions = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.auth !== undefined) {
    headers.authorization = options.auth;
  }
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(`${baseUrl}${path}`, {
    method: options.method ?? 'GET',
    headers,
    redirect: 'manual',
    ...(body !== undefined && { body }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: parseJson(text) };
}

/** The error code of a JSON error reply, or null. */
export function codeOf(reply: Reply): string | null {
  const body = reply.body as { code?: unknown } | null;
  return typeof body?.code === 'string' ? body.code : null;
}

export interface RawReply {
  status: number;
  headers: Headers;
  /** The whole answer as text (status line, headers, body). */
  text: string;
}

function headersOf(text: string): Headers {
  const headers = new Headers();
  const head = text.split('\r\n\r\n', 1)[0] ?? '';
  for (const line of head.split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) {
      headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    }
  }
  return headers;
}

const RAW_TIMEOUT_MS = 5000;

/**
 * Sends `head` (request line and header lines, without the final blank line) and `body` over a
 * new connection, bytes exactly as given, and reads the answer until the server closes.
 */
export function rawRequest(
  baseUrl: string,
  head: string[],
  body: Buffer = Buffer.alloc(0),
): Promise<RawReply> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: hostname, port: Number(port) });
    const chunks: Buffer[] = [];
    const timer = setTimeout(
      () => socket.destroy(new Error('raw request timed out')),
      RAW_TIMEOUT_MS,
    );
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      const text = Buffer.concat(chunks).toString('latin1');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, headers: headersOf(text), text });
    });
    const lines = [...head, 'Connection: close', `Content-Length: ${body.length}`, '', ''];
    socket.write(Buffer.concat([Buffer.from(lines.join('\r\n'), 'latin1'), body]));
  });
}
