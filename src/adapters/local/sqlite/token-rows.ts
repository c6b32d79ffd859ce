/** Token records to and from rows of the tokens table. */
import type { TokenRecord, TokenScope } from '../../../core/types';

export interface TokenRow {
  id: string;
  hash: string;
  hint: string;
  owner_id: string;
  name: string;
  name_key: string;
  scope: string;
  created_at: number;
  created_by: string;
  expires_at: number | null;
  last_used_at: number | null;
  last_used_ip: string | null;
}

/** The key a name is unique by within one owner: composed Unicode form, lower case. */
export function tokenNameKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** The row that stores `token`. */
export function toTokenRow(token: TokenRecord): TokenRow {
  return {
    id: token.id,
    hash: token.hash,
    hint: token.hint,
    owner_id: token.ownerId,
    name: token.name,
    name_key: tokenNameKey(token.name),
    scope: token.scope,
    created_at: token.createdAt,
    created_by: token.createdBy,
    expires_at: token.expiresAt,
    last_used_at: token.lastUsedAt,
    last_used_ip: token.lastUsedIp,
  };
}

/** The token a row stores. */
export function toTokenRecord(row: TokenRow): TokenRecord {
  return {
    id: row.id,
    hash: row.hash,
    hint: row.hint,
    ownerId: row.owner_id,
    name: row.name,
    scope: row.scope as TokenScope,
    createdAt: row.created_at,
    createdBy: row.created_by,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    lastUsedIp: row.last_used_ip,
  };
}
