import {
  allowedValidities,
  effectiveExpiry,
  expiryFor,
  isExpired,
  isValidity,
  isValidityAllowed,
} from '../../src/core/validity';

const AUG_31_2023 = Date.parse('2023-08-31T10:15:30.000Z');
const AUG_31_2024 = Date.parse('2024-08-31T10:15:30.000Z');
const JAN_15_2024 = Date.parse('2024-01-15T08:00:00.000Z');

describe('validity options under the system-wide maximum (admin guide examples)', () => {
  it('lets users select 6 months only when the system-wide setting is 6 months', () => {
    expect(allowedValidities('6m')).toEqual(['6m']);
  });

  it('lets users select 1 year or 6 months when the system-wide setting is 1 year', () => {
    expect(allowedValidities('1y')).toEqual(['6m', '1y']);
  });

  it('lets users select 2 years, 1 year or 6 months when the system-wide setting is 2 years', () => {
    expect(allowedValidities('2y')).toEqual(['6m', '1y', '2y']);
  });

  it('lets users select any validity time when the system-wide setting is never', () => {
    expect(allowedValidities('never')).toEqual(['6m', '1y', '2y', 'never']);
  });
});

describe('validity checks', () => {
  it('allows options up to the maximum and refuses longer ones', () => {
    expect(isValidityAllowed('6m', '1y')).toBe(true);
    expect(isValidityAllowed('1y', '1y')).toBe(true);
    expect(isValidityAllowed('2y', '1y')).toBe(false);
    expect(isValidityAllowed('never', '2y')).toBe(false);
  });

  it('recognises exactly the four options', () => {
    expect(['6m', '1y', '2y', 'never'].every(isValidity)).toBe(true);
    expect(isValidity('3m')).toBe(false);
    expect(isValidity('NEVER')).toBe(false);
    expect(isValidity(6)).toBe(false);
    expect(isValidity(null)).toBe(false);
  });
});

describe('expiry arithmetic in UTC calendar months', () => {
  it('ends a 6-month token created on 31 August on 29 February in a leap year', () => {
    expect(new Date(expiryFor('6m', AUG_31_2023) ?? 0).toISOString()).toBe(
      '2024-02-29T10:15:30.000Z',
    );
  });

  it('ends a 6-month token created on 31 August on 28 February in a common year', () => {
    expect(new Date(expiryFor('6m', AUG_31_2024) ?? 0).toISOString()).toBe(
      '2025-02-28T10:15:30.000Z',
    );
  });

  it('ends a 1-year token on the same day a year later', () => {
    expect(new Date(expiryFor('1y', JAN_15_2024) ?? 0).toISOString()).toBe(
      '2025-01-15T08:00:00.000Z',
    );
  });

  it('ends a 2-year token on the same day two years later', () => {
    expect(new Date(expiryFor('2y', JAN_15_2024) ?? 0).toISOString()).toBe(
      '2026-01-15T08:00:00.000Z',
    );
  });

  it('gives a never-expiring token no expiry at all', () => {
    expect(expiryFor('never', JAN_15_2024)).toBeNull();
  });

  it('counts in UTC near midnight, whatever the local time zone', () => {
    const lateUtc = Date.parse('2024-01-31T23:30:00.000Z');

    expect(new Date(expiryFor('6m', lateUtc) ?? 0).toISOString()).toBe('2024-07-31T23:30:00.000Z');
  });
});

describe('effective expiry when the maximum validity is lowered later', () => {
  const neverToken = { createdAt: JAN_15_2024, expiresAt: null };
  const twoYearToken = { createdAt: JAN_15_2024, expiresAt: expiryFor('2y', JAN_15_2024) };

  it('caps a never-expiring token at createdAt + the new maximum', () => {
    expect(effectiveExpiry(neverToken, '6m')).toBe(Date.parse('2024-07-15T08:00:00.000Z'));
  });

  it('caps a 2-year token at createdAt + 1 year when the maximum becomes 1 year', () => {
    expect(effectiveExpiry(twoYearToken, '1y')).toBe(Date.parse('2025-01-15T08:00:00.000Z'));
  });

  it('keeps the token’s own expiry when it is earlier than the cap', () => {
    expect(effectiveExpiry(twoYearToken, 'never')).toBe(Date.parse('2026-01-15T08:00:00.000Z'));
  });

  it('is null only when both the token and the maximum are never', () => {
    expect(effectiveExpiry(neverToken, 'never')).toBeNull();
  });
});

describe('expired from the expiresAt instant on', () => {
  const token = { createdAt: JAN_15_2024, expiresAt: Date.parse('2024-07-15T08:00:00.000Z') };

  it('is valid one millisecond before expiresAt', () => {
    expect(isExpired(token, 'never', token.expiresAt - 1)).toBe(false);
  });

  it('is expired exactly at expiresAt', () => {
    expect(isExpired(token, 'never', token.expiresAt)).toBe(true);
  });

  it('is expired at the lowered cap even though its own expiry is later', () => {
    const capAt = Date.parse('2024-07-15T08:00:00.000Z');
    const longToken = { createdAt: JAN_15_2024, expiresAt: expiryFor('2y', JAN_15_2024) };

    expect(isExpired(longToken, '6m', capAt - 1)).toBe(false);
    expect(isExpired(longToken, '6m', capAt)).toBe(true);
  });

  it('never expires a never token while the maximum is never', () => {
    expect(isExpired({ createdAt: 0, expiresAt: null }, 'never', Date.parse('2999-01-01'))).toBe(
      false,
    );
  });
});
