/** A person's tokens: create, list, rename, revoke, revoke all of a user, rotate. */
import type { CreatedToken } from '../app/contract';
import { buildAuditRecord } from '../core/audit';
import { checkCreateFor } from '../core/permissions';
import { normalizeTokenName, toPublicToken } from '../core/token-view';
import type { PublicToken, TokenRecord, TokenScope, User, Validity } from '../core/types';
import { allowedValidities, isValidityAllowed } from '../core/validity';
import type { Actor, ServiceDeps } from './deps';
import { invalidField, refuse, succeed, type ServiceResult } from './result';
import { mintSuccessor, mintToken, NAME_TAKEN, tokenAudit, unlessNameTaken } from './token-records';

export interface CreateTokenRequest {
  name: string;
  validity: Validity;
  scope?: TokenScope;
  /** Another user (admins only): username, email or accountId. */
  user?: string;
}

export interface TokenService {
  create(actor: Actor, request: CreateTokenRequest): Promise<ServiceResult<CreatedToken>>;
  list(actor: Actor, userRef?: string): Promise<ServiceResult<PublicToken[]>>;
  rename(actor: Actor, id: string, rawName: string): Promise<ServiceResult<PublicToken>>;
  rotate(actor: Actor, id: string): Promise<ServiceResult<CreatedToken>>;
  revoke(actor: Actor, id: string): Promise<ServiceResult<null>>;
  revokeAll(actor: Actor, userRef: string): Promise<ServiceResult<{ deleted: number }>>;
}

/** The token service over the stores and the directory. */
export function createTokenService(deps: ServiceDeps): TokenService {
  const { stores, directory, clock } = deps;

  async function maxValidity(): Promise<Validity> {
    return (await deps.settings.current()).settings.maxValidity;
  }

  /** The token when it exists and the actor may manage it; others' tokens look absent. */
  async function manageable(actor: Actor, id: string): Promise<TokenRecord | null> {
    const token = await stores.tokens.findById(id);
    const mayManage = token?.ownerId === actor.user.accountId || actor.user.isAdmin;
    return token !== null && mayManage ? token : null;
  }

  /** The user a request names (or the actor); non-admins may only name themselves. */
  async function subject(actor: Actor, userRef: string | undefined): Promise<ServiceResult<User>> {
    const user = userRef === undefined ? actor.user : await directory.findUser(userRef);
    if (user?.accountId !== actor.user.accountId && !actor.user.isAdmin) {
      return refuse('ADMIN_REQUIRED');
    }
    return user === null ? refuse('NOT_FOUND') : succeed(user);
  }

  async function create(
    actor: Actor,
    request: CreateTokenRequest,
  ): Promise<ServiceResult<CreatedToken>> {
    const { settings } = await deps.settings.current();
    const owner = await subject(actor, request.user);
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

    const { record, secret } = mintToken({
      ownerId: owner.value.accountId,
      createdBy: actor.user.accountId,
      name: name.name,
      scope: request.scope ?? 'read-write',
      validity: request.validity,
      now: clock.now(),
    });
    const audit = tokenAudit(record.createdAt, actor, record, 'token.created');
    if ((await unlessNameTaken(() => stores.tokens.create(record, audit))) === NAME_TAKEN) {
      return refuse('NAME_TAKEN');
    }
    deps.logger.info('token created', { tokenId: record.id, ownerId: record.ownerId });
    return succeed({ ...toPublicToken(record, settings.maxValidity), token: secret });
  }

  async function list(actor: Actor, userRef?: string): Promise<ServiceResult<PublicToken[]>> {
    const owner = await subject(actor, userRef);
    if (!owner.ok) {
      return owner;
    }
    const max = await maxValidity();
    const tokens = await stores.tokens.listByOwner(owner.value.accountId);
    return succeed(tokens.map((token) => toPublicToken(token, max)));
  }

  async function rename(
    actor: Actor,
    id: string,
    rawName: string,
  ): Promise<ServiceResult<PublicToken>> {
    const name = normalizeTokenName(rawName);
    if (!name.ok) {
      return invalidField('name', name.reason);
    }
    const token = await manageable(actor, id);
    if (token === null) {
      return refuse('NOT_FOUND');
    }

    const renamed = { ...token, name: name.name };
    const audit = tokenAudit(clock.now(), actor, renamed, 'token.renamed', {
      changes: [{ field: 'name', before: token.name, after: name.name }],
    });
    const found = await unlessNameTaken(() => stores.tokens.rename(id, name.name, audit));
    if (found === NAME_TAKEN) {
      return refuse('NAME_TAKEN');
    }
    return found ? succeed(toPublicToken(renamed, await maxValidity())) : refuse('NOT_FOUND');
  }

  async function rotate(actor: Actor, id: string): Promise<ServiceResult<CreatedToken>> {
    const token = await manageable(actor, id);
    if (token === null) {
      return refuse('NOT_FOUND');
    }

    const { record, secret } = mintSuccessor(token);
    const audit = tokenAudit(clock.now(), actor, token, 'token.rotated', { newTokenId: record.id });
    if (!(await stores.tokens.replace(token.id, record, audit))) {
      return refuse('NOT_FOUND');
    }
    deps.logger.info('token rotated', { tokenId: token.id, newTokenId: record.id });
    return succeed({ ...toPublicToken(record, await maxValidity()), token: secret });
  }

  async function revoke(actor: Actor, id: string): Promise<ServiceResult<null>> {
    const token = await manageable(actor, id);
    if (token === null) {
      return refuse('NOT_FOUND');
    }
    const audit = tokenAudit(clock.now(), actor, token, 'token.deleted');
    return (await stores.tokens.delete(id, audit)) ? succeed(null) : refuse('NOT_FOUND');
  }

  async function revokeAll(
    actor: Actor,
    userRef: string,
  ): Promise<ServiceResult<{ deleted: number }>> {
    if (!actor.user.isAdmin) {
      return refuse('ADMIN_REQUIRED');
    }
    const owner = await directory.findUser(userRef);
    if (owner === null) {
      return refuse('NOT_FOUND');
    }
    // The record is written with the deletion, so its count is read just before.
    const count = (await stores.tokens.listByOwner(owner.accountId)).length;
    const audit = buildAuditRecord({
      at: clock.now(),
      actorId: actor.user.accountId,
      targetId: owner.accountId,
      action: 'tokens.deleted_all',
      actorIp: actor.ip,
      count,
    });
    const deleted = await stores.tokens.deleteByOwner(owner.accountId, audit);
    deps.logger.info('all tokens of a user deleted', { ownerId: owner.accountId, deleted });
    return succeed({ deleted });
  }

  return { create, list, rename, rotate, revoke, revokeAll };
}
