/** An in-memory Directory and PasswordVerifier for service tests: a few people, plain passwords. */
import type { User } from '../../src/core/types';
import type { Directory, PasswordVerifier } from '../../src/ports';

export interface FakeUser extends User {
  password: string;
}

function person(username: string, extra: Partial<FakeUser> = {}): FakeUser {
  return {
    accountId: `acc-${username}`,
    username,
    displayName: `${username[0]?.toUpperCase()}${username.slice(1)} Example`,
    email: `${username}@example.test`,
    isAdmin: false,
    active: true,
    password: `${username}-password`,
    ...extra,
  };
}

/** admin (administrator), alice, bob, and carol (inactive). */
export const FAKE_USERS: readonly FakeUser[] = [
  person('admin', { isAdmin: true }),
  person('alice'),
  person('bob'),
  person('carol', { active: false }),
];

export interface FakeDirectory extends Directory, PasswordVerifier {
  /** Changes a user in place (deactivate, promote) for the rest of the test. */
  update(accountId: string, change: Partial<User>): void;
  /** Forgets a user, as if the directory no longer knew them. */
  remove(accountId: string): void;
}

function publicUser(user: FakeUser): User {
  const { accountId, username, displayName, email, isAdmin, active } = user;
  return { accountId, username, displayName, email, isAdmin, active };
}

/** A directory over copies of `users` (FAKE_USERS by default). */
export function createFakeDirectory(users: readonly FakeUser[] = FAKE_USERS): FakeDirectory {
  const people = users.map((user) => ({ ...user }));

  function find(ref: string): FakeUser | undefined {
    const folded = ref.toLowerCase();
    return people.find(
      (user) =>
        user.accountId === ref ||
        user.username.toLowerCase() === folded ||
        user.email.toLowerCase() === folded,
    );
  }

  return {
    findUser: async (ref) => {
      const user = find(ref);
      return user === undefined ? null : publicUser(user);
    },
    getUser: async (accountId) => {
      const user = people.find((candidate) => candidate.accountId === accountId);
      return user === undefined ? null : publicUser(user);
    },
    searchUsers: async (query, limit) => {
      const needle = query.toLowerCase();
      const text = (u: FakeUser): string => `${u.username} ${u.displayName} ${u.email}`;
      return people
        .filter((user) => text(user).toLowerCase().includes(needle))
        .slice(0, limit)
        .map(publicUser);
    },
    verifyPassword: async (ref, password) => {
      const user = find(ref);
      const ok = user !== undefined && user.active && user.password === password;
      return ok ? publicUser(user) : null;
    },
    update: (accountId, change) => {
      const user = people.find((candidate) => candidate.accountId === accountId);
      if (user === undefined) {
        throw new Error(`no fake user ${accountId}`);
      }
      Object.assign(user, change);
    },
    remove: (accountId) => {
      const index = people.findIndex((candidate) => candidate.accountId === accountId);
      people.splice(index, 1);
    },
  };
}
