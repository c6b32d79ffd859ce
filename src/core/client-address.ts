/**
 * The client address the IP restrictions judge: the socket's remote address, or, when that
 * is a trusted proxy, the right-most X-Forwarded-For hop that is not a trusted proxy.
 */
import { normalizeAddress, type IpMatcher } from './ip-allowlist';

/** Resolves the client address; null when it cannot be known (the caller then fails closed). */
export function resolveClientAddress(input: {
  remoteAddress: string | null;
  forwardedFor: string | string[] | undefined;
  trustedProxies: IpMatcher;
}): string | null {
  const remote = input.remoteAddress === null ? null : normalizeAddress(input.remoteAddress);
  if (remote === null || !input.trustedProxies.contains(remote)) {
    return remote;
  }

  const hops = forwardedHops(input.forwardedFor);
  if (hops.length === 0) {
    return remote;
  }

  for (let i = hops.length - 1; i >= 0; i -= 1) {
    const hop = normalizeAddress(hops[i] ?? '');
    if (hop === null) {
      return null;
    }
    if (!input.trustedProxies.contains(hop)) {
      return hop;
    }
  }
  return normalizeAddress(hops[0] ?? '');
}

/** Every hop of every X-Forwarded-For header, in order (several headers read as one list). */
function forwardedHops(header: string | string[] | undefined): string[] {
  const joined = Array.isArray(header) ? header.join(',') : (header ?? '');
  return joined.trim() === '' ? [] : joined.split(',');
}
