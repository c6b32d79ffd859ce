/** Who may do what with a token: manage it, name another user, create one. */
import { checkCreateFor } from '../core/permissions';
import { normalizeTokenName } from '../core/token-view';
import type { Settings, TokenRecord, User } from '../core/types';
import { allowedValidities, isValidityAllowed } from '../core/validity';
import type { Actor, ServiceDeps } from './deps';
import { invalidField, refuse, succeed, type ServiceResult } from './result';
import type { CreateTokenRequest } from './tokens';

/** The token when it exists and the actor may manage it; others' tokens look absent. */
export async function manageable(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
): Promise<TokenRecord | null> {
  const token = await deps.stores.tokens.findById(id);
  const mayManage = token?.ownerId === actor.user.accountId || actor.user.isAdmin;
  return token !== null && mayManage ? token : null;
}

/** The user a request names (or the actor); non-admins may only name themselves. */
export async function subject(
  deps: ServiceDeps,
  actor: Actor,
  userRef: string | undefined,
): Promise<ServiceResult<User>> {
  const user = userRef === undefined ? actor.user : await deps.directory.findUser(userRef);
  if (user?.accountId !== actor.user.accountId && !actor.user.isAdmin) {
    return refuse('ADMIN_REQUIRED');
  }
  return user === null ? refuse('NOT_FOUND') : succeed(user);
}

/** Who the new token is for and its checked name, or why it may not be created. */
export async function admitCreate(
  deps: ServiceDeps,
  actor: Actor,
  request: CreateTokenRequest,
  settings: Settings,
): Promise<ServiceResult<{ owner: User; name: string }>> {
  const owner = await subject(deps, actor, request.user);
  if (!owner.ok) {
    return owner;
  }
  if (!owner.value.active) {
    return refuse('NOT_FOUND', { message: 'That user is not active.' });
  }
  const permission = checkCreateFor(actor.user, owner.value, settings);
  if (permission !== 'ok') {
    return refuse(permission);
  }
  const name = normalizeTokenName(request.name);
  if (!name.ok) {
    return invalidField('name', name.reason);
  }
  if (!isValidityAllowed(request.validity, settings.maxValidity)) {
    const options = allowedValidities(settings.maxValidity).join(', ');
    return invalidField('validity', `must be one of: ${options}`);
  }
  return succeed({ owner: owner.value, name: name.name });
}
