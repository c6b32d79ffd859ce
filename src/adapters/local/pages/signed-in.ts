/** Who is signed in on a request: the session its cookie names, and that user as the directory knows them now. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { User } from '../../../core/types';
import type { Directory } from '../../../ports';
import {
  readCookie,
  SESSION_COOKIE,
  sessionCookie,
  type Session,
  type SessionStore,
} from './session';

/** Who a request comes from, as far as the pages care. */
export type SignedIn =
  | { kind: 'user'; session: Session; user: User }
  | { kind: 'none' }
  /** The directory did not answer: neither allow nor send to the sign-in page. */
  | { kind: 'unavailable' };

/** The signed-in user; a session of a user now inactive or unknown is ended. Never throws. */
export async function signedIn(
  request: FastifyRequest,
  sessions: SessionStore,
  directory: Directory,
): Promise<SignedIn> {
  const session = sessions.find(readCookie(request.headers.cookie, SESSION_COOKIE));
  if (session === null) {
    return { kind: 'none' };
  }
  let user: User | null;
  try {
    user = await directory.getUser(session.accountId);
  } catch {
    return { kind: 'unavailable' };
  }
  if (user === null || !user.active) {
    sessions.end(session.id);
    return { kind: 'none' };
  }
  return { kind: 'user', session, user };
}

/** Sets or clears the session cookie on `reply`. */
export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  value: string,
): void {
  void reply.header('set-cookie', sessionCookie(value, { secure: request.protocol === 'https' }));
}
