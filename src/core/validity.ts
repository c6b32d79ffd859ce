/**
 * Token validity (admin guide: "Token Validity Time"): which options a user may pick under the
 * system-wide maximum, when a token expires, and the cap a later, lower maximum puts on it.
 */
import { addMonths } from 'date-fns';
import { VALIDITY_OPTIONS, type Validity } from './types';

const MONTHS: Record<Validity, number | null> = { '6m': 6, '1y': 12, '2y': 24, never: null };

/** The options a user may pick when the maximum is `max`, shortest first. */
export function allowedValidities(max: Validity): Validity[] {
  return VALIDITY_OPTIONS.slice(0, VALIDITY_OPTIONS.indexOf(max) + 1);
}

/** True when `validity` is not longer than `max`. */
export function isValidityAllowed(validity: Validity, max: Validity): boolean {
  return VALIDITY_OPTIONS.indexOf(validity) <= VALIDITY_OPTIONS.indexOf(max);
}

/** True when `value` is one of the validity options. */
export function isValidity(value: unknown): value is Validity {
  return typeof value === 'string' && (VALIDITY_OPTIONS as readonly string[]).includes(value);
}

/**
 * The expiry instant of a token created at `createdAt` with `validity`, in calendar months
 * counted in UTC (31 Aug + 6 months = end of February); null for `never`.
 */
export function expiryFor(validity: Validity, createdAt: number): number | null {
  const months = MONTHS[validity];
  if (months === null) {
    return null;
  }
  return addUtcMonths(createdAt, months);
}

/**
 * date-fns counts months in the process's local time zone. The UTC calendar date is moved as a
 * local date at noon (no time zone skips noon), and the UTC time of day is added back.
 */
function addUtcMonths(at: number, months: number): number {
  const created = new Date(at);
  const year = created.getUTCFullYear();
  const month = created.getUTCMonth();
  const day = created.getUTCDate();
  const timeOfDay = at - Date.UTC(year, month, day);

  const localNoon = new Date(2000, 0, 1, 12);
  localNoon.setFullYear(year, month, day);
  const moved = addMonths(localNoon, months);

  const movedMidnight = new Date(0);
  movedMidnight.setUTCFullYear(moved.getFullYear(), moved.getMonth(), moved.getDate());
  return movedMidnight.getTime() + timeOfDay;
}

/**
 * The expiry that applies today: the earlier of the token's own expiry and createdAt + the
 * current maximum validity; null only when both are `never`.
 */
export function effectiveExpiry(
  token: { createdAt: number; expiresAt: number | null },
  max: Validity,
): number | null {
  const cap = expiryFor(max, token.createdAt);
  if (token.expiresAt === null) {
    return cap;
  }
  return cap === null ? token.expiresAt : Math.min(token.expiresAt, cap);
}

/** True from the effective expiry instant on (`now >= expiry`). */
export function isExpired(
  token: { createdAt: number; expiresAt: number | null },
  max: Validity,
  now: number,
): boolean {
  const expiry = effectiveExpiry(token, max);
  return expiry !== null && now >= expiry;
}
