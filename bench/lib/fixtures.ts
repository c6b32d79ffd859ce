/** The people, clock and logger every benchmark runs with: in memory, fixed, silent. */
import type { User } from '../../src/core/types';
import type { Clock, Directory, Logger } from '../../src/ports';

/** The benchmarks' "now": 2025-06-01T12:00:00Z. */
export const BENCH_NOW = Date.UTC(2025, 5, 1, 12, 0, 0);

/** The administrator who lists tokens and saves settings in the benchmarks. */
export const BENCH_ADMIN: User = {
  accountId: 'acc-admin',
  username: 'admin',
  displayName: 'Bench Administrator',
  email: 'admin@bench.invalid',
  isAdmin: true,
  active: true,
};

/** `count` regular users, user0 … user{count-1}, plus BENCH_ADMIN last. */
export function benchUsers(count: number): User[] {
  const users: User[] = [];
  for (let i = 0; i < count; i += 1) {
    users.push({
      accountId: `acc-u${i}`,
      username: `user${i}`,
      displayName: `Bench User ${i}`,
      email: `user${i}@bench.invalid`,
      isAdmin: false,
      active: true,
    });
  }
  users.push(BENCH_ADMIN);
  return users;
}

/** A Directory over `users`, answering from maps, like the local users file once loaded. */
export function memoryDirectory(users: readonly User[]): Directory {
  const byRef = new Map<string, User>();
  const byId = new Map<string, User>();
  for (const user of users) {
    byId.set(user.accountId, user);
    byRef.set(user.accountId, user);
    byRef.set(user.username.toLowerCase(), user);
    byRef.set(user.email.toLowerCase(), user);
  }
  return {
    findUser: async (ref) => byRef.get(ref) ?? byRef.get(ref.toLowerCase()) ?? null,
    getUser: async (accountId) => byId.get(accountId) ?? null,
    searchUsers: async (query, limit) =>
      users.filter((user) => user.username.includes(query.toLowerCase())).slice(0, limit),
  };
}

/** A clock that only moves when told to. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
}

/** A ManualClock starting at `start` (epoch ms). */
export function manualClock(start: number): ManualClock {
  let now = start;
  return {
    now: () => now,
    advance: (ms) => {
      now += ms;
    },
  };
}

/** Discards every line: a benchmark measures the work, not the terminal. */
export const SILENT_LOGGER: Logger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** The Basic credential `username:secret`, as a REST client sends it. */
export function basicAuthorization(username: string, secret: string): string {
  return `Basic ${Buffer.from(`${username}:${secret}`, 'utf8').toString('base64')}`;
}
