import { normalizeTokenName, toPublicToken } from '../../src/core/token-view';
import type { TokenRecord } from '../../src/core/types';

const RECORD: TokenRecord = {
  id: 'tok_abc',
  hash: 'f'.repeat(64),
  hint: 'atat_Ab3x',
  ownerId: 'acc-alice',
  name: 'CI pipeline',
  scope: 'read-only',
  createdAt: Date.parse('2024-01-15T08:00:00.000Z'),
  createdBy: 'acc-admin',
  expiresAt: Date.parse('2026-01-15T08:00:00.000Z'),
  lastUsedAt: Date.parse('2024-03-01T09:30:00.000Z'),
  lastUsedIp: '203.0.113.5',
};

describe('public token view', () => {
  it('shows ISO 8601 UTC times and every public field', () => {
    expect(toPublicToken(RECORD, 'never')).toEqual({
      id: 'tok_abc',
      name: 'CI pipeline',
      hint: 'atat_Ab3x',
      scope: 'read-only',
      ownerId: 'acc-alice',
      createdAt: '2024-01-15T08:00:00.000Z',
      createdBy: 'acc-admin',
      expiresAt: '2026-01-15T08:00:00.000Z',
      lastUsedAt: '2024-03-01T09:30:00.000Z',
      lastUsedIp: '203.0.113.5',
    });
  });

  it('never carries the hash', () => {
    const view = toPublicToken(RECORD, 'never');

    expect(view).not.toHaveProperty('hash');
    expect(JSON.stringify(view)).not.toContain(RECORD.hash);
  });

  it('shows the effective expiry when the maximum validity was lowered', () => {
    expect(toPublicToken(RECORD, '6m').expiresAt).toBe('2024-07-15T08:00:00.000Z');
    expect(toPublicToken({ ...RECORD, expiresAt: null }, '1y').expiresAt).toBe(
      '2025-01-15T08:00:00.000Z',
    );
  });

  it('shows null for a never-expiring, never-used token', () => {
    const view = toPublicToken(
      { ...RECORD, expiresAt: null, lastUsedAt: null, lastUsedIp: null },
      'never',
    );

    expect(view.expiresAt).toBeNull();
    expect(view.lastUsedAt).toBeNull();
    expect(view.lastUsedIp).toBeNull();
  });
});

describe('token names', () => {
  it('trims the name', () => {
    expect(normalizeTokenName('  CI pipeline \n')).toEqual({ ok: true, name: 'CI pipeline' });
  });

  it('accepts 100 characters, counting emoji as one, and refuses 101', () => {
    expect(normalizeTokenName('x'.repeat(100))).toEqual({ ok: true, name: 'x'.repeat(100) });
    expect(normalizeTokenName('🔑'.repeat(100))).toEqual({ ok: true, name: '🔑'.repeat(100) });
    expect(normalizeTokenName('x'.repeat(101))).toEqual({
      ok: false,
      reason: 'must be at most 100 characters',
    });
  });

  it('refuses empty names, non-text, control characters and direction overrides', () => {
    expect(normalizeTokenName('   ')).toEqual({ ok: false, reason: 'must not be empty' });
    expect(normalizeTokenName(42)).toEqual({ ok: false, reason: 'must be text' });
    expect(normalizeTokenName(undefined)).toEqual({ ok: false, reason: 'must be text' });
    expect(normalizeTokenName('a\u0000b')).toMatchObject({ ok: false });
    expect(normalizeTokenName('line\nbreak')).toMatchObject({ ok: false });
    expect(normalizeTokenName('abc\u202edcba')).toMatchObject({ ok: false });
  });
});
