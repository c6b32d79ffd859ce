/**
 * Forwards allowed REST requests to UPSTREAM_URL over a keep-alive connection pool (undici).
 * The upstream learns who the caller is from the identity header only: every incoming copy of
 * that header is removed first, hop-by-hop headers never cross, and bodies are bounded.
 */
import { Pool } from 'undici';
import type { User } from '../../core/types';
import type { Upstream, UpstreamRequest, UpstreamResponse } from '../../ports';

type Headers = Record<string, string | string[] | undefined>;

export interface HttpUpstreamOptions {
  baseUrl: URL;
  /** Lower-case identity header name. */
  identityHeader: string;
  /** Largest response body passed back; larger answers fail with UpstreamTooLargeError. */
  maxResponseBytes?: number;
  /** Time allowed for the upstream's headers and for each gap in its body. */
  timeoutMs?: number;
}

/** An Upstream that owns a connection pool. */
export interface HttpUpstream extends Upstream {
  close(): Promise<void>;
}

/** The upstream's answer was larger than the gateway passes on. */
export class UpstreamTooLargeError extends Error {
  override name = 'UpstreamTooLargeError';
}

export const DEFAULT_MAX_RESPONSE_BYTES = 32 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 30_000;

/** RFC 9110 §7.6.1 connection-specific headers, plus ones the pool sets itself. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  'content-length',
  'expect',
  'http2-settings',
]);

/**
 * Headers a proxy sets to describe the original request (address, scheme, host, port, prefix,
 * URL): from a client they are claims the upstream might believe, so none cross.
 */
const CLIENT_CLAIMS = new Set([
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
  'x-forwarded-prefix',
  'x-real-ip',
  'x-original-url',
  'x-rewrite-url',
]);

/**
 * Headers some servers read as the real method: a read-only token's GET carrying one could
 * be treated as a write, and no product needs them through a token gateway.
 */
const METHOD_OVERRIDES = new Set(['x-http-method-override', 'x-http-method', 'x-method-override']);

/**
 * Response headers the client never gets: banners that describe the upstream's server, and
 * the product's cookies, which would land on the pages' origin and are of no use through the
 * gateway (the incoming Cookie header is never forwarded).
 */
const RESPONSE_DROPPED = new Set(['server', 'x-powered-by', 'set-cookie']);

/** Header names compared the way lenient servers compare them: case and `_`/`-` folded. */
function foldName(name: string): string {
  const lower = name.toLowerCase();
  return lower.includes('_') ? lower.replace(/_/g, '-') : lower;
}

/** What connectionTokens answers when there is no Connection header; never added to. */
const NO_TOKENS: ReadonlySet<string> = new Set();

/** The last single Connection value seen and its tokens: nearly every one is "keep-alive". */
let lastConnection: { raw: string; tokens: ReadonlySet<string> } = { raw: '', tokens: NO_TOKENS };

function connectionTokens(headers: Headers): ReadonlySet<string> {
  const raw = headers.connection;
  if (raw === undefined) {
    return NO_TOKENS;
  }
  if (typeof raw === 'string' && raw === lastConnection.raw) {
    return lastConnection.tokens;
  }
  const tokens = new Set<string>();
  for (const value of Array.isArray(raw) ? raw : [raw]) {
    for (const token of value.split(',')) {
      tokens.add(foldName(token.trim()));
    }
  }
  if (typeof raw === 'string') {
    lastConnection = { raw, tokens };
  }
  return tokens;
}

/** Request headers as the upstream receives them; `as` null keeps the caller's credentials. */
export function upstreamRequestHeaders(
  headers: Headers,
  options: { identityHeader: string; as: User | null },
): Record<string, string | string[]> {
  const dropped = connectionTokens(headers);
  const identity = foldName(options.identityHeader);
  const out: Record<string, string | string[]> = {};
  for (const name in headers) {
    const value = headers[name];
    const folded = foldName(name);
    const skip =
      value === undefined ||
      HOP_BY_HOP.has(folded) ||
      CLIENT_CLAIMS.has(folded) ||
      METHOD_OVERRIDES.has(folded) ||
      dropped.has(folded) ||
      folded === identity;
    if (!skip) {
      out[name.toLowerCase()] = value;
    }
  }
  if (options.as !== null) {
    out[options.identityHeader] = options.as.username;
  }
  return out;
}

/** Response headers as the client receives them. */
export function clientResponseHeaders(headers: Headers): Headers {
  const dropped = connectionTokens(headers);
  const out: Headers = {};
  for (const name in headers) {
    const folded = foldName(name);
    if (!HOP_BY_HOP.has(folded) && !dropped.has(folded) && !RESPONSE_DROPPED.has(folded)) {
      out[name.toLowerCase()] = headers[name];
    }
  }
  return out;
}

/** An Upstream that sends requests to `baseUrl` (its path is kept as a prefix). */
export function createHttpUpstream(options: HttpUpstreamOptions): HttpUpstream {
  const pool = new Pool(options.baseUrl.origin, {
    connections: 64,
    keepAliveTimeout: 10_000,
    connectTimeout: 5_000,
  });
  const prefix = options.baseUrl.pathname.replace(/\/+$/, '');
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function forward(request: UpstreamRequest, as: User | null): Promise<UpstreamResponse> {
    const response = await pool.request({
      path: `${prefix}${request.url}`,
      method: request.method,
      headers: upstreamRequestHeaders(request.headers, {
        identityHeader: options.identityHeader,
        as,
      }),
      body: request.body && request.body.length > 0 ? request.body : null,
      headersTimeout: timeout,
      bodyTimeout: timeout,
    });
    const body = await readBounded(response.body, maxBytes);
    return {
      status: response.statusCode,
      headers: clientResponseHeaders(response.headers),
      body,
    };
  }

  return {
    forward,
    close: async () => {
      await pool.close();
    },
  };
}

async function readBounded(
  body: AsyncIterable<Buffer> & { destroy(): void },
  max: number,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > max) {
      body.destroy();
      throw new UpstreamTooLargeError(`The product's answer is larger than ${max} bytes.`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
