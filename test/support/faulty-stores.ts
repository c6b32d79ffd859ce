/**
 * Fault injection for tests: wraps real Stores (and a Directory) so that chosen calls fail as
 * storage fails — by part, by method, by kind (read or write), on the n-th matching call, and
 * either before the call reaches the store (nothing happened) or after it returned (the write
 * landed but the caller sees an error, like a lost reply). Every call is recorded.
 */
import type { Directory, PasswordVerifier, Stores } from '../../src/ports';
import { StoreUnavailableError } from '../../src/ports';

export type CallKind = 'read' | 'write';
/** The methods a port requires; optional ones (hints such as `refresh`) pass through as they are. */
type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
type MethodKinds<T> = { [M in RequiredKeys<T>]: CallKind };

/** Every method of every store port, as a read or a write. A new port method must be added here. */
export const STORE_METHOD_KINDS: { [P in keyof Stores]: MethodKinds<Stores[P]> } = {
  tokens: {
    create: 'write',
    findByHash: 'read',
    findById: 'read',
    listByOwner: 'read',
    listAll: 'read',
    rename: 'write',
    delete: 'write',
    deleteByOwner: 'write',
    replace: 'write',
    touch: 'write',
    count: 'read',
    findRevoked: 'read',
    pruneRevoked: 'write',
  },
  settings: { get: 'read', save: 'write' },
  audit: { append: 'write', list: 'read' },
  attempts: {
    record: 'write',
    countByIp: 'read',
    countByUserAtIp: 'read',
    listByUser: 'read',
    resetUser: 'write',
    listSince: 'read',
    prune: 'write',
  },
};

/** The directory's methods, and the password check where the directory also does that. */
export const DIRECTORY_METHOD_KINDS: MethodKinds<Directory & PasswordVerifier> = {
  findUser: 'read',
  getUser: 'read',
  searchUsers: 'read',
  verifyPassword: 'read',
};

export type FaultPart = keyof Stores | 'directory';

/** Which calls fail. Every field left out matches every call. */
export interface FaultRule {
  part?: FaultPart;
  method?: string;
  kind?: CallKind;
  /** Fail only the n-th matching call from now on (1-based); default: every matching call. */
  nth?: number;
  /** 'before' (default): the store is not called. 'after': it is, then the caller sees an error. */
  when?: 'before' | 'after';
  /** What is thrown; default StoreUnavailableError. */
  error?: () => Error;
  /**
   * A slow store instead of a failing one: matching calls run, then their answer arrives this
   * much later, so the caller acts on what was stored that long ago.
   */
  delayMs?: number;
}

export interface RecordedCall {
  part: FaultPart;
  method: string;
  kind: CallKind;
  failed: boolean;
}

export interface FaultController {
  /** Adds a rule; calls matching any active rule fail (or, with delayMs, wait). */
  inject(rule: FaultRule): void;
  /** Removes every rule (the stores work again). */
  clear(): void;
  /** Every call made through the wrappers, in order. */
  readonly calls: RecordedCall[];
  /** How many calls were made to fail. */
  failures(): number;
}

interface ActiveRule {
  rule: FaultRule;
  seen: number;
}

function matches(rule: FaultRule, call: Omit<RecordedCall, 'failed'>): boolean {
  return (
    (rule.part === undefined || rule.part === call.part) &&
    (rule.method === undefined || rule.method === call.method) &&
    (rule.kind === undefined || rule.kind === call.kind)
  );
}

/** What happens to one call: the rule that fails it (if any) and how long it waits first. */
interface Decision {
  failure: FaultRule | null;
  delayMs: number;
}

/** The rules that fire for this call, counting it against every matching n-th rule. */
function decideCall(rules: ActiveRule[], call: Omit<RecordedCall, 'failed'>): Decision {
  const decision: Decision = { failure: null, delayMs: 0 };
  for (const active of rules) {
    if (!matches(active.rule, call)) {
      continue;
    }
    active.seen += 1;
    if (active.rule.nth !== undefined && active.rule.nth !== active.seen) {
      continue;
    }
    if (active.rule.delayMs !== undefined) {
      decision.delayMs = Math.max(decision.delayMs, active.rule.delayMs);
    } else {
      decision.failure ??= active.rule;
    }
  }
  return decision;
}

function injectedError(rule: FaultRule): Error {
  return rule.error?.() ?? new StoreUnavailableError('injected storage failure (test)');
}

type Decider = (call: Omit<RecordedCall, 'failed'>) => Decision;

/** How each controller's wrappers reach its rules. */
const DECIDERS = new WeakMap<FaultController, Decider>();

/** A controller with no rules: wrap stores and a directory with it, then inject faults. */
export function createFaultController(): FaultController {
  const rules: ActiveRule[] = [];
  const calls: RecordedCall[] = [];
  const controller: FaultController = {
    inject: (rule) => void rules.push({ rule, seen: 0 }),
    clear: () => void rules.splice(0),
    calls,
    failures: () => calls.filter((call) => call.failed).length,
  };
  DECIDERS.set(controller, (call) => {
    const decision = decideCall(rules, call);
    calls.push({ ...call, failed: decision.failure !== null });
    return decision;
  });
  return controller;
}

function deciderOf(controller: FaultController): Decider {
  const decider = DECIDERS.get(controller);
  if (decider === undefined) {
    throw new Error('use a controller made by createFaultController');
  }
  return decider;
}

/** `target` with each method in `kinds` going through the controller's rules. */
function wrapPart<T extends object>(
  target: T,
  part: FaultPart,
  kinds: Record<string, CallKind>,
  controller: FaultController,
): T {
  const decide = deciderOf(controller);
  const wrapped: Record<string, unknown> = {};
  for (const [method, kind] of Object.entries(kinds)) {
    const original = Reflect.get(target, method) as (...args: unknown[]) => Promise<unknown>;
    wrapped[method] = async (...args: unknown[]): Promise<unknown> => {
      const { failure, delayMs } = decide({ part, method, kind });
      if (failure !== null && failure.when !== 'after') {
        throw injectedError(failure);
      }
      const result = await original.apply(target, args);
      if (delayMs > 0) {
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
      if (failure !== null) {
        throw injectedError(failure);
      }
      return result;
    };
  }
  return wrapped as T;
}

/** The four stores, each call going through `controller`. */
export function faultyStores(stores: Stores, controller: FaultController): Stores {
  return {
    tokens: wrapPart(stores.tokens, 'tokens', STORE_METHOD_KINDS.tokens, controller),
    settings: wrapPart(stores.settings, 'settings', STORE_METHOD_KINDS.settings, controller),
    audit: wrapPart(stores.audit, 'audit', STORE_METHOD_KINDS.audit, controller),
    attempts: {
      ...wrapPart(stores.attempts, 'attempts', STORE_METHOD_KINDS.attempts, controller),
      ...(stores.attempts.refresh && {
        refresh: (since: number) => stores.attempts.refresh?.(since) ?? Promise.resolve(),
      }),
    },
  };
}

/** A directory (and password check) whose calls go through `controller` as part 'directory'. */
export function faultyDirectory<T extends Directory>(directory: T, controller: FaultController): T {
  const present = Object.entries(DIRECTORY_METHOD_KINDS).filter(
    ([method]) => typeof Reflect.get(directory, method) === 'function',
  );
  const wrapped = wrapPart(directory, 'directory', Object.fromEntries(present), controller);
  return new Proxy(directory, {
    get: (object, property, receiver): unknown =>
      Object.hasOwn(wrapped, property)
        ? Reflect.get(wrapped, property)
        : Reflect.get(object, property, receiver),
  });
}
