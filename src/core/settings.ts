/**
 * System-wide settings as an administrator saves them: every field required, unknown fields
 * refused, IP entries normalised, and every problem reported at once.
 */
import { z } from 'zod';
import { entryInterval } from './ip-address';
import { normalizeIpEntries } from './ip-allowlist';
import { VALIDITY_OPTIONS, type FieldChange, type FieldError, type Settings } from './types';

type SettingsResult = { ok: true; value: Settings } | { ok: false; errors: FieldError[] };

const IP_FIELDS = ['ipAllowlist', 'trustedProxies'] as const;

function reason(otherwise: string): { error: (issue: { input?: unknown }) => string } {
  return { error: (issue) => (issue.input === undefined ? 'is required' : otherwise) };
}

const FAMILY_TOP = { v4: (1n << 32n) - 1n, v6: (1n << 128n) - 1n } as const;
const FAMILY_NAME = { v4: 'IPv4', v6: 'IPv6' } as const;

/**
 * Trusted proxy entries that cover every address of a family (0.0.0.0/0, ::/0): trusting them
 * would trust any client's X-Forwarded-For and so defeat the IP restrictions.
 */
function catchAllProxyErrors(raw: readonly unknown[]): FieldError[] {
  return raw.flatMap((item, i) => {
    const parsed = typeof item === 'string' ? entryInterval(item) : null;
    if (parsed === null || !parsed.ok) {
      return [];
    }
    const { family, lo, hi } = parsed.interval;
    if (lo !== 0n || hi !== FAMILY_TOP[family]) {
      return [];
    }
    const reason =
      `covers every ${FAMILY_NAME[family]} address: any client could then set its own ` +
      'address with X-Forwarded-For and pass the IP restrictions; list only your proxies';
    return [{ field: `trustedProxies[${i}]`, reason }];
  });
}

const FLAG = z.boolean(reason('must be true or false'));
const IP_LIST = z.array(z.unknown(), reason('must be a list of IP addresses or ranges'));

const SETTINGS_SCHEMA = z.strictObject(
  {
    maxValidity: z.enum(VALIDITY_OPTIONS, reason(`must be one of ${VALIDITY_OPTIONS.join(', ')}`)),
    ipAllowlist: IP_LIST,
    trustedProxies: IP_LIST,
    passwordAuthEnabled: FLAG,
    adminsOnlyCreate: FLAG,
    usersMayUseAssignedTokens: FLAG,
    version: z.int(reason('must be a whole number of 1 or more')).min(1, {
      error: 'must be a whole number of 1 or more',
    }),
  },
  { error: 'must be a settings object' },
);

function zodErrors(issues: z.core.$ZodIssue[]): FieldError[] {
  return issues.flatMap((issue) => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ field: key, reason: 'is not a setting' }));
    }
    const field = issue.path.map(String).join('.');
    return [{ field: field === '' ? 'settings' : field, reason: issue.message }];
  });
}

/** Validates a complete settings object (as GET returns it) and normalises its IP lists. */
export function validateSettings(input: unknown): SettingsResult {
  const parsed = SETTINGS_SCHEMA.safeParse(input);
  const errors = parsed.success ? [] : zodErrors(parsed.error.issues);

  const lists: Partial<Record<(typeof IP_FIELDS)[number], string[]>> = {};
  const record =
    typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  for (const field of IP_FIELDS) {
    if (Array.isArray(record[field])) {
      const result = normalizeIpEntries(record[field], field);
      const wide = field === 'trustedProxies' ? catchAllProxyErrors(record[field]) : [];
      if (result.ok && wide.length === 0) {
        lists[field] = result.entries;
      } else {
        errors.push(...(result.ok ? [] : result.errors), ...wide);
      }
    }
  }

  if (!parsed.success || errors.length > 0) {
    return { ok: false, errors };
  }
  return {
    ok: true,
    value: {
      ...parsed.data,
      ipAllowlist: lists.ipAllowlist ?? [],
      trustedProxies: lists.trustedProxies ?? [],
    },
  };
}

const CHANGE_FIELDS = [
  'maxValidity',
  'ipAllowlist',
  'trustedProxies',
  'passwordAuthEnabled',
  'adminsOnlyCreate',
  'usersMayUseAssignedTokens',
] as const;

function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => item === b[i]);
  }
  return a === b;
}

function copyOf<T>(value: T): T {
  return Array.isArray(value) ? ([...value] as T) : value;
}

/** The fields that differ between two settings, in settings order; `version` is not a change. */
export function diffSettings(before: Settings, after: Settings): FieldChange[] {
  return CHANGE_FIELDS.filter((field) => !sameValue(before[field], after[field])).map((field) => ({
    field,
    before: copyOf(before[field]),
    after: copyOf(after[field]),
  }));
}
