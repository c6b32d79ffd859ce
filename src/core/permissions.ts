/** Who may create and use tokens (admin guide: "Permissions"), and what a token's scope allows. */
import type { Settings, TokenScope, User } from './types';

const READ_ONLY_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Admins always; everyone else unless only admins may create tokens. */
export function canCreateTokens(user: User, settings: Settings): boolean {
  return user.isAdmin || !settings.adminsOnlyCreate;
}

/** Whether `actor` may create a token owned by `target`. */
export function checkCreateFor(
  actor: User,
  target: User,
  settings: Settings,
): 'ok' | 'ADMIN_REQUIRED' | 'TOKEN_CREATION_RESTRICTED' {
  if (actor.accountId !== target.accountId) {
    return actor.isAdmin ? 'ok' : 'ADMIN_REQUIRED';
  }
  return canCreateTokens(actor, settings) ? 'ok' : 'TOKEN_CREATION_RESTRICTED';
}

/**
 * Whether a token owned by `owner` may be used: refused only for regular users while only
 * admins may create tokens and regular users may not use tokens created for them.
 */
export function mayUseToken(owner: User, settings: Settings): boolean {
  return owner.isAdmin || !settings.adminsOnlyCreate || settings.usersMayUseAssignedTokens;
}

/** Read-only tokens allow GET, HEAD and OPTIONS only; read-write tokens allow every method. */
export function scopeAllowsMethod(scope: TokenScope, method: string): boolean {
  return scope === 'read-write' || READ_ONLY_METHODS.has(method.toUpperCase());
}
