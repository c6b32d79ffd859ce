/**
 * The daily scheduled trigger: housekeeping for the installation it runs in — prune failed
 * attempts older than the window, drop tokens expired more than 90 days ago, revoke the tokens
 * of accounts the product reports deactivated or gone, forget long-revoked tokens. Deletions
 * are audited as by 'system'.
 */
import type { HousekeepingCounts } from '../../services/housekeeping';
import type { AppLookup } from './resolvers';

/** What the run did. */
export type HousekeepingResult =
  ({ ok: true } & HousekeepingCounts) | { ok: false; reason: string };

/** Runs the app's housekeeping for the installation in `context`; never throws. */
export async function runScheduledHousekeeping(
  context: { installContext?: unknown } | undefined,
  appFor: AppLookup,
): Promise<HousekeepingResult> {
  const app = appFor(context?.installContext);
  if (app === null) {
    return { ok: false, reason: 'no installation context' };
  }
  try {
    return { ok: true, ...(await app.housekeeping()) };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.name : 'error' };
  }
}

/** The answer Forge expects of a scheduled trigger function: a status, and the counts as body. */
export function scheduledResponse(result: HousekeepingResult): {
  statusCode: number;
  body: string;
} {
  return { statusCode: result.ok ? 200 : 500, body: JSON.stringify(result) };
}
