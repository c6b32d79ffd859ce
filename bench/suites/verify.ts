/**
 * verify: one full authentication decision with a valid token (Basic user:token), SQLite
 * store, with few and with many stored tokens; rounds alternate so drift hits both alike.
 */
import type { AuthRequest } from '../../src/app/app';
import { basicAuthorization } from '../lib/fixtures';
import { medianNanosAsync, type MicroOptions } from '../lib/micro';
import { median } from '../lib/stats';
import type { TokenSite } from './token-sites';

export interface VerifyOptions {
  rounds: number;
  micro: MicroOptions;
}

export interface VerifyResult {
  us_per_verify_small: number;
  us_per_verify_large: number;
  ratio_large_small: number;
}

/** Median µs per decision on each site, and the median of the per-round ratios. */
export async function benchVerify(
  small: TokenSite,
  large: TokenSite,
  options: VerifyOptions,
): Promise<VerifyResult> {
  const smallDecide = await decider(small);
  const largeDecide = await decider(large);
  const smallNs: number[] = [];
  const largeNs: number[] = [];
  const ratios: number[] = [];
  for (let round = 0; round < options.rounds; round += 1) {
    const a = await medianNanosAsync(smallDecide, options.micro);
    const b = await medianNanosAsync(largeDecide, options.micro);
    smallNs.push(a);
    largeNs.push(b);
    ratios.push(b / a);
  }
  return {
    us_per_verify_small: median(smallNs) / 1000,
    us_per_verify_large: median(largeNs) / 1000,
    ratio_large_small: median(ratios),
  };
}

/** A function deciding request i (cycling through the site's usable tokens); checked once. */
async function decider(site: TokenSite): Promise<(i: number) => Promise<unknown>> {
  const requests: AuthRequest[] = site.usable.map((token, i) => ({
    method: 'GET',
    authorization: basicAuthorization(token.owner.username, token.secret),
    clientIp: '127.0.0.1',
    requestId: `bench-verify-${i}`,
  }));
  for (const request of requests) {
    const outcome = await site.app.authenticate(request);
    if (outcome.kind !== 'allow') {
      throw new Error(`a usable token was not allowed: ${JSON.stringify(outcome)}`);
    }
  }
  return (i) => site.app.authenticate(requests[i % requests.length] as AuthRequest);
}
