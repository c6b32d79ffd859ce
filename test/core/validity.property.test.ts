import fc from 'fast-check';
import { VALIDITY_OPTIONS, type Validity } from '../../src/core/types';
import {
  allowedValidities,
  effectiveExpiry,
  expiryFor,
  isValidityAllowed,
} from '../../src/core/validity';

const RUNS = { numRuns: 200 };
const validity = fc.constantFrom(...VALIDITY_OPTIONS);
const FINITE = ['6m', '1y', '2y'] as const;
/** Instants from 1970 to 2200. */
const instant = fc.integer({ min: 0, max: Date.UTC(2200, 0, 1) });
const DAY = 24 * 60 * 60 * 1000;

function rank(v: Validity): number {
  return VALIDITY_OPTIONS.indexOf(v);
}

describe('validity properties', () => {
  it('puts every expiry after its creation, between 181 and 731 days later', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FINITE), instant, (v, createdAt) => {
        const expiry = expiryFor(v, createdAt);
        return (
          expiry !== null &&
          expiry > createdAt &&
          expiry - createdAt >= 181 * DAY &&
          expiry - createdAt <= 731 * DAY
        );
      }),
      RUNS,
    );
  });

  it('keeps the time of day and the day of month, or the month’s last day', () => {
    fc.assert(
      fc.property(fc.constantFrom(...FINITE), instant, (v, createdAt) => {
        const created = new Date(createdAt);
        const expiry = new Date(expiryFor(v, createdAt) ?? 0);
        const lastDay = new Date(
          Date.UTC(expiry.getUTCFullYear(), expiry.getUTCMonth() + 1, 0),
        ).getUTCDate();
        return (
          expiry.getUTCDate() === Math.min(created.getUTCDate(), lastDay) &&
          createdAt % DAY === expiry.getTime() % DAY
        );
      }),
      RUNS,
    );
  });

  it('never allows an option longer than the maximum, and always allows 6 months', () => {
    fc.assert(
      fc.property(validity, (max) => {
        const allowed = allowedValidities(max);
        return (
          allowed.includes('6m') &&
          allowed.includes(max) &&
          allowed.every((v) => rank(v) <= rank(max) && isValidityAllowed(v, max))
        );
      }),
      RUNS,
    );
  });

  it('never lets the effective expiry exceed the token’s own expiry or the cap', () => {
    fc.assert(
      fc.property(validity, validity, instant, (own, max, createdAt) => {
        const token = { createdAt, expiresAt: expiryFor(own, createdAt) };
        const effective = effectiveExpiry(token, max);
        const cap = expiryFor(max, createdAt);
        if (effective === null) {
          return token.expiresAt === null && cap === null;
        }
        return (
          (token.expiresAt === null || effective <= token.expiresAt) &&
          (cap === null || effective <= cap)
        );
      }),
      RUNS,
    );
  });
});
