import {
  canCreateTokens,
  checkCreateFor,
  mayUseToken,
  scopeAllowsMethod,
} from '../../src/core/permissions';
import { DEFAULT_SETTINGS, type Settings, type User } from '../../src/core/types';

function user(accountId: string, isAdmin: boolean): User {
  return {
    accountId,
    username: accountId,
    displayName: accountId,
    email: `${accountId}@example.com`,
    isAdmin,
    active: true,
  };
}

const ADMIN = user('admin', true);
const ALICE = user('alice', false);
const BOB = user('bob', false);
const OPEN: Settings = { ...DEFAULT_SETTINGS };
const ADMINS_ONLY: Settings = { ...DEFAULT_SETTINGS, adminsOnlyCreate: true };
const ADMINS_ONLY_NO_ASSIGNED: Settings = { ...ADMINS_ONLY, usersMayUseAssignedTokens: false };

describe('who may create tokens', () => {
  it('lets everyone create tokens by default', () => {
    expect(canCreateTokens(ALICE, OPEN)).toBe(true);
    expect(canCreateTokens(ADMIN, OPEN)).toBe(true);
  });

  it('lets only admins create tokens when only admins may create', () => {
    expect(canCreateTokens(ALICE, ADMINS_ONLY)).toBe(false);
    expect(canCreateTokens(ADMIN, ADMINS_ONLY)).toBe(true);
  });

  it('lets a regular user create for themselves unless only admins may create', () => {
    expect(checkCreateFor(ALICE, ALICE, OPEN)).toBe('ok');
    expect(checkCreateFor(ALICE, ALICE, ADMINS_ONLY)).toBe('TOKEN_CREATION_RESTRICTED');
  });

  it('requires an admin to create a token on behalf of someone else', () => {
    expect(checkCreateFor(ALICE, BOB, OPEN)).toBe('ADMIN_REQUIRED');
    expect(checkCreateFor(ADMIN, BOB, OPEN)).toBe('ok');
    expect(checkCreateFor(ADMIN, BOB, ADMINS_ONLY)).toBe('ok');
    expect(checkCreateFor(ADMIN, ADMIN, ADMINS_ONLY)).toBe('ok');
  });
});

describe('who may use tokens', () => {
  it('refuses a regular user’s token only when only admins may create and assigned tokens are off', () => {
    expect(mayUseToken(ALICE, ADMINS_ONLY_NO_ASSIGNED)).toBe(false);
  });

  it('allows a regular user’s token when assigned tokens are allowed or anyone may create', () => {
    expect(mayUseToken(ALICE, ADMINS_ONLY)).toBe(true);
    expect(mayUseToken(ALICE, OPEN)).toBe(true);
    expect(mayUseToken(ALICE, { ...OPEN, usersMayUseAssignedTokens: false })).toBe(true);
  });

  it('always allows an admin’s token', () => {
    expect(mayUseToken(ADMIN, ADMINS_ONLY_NO_ASSIGNED)).toBe(true);
  });
});

describe('token scope', () => {
  it('lets a read-only token use GET, HEAD and OPTIONS in any case', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS', 'get']) {
      expect(scopeAllowsMethod('read-only', method)).toBe(true);
    }
  });

  it('refuses a read-only token every changing method', () => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'TRACE']) {
      expect(scopeAllowsMethod('read-only', method)).toBe(false);
    }
  });

  it('lets a read-write token use every method', () => {
    expect(scopeAllowsMethod('read-write', 'DELETE')).toBe(true);
  });
});
