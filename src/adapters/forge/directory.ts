/**
 * The Directory under Forge: Atlassian accounts as the site's product (Jira or Confluence)
 * knows them. Profiles are read as the app; the admin check runs as the user, so it reflects
 * the user's own global permission. A user is identified by account id or, where the site
 * shows it, by email address; Cloud has no usernames, so `username` is the account id.
 *
 * Each function instance remembers what it looked up for CACHE_MS, so the gateway does not ask
 * the product twice per request; the cost is that a revoked admin permission or a deactivated
 * account takes up to that long to apply on an instance that saw it before. A product that
 * does not answer makes every lookup throw StoreUnavailableError: callers refuse (503).
 */
import type { User } from '../../core/types';
import type { Directory, Logger } from '../../ports';
import { productCall, productJson, requestProduct, type Product } from './product-api';
import { productUsers, toProfile, type ProductProfile, type ProductUsers } from './product-users';

/** How long a looked-up user is reused. */
export const CACHE_MS = 30_000;
const MAX_CACHED_USERS = 2000;
const MAX_REF_CHARS = 256;
/** Atlassian account ids: 24 hex digits, or a prefix and a UUID (557058:…); never an email. */
const ACCOUNT_ID = /^[A-Za-z0-9][A-Za-z0-9:_-]{0,127}$/;
const EMAIL_SEARCH_LIMIT = 10;

export interface ForgeDirectoryOptions {
  product: Product;
  logger: Logger;
  now?: () => number;
  cacheMs?: number;
}

/** The product's users, as the Directory port. */
export class ForgeDirectory implements Directory {
  private readonly users: ProductUsers;
  private readonly cache = new Map<string, { at: number; user: Promise<User | null> }>();
  private readonly now: () => number;
  private readonly cacheMs: number;

  constructor(private readonly options: ForgeDirectoryOptions) {
    this.users = productUsers(options.product);
    this.now = options.now ?? Date.now;
    this.cacheMs = options.cacheMs ?? CACHE_MS;
  }

  async findUser(ref: string): Promise<User | null> {
    const wanted = ref.trim();
    if (wanted === '' || wanted.length > MAX_REF_CHARS) {
      return null;
    }
    if (!wanted.includes('@')) {
      return this.getUser(wanted);
    }
    const matches = await this.search(wanted, EMAIL_SEARCH_LIMIT);
    const found = matches.find((p) => p.email.toLowerCase() === wanted.toLowerCase());
    return found === undefined ? null : this.getUser(found.accountId);
  }

  getUser(accountId: string): Promise<User | null> {
    if (!ACCOUNT_ID.test(accountId)) {
      return Promise.resolve(null);
    }
    const cached = this.cache.get(accountId);
    if (cached !== undefined && this.now() - cached.at < this.cacheMs) {
      return cached.user;
    }
    const user = this.lookUp(accountId);
    this.remember(accountId, user);
    return user;
  }

  async searchUsers(query: string, limit: number): Promise<User[]> {
    if (query.trim() === '') {
      return [];
    }
    const profiles = await this.search(query.trim().slice(0, MAX_REF_CHARS), limit);
    // Summaries for the user picker: the admin check is made when a user is looked up.
    return profiles.slice(0, limit).map((profile) => toUser(profile, { isAdmin: false }));
  }

  private async search(query: string, limit: number): Promise<ProductProfile[]> {
    const body = await productCall('user search', async () =>
      productJson(
        await requestProduct(
          this.options.product,
          { kind: 'app' },
          this.users.search(query, limit),
        ),
        'user search',
      ),
    );
    return this.users
      .searchResults(body)
      .map(toProfile)
      .filter((p): p is ProductProfile => p !== null && p.accountType === 'atlassian');
  }

  private async lookUp(accountId: string): Promise<User | null> {
    const body = await productCall('user lookup', async () =>
      productJson(
        await requestProduct(this.options.product, { kind: 'app' }, this.users.lookup(accountId)),
        'user lookup',
      ),
    );
    const profile = toProfile(body);
    if (profile === null || profile.accountId !== accountId) {
      return null;
    }
    return toUser(profile, { isAdmin: await this.isAdmin(accountId) });
  }

  private async isAdmin(accountId: string): Promise<boolean> {
    const principal = { kind: 'user', accountId } as const;
    const response = await productCall('admin check', () =>
      requestProduct(this.options.product, principal, this.users.adminCheck()),
    );
    if (response.status === 401 || response.status === 403) {
      // The platform would not act as this user: treat them as a regular user (the safe side).
      this.options.logger.warn('admin check refused by the product', {
        accountId,
        status: response.status,
      });
      return false;
    }
    return this.users.isAdmin(await productJson(response, 'admin check'));
  }

  private remember(accountId: string, user: Promise<User | null>): void {
    this.cache.delete(accountId);
    this.cache.set(accountId, { at: this.now(), user });
    user.catch(() => {
      if (this.cache.get(accountId)?.user === user) {
        this.cache.delete(accountId);
      }
    });
    if (this.cache.size > MAX_CACHED_USERS) {
      const oldest = this.cache.keys().next();
      if (oldest.done !== true) {
        this.cache.delete(oldest.value);
      }
    }
  }
}

function toUser(profile: ProductProfile, extra: { isAdmin: boolean }): User {
  return {
    accountId: profile.accountId,
    username: profile.accountId,
    displayName: profile.displayName,
    email: profile.email,
    isAdmin: extra.isAdmin,
    active: profile.active && profile.accountType !== 'app',
  };
}
