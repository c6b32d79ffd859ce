/** A person's tokens: create, list, rename, revoke, revoke all of a user, rotate. */
import type { CreatedToken } from '../app/contract';
import { buildAuditRecord } from '../core/audit';
import { canCreateTokens } from '../core/permissions';
import { normalizeTokenName, toPublicToken } from '../core/token-view';
import type { PublicToken, TokenScope, Validity } from '../core/types';
import type { Actor, ServiceDeps } from './deps';
import { invalidField, refuse, succeed, type ServiceResult } from './result';
import { admitCreate, manageable, subject } from './token-access';
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
  return {
    create: (actor, request) => create(deps, actor, request),
    list: (actor, userRef) => list(deps, actor, userRef),
    rename: (actor, id, name) => rename(deps, actor, id, name),
    rotate: (actor, id) => rotate(deps, actor, id),
    revoke: (actor, id) => revoke(deps, actor, id),
    revokeAll: (actor, userRef) => revokeAll(deps, actor, userRef),
  };
}

async function maxValidity(deps: ServiceDeps): Promise<Validity> {
  return (await deps.settings.current()).settings.maxValidity;
}

async function create(
  deps: ServiceDeps,
  actor: Actor,
  request: CreateTokenRequest,
): Promise<ServiceResult<CreatedToken>> {
  const { settings } = await deps.settings.current();
  const admitted = await admitCreate(deps, actor, request, settings);
  if (!admitted.ok) {
    return admitted;
  }

  const { record, secret } = mintToken({
    ownerId: admitted.value.owner.accountId,
    createdBy: actor.user.accountId,
    name: admitted.value.name,
    scope: request.scope ?? 'read-write',
    validity: request.validity,
    now: deps.clock.now(),
  });
  const audit = tokenAudit(record.createdAt, actor, record, 'token.created');
  if ((await unlessNameTaken(() => deps.stores.tokens.create(record, audit))) === NAME_TAKEN) {
    return refuse('NAME_TAKEN');
  }
  deps.logger.info('token created', { tokenId: record.id, ownerId: record.ownerId });
  return succeed({ ...toPublicToken(record, settings.maxValidity), token: secret });
}

async function list(
  deps: ServiceDeps,
  actor: Actor,
  userRef?: string,
): Promise<ServiceResult<PublicToken[]>> {
  const owner = await subject(deps, actor, userRef);
  if (!owner.ok) {
    return owner;
  }
  const max = await maxValidity(deps);
  const tokens = await deps.stores.tokens.listByOwner(owner.value.accountId);
  return succeed(tokens.map((token) => toPublicToken(token, max)));
}

async function rename(
  deps: ServiceDeps,

  actor: Actor,
  id: string,
  rawName: string,
): Promise<ServiceResult<PublicToken>> {
  const name = normalizeTokenName(rawName);
  if (!name.ok) {
    return invalidField('name', name.reason);
  }
  const token = await manageable(deps, actor, id);
  if (token === null) {
    return refuse('NOT_FOUND');
  }

  const renamed = { ...token, name: name.name };
  const audit = tokenAudit(deps.clock.now(), actor, renamed, 'token.renamed', {
    changes: [{ field: 'name', before: token.name, after: name.name }],
  });
  const found = await unlessNameTaken(() => deps.stores.tokens.rename(id, name.name, audit));
  if (found === NAME_TAKEN) {
    return refuse('NAME_TAKEN');
  }
  return found ? succeed(toPublicToken(renamed, await maxValidity(deps))) : refuse('NOT_FOUND');
}

async function rotate(
  deps: ServiceDeps,
  actor: Actor,
  id: string,
): Promise<ServiceResult<CreatedToken>> {
  // Rotation hands out a new secret, so it is creation as far as "only admins" goes.
  const { settings } = await deps.settings.current();
  if (!canCreateTokens(actor.user, settings)) {
    return refuse('TOKEN_CREATION_RESTRICTED');
  }
  const token = await manageable(deps, actor, id);
  if (token === null) {
    return refuse('NOT_FOUND');
  }

  const { record, secret } = mintSuccessor(token);
  const audit = tokenAudit(deps.clock.now(), actor, token, 'token.rotated', {
    newTokenId: record.id,
  });
  if (!(await deps.stores.tokens.replace(token.id, record, audit))) {
    return refuse('NOT_FOUND');
  }
  deps.logger.info('token rotated', { tokenId: token.id, newTokenId: record.id });
  return succeed({ ...toPublicToken(record, settings.maxValidity), token: secret });
}

async function revoke(deps: ServiceDeps, actor: Actor, id: string): Promise<ServiceResult<null>> {
  const token = await manageable(deps, actor, id);
  if (token === null) {
    return refuse('NOT_FOUND');
  }
  const audit = tokenAudit(deps.clock.now(), actor, token, 'token.deleted');
  return (await deps.stores.tokens.delete(id, audit)) ? succeed(null) : refuse('NOT_FOUND');
}

async function revokeAll(
  deps: ServiceDeps,

  actor: Actor,
  userRef: string,
): Promise<ServiceResult<{ deleted: number }>> {
  if (!actor.user.isAdmin) {
    return refuse('ADMIN_REQUIRED');
  }
  const owner = await deps.directory.findUser(userRef);
  if (owner === null) {
    return refuse('NOT_FOUND');
  }
  // The record is written with the deletion, so its count is read just before.
  const count = (await deps.stores.tokens.listByOwner(owner.accountId)).length;
  const audit = buildAuditRecord({
    at: deps.clock.now(),
    actorId: actor.user.accountId,
    targetId: owner.accountId,
    action: 'tokens.deleted_all',
    actorIp: actor.ip,
    count,
  });
  const deleted = await deps.stores.tokens.deleteByOwner(owner.accountId, audit);
  deps.logger.info('all tokens of a user deleted', { ownerId: owner.accountId, deleted });
  return succeed({ deleted });
}
