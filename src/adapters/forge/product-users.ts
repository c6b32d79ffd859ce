/**
 * How Jira and Confluence Cloud describe users, and where to ask: user by account id, user
 * search for the picker, and the admin check as the user (Jira: ADMINISTER in mypermissions;
 * Confluence: the `administer` operation on `application` in user/current?expand=operations).
 */
import { route, type Route } from '@forge/api';

import type { Product } from './product-api';

/** A user as the product's REST API returns one. */
export interface ProductProfile {
  accountId: string;
  accountType: string;
  displayName: string;
  /** Empty when the user's privacy settings hide it. */
  email: string;
  /** Jira reports deactivated accounts; Confluence's user API does not (always true there). */
  active: boolean;
}

export interface ProductUsers {
  lookup(accountId: string): Route;
  search(query: string, limit: number): Route;
  adminCheck(): Route;
  /** The users in a search answer. */
  searchResults(body: unknown): unknown[];
  isAdmin(body: unknown): boolean;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** A profile from a product's user JSON, or null when it has no account id. */
export function toProfile(body: unknown): ProductProfile | null {
  const user = record(body);
  const accountId = text(user.accountId);
  if (accountId === '') {
    return null;
  }
  return {
    accountId,
    accountType: text(user.accountType),
    displayName: text(user.displayName) || text(user.publicName) || accountId,
    email: text(user.emailAddress) || text(user.email),
    active: user.active !== false,
  };
}

/** A CQL string literal: backslashes and quotes escaped, control characters dropped. */
function cqlString(value: string): string {
  const cleaned = [...value].filter((ch) => ch >= ' ' && ch !== '\u007f').join('');
  return `"${cleaned.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const JIRA: ProductUsers = {
  lookup: (accountId) => route`/rest/api/3/user?accountId=${accountId}`,
  search: (query, limit) =>
    route`/rest/api/3/user/search?${new URLSearchParams({ query, maxResults: String(limit) })}`,
  adminCheck: () => route`/rest/api/3/mypermissions?permissions=ADMINISTER`,
  searchResults: (body) => (Array.isArray(body) ? body : []),
  isAdmin: (body) => {
    const permission = record(record(record(body).permissions).ADMINISTER);
    return permission.havePermission === true;
  },
};

const CONFLUENCE: ProductUsers = {
  lookup: (accountId) => route`/wiki/rest/api/user?accountId=${accountId}`,
  search: (query, limit) => {
    const cql = `type = user AND user.fullname ~ ${cqlString(query)}`;
    return route`/wiki/rest/api/search/user?${new URLSearchParams({ cql, limit: String(limit) })}`;
  },
  adminCheck: () => route`/wiki/rest/api/user/current?expand=operations`,
  searchResults: (body) => {
    const results = record(body).results;
    return Array.isArray(results) ? results.map((result) => record(result).user) : [];
  },
  isAdmin: (body) => {
    const operations = record(body).operations;
    return (
      Array.isArray(operations) &&
      operations.some((operation) => {
        const check = record(operation);
        return check.operation === 'administer' && check.targetType === 'application';
      })
    );
  },
};

/** Where and how to ask `product` about users. */
export function productUsers(product: Product): ProductUsers {
  return product === 'jira' ? JIRA : CONFLUENCE;
}
