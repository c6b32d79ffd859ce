/**
 * Requests the HTTP parser refuses before any route runs (headers too large, a malformed
 * request line or header) get the server's error body and headers, never the framework's own
 * answer, and never an echo of what was sent.
 */
import { connect } from 'node:net';
import { startTestServer, type TestServer } from '../support/server';

interface RawAnswer {
  statusLine: string;
  headers: Record<string, string>;
  body: string;
}

const SOCKET_TIMEOUT_MS = 5_000;

/** Writes `request` as bytes to the server and reads until the server closes the socket. */
function sendRaw(baseUrl: string, request: string): Promise<RawAnswer> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: url.hostname, port: Number(url.port) });
    const chunks: Buffer[] = [];
    socket.setTimeout(SOCKET_TIMEOUT_MS, () => socket.destroy(new Error('no answer in time')));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => resolve(parseAnswer(Buffer.concat(chunks).toString('latin1'))));
    socket.write(request, 'latin1');
  });
}

function parseAnswer(raw: string): RawAnswer {
  const end = raw.indexOf('\r\n\r\n');
  const head = end === -1 ? raw : raw.slice(0, end);
  const [statusLine = '', ...lines] = head.split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { statusLine, headers, body: end === -1 ? '' : raw.slice(end + 4) };
}

const SECRET_MARK = 'Zm9vOmJhcg';
const OVERSIZED_AUTH = `Basic ${SECRET_MARK}${'A'.repeat(20 * 1024)}`;

const CASES: [string, string, number][] = [
  [
    'an Authorization header of 20 KiB',
    `GET /rest/api/2/myself HTTP/1.1\r\nHost: x\r\nAuthorization: ${OVERSIZED_AUTH}\r\n\r\n`,
    431,
  ],
  ['a lower-case method', `get /api/v1/me?${SECRET_MARK} HTTP/1.1\r\nHost: x\r\n\r\n`, 400],
  [
    'a space before a header colon',
    `GET /api/v1/me HTTP/1.1\r\nHost: x\r\nAuthorization : Bearer ${SECRET_MARK}\r\n\r\n`,
    400,
  ],
];

describe('requests the HTTP parser refuses', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it.each(CASES)(
    'answer %s with the standard error body and headers',
    async (_label, request, status) => {
      const answer = await sendRaw(server.baseUrl, request);
      expect(answer.statusLine).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
      const body = JSON.parse(answer.body) as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(['code', 'message', 'requestId']);
      expect(body.code).toBe('INVALID_INPUT');
      expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(answer.headers['cache-control']).toBe('no-store');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
      expect(answer.headers['x-request-id']).toBe(body.requestId);
      expect(answer.headers.connection).toBe('close');
      expect(Number(answer.headers['content-length'])).toBe(Buffer.byteLength(answer.body));
      expect(answer.body).not.toContain(SECRET_MARK);
    },
  );
});
