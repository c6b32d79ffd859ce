/** Failed authentication attempts as administrators see them, and the per-user reset. */
import type { FailureSummary, UserSummary } from '../app/contract';
import { buildAuditRecord } from '../core/audit';
import { lockoutFor } from '../core/failed-attempts';
import type { FailedAttempt } from '../core/types';
import type { Actor, ServiceDeps } from './deps';
import { refuse, succeed, type ServiceResult } from './result';
import { windowStart } from './gateway/attempts';
import { toUserSummary } from './users';

/** The overview reads at most this many recent failures. */
export const FAILURE_OVERVIEW_MAX_ATTEMPTS = 5000;

export interface FailureOverview {
  windowMinutes: number;
  limit: number;
  failures: FailureSummary[];
}

function policyOf(deps: ServiceDeps): { windowMinutes: number; limit: number } {
  return { windowMinutes: deps.failurePolicy.windowMs / 60_000, limit: deps.failurePolicy.limit };
}

/** Failures in the current window, by (user, address), most recent first. */
export async function listFailures(deps: ServiceDeps): Promise<FailureOverview> {
  const now = deps.clock.now();
  const since = windowStart(now, deps.failurePolicy);
  const attempts = await deps.stores.attempts.listSince(since, FAILURE_OVERVIEW_MAX_ATTEMPTS);

  const byIp = new Map<string, number>();
  const groups = new Map<string, FailedAttempt[]>();
  for (const attempt of attempts) {
    byIp.set(attempt.ip, (byIp.get(attempt.ip) ?? 0) + 1);
    const key = JSON.stringify([attempt.accountId, attempt.ip]);
    const group = groups.get(key);
    if (group === undefined) {
      groups.set(key, [attempt]);
    } else {
      group.push(attempt);
    }
  }
  const failures = [...groups.values()].map((group): FailureSummary => {
    const first = group[0] as FailedAttempt;
    const ipCount = byIp.get(first.ip) ?? 0;
    return {
      accountId: first.accountId,
      ip: first.ip,
      count: group.length,
      lastAt: new Date(Math.max(...group.map((a) => a.at))).toISOString(),
      locked: ipCount >= deps.failurePolicy.limit || group.length >= deps.failurePolicy.limit,
    };
  });
  failures.sort((a, b) => b.lastAt.localeCompare(a.lastAt));
  return { ...policyOf(deps), failures };
}

/** One user's failures in the current window, by address; unknown user → NOT_FOUND. */
export async function getUserFailures(
  deps: ServiceDeps,
  userRef: string,
): Promise<ServiceResult<FailureOverview & { user: UserSummary }>> {
  const user = await deps.directory.findUser(userRef);
  if (user === null) {
    return refuse('NOT_FOUND');
  }
  const now = deps.clock.now();
  const since = windowStart(now, deps.failurePolicy);
  const { attempts } = deps.stores;

  const rows = await attempts.listByUser(user.accountId, since);
  const failures = await Promise.all(
    rows.map(async (row): Promise<FailureSummary> => {
      const windows = {
        ip: await attempts.countByIp(row.ip, since),
        userAtIp: await attempts.countByUserAtIp(user.accountId, row.ip, since),
      };
      const lock = lockoutFor(windows, now, deps.failurePolicy);
      const lastAt = new Date(row.lastAt).toISOString();
      return {
        accountId: user.accountId,
        ip: row.ip,
        count: row.count,
        lastAt,
        locked: lock.locked,
      };
    }),
  );
  return succeed({ ...policyOf(deps), user: toUserSummary(user), failures });
}

/** Removes every failure naming the user, from every address's count too; audited. */
export async function resetUserFailures(
  deps: ServiceDeps,
  actor: Actor,
  userRef: string,
): Promise<ServiceResult<{ removed: number }>> {
  const user = await deps.directory.findUser(userRef);
  if (user === null) {
    return refuse('NOT_FOUND');
  }
  // The record goes first: the reset and its record are two store calls, and a reset must
  // never happen without its record (a record whose reset then failed is the lesser harm).
  // Its count is what was there just before; the answer says what was removed.
  const counted = await deps.stores.attempts.listByUser(user.accountId, 0);
  await deps.stores.audit.append(
    buildAuditRecord({
      at: deps.clock.now(),
      actorId: actor.user.accountId,
      targetId: user.accountId,
      action: 'failures.reset',
      actorIp: actor.ip,
      count: counted.reduce((sum, row) => sum + row.count, 0),
    }),
  );
  const removed = await deps.stores.attempts.resetUser(user.accountId);
  deps.logger.info('failed attempts reset', { accountId: user.accountId, removed });
  return succeed({ removed });
}
