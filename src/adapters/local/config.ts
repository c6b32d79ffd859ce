/**
 * The local runtime's settings, read once from the environment. A bad value stops start-up with
 * one line that names the variable, what it must be and what was given.
 */
import path from 'node:path';
import ipaddr from 'ipaddr.js';

export const LOG_LEVELS = ['silent', 'error', 'warn', 'info'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LocalConfig {
  port: number;
  host: string;
  /** Absolute path of the data directory (SQLite file, demo users, demo credentials). */
  dataDir: string;
  /** Absolute path of the users file; null: demo users in DATA_DIR/users.json. */
  usersFile: string | null;
  /** Where allowed REST requests go; null: the built-in demo upstream on a loopback port. */
  upstreamUrl: URL | null;
  /** Header that tells the upstream who the caller is, lower case (default x-forwarded-user). */
  identityHeader: string;
  logLevel: LogLevel;
}

export type ConfigResult = { ok: true; config: LocalConfig } | { ok: false; error: string };

export const DEFAULT_PORT = 8080;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATA_DIR = './.data';
export const DEFAULT_IDENTITY_HEADER = 'X-Forwarded-User';

/** RFC 9110 token characters: what a header name may be made of. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$/;
const HOSTNAME =
  /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** Headers a proxy must own or that carry other meaning: never usable as the identity header. */
const RESERVED_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'cookie',
  'host',
  'connection',
  'content-length',
  'content-type',
  'transfer-encoding',
  'te',
  'trailer',
  'upgrade',
  'keep-alive',
  'expect',
  'x-forwarded-for',
  'forwarded',
]);

class ConfigError extends Error {}

/** Reads the settings from `env`; never throws, returns the first bad setting as one line. */
export function loadConfig(env: NodeJS.ProcessEnv, cwd: string = process.cwd()): ConfigResult {
  try {
    return {
      ok: true,
      config: {
        port: readPort(env.PORT),
        host: readHost(env.HOST),
        dataDir: readPath('DATA_DIR', env.DATA_DIR ?? DEFAULT_DATA_DIR, cwd),
        usersFile:
          env.USERS_FILE === undefined ? null : readPath('USERS_FILE', env.USERS_FILE, cwd),
        upstreamUrl: readUpstreamUrl(env.UPSTREAM_URL),
        identityHeader: readIdentityHeader(env.IDENTITY_HEADER),
        logLevel: readLogLevel(env.LOG_LEVEL),
      },
    };
  } catch (error) {
    if (error instanceof ConfigError) {
      return { ok: false, error: error.message };
    }
    throw error;
  }
}

function fail(name: string, rule: string, given: string): never {
  throw new ConfigError(`Invalid setting ${name}: ${rule} (got ${JSON.stringify(given)})`);
}

function readPort(raw: string | undefined): number {
  if (raw === undefined) {
    return DEFAULT_PORT;
  }
  const port = /^\d{1,5}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isInteger(port) || port > 65535) {
    fail('PORT', 'must be a whole number from 0 to 65535', raw);
  }
  return port;
}

function readHost(raw: string | undefined): string {
  if (raw === undefined) {
    return DEFAULT_HOST;
  }
  const host = raw.trim();
  if (!ipaddr.isValid(host) && !HOSTNAME.test(host)) {
    fail('HOST', 'must be an IP address or a host name to listen on', raw);
  }
  return host;
}

function readPath(name: string, raw: string, cwd: string): string {
  if (raw.trim() === '' || raw.includes('\0')) {
    fail(name, 'must be a file system path', raw);
  }
  return path.resolve(cwd, raw);
}

function readUpstreamUrl(raw: string | undefined): URL | null {
  if (raw === undefined || raw.trim() === '') {
    return null;
  }
  const rule = 'must be an http:// or https:// URL without user, password, query or fragment';
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return fail('UPSTREAM_URL', rule, raw);
  }
  const plain = url.username === '' && url.password === '' && url.search === '' && url.hash === '';
  if (!['http:', 'https:'].includes(url.protocol) || !plain) {
    fail('UPSTREAM_URL', rule, raw);
  }
  return url;
}

function readIdentityHeader(raw: string | undefined): string {
  const name = (raw ?? DEFAULT_IDENTITY_HEADER).trim();
  if (!HEADER_NAME.test(name)) {
    fail('IDENTITY_HEADER', 'must be an HTTP header name', raw ?? '');
  }
  if (RESERVED_HEADERS.has(name.toLowerCase())) {
    fail('IDENTITY_HEADER', 'must not be a header the gateway or HTTP itself uses', name);
  }
  return name.toLowerCase();
}

function readLogLevel(raw: string | undefined): LogLevel {
  const level = (raw ?? 'info').trim().toLowerCase();
  const known = LOG_LEVELS.find((candidate) => candidate === level);
  if (known === undefined) {
    fail('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}`, raw ?? '');
  }
  return known;
}
