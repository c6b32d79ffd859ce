/**
 * The local runtime's logger: one line per event, `time level message key=value …`, short
 * enough to read at 3 a.m. Fields whose names suggest a secret are masked as a last defence;
 * callers pass ids and codes, never tokens, hashes, passwords or Authorization headers.
 */
import type { Logger } from '../../ports';
import type { LogLevel } from './config';

const LEVEL_RANK: Record<LogLevel, number> = { silent: 0, error: 1, warn: 2, info: 3 };
const SECRET_FIELD = /authorization|token$|secret|password|hash|cookie/i;
const BARE_VALUE = /^[A-Za-z0-9_.:/@+-]{1,200}$/;
const MAX_VALUE_CHARS = 500;

export interface LoggerOptions {
  level: LogLevel;
  /** Where lines go (default: standard output). */
  write?: (line: string) => void;
  /** Clock for the time stamp (default: Date.now). */
  now?: () => number;
}

/** A Logger that writes one structured line per call at or above `level`. */
export function createLogger(options: LoggerOptions): Logger {
  const write = options.write ?? ((line: string): void => void process.stdout.write(line));
  const now = options.now ?? Date.now;
  const threshold = LEVEL_RANK[options.level];

  function log(level: Exclude<LogLevel, 'silent'>, message: string, fields?: object): void {
    if (LEVEL_RANK[level] > threshold) {
      return;
    }
    const time = new Date(now()).toISOString();
    write(`${time} ${level} ${oneLine(message)}${formatFields(fields)}\n`);
  }

  return {
    info: (message, fields) => log('info', message, fields),
    warn: (message, fields) => log('warn', message, fields),
    error: (message, fields) => log('error', message, fields),
  };
}

/** `key=value` pairs; strings with spaces or quotes are JSON-quoted, secrets masked. */
export function formatFields(fields: object | undefined): string {
  if (fields === undefined) {
    return '';
  }
  let out = '';
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) {
      continue;
    }
    const shown = SECRET_FIELD.test(key) ? '[masked]' : formatValue(value);
    out += ` ${oneLine(key)}=${shown}`;
  }
  return out;
}

function formatValue(value: unknown): string {
  if (value instanceof Error) {
    return JSON.stringify(clip(value.message));
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return String(value);
  }
  const text = typeof value === 'string' ? value : safeJson(value);
  return BARE_VALUE.test(text) ? text : JSON.stringify(clip(text));
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function clip(text: string): string {
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}…` : text;
}

function oneLine(text: string): string {
  return clip(text).replace(/[\r\n\t]+/g, ' ');
}
