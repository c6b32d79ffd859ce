/**
 * The users file as the app's Directory and PasswordVerifier. Lookups are by accountId, then
 * username, then email (the last two case-insensitive). Password checks cost the same scrypt
 * work whether or not the user exists, and inactive users never verify.
 */
import type { User } from '../../core/types';
import type { Directory, PasswordVerifier } from '../../ports';
import { verifyPasswordHash } from './password-hash';
import type { LocalUser } from './users-file';

/** The users of the local runtime, looked up and checked in memory. */
export interface UsersDirectory extends Directory, PasswordVerifier {
  /** Every user, in file order (start-up messages, tests). */
  all(): User[];
}

/** A dummy hash with the cost of the first user's, so unknown users take as long as known ones. */
function dummyHashLike(users: LocalUser[]): string {
  const [scheme, cost, blockSize, parallelism] = (users[0]?.passwordHash ?? '').split('$');
  const salt = Buffer.alloc(16).toString('base64');
  const key = Buffer.alloc(32).toString('base64');
  if (scheme !== 'scrypt') {
    return `scrypt$16384$8$1$${salt}$${key}`;
  }
  return `scrypt$${cost}$${blockSize}$${parallelism}$${salt}$${key}`;
}

function publicUser(user: LocalUser): User {
  const { accountId, username, displayName, email, isAdmin, active } = user;
  return { accountId, username, displayName, email, isAdmin, active };
}

/** Builds the directory over already validated users (see readUsersFile). */
export function createUsersDirectory(users: LocalUser[]): UsersDirectory {
  const byAccountId = new Map(users.map((user) => [user.accountId, user]));
  const byUsername = new Map(users.map((user) => [user.username.toLowerCase(), user]));
  const byEmail = new Map(users.map((user) => [user.email.toLowerCase(), user]));
  const dummyHash = dummyHashLike(users);

  function find(ref: string): LocalUser | undefined {
    const folded = ref.toLowerCase();
    return byAccountId.get(ref) ?? byUsername.get(folded) ?? byEmail.get(folded);
  }

  return {
    async findUser(ref: string): Promise<User | null> {
      const user = find(ref);
      return user === undefined ? null : publicUser(user);
    },

    async getUser(accountId: string): Promise<User | null> {
      const user = byAccountId.get(accountId);
      return user === undefined ? null : publicUser(user);
    },

    async searchUsers(query: string, limit: number): Promise<User[]> {
      const needle = query.trim().toLowerCase();
      const found: User[] = [];
      for (const user of users) {
        if (found.length >= limit) {
          break;
        }
        const haystack = [user.username, user.displayName, user.email].join('\n').toLowerCase();
        if (haystack.includes(needle)) {
          found.push(publicUser(user));
        }
      }
      return found;
    },

    async verifyPassword(ref: string, password: string): Promise<User | null> {
      const user = find(ref);
      const matches = await verifyPasswordHash(password, user?.passwordHash ?? dummyHash);
      if (user === undefined || !matches || !user.active) {
        return null;
      }
      return publicUser(user);
    },

    all(): User[] {
      return users.map(publicUser);
    },
  };
}
