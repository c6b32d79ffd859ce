/**
 * Keyed reads that go out together. Reads asked for in the same turn of the event loop become
 * one `kvs.batchGet` call instead of one `get` each. Forge meters reads per call, in 10 KB
 * units, so when the gateway's cached state is due and it reads the settings, the failure
 * marker and a token at once, the three small records cost one read, not three.
 *
 * A lone read goes out as a plain get: batch calls are capped (45 a minute per installation).
 * When the platform refuses a batch, its keys are read one by one instead, and this instance
 * sends no batch for a minute. Reads of keys the batch could not answer are retried alone;
 * whatever still fails rejects as StoreUnavailableError (callers fail closed).
 */
import { kvs } from '@forge/kvs';

import { guarded } from './kvs-access';

/** A record to read: a custom entity's key, or a plain key when `entity` is null. */
export interface KeyRef {
  entity: string | null;
  key: string;
}

/** How long an instance sends no batch after the platform refused one. */
export const BATCH_PAUSE_MS = 60_000;
/** Forge's largest batch. */
const MAX_BATCH_KEYS = 25;

interface Waiting {
  ref: KeyRef;
  settle: { resolve: (value: unknown) => void; reject: (error: unknown) => void }[];
}

function idOf(ref: { entity?: string | null; entityName?: string; key: string }): string {
  return `${ref.entity ?? ref.entityName ?? ''}\u0000${ref.key}`;
}

/** Reads one record on its own. */
function readAlone(ref: KeyRef): Promise<unknown> {
  const what = `read of ${ref.entity ?? 'key'}`;
  return ref.entity === null
    ? guarded(what, () => kvs.get(ref.key))
    : guarded(what, () => kvs.entity(ref.entity as string).get(ref.key));
}

/** Gathers the reads of one turn of the event loop into as few calls as it can. */
export class KvsReadBatcher {
  private queued = new Map<string, Waiting>();
  private pausedUntil = Number.NEGATIVE_INFINITY;

  constructor(private readonly now: () => number = Date.now) {}

  /** The record's value, or undefined when there is none. */
  read<T>(ref: KeyRef): Promise<T | undefined> {
    return new Promise<T | undefined>((resolve, reject) => {
      if (this.queued.size === 0) {
        setImmediate(() => void this.flush());
      }
      const id = idOf(ref);
      const waiting = this.queued.get(id) ?? { ref, settle: [] };
      waiting.settle.push({ resolve: resolve as (value: unknown) => void, reject });
      this.queued.set(id, waiting);
    });
  }

  private async flush(): Promise<void> {
    const waiting = [...this.queued.values()];
    this.queued = new Map();
    if (waiting.length === 1 || this.now() < this.pausedUntil) {
      await Promise.all(waiting.map((entry) => this.answerAlone(entry)));
      return;
    }
    for (let start = 0; start < waiting.length; start += MAX_BATCH_KEYS) {
      await this.answerBatch(waiting.slice(start, start + MAX_BATCH_KEYS));
    }
  }

  private async answerAlone(entry: Waiting): Promise<void> {
    try {
      const value = await readAlone(entry.ref);
      entry.settle.forEach(({ resolve }) => resolve(value));
    } catch (error) {
      entry.settle.forEach(({ reject }) => reject(error));
    }
  }

  private async answerBatch(entries: Waiting[]): Promise<void> {
    let found: Map<string, unknown>;
    let unanswered: Set<string>;
    try {
      const result = await kvs.batchGet(
        entries.map(({ ref }) =>
          ref.entity === null ? { key: ref.key } : { key: ref.key, entityName: ref.entity },
        ),
      );
      found = new Map(result.successfulKeys.map((item) => [idOf(item), item.value]));
      unanswered = new Set(result.failedKeys.map((item) => idOf(item)));
    } catch {
      this.pausedUntil = this.now() + BATCH_PAUSE_MS;
      await Promise.all(entries.map((entry) => this.answerAlone(entry)));
      return;
    }
    await Promise.all(
      entries.map((entry) => {
        const id = idOf(entry.ref);
        if (unanswered.has(id)) {
          return this.answerAlone(entry);
        }
        entry.settle.forEach(({ resolve }) => resolve(found.get(id)));
        return Promise.resolve();
      }),
    );
  }
}
