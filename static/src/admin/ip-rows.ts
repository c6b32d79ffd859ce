/**
 * The rows of an address list being edited (IP Address Restrictions, trusted proxies). Blank
 * rows are not sent; the server names a bad entry by its position in what was sent
 * (`ipAllowlist[2]`), so each sent position is mapped back to the row it came from.
 */
import type { ErrorBody } from '../../../src/app/contract';

/** One editable entry of an address list. */
export interface IpRow {
  /** Stable React key: positions change as rows are added and removed. */
  key: number;
  value: string;
}

let nextKey = 1;

/** Rows for the entries as stored. */
export function rowsFrom(entries: readonly string[]): IpRow[] {
  return entries.map((value) => ({ key: nextKey++, value }));
}

/** A new empty row at the end. */
export function withNewRow(rows: readonly IpRow[]): IpRow[] {
  return [...rows, { key: nextKey++, value: '' }];
}

/** What is sent: the trimmed non-blank values, and for each the key of its row. */
export function entriesToSend(rows: readonly IpRow[]): { entries: string[]; rowKeys: number[] } {
  const sent = rows
    .map((row) => ({ key: row.key, value: row.value.trim() }))
    .filter((row) => row.value !== '');
  return { entries: sent.map((row) => row.value), rowKeys: sent.map((row) => row.key) };
}

/** The server's reasons per row key, for details named `${field}[i]`. */
export function rowErrors(
  error: ErrorBody | null,
  field: string,
  rowKeys: readonly number[],
): Map<number, string[]> {
  const byRow = new Map<number, string[]>();
  for (const detail of error?.details ?? []) {
    const match = /^(.+)\[(\d+)\]$/.exec(detail.field);
    const rowKey = match !== null && match[1] === field ? rowKeys[Number(match[2])] : undefined;
    if (rowKey !== undefined) {
      byRow.set(rowKey, [...(byRow.get(rowKey) ?? []), detail.reason]);
    }
  }
  return byRow;
}

/** True when the rows say the same as the stored entries (blank rows aside). */
export function sameEntries(rows: readonly IpRow[], stored: readonly string[]): boolean {
  const { entries } = entriesToSend(rows);
  return (
    entries.length === stored.length && entries.every((entry, index) => entry === stored[index])
  );
}
