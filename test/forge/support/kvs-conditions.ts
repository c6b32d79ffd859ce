/**
 * How the fake KVS evaluates query ranges, query filters and transaction conditions. A missing
 * attribute (or a missing record) satisfies only NOT_EXISTS, as in the document stores the
 * platform is built on; values of different types never compare equal or ordered.
 */
import { KvsFakeError } from './kvs-rules';

export interface Clause {
  condition: string;
  values: unknown[];
}

export interface FilterClause extends Clause {
  property: string;
}

export interface ConditionGroup {
  and?: FilterClause[];
  or?: FilterClause[];
}

type Comparable = string | number;

function comparable(value: unknown): value is Comparable {
  return typeof value === 'string' || typeof value === 'number';
}

/** Orders two stored values of the same type; null when they cannot be ordered. */
export function compareValues(a: unknown, b: unknown): number | null {
  if (!comparable(a) || !comparable(b) || typeof a !== typeof b) {
    return null;
  }
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}

function ordered(actual: unknown, expected: unknown, test: (order: number) => boolean): boolean {
  const order = compareValues(actual, expected);
  return order !== null && test(order);
}

function textHas(actual: unknown, expected: unknown): boolean {
  if (typeof actual === 'string' && typeof expected === 'string') {
    return actual.includes(expected);
  }
  return Array.isArray(actual) && actual.includes(expected);
}

/** True when `actual` (undefined: missing) satisfies the clause. */
export function matchesClause(clause: Clause, actual: unknown): boolean {
  const [first, second] = clause.values;
  if (clause.condition === 'NOT_EXISTS') {
    return actual === undefined;
  }
  if (actual === undefined) {
    return false;
  }
  switch (clause.condition) {
    case 'EXISTS':
      return true;
    case 'EQUAL_TO':
      return actual === first;
    case 'NOT_EQUAL_TO':
      return actual !== first;
    case 'BEGINS_WITH':
      return typeof actual === 'string' && typeof first === 'string' && actual.startsWith(first);
    case 'CONTAINS':
      return textHas(actual, first);
    case 'NOT_CONTAINS':
      return !textHas(actual, first);
    case 'GREATER_THAN':
      return ordered(actual, first, (order) => order > 0);
    case 'GREATER_THAN_EQUAL_TO':
      return ordered(actual, first, (order) => order >= 0);
    case 'LESS_THAN':
      return ordered(actual, first, (order) => order < 0);
    case 'LESS_THAN_EQUAL_TO':
      return ordered(actual, first, (order) => order <= 0);
    case 'BETWEEN':
      return ordered(actual, first, (o) => o >= 0) && ordered(actual, second, (o) => o <= 0);
    default:
      throw new KvsFakeError(400, 'INVALID_CONDITION', `Unknown condition ${clause.condition}`);
  }
}

/** True when the record (undefined: no record) satisfies the and/or group. */
export function matchesGroup(
  group: ConditionGroup,
  record: Record<string, unknown> | undefined,
): boolean {
  const attribute = (clause: FilterClause): unknown => record?.[clause.property];
  if (group.and !== undefined && group.or !== undefined) {
    throw new KvsFakeError(400, 'INVALID_FILTER', 'Use either and or or filters, not both.');
  }
  if (group.and !== undefined) {
    return group.and.every((clause) => matchesClause(clause, attribute(clause)));
  }
  if (group.or !== undefined) {
    return group.or.some((clause) => matchesClause(clause, attribute(clause)));
  }
  throw new KvsFakeError(400, 'EMPTY_FILTER_OPERATOR', 'A condition group needs and or or.');
}
