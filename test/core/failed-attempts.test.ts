import { FAILURE_POLICY, lockoutFor } from '../../src/core/failed-attempts';

const NOW = Date.parse('2024-05-01T12:00:00.000Z');
const MINUTE = 60_000;

describe('failed-attempt lockout', () => {
  it('defaults to 10 failures in 15 minutes', () => {
    expect(FAILURE_POLICY).toEqual({ limit: 10, windowMs: 15 * MINUTE });
  });

  it('is not locked at 9 failures from the address', () => {
    expect(lockoutFor({ ip: { count: 9, oldestAt: NOW - MINUTE } }, NOW)).toEqual({
      locked: false,
    });
  });

  it('locks at the 10th failure, until the oldest one leaves the window', () => {
    expect(lockoutFor({ ip: { count: 10, oldestAt: NOW - 5 * MINUTE } }, NOW)).toEqual({
      locked: true,
      retryAfterSeconds: 600,
    });
  });

  it('rounds Retry-After up to whole seconds', () => {
    expect(lockoutFor({ ip: { count: 10, oldestAt: NOW - 15 * MINUTE + 1500 } }, NOW)).toEqual({
      locked: true,
      retryAfterSeconds: 2,
    });
  });

  it('asks to wait at least one second', () => {
    expect(lockoutFor({ ip: { count: 12, oldestAt: NOW - 20 * MINUTE } }, NOW)).toEqual({
      locked: true,
      retryAfterSeconds: 1,
    });
  });

  it('locks on the user-at-address count even when the address count is below the limit', () => {
    expect(
      lockoutFor(
        {
          ip: { count: 3, oldestAt: NOW - MINUTE },
          userAtIp: { count: 10, oldestAt: NOW - MINUTE },
        },
        NOW,
      ),
    ).toEqual({ locked: true, retryAfterSeconds: 14 * 60 });
  });

  it('takes the longer wait when both counts are locked', () => {
    expect(
      lockoutFor(
        {
          ip: { count: 10, oldestAt: NOW - 10 * MINUTE },
          userAtIp: { count: 10, oldestAt: NOW - 2 * MINUTE },
        },
        NOW,
      ),
    ).toEqual({ locked: true, retryAfterSeconds: 13 * 60 });
  });

  it('follows a policy given by the caller', () => {
    const policy = { limit: 3, windowMs: MINUTE };

    expect(lockoutFor({ ip: { count: 3, oldestAt: NOW - 30_000 } }, NOW, policy)).toEqual({
      locked: true,
      retryAfterSeconds: 30,
    });
    expect(lockoutFor({ ip: { count: 2, oldestAt: NOW } }, NOW, policy)).toEqual({ locked: false });
  });
});
