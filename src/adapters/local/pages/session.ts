/**
 * Sign-in sessions of the local pages: kept in memory (signing out ends them at once), named by
 * a random id in an HttpOnly, SameSite=Lax cookie signed with a secret kept in DATA_DIR. Each
 * session carries a CSRF token the pages send back with every bridge call.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The session cookie's name. */
export const SESSION_COOKIE = 'atat_session';
/** The file in DATA_DIR that holds the cookie-signing secret. */
export const SESSION_SECRET_FILE = 'session-secret';
/** A session ends after this long without a request… */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
/** …and after this long in any case. */
export const SESSION_MAX_MS = 24 * 60 * 60 * 1000;
/** Beyond this many open sessions the oldest ends first (memory stays bounded). */
export const MAX_SESSIONS = 10_000;

/** One signed-in browser. */
export interface Session {
  id: string;
  accountId: string;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
}

/** The open sessions. */
export interface SessionStore {
  /** A new session for `accountId`; returns it with the cookie value naming it. */
  create(accountId: string): { session: Session; cookieValue: string };
  /** The live session a cookie value names, or null (unsigned, unknown, idle or too old). */
  find(cookieValue: string | undefined): Session | null;
  end(id: string): void;
}

/** Reads the signing secret from `dataDir`, creating it (mode 0600) on first start. */
export async function loadSessionSecret(dataDir: string): Promise<Buffer> {
  const file = path.join(dataDir, SESSION_SECRET_FILE);
  await mkdir(dataDir, { recursive: true });
  try {
    await writeFile(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw error;
    }
  }
  const secret = Buffer.from((await readFile(file, 'utf8')).trim(), 'hex');
  if (secret.length < 32) {
    throw new Error(`${file} does not hold a 256-bit hex secret; delete it to make a new one`);
  }
  return secret;
}

function isLive(session: Session, at: number): boolean {
  return at - session.lastSeenAt < SESSION_IDLE_MS && at - session.createdAt < SESSION_MAX_MS;
}

function newSession(accountId: string, at: number): Session {
  const id = randomBytes(32).toString('base64url');
  return {
    id,
    accountId,
    csrfToken: randomBytes(32).toString('base64url'),
    createdAt: at,
    lastSeenAt: at,
  };
}

/** The session id a cookie value names when its signature is right, else null. */
function signedId(cookieValue: string | undefined, sign: (id: string) => string): string | null {
  const [id, signature, extra] = (cookieValue ?? '').split('.');
  if (id === undefined || signature === undefined || extra !== undefined) {
    return null;
  }
  return sameText(signature, sign(id)) ? id : null;
}

/** Sessions in memory, signed with `secret`; `now` is the clock (tests pass a fixed one). */
export function createSessionStore(secret: Buffer, now: () => number): SessionStore {
  const sessions = new Map<string, Session>();
  const sign = (id: string): string => createHmac('sha256', secret).update(id).digest('base64url');

  return {
    create(accountId) {
      const session = newSession(accountId, now());
      sessions.set(session.id, session);
      const oldest = sessions.keys().next().value;
      if (sessions.size > MAX_SESSIONS && oldest !== undefined) {
        sessions.delete(oldest);
      }
      return { session, cookieValue: `${session.id}.${sign(session.id)}` };
    },
    find(cookieValue) {
      const id = signedId(cookieValue, sign);
      const session = id === null ? undefined : sessions.get(id);
      const at = now();
      if (session === undefined || !isLive(session, at)) {
        sessions.delete(id ?? '');
        return null;
      }
      session.lastSeenAt = at;
      return session;
    },
    end(id) {
      sessions.delete(id);
    },
  };
}

/** Compares two strings in time that does not depend on where they differ. */
export function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The value of one cookie in a Cookie header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) {
      return part.slice(separator + 1).trim();
    }
  }
  return undefined;
}

/** The Set-Cookie value for the session cookie; an empty value with Max-Age=0 removes it. */
export function sessionCookie(value: string, options: { secure: boolean }): string {
  const parts = [`${SESSION_COOKIE}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax'];
  if (value === '') {
    parts.push('Max-Age=0');
  } else {
    parts.push(`Max-Age=${SESSION_MAX_MS / 1000}`);
  }
  if (options.secure) {
    parts.push('Secure');
  }
  return parts.join('; ');
}
