/**
 * The failure marker: one plain KVS key whose value changes whenever a failed attempt is
 * recorded, or a user's failures are reset, on any instance. An instance whose failure
 * snapshot is due reads the marker (a keyed read, which goes out in the same call as the
 * gateway's other reads) and queries the failures again only when the marker moved: while
 * nobody fails, the lock check costs no query.
 *
 * The marker is written BEFORE the change it announces. So no marker means no failure was ever
 * recorded, and a marker older than the failure window means the window holds no failure. A
 * reset, whose deletions take many calls, writes it again when they are done.
 */
import { randomBytes } from 'node:crypto';

import { kvs } from '@forge/kvs';
import { z } from 'zod';

import { guarded } from './kvs-access';
import type { KvsReadBatcher } from './kvs-read-batch';

/** The plain key of the marker (not a custom entity: it has no attributes to index). */
export const FAILURE_MARKER_KEY = 'failed-attempts:changed';

/** When the last change was announced (the writer's clock), and a value no one else writes. */
export interface ChangeMark {
  at: number;
  id: string;
}

/** The marker as read at `readAt` (this instance's clock); null when none was ever written. */
export interface MarkReading {
  mark: ChangeMark | null;
  readAt: number;
}

const CHANGE_MARK = z.object({ at: z.number(), id: z.string() });

/** A marker that does not parse: unlike any other, and never old enough to trust. */
function unreadableMark(): ChangeMark {
  return { at: Number.POSITIVE_INFINITY, id: `unreadable:${randomBytes(8).toString('hex')}` };
}

/** Whether two readings saw the same marker value. */
export function sameMark(a: ChangeMark | null, b: ChangeMark | null): boolean {
  return a === null || b === null ? a === b : a.id === b.id && a.at === b.at;
}

/** Reads and writes the failure marker, remembering the latest reading of this instance. */
export class FailureMarker {
  private latest: MarkReading | null = null;

  constructor(
    private readonly reads: KvsReadBatcher,
    private readonly now: () => number,
  ) {}

  /** The latest reading made after `after` and less than `maxAgeMs` ago, else a new one. */
  async reading(after: number, maxAgeMs: number): Promise<MarkReading> {
    const latest = this.latest;
    const now = this.now();
    const age = latest === null ? Number.NaN : now - latest.readAt;
    if (latest !== null && latest.readAt > after && age >= 0 && age < maxAgeMs) {
      return latest;
    }
    const stored = await this.reads.read<unknown>({ entity: null, key: FAILURE_MARKER_KEY });
    const parsed = CHANGE_MARK.safeParse(stored);
    const mark = stored === undefined ? null : parsed.success ? parsed.data : unreadableMark();
    const reading = { mark, readAt: now };
    if (this.latest === null || this.latest.readAt <= now) {
      this.latest = reading;
    }
    return reading;
  }

  /** Announces a change made at `at`; call it before making the change. */
  async announce(at: number): Promise<void> {
    const mark: ChangeMark = { at, id: randomBytes(12).toString('hex') };
    await guarded('failure marker write', () => kvs.set(FAILURE_MARKER_KEY, mark));
  }
}
