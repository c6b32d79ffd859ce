/**
 * Reading the Authorization header as RFC 9110 (credentials syntax), RFC 7617 (Basic) and
 * RFC 6750 (Bearer) define it. Untrusted input: every outcome is a value, nothing throws.
 */

/** Authorization headers longer than this are refused unread. */
export const MAX_AUTHORIZATION_BYTES = 8192;

/** What an Authorization header carries. */
export type Credential =
  | { kind: 'none' }
  | { kind: 'malformed'; reason: string }
  | { kind: 'basic'; user: string; secret: string }
  | { kind: 'bearer'; secret: string };

/** auth-scheme (a token), 1+ spaces, then the rest. */
const CREDENTIALS = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+)(?: +(.*))?$/s;
/** token68 (RFC 9110 §11.2), which is also RFC 6750's b64token. */
const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/;
/** Base64 with the standard alphabet and exact padding (RFC 4648 §4). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
/** Control characters (C0, DEL, C1), which RFC 7617 forbids in user-id and password. */
const CONTROL = /\p{Cc}/u;
const OWS = /^[ \t]+|[ \t]+$/g;

function malformed(reason: string): Credential {
  return { kind: 'malformed', reason };
}

/** Parses an Authorization header; never throws. */
export function parseAuthorization(header: string | string[] | undefined): Credential {
  if (header === undefined || (Array.isArray(header) && header.length === 0)) {
    return { kind: 'none' };
  }
  if (Array.isArray(header)) {
    return header.length === 1 ? parseOne(header[0]) : malformed('several Authorization headers');
  }
  return parseOne(header);
}

function parseOne(header: unknown): Credential {
  if (typeof header !== 'string') {
    return malformed('not text');
  }
  if (header.length > MAX_AUTHORIZATION_BYTES) {
    return malformed(`longer than ${MAX_AUTHORIZATION_BYTES} bytes`);
  }
  const value = header.replace(OWS, '');
  if (value === '') {
    return malformed('empty');
  }
  const match = CREDENTIALS.exec(value);
  const scheme = match?.[1]?.toLowerCase();
  const rest = match?.[2] ?? '';
  if (scheme === undefined) {
    return malformed('not an auth-scheme followed by credentials');
  }
  if (scheme !== 'basic' && scheme !== 'bearer') {
    return malformed('unsupported scheme');
  }
  if (!TOKEN68.test(rest)) {
    return malformed('credentials are not a token68');
  }
  return scheme === 'bearer' ? { kind: 'bearer', secret: rest } : parseBasic(rest);
}

/** Fatal: bytes that are not UTF-8 throw instead of becoming U+FFFD. Reused across requests. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

function parseBasic(encoded: string): Credential {
  if (!BASE64.test(encoded)) {
    return malformed('not base64 with correct padding');
  }
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.toString('base64') !== encoded) {
    return malformed('not canonical base64');
  }
  let decoded: string;
  try {
    decoded = UTF8.decode(bytes);
  } catch {
    return malformed('not UTF-8');
  }
  const colon = decoded.indexOf(':');
  if (colon < 0) {
    return malformed('no colon between user-id and password');
  }
  const user = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  if (user === '') {
    return malformed('empty user-id');
  }
  if (CONTROL.test(decoded)) {
    return malformed('control characters in user-id or password');
  }
  return { kind: 'basic', user, secret };
}
