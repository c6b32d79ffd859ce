/** The local page URLs (DESIGN.md §4) and how each product frames them. */

export type AppName = 'admin' | 'user';

/** A page as one product frames it: its path, header and the app it shows. */
export interface ProductPage {
  path: string;
  product: 'Jira' | 'Confluence';
  productClass: 'jira' | 'confluence';
  title: string;
  breadcrumbs: string[];
  app: AppName;
  appPath: string;
}

/** Where the built page of each app is served, with the CSRF token and runtime marker added. */
export function appPath(app: AppName): string {
  return `/app/${app}/`;
}

/** The admin and token pages of Jira and Confluence. */
export const PRODUCT_PAGES: readonly ProductPage[] = [
  {
    path: '/jira/admin',
    product: 'Jira',
    productClass: 'jira',
    title: 'API Token Authentication',
    breadcrumbs: ['Administration', 'User management', 'API Token Authentication'],
    app: 'admin',
    appPath: appPath('admin'),
  },
  {
    path: '/confluence/admin',
    product: 'Confluence',
    productClass: 'confluence',
    title: 'API Token Authentication',
    breadcrumbs: ['General configuration', 'Users & Security', 'API Token Authentication'],
    app: 'admin',
    appPath: appPath('admin'),
  },
  {
    path: '/jira/profile/tokens',
    product: 'Jira',
    productClass: 'jira',
    title: 'API Tokens',
    breadcrumbs: ['Profile', 'API Tokens'],
    app: 'user',
    appPath: appPath('user'),
  },
  {
    path: '/confluence/profile/tokens',
    product: 'Confluence',
    productClass: 'confluence',
    title: 'API Tokens',
    breadcrumbs: ['Profile', 'API Tokens'],
    app: 'user',
    appPath: appPath('user'),
  },
];

/** The launcher's links. */
export const PAGE_LINKS: readonly {
  path: string;
  title: string;
  description: string;
  adminOnly: boolean;
}[] = [
  {
    path: '/jira/profile/tokens',
    title: 'Your API tokens (Jira)',
    description: 'create, rotate and delete your tokens',
    adminOnly: false,
  },
  {
    path: '/confluence/profile/tokens',
    title: 'Your API tokens (Confluence)',
    description: 'the same page as Confluence shows it',
    adminOnly: false,
  },
  {
    path: '/jira/admin',
    title: 'Jira administration',
    description: 'settings, all tokens, permissions, audit log',
    adminOnly: true,
  },
  {
    path: '/confluence/admin',
    title: 'Confluence administration',
    description: 'the same admin page as Confluence shows it',
    adminOnly: true,
  },
];
