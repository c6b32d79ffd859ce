/** Headers and checks that keep the local pages safe to open in a browser. */
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The server-rendered pages (sign-in, launcher, product frame): no scripts at all. */
export const PLAIN_PAGE_CSP = [
  "default-src 'none'",
  "style-src 'self'",
  "img-src 'self' data:",
  "frame-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
  "base-uri 'none'",
].join('; ');

/**
 * The built React pages: their own scripts only; inline styles because the design system's
 * components and theme write their styles at run time.
 */
export const APP_PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "form-action 'self'",
  "frame-ancestors 'self'",
  "base-uri 'self'",
].join('; ');

const MAX_NEXT_LENGTH = 512;

/** Sets the headers every HTML page gets; HTML carrying a session's CSRF token is never cached. */
export function setPageHeaders(reply: FastifyReply, csp: string): void {
  void reply.header('content-security-policy', csp);
  void reply.header('x-frame-options', 'SAMEORIGIN');
  void reply.header('x-content-type-options', 'nosniff');
  void reply.header('referrer-policy', 'same-origin');
  void reply.header('cache-control', 'no-store');
}

/**
 * Where to go after signing in: only a path on this server ("/jira/admin"), never another
 * site ("//evil.example", "https://…", "/\\evil.example"); anything else goes to the launcher.
 */
export function safeNextPath(raw: unknown): string {
  if (typeof raw !== 'string' || raw.length > MAX_NEXT_LENGTH) {
    return '/';
  }
  const isLocalPath = /^\/(?![/\\])[A-Za-z0-9\-._~/?#=&%+]*$/.test(raw);
  return isLocalPath && !raw.startsWith('/login') ? raw : '/';
}

/**
 * True when a state-changing request comes from a page of this server: its Origin (or, without
 * one, Sec-Fetch-Site) must say so. Browsers send Origin on every cross-site POST.
 */
export function isSameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (typeof origin === 'string') {
    return origin === `${request.protocol}://${request.headers.host ?? ''}`;
  }
  return request.headers['sec-fetch-site'] === 'same-origin';
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
