/** People as the services see them: references resolved through the directory, public summaries. */
import type { UserSummary } from '../app/contract';
import type { User } from '../core/types';
import type { Directory } from '../ports';

/** At most this many users come back from one search. */
export const USER_SEARCH_LIMIT = 20;

/** The public face of a user: no admin flag, no state. */
export function toUserSummary(user: User): UserSummary {
  return {
    accountId: user.accountId,
    username: user.username,
    displayName: user.displayName,
    email: user.email,
  };
}

/** The summary shown for an account the directory no longer knows. */
export function unknownUserSummary(accountId: string): UserSummary {
  return { accountId, username: '', displayName: 'Unknown user', email: '' };
}

export interface UserLookup {
  /** The user named by a username, email or accountId, or null. */
  find(ref: string): Promise<User | null>;
  /** Users by accountId, each looked up once per lookup object (lists of tokens or records). */
  byAccountId(accountId: string): Promise<User | null>;
}

/** A lookup that asks the directory once per accountId for as long as it lives (one request). */
export function createUserLookup(directory: Directory): UserLookup {
  const known = new Map<string, Promise<User | null>>();

  return {
    find: (ref: string): Promise<User | null> => directory.findUser(ref),
    byAccountId(accountId: string): Promise<User | null> {
      let user = known.get(accountId);
      if (user === undefined) {
        user = directory.getUser(accountId);
        known.set(accountId, user);
      }
      return user;
    },
  };
}

/** Users whose username, display name or email contains `query`, as summaries. */
export async function searchUsers(directory: Directory, query: string): Promise<UserSummary[]> {
  const users = await directory.searchUsers(query.trim(), USER_SEARCH_LIMIT);
  return users.map(toUserSummary);
}
