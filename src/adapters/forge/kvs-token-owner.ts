/**
 * Deleting every token of one owner on @forge/kvs. A transaction holds at most 25 operations
 * and removing a token takes four (token, id reference, name lock, and the revoked-token record
 * that remembers it), so more than six tokens need several transactions, and no single commit
 * can make them all disappear at once.
 *
 * Choice: the audit record is written in the FIRST transaction, together with the first six
 * tokens (intent first). The port's rule is that a change never lands without its record; with
 * the record first, every token this call removes is covered by a committed record from the
 * moment it is gone. Writing the record with the last chunk instead would, on a failure half-way,
 * leave tokens deleted with no record at all — the state an audit trail must never show.
 * The one remaining half state after a failure — some tokens of the owner still exist — is
 * reported to the caller as StoreUnavailableError (the admin sees the error), the remaining
 * tokens keep the rules they had, and a retry deletes them under a record of its own.
 * Every chunk remembers its tokens as revoked at the audit record's time.
 * Owners with at most six tokens, by far the common case, are deleted in one atomic commit.
 */
import { kvs } from '@forge/kvs';

import type { AuditRecord, TokenRecord } from '../../core/types';
import { StoreUnavailableError } from '../../ports';
import { KVS_TRANSACTION_OPS, commit } from './kvs-access';
import { listTokensOf } from './kvs-token-list';
import { OPS_PER_REVOKED_TOKEN, rememberRevoked } from './kvs-revoked-tokens';
import { OPS_PER_TOKEN, addAudit, releaseName, removeTokenRecords } from './kvs-token-writes';

/** Operations removing one token takes: its records and the record remembering it as revoked. */
const OPS_PER_REMOVED_TOKEN = OPS_PER_TOKEN + OPS_PER_REVOKED_TOKEN;
/** Tokens per transaction, leaving one operation for the audit record. */
export const TOKENS_PER_TRANSACTION = Math.floor((KVS_TRANSACTION_OPS - 1) / OPS_PER_REMOVED_TOKEN);
/** Chunks plus re-reads after a refused chunk (a token changed meanwhile). */
const MAX_ROUNDS = 1000;

async function commitChunk(
  chunk: TokenRecord[],
  change: { revokedAt: number; audit: AuditRecord | null },
): Promise<boolean> {
  const transaction = kvs.transact();
  for (const token of chunk) {
    removeTokenRecords(transaction, token);
    releaseName(transaction, token);
    rememberRevoked(transaction, token, change.revokedAt);
  }
  if (change.audit !== null) {
    addAudit(transaction, change.audit);
  }
  return (await commit('delete of all tokens of a user', transaction)) === 'committed';
}

/** Deletes every token of `ownerId`; the audit record commits with the first chunk. */
export async function deleteTokensOf(ownerId: string, audit: AuditRecord): Promise<number> {
  let pending = await listTokensOf(ownerId);
  let audited = false;
  let deleted = 0;

  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    if (pending.length === 0 && audited) {
      return deleted;
    }
    const chunk = pending.slice(0, TOKENS_PER_TRANSACTION);
    if (await commitChunk(chunk, { revokedAt: audit.at, audit: audited ? null : audit })) {
      audited = true;
      deleted += chunk.length;
      pending = pending.slice(chunk.length);
    } else {
      // A token changed or went away meanwhile: plan again from what is stored now.
      pending = await listTokensOf(ownerId);
    }
  }
  throw new StoreUnavailableError('delete of all tokens of a user did not finish');
}
