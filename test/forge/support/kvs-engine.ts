/**
 * The in-memory state behind the fake KVS and the answer to each KVS API path, at the level of
 * the JSON requests @forge/kvs sends. Every request is validated as the platform validates it
 * (see kvs-rules.ts); a transaction applies all its operations or none.
 */
import { matchesGroup, type ConditionGroup } from './kvs-conditions';
import {
  queryEntity,
  queryKeys,
  type EntityQuery,
  type QueryPage,
  type StoredItem,
} from './kvs-query';
import {
  KvsFakeError,
  checkBatch,
  checkTransaction,
  checkEntityName,
  checkEntityValue,
  checkKey,
  checkValueSize,
} from './kvs-rules';
import type { EntitySchema } from './kvs-schema';

interface KeyRef {
  key: string;
  entityName?: string;
}

interface SetOp extends KeyRef {
  value: unknown;
  conditions?: ConditionGroup;
  options?: { keyPolicy?: string; returnValue?: string };
}

interface TransactionBody {
  set?: SetOp[];
  delete?: (KeyRef & { conditions?: ConditionGroup })[];
  check?: (KeyRef & { conditions: ConditionGroup })[];
}

/** The stored data of one installation and the handlers of the KVS API paths. */
export class KvsEngine {
  private readonly plain = new Map<string, StoredItem>();
  private readonly secrets = new Map<string, StoredItem>();
  private readonly entities = new Map<string, Map<string, StoredItem>>();

  constructor(
    private readonly schemas: Map<string, EntitySchema>,
    private readonly now: () => number,
  ) {}

  /** Forgets every record. */
  clear(): void {
    this.plain.clear();
    this.secrets.clear();
    this.entities.clear();
  }

  /** Answers one KVS API request; throws KvsFakeError for an error answer. */
  handle(path: string, body: unknown): unknown {
    const route = path.replace(/^\/api\/v1\//, '');
    switch (route) {
      case 'get':
      case 'secret/get':
      case 'entity/get':
        return this.get(route, body as KeyRef);
      case 'set':
      case 'secret/set':
      case 'entity/set':
        return this.set(route, body as SetOp);
      case 'delete':
      case 'secret/delete':
      case 'entity/delete':
        return void this.tableFor(route, (body as KeyRef).entityName).delete(
          checkKey((body as KeyRef).key),
        );
      case 'query':
        return this.keyQuery(body);
      case 'entity/query':
        return this.entityQuery(body as EntityQuery);
      case 'batch/get':
      case 'batch/set':
      case 'batch/delete':
        return this.batch(route, body as SetOp[]);
      case 'transaction':
        return void this.transact(body as TransactionBody);
      default:
        throw new KvsFakeError(404, 'NOT_FOUND', `Unknown KVS path ${path}`);
    }
  }

  private schemaOf(entityName: string): EntitySchema {
    const schema = this.schemas.get(checkEntityName(entityName));
    if (schema === undefined) {
      throw new KvsFakeError(400, 'INVALID_ENTITY_TYPE', `Entity ${entityName} is not declared.`);
    }
    return schema;
  }

  private tableFor(route: string, entityName: string | undefined): Map<string, StoredItem> {
    if (route.startsWith('secret/')) {
      return this.secrets;
    }
    if (entityName === undefined) {
      return this.plain;
    }
    this.schemaOf(entityName);
    let table = this.entities.get(entityName);
    if (table === undefined) {
      table = new Map();
      this.entities.set(entityName, table);
    }
    return table;
  }

  private get(route: string, ref: KeyRef): unknown {
    const item = this.tableFor(route, ref.entityName).get(checkKey(ref.key));
    if (item === undefined) {
      throw new KvsFakeError(404, 'KEY_NOT_FOUND', 'The specified key does not exist.');
    }
    return {
      key: ref.key,
      value: item.value,
      createdAt: item.createdAt,
      updatedAt: item.updatedAt,
    };
  }

  private checkValue(op: SetOp): void {
    if (op.entityName === undefined) {
      checkValueSize(op.value);
    } else {
      checkEntityValue(this.schemaOf(op.entityName), op.value);
    }
  }

  private write(table: Map<string, StoredItem>, key: string, value: unknown): void {
    const at = this.now();
    const createdAt = table.get(key)?.createdAt ?? at;
    table.set(key, { value: structuredClone(value), createdAt, updatedAt: at });
  }

  private set(route: string, op: SetOp): unknown {
    const table = this.tableFor(route, op.entityName);
    const key = checkKey(op.key);
    this.checkValue(op);
    const previous = table.get(key);
    if (op.options?.keyPolicy === 'FAIL_IF_EXISTS' && previous !== undefined) {
      throw new KvsFakeError(409, 'KEY_ALREADY_EXISTS', 'The key already exists.');
    }
    this.write(table, key, op.value);
    if (op.options?.returnValue === undefined) {
      return undefined;
    }
    const shown = op.options.returnValue === 'PREVIOUS' ? previous : table.get(key);
    return shown === undefined ? undefined : { key, value: shown.value };
  }

  private keyQuery(body: unknown): QueryPage {
    return queryKeys(this.plain, body as Parameters<typeof queryKeys>[1]);
  }

  private entityQuery(request: EntityQuery): QueryPage {
    const schema = this.schemaOf(request.entityName);
    return queryEntity(schema, this.tableFor('entity/query', request.entityName), request);
  }

  private batch(route: string, items: SetOp[]): unknown {
    checkBatch(items);
    const successfulKeys: unknown[] = [];
    for (const item of items) {
      const table = this.tableFor(route, item.entityName);
      const key = checkKey(item.key);
      const ref = { key, ...(item.entityName ? { entityName: item.entityName } : {}) };
      if (route === 'batch/set') {
        this.checkValue(item);
        this.write(table, key, item.value);
        successfulKeys.push(ref);
      } else if (route === 'batch/delete') {
        table.delete(key);
        successfulKeys.push(ref);
      } else if (table.has(key)) {
        successfulKeys.push({ ...ref, value: table.get(key)?.value });
      }
    }
    return { successfulKeys, failedKeys: [] };
  }

  private transact(body: TransactionBody): void {
    const sets = body.set ?? [];
    const deletes = body.delete ?? [];
    const checks = body.check ?? [];
    const all: (KeyRef & { conditions?: ConditionGroup })[] = [...sets, ...deletes, ...checks];
    checkTransaction(all);
    sets.forEach((op) => this.checkValue(op));
    for (const op of all) {
      const table = this.tableFor('transaction', op.entityName);
      const current = table.get(checkKey(op.key))?.value as Record<string, unknown> | undefined;
      if (op.conditions !== undefined && op.entityName === undefined) {
        throw new KvsFakeError(400, 'INVALID_CONDITION', 'Conditions apply to entities only.');
      }
      if (op.conditions !== undefined && !matchesGroup(op.conditions, current)) {
        throw new KvsFakeError(409, 'CONDITION_FAILED', `A condition on ${op.key} did not hold.`);
      }
    }
    sets.forEach((op) => this.write(this.tableFor('transaction', op.entityName), op.key, op.value));
    deletes.forEach((op) => this.tableFor('transaction', op.entityName).delete(op.key));
  }
}
