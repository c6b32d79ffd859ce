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

interface UserIndex {
  users: LocalUser[];
  byAccountId: Map<string, LocalUser>;
  byUsername: Map<string, LocalUser>;
  byEmail: Map<string, LocalUser>;
  dummyHash: string;
}

function indexUsers(users: LocalUser[]): UserIndex {
  return {
    users,
    byAccountId: new Map(users.map((user) => [user.accountId, user])),
    byUsername: new Map(users.map((user) => [user.username.toLowerCase(), user])),
    byEmail: new Map(users.map((user) => [user.email.toLowerCase(), user])),
    dummyHash: dummyHashLike(users),
  };
}

/** accountId first, then username, then email (the last two case-insensitive). */
function find(index: UserIndex, ref: string): LocalUser | undefined {
  const folded = ref.toLowerCase();
  return index.byAccountId.get(ref) ?? index.byUsername.get(folded) ?? index.byEmail.get(folded);
}

function search(index: UserIndex, query: string, limit: number): User[] {
  const needle = query.trim().toLowerCase();
  const found: User[] = [];
  for (const user of index.users) {
    if (found.length >= limit) {
      break;
    }
    const haystack = [user.username, user.displayName, user.email].join('\n').toLowerCase();
    if (haystack.includes(needle)) {
      found.push(publicUser(user));
    }
  }
  return found;
}

/** Always one scrypt run, so a wrong username costs as much time as a wrong password. */
async function verify(index: UserIndex, ref: string, password: string): Promise<User | null> {
  const user = find(index, ref);
  const matches = await verifyPasswordHash(password, user?.passwordHash ?? index.dummyHash);
  if (user === undefined || !matches || !user.active) {
    return null;
  }
  return publicUser(user);
}

/** Builds the directory over already validated users (see readUsersFile). */
export function createUsersDirectory(users: LocalUser[]): UsersDirectory {
  const index = indexUsers(users);
  const orNull = (user: LocalUser | undefined): User | null =>
    user === undefined ? null : publicUser(user);
  return {
    findUser: async (ref) => orNull(find(index, ref)),
    getUser: async (accountId) => orNull(index.byAccountId.get(accountId)),
    searchUsers: async (query, limit) => search(index, query, limit),
    verifyPassword: (ref, password) => verify(index, ref, password),
    all: () => users.map(publicUser),
  };
}
