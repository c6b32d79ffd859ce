/**
 * The platform limits the fake KVS enforces, as Forge documents them (KVS and Custom Entity
 * Store limits; batch and transaction pages): key pattern and length, value size and depth,
 * entity names and attribute types, page, batch and transaction sizes.
 */
import type { AttributeType, EntitySchema } from './kvs-schema';

export const KVS_LIMITS = Object.freeze({
  keyMaxLength: 500,
  /** Forge's documented key format (a key of only whitespace is refused too). */
  keyPattern: /^(?!\s+$)[a-zA-Z0-9:._\s\-#]+$/,
  /** Entity names: lower case, digits, `:-.`; no leading `.`/`-`, no `..`, no trailing `.`. */
  entityNamePattern: /^(?![.-])(?!.*\.{2})[a-z0-9:\-.]*(?<![.])$/,
  entityNameMinLength: 3,
  entityNameMaxLength: 60,
  /** 240 KiB per persisted value. */
  valueMaxBytes: 240 * 1024,
  valueMaxDepth: 31,
  queryPageMax: 20,
  queryPageDefault: 10,
  batchMaxKeys: 25,
  transactionMaxOps: 25,
  int32Min: -2_147_483_648,
  int32Max: 2_147_483_647,
});

/** An error answer of the KVS API: HTTP status and Forge error code. */
export class KvsFakeError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function invalid(code: string, message: string): KvsFakeError {
  return new KvsFakeError(400, code, message);
}

/** Refuses keys Forge refuses: empty, longer than 500, or outside the key pattern. */
export function checkKey(key: unknown): string {
  if (typeof key !== 'string' || key.length === 0) {
    throw invalid('EMPTY_KEY', 'Key cannot be empty.');
  }
  if (key.length > KVS_LIMITS.keyMaxLength) {
    throw invalid('KEY_TOO_LONG', 'The provided key has exceeded the maximum 500 characters.');
  }
  if (!KVS_LIMITS.keyPattern.test(key)) {
    throw invalid('INVALID_KEY', `The provided key does not match the key format: ${key}`);
  }
  return key;
}

/** Refuses entity names outside Forge's rules. */
export function checkEntityName(name: unknown): string {
  if (typeof name !== 'string' || name.length < KVS_LIMITS.entityNameMinLength) {
    throw invalid('ENTITY_TYPE_TOO_SHORT', 'The entity name is too short.');
  }
  if (name.length > KVS_LIMITS.entityNameMaxLength) {
    throw invalid('ENTITY_TYPE_TOO_LARGE', 'The entity name is too long.');
  }
  if (!KVS_LIMITS.entityNamePattern.test(name)) {
    throw invalid('INVALID_ENTITY_TYPE', `Invalid entity name: ${name}`);
  }
  return name;
}

function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') {
    return 0;
  }
  const children = Array.isArray(value) ? value : Object.values(value as object);
  return 1 + children.reduce<number>((max, child) => Math.max(max, depthOf(child)), 0);
}

/** Refuses values over 240 KiB (as stored JSON) or nested deeper than Forge allows. */
export function checkValueSize(value: unknown): void {
  const bytes = Buffer.byteLength(JSON.stringify(value ?? null), 'utf8');
  if (bytes > KVS_LIMITS.valueMaxBytes) {
    throw invalid('MAX_SIZE', `The provided value has exceeded the maximum size (${bytes} bytes).`);
  }
  if (depthOf(value) > KVS_LIMITS.valueMaxDepth) {
    throw invalid('MAX_DEPTH', 'The provided value has exceeded the maximum object depth.');
  }
}

function fitsType(type: AttributeType, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return (
        Number.isInteger(value) &&
        (value as number) >= KVS_LIMITS.int32Min &&
        (value as number) <= KVS_LIMITS.int32Max
      );
    case 'float':
      return typeof value === 'number' && Number.isFinite(value);
    case 'any':
      return value !== undefined;
  }
}

/** Refuses an entity value with an undeclared attribute or a value of the wrong type. */
export function checkEntityValue(schema: EntitySchema, value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalid('INVALID_ENTITY_VALUE', `A ${schema.name} value must be an object.`);
  }
  for (const [name, attribute] of Object.entries(value)) {
    const type = schema.attributes.get(name);
    if (type === undefined) {
      throw invalid('INVALID_ENTITY_VALUE', `${schema.name}.${name} is not declared.`);
    }
    if (!fitsType(type, attribute)) {
      throw invalid('INVALID_ENTITY_VALUE', `${schema.name}.${name} is not a valid ${type}.`);
    }
  }
  checkValueSize(value);
  return value as Record<string, unknown>;
}

/** Refuses a page size outside 1–20. */
export function checkPageLimit(limit: unknown): number {
  if (limit === undefined) {
    return KVS_LIMITS.queryPageDefault;
  }
  if (
    !Number.isInteger(limit) ||
    (limit as number) < 1 ||
    (limit as number) > KVS_LIMITS.queryPageMax
  ) {
    throw invalid('QUERY_PAGE_LIMIT_NOT_IN_RANGE', `The page limit must be between 1 and 20.`);
  }
  return limit as number;
}

/** Refuses an empty batch, one over 25 keys, or one naming a key twice. */
export function checkBatch(items: readonly { key: string; entityName?: string }[]): void {
  if (items.length === 0) {
    throw invalid('EMPTY_BATCH', 'A batch must contain at least one key.');
  }
  if (items.length > KVS_LIMITS.batchMaxKeys) {
    throw invalid('BATCH_TOO_LARGE', `A batch may contain at most 25 keys (got ${items.length}).`);
  }
  const seen = new Set(items.map((item) => `${item.entityName ?? ''}\u0000${item.key}`));
  if (seen.size !== items.length) {
    throw invalid('DUPLICATE_KEYS', 'A batch names the same key more than once.');
  }
}

/** Refuses an empty transaction, one over 25 operations, or one naming a key twice. */
export function checkTransaction(
  operations: readonly { key: string; entityName?: string }[],
): void {
  if (operations.length === 0 || operations.length > KVS_LIMITS.transactionMaxOps) {
    throw invalid(
      'INVALID_TRANSACTION_SIZE',
      `A transaction holds 1–25 operations, got ${operations.length}.`,
    );
  }
  const keys = new Set(operations.map((op) => `${op.entityName ?? ''}\u0000${op.key}`));
  if (keys.size !== operations.length) {
    throw invalid('DUPLICATE_KEYS', 'A transaction names the same key more than once.');
  }
}
