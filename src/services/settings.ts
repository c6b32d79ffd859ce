/** System-wide settings: read through a short in-memory cache with compiled IP matchers; saved with optimistic locking. */
import { buildAuditRecord } from '../core/audit';
import { compileIpList, normalizeAddress, type IpMatcher } from '../core/ip-allowlist';
import { diffSettings } from '../core/settings';
import type { Settings } from '../core/types';
import type { Clock, SettingsStore } from '../ports';
import { invalidField, refuse, succeed, type ServiceResult } from './result';

/** How long settings are served from memory unless told otherwise. */
export const DEFAULT_SETTINGS_CACHE_MS = 5000;

export interface CompiledSettings {
  settings: Settings;
  allowlist: IpMatcher;
  trustedProxies: IpMatcher;
}

export interface SettingsChange {
  next: Settings;
  actorId: string;
  actorIp: string | null;
}

export interface IpCheck {
  ip: string;
  allowed: boolean;
  matchedEntry: string | null;
}

export interface SettingsService {
  /** The settings with compiled matchers; at most `cacheMs` old. Throws when the store fails. */
  current(): Promise<CompiledSettings>;
  /** True when current() would read the store: nothing cached, or older than `cacheMs`. */
  due(): boolean;
  /** The stored settings, read now (not from the cache). */
  read(): Promise<Settings>;
  /** Saves validated settings when `next.version` is the stored one; audited field by field. */
  save(change: SettingsChange): Promise<ServiceResult<Settings>>;
  /** Whether an address would pass the current IP restrictions, and which entry let it in. */
  checkIp(rawIp: string): Promise<ServiceResult<IpCheck>>;
  /** Forgets the cached settings (after a save, or when another process may have saved). */
  invalidate(): void;
}

/** Compiles the matchers of one settings object (once per settings change). */
export function compileSettings(settings: Settings): CompiledSettings {
  return {
    settings,
    allowlist: compileIpList(settings.ipAllowlist),
    trustedProxies: compileIpList(settings.trustedProxies),
  };
}

/** The settings service over a store, caching for `cacheMs` by `clock`. */
export function createSettingsService(deps: {
  store: SettingsStore;
  clock: Clock;
  cacheMs?: number;
}): SettingsService {
  const cacheMs = deps.cacheMs ?? DEFAULT_SETTINGS_CACHE_MS;
  let cached: { settled: Promise<CompiledSettings>; loadedAt: number } | null = null;

  // Not async: while the cache is fresh (nearly every request) every caller shares one settled
  // promise instead of getting a new one.
  function isFresh(now: number): boolean {
    return cached !== null && now - cached.loadedAt < cacheMs && now >= cached.loadedAt;
  }

  function current(): Promise<CompiledSettings> {
    const now = deps.clock.now();
    if (cached !== null && isFresh(now)) {
      return cached.settled;
    }
    return load(now);
  }

  async function load(now: number): Promise<CompiledSettings> {
    const value = compileSettings(await deps.store.get());
    cached = { settled: Promise.resolve(value), loadedAt: now };
    return value;
  }

  return {
    current,
    due: () => !isFresh(deps.clock.now()),
    read: () => deps.store.get(),
    async save(change: SettingsChange): Promise<ServiceResult<Settings>> {
      const result = await saveSettings(deps, change);
      cached = null;
      return result;
    },
    checkIp: async (rawIp: string) => checkAddress(await current(), rawIp),
    invalidate: (): void => {
      cached = null;
    },
  };
}

/** Saves `change.next` when its version is the stored one; nothing changes otherwise. */
async function saveSettings(
  deps: { store: SettingsStore; clock: Clock },
  change: SettingsChange,
): Promise<ServiceResult<Settings>> {
  const before = await deps.store.get();
  const changes = diffSettings(before, change.next);
  if (before.version !== change.next.version) {
    return refuse('VERSION_CONFLICT', { current: before });
  }
  if (changes.length === 0) {
    return succeed(before);
  }

  const audit = buildAuditRecord({
    at: deps.clock.now(),
    actorId: change.actorId,
    targetId: null,
    action: 'settings.changed',
    actorIp: change.actorIp,
    changes,
  });
  const { version, ...fields } = change.next;
  const saved = await deps.store.save(fields, version, audit);
  return saved.ok
    ? succeed(saved.settings)
    : refuse('VERSION_CONFLICT', { current: saved.current });
}

/** Whether one address passes the allowlist, and the entry that let it in. */
function checkAddress(compiled: CompiledSettings, rawIp: string): ServiceResult<IpCheck> {
  const ip = normalizeAddress(rawIp.trim());
  if (ip === null) {
    return invalidField('ip', 'is not a single IPv4 or IPv6 address');
  }
  const { allowed, matchedEntry } = compiled.allowlist.match(ip);
  return succeed({ ip, allowed, matchedEntry });
}
