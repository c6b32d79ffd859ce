/** Building the stored shape of a token and the audit record of a change to it. */
import { buildAuditRecord } from '../core/audit';
import { generateToken, hashToken, randomId, tokenHint } from '../core/token-format';
import type { AuditRecord, FieldChange, TokenRecord, TokenScope, Validity } from '../core/types';
import { expiryFor } from '../core/validity';
import { NameTakenError } from '../ports';
import type { Actor } from './deps';

/** Public ids of tokens start with this. */
export const TOKEN_ID_PREFIX = 'tok_';

/** A stored record and the secret it was made from (the secret is shown once, then dropped). */
export interface MintedToken {
  record: TokenRecord;
  secret: string;
}

/** A new token for `ownerId`, expiring `validity` after `now`. */
export function mintToken(input: {
  ownerId: string;
  createdBy: string;
  name: string;
  scope: TokenScope;
  validity: Validity;
  now: number;
}): MintedToken {
  const secret = generateToken();
  const record: TokenRecord = {
    id: randomId(TOKEN_ID_PREFIX),
    hash: hashToken(secret),
    hint: tokenHint(secret),
    ownerId: input.ownerId,
    name: input.name,
    scope: input.scope,
    createdAt: input.now,
    createdBy: input.createdBy,
    expiresAt: expiryFor(input.validity, input.now),
    lastUsedAt: null,
    lastUsedIp: null,
  };
  return { record, secret };
}

/**
 * The successor of `token` under a new secret and id. Name, scope, owner, creation time and
 * expiry stay the same, so rotating never extends how long a token may be used.
 */
export function mintSuccessor(token: TokenRecord): MintedToken {
  const secret = generateToken();
  const record: TokenRecord = {
    ...token,
    id: randomId(TOKEN_ID_PREFIX),
    hash: hashToken(secret),
    hint: tokenHint(secret),
    lastUsedAt: null,
    lastUsedIp: null,
  };
  return { record, secret };
}

type TokenAction = 'token.created' | 'token.renamed' | 'token.rotated' | 'token.deleted';
type AuditExtra = { changes?: FieldChange[]; newTokenId?: string };

/** The audit record of a change to one token, made by `actor` at `at`. */
export function tokenAudit(
  at: number,
  actor: Actor,
  token: TokenRecord,
  action: TokenAction,
  extra: AuditExtra = {},
): AuditRecord {
  return buildAuditRecord({
    at,
    actorId: actor.user.accountId,
    targetId: token.ownerId,
    action,
    tokenId: token.id,
    tokenName: token.name,
    actorIp: actor.ip,
    ...extra,
  });
}

/** What unlessNameTaken returns when another token of the owner has the name. */
export const NAME_TAKEN = Symbol('name taken');

/** Runs a store write that may find the name taken: its result, or NAME_TAKEN. */
export async function unlessNameTaken<T>(write: () => Promise<T>): Promise<T | typeof NAME_TAKEN> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof NameTakenError) {
      return NAME_TAKEN;
    }
    throw error;
  }
}
