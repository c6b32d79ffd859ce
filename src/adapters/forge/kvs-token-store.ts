/**
 * TokenStore on @forge/kvs custom entities (manifest.yml: token, token-ref, token-name,
 * revoked-token).
 *
 * - Verification (findByHash) is one keyed read of the token entity; nothing is cached for it,
 *   so a revoked token stops working on every instance at once. The read goes out with any
 *   other read of the same moment (kvs-read-batch.ts).
 * - Every change is one transaction holding all the records it touches and its audit record;
 *   a removed token is remembered as revoked in that transaction.
 *   Its conditions make it fail instead of acting on a stale read; on a refusal the store
 *   re-reads, answers false / NameTakenError when that explains it, else retries (bounded) and
 *   finally fails closed.
 * - touch() writes from the record findByHash just returned (remembered per instance), under a
 *   condition that the token still has that id and name, so it costs one write and no read and
 *   can never bring back a deleted token.
 */
import { kvs } from '@forge/kvs';

import type { AuditRecord, TokenRecord } from '../../core/types';
import {
  NameTakenError,
  StoreUnavailableError,
  type AdminTokenQuery,
  type Page,
  type RevokedToken,
  type TokenStore,
} from '../../ports';
import { commit, readEntity } from './kvs-access';
import { KvsReadBatcher } from './kvs-read-batch';
import { fromTokenItem, type TokenItem } from './kvs-items';
import { ENTITY, tokenKey, tokenRefKey } from './kvs-keys';
import { RecentTokens } from './recent-tokens';
import { countTokens, listAllTokens, listTokensOf } from './kvs-token-list';
import { deleteTokensOf } from './kvs-token-owner';
import { findRevokedToken, pruneRevokedTokens, rememberRevoked } from './kvs-revoked-tokens';
import {
  addAudit,
  addTokenRecords,
  nameHolder,
  passName,
  releaseName,
  removeTokenRecords,
  rewriteToken,
  sameNameLock,
  takeName,
  type TokenRefItem,
} from './kvs-token-writes';

const MAX_TRIES = 3;

/** A token store on @forge/kvs. */
export class KvsTokenStore implements TokenStore {
  /** Reads of the same moment, sent together. */
  private readonly reads: KvsReadBatcher;
  /** Tokens this instance verified lately: what touch() writes from. */
  private readonly recent = new RecentTokens();
  /** Revoked tokens: their own entity, written by the removals below (kvs-revoked-tokens.ts). */
  readonly findRevoked: (hash: string) => Promise<RevokedToken | null> = findRevokedToken;
  readonly pruneRevoked: (before: number) => Promise<number> = pruneRevokedTokens;

  constructor(options: { reads?: KvsReadBatcher } = {}) {
    this.reads = options.reads ?? new KvsReadBatcher();
  }

  async create(token: TokenRecord, audit: AuditRecord): Promise<void> {
    const transaction = kvs.transact();
    addTokenRecords(transaction, token);
    takeName(transaction, token);
    addAudit(transaction, audit);

    if ((await commit('token create', transaction)) === 'committed') {
      return;
    }
    if ((await nameHolder(token.ownerId, token.name)) !== null) {
      throw new NameTakenError('another token of this owner has this name');
    }
    throw new StoreUnavailableError('token create was refused by storage');
  }

  async findByHash(hash: string): Promise<TokenRecord | null> {
    const key = tokenKey(hash);
    if (key === null) {
      return null;
    }
    const item = await this.reads.read<TokenItem>({ entity: ENTITY.token, key });
    const token = item === undefined ? null : fromTokenItem(item);
    if (token === null || token.hash !== hash) {
      return null;
    }
    this.recent.remember(token);
    return token;
  }

  async findById(id: string): Promise<TokenRecord | null> {
    const ref = await readEntity<TokenRefItem>(ENTITY.tokenRef, tokenRefKey(id));
    const key = ref === undefined ? null : tokenKey(ref.hash);
    if (key === null) {
      return null;
    }
    const item = await readEntity<TokenItem>(ENTITY.token, key);
    const token = item === undefined ? null : fromTokenItem(item);
    return token !== null && token.id === id ? token : null;
  }

  listByOwner(ownerId: string): Promise<TokenRecord[]> {
    return listTokensOf(ownerId);
  }

  listAll(query: AdminTokenQuery): Promise<Page<TokenRecord>> {
    return listAllTokens(query);
  }

  async rename(id: string, name: string, audit: AuditRecord): Promise<boolean> {
    for (let tries = 0; tries < MAX_TRIES; tries += 1) {
      const current = await this.findById(id);
      if (current === null) {
        return false;
      }
      const renamed: TokenRecord = { ...current, name };
      const transaction = kvs.transact();
      rewriteToken(transaction, current, renamed);
      if (!sameNameLock(current, renamed)) {
        releaseName(transaction, current);
        takeName(transaction, renamed);
      }
      addAudit(transaction, audit);

      if ((await commit('token rename', transaction)) === 'committed') {
        this.recent.forget(id);
        return true;
      }
      const holder = await nameHolder(current.ownerId, name);
      if (holder !== null && holder !== id) {
        throw new NameTakenError('another token of this owner has this name');
      }
    }
    throw new StoreUnavailableError('token rename kept conflicting');
  }

  async delete(id: string, audit: AuditRecord): Promise<boolean> {
    for (let tries = 0; tries < MAX_TRIES; tries += 1) {
      const current = await this.findById(id);
      if (current === null) {
        return false;
      }
      const transaction = kvs.transact();
      removeTokenRecords(transaction, current);
      releaseName(transaction, current);
      rememberRevoked(transaction, current, audit.at);
      addAudit(transaction, audit);
      if ((await commit('token delete', transaction)) === 'committed') {
        this.recent.forget(id);
        return true;
      }
    }
    throw new StoreUnavailableError('token delete kept conflicting');
  }

  deleteByOwner(ownerId: string, audit: AuditRecord): Promise<number> {
    this.recent.clear();
    return deleteTokensOf(ownerId, audit);
  }

  async replace(oldId: string, next: TokenRecord, audit: AuditRecord): Promise<boolean> {
    for (let tries = 0; tries < MAX_TRIES; tries += 1) {
      const old = await this.findById(oldId);
      if (old === null) {
        return false;
      }
      const transaction = kvs.transact();
      removeTokenRecords(transaction, old);
      rememberRevoked(transaction, old, audit.at);
      addTokenRecords(transaction, next);
      if (sameNameLock(old, next)) {
        passName(transaction, old, next);
      } else {
        releaseName(transaction, old);
        takeName(transaction, next);
      }
      addAudit(transaction, audit);

      if ((await commit('token rotation', transaction)) === 'committed') {
        this.recent.forget(oldId);
        return true;
      }
      const holder = await nameHolder(next.ownerId, next.name);
      if (holder !== null && holder !== oldId) {
        throw new NameTakenError('another token of this owner has this name');
      }
    }
    throw new StoreUnavailableError('token rotation kept conflicting');
  }

  async touch(id: string, at: number, ip: string | null): Promise<void> {
    let known = this.recent.get(id) ?? (await this.findById(id));
    for (let tries = 0; tries < 2 && known !== null; tries += 1) {
      const touched: TokenRecord = { ...known, lastUsedAt: at, lastUsedIp: ip };
      const transaction = kvs.transact();
      rewriteToken(transaction, known, touched);
      if ((await commit('token touch', transaction)) === 'committed') {
        this.recent.remember(touched);
        return;
      }
      this.recent.forget(id);
      known = await this.findById(id);
    }
  }

  count(): Promise<number> {
    return countTokens();
  }
}
