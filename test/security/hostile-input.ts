/** Hostile input for the property tests: field names, edge values and bodies that trip parsers. */
import fc from 'fast-check';
import { DEFAULT_SETTINGS } from '../../src/core/types';

/** The router's limit on one path parameter (src/adapters/local/server.ts). */
export const MAX_PARAM_CHARS = 320;

/** Every field name of the contract's payloads, and values near their edges. */
export const FIELDS = [
  'name',
  'validity',
  'scope',
  'user',
  'id',
  'expiringWithinDays',
  'unusedForDays',
  'limit',
  'cursor',
  'ip',
  'actor',
  'target',
  'action',
  'format',
  'query',
  'maxValidity',
  'ipAllowlist',
  'trustedProxies',
  'passwordAuthEnabled',
  'adminsOnlyCreate',
  'usersMayUseAssignedTokens',
  'version',
  '__proto__',
  'constructor',
];
export const EDGE_VALUES = [
  '',
  ' ',
  'never',
  '6m',
  '2y',
  'read-only',
  'alice',
  'admin',
  'alice@example.test',
  'acc-bob',
  '0',
  '-1',
  '1e3',
  '1.5',
  '9999999999',
  'NaN',
  'true',
  'null',
  'csv',
  'json',
  'token.created',
  '10.0.0.0/8',
  '::ffff:1.2.3.4',
  '1.2.3.4-1.2.3.1',
  'tok_unknown',
  '%',
  '\u0000',
  'x'.repeat(2000),
];

/** Bodies that trip parsers: prototype poisoning, truncation, deep nesting, odd encodings. */
export const HOSTILE_BODIES = [
  '{"__proto__":{"isAdmin":true}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  '{"name":"x","validity":"never"',
  '['.repeat(5000),
  '\ufeff{"name":"x"}',
  'null',
  '"just a string"',
];

/** Short text: an edge value or any graphemes. */
export const text = fc.oneof(
  fc.constantFrom(...EDGE_VALUES),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);
/** Path parameters within the router's length limit (longer ones: see router-refusals.test.ts). */
export const param = text.filter((value) => encodeURIComponent(value).length <= MAX_PARAM_CHARS);
/** A payload field name: mostly the contract's, sometimes anything. */
export const key = fc.oneof({ arbitrary: fc.constantFrom(...FIELDS), weight: 3 }, text);
/** A JSON payload: any JSON, an object of likely fields, or a settings object with a bad entry. */
export const jsonish = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(key, fc.oneof(text, fc.jsonValue({ maxDepth: 2 })), { maxKeys: 6 }),
  fc.constant({ ...DEFAULT_SETTINGS, ipAllowlist: ['nonsense'] }),
);

/** `{code, message, requestId}` with an optional details list, and nothing else. */
export function isErrorBody(answer: string): boolean {
  const json = answer.slice(answer.indexOf('\r\n\r\n') + 4);
  try {
    const body = JSON.parse(json) as Record<string, unknown>;
    const keys = Object.keys(body).filter((name) => !['details', 'current'].includes(name));
    return keys.sort().join() === 'code,message,requestId' && typeof body.code === 'string';
  } catch {
    return false;
  }
}
