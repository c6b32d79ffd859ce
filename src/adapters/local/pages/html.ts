/** The server-rendered pages of the local runtime: sign-in, launcher, sign-out, and the product frame. */
import type { User } from '../../../core/types';
import { escapeHtml } from './security';
import { PAGE_LINKS, type ProductPage } from './routes';

/** Where the server-rendered pages' stylesheet is served. */
export const STYLESHEET_PATH = '/_local/pages.css';

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
${body}
</body>
</html>
`;
}

/** The sign-in form, with fields labelled "Username" and "Password". */
export function loginPage(options: {
  next: string;
  username: string;
  error: string | null;
}): string {
  const error =
    options.error === null ? '' : `<p class="error" role="alert">${escapeHtml(options.error)}</p>`;
  return layout(
    'Sign in · API Token Authentication',
    `<main class="card">
<h1>Sign in</h1>
<p class="muted">API Token Authentication, local runtime</p>
${error}
<form method="post" action="/login">
<input type="hidden" name="next" value="${escapeHtml(options.next)}">
<label for="username">Username</label>
<input id="username" name="username" autocomplete="username" required autofocus value="${escapeHtml(options.username)}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form>
<p class="muted small">The demo users' passwords are in demo-credentials.txt in the data directory (DATA_DIR).</p>
</main>`,
  );
}

function signOutForm(csrfToken: string): string {
  return `<form method="post" action="/logout" class="inline">
<input type="hidden" name="csrf" value="${escapeHtml(csrfToken)}">
<button type="submit" class="link">Sign out</button>
</form>`;
}

/** Who is signed in, and a link to each page they may use. */
export function launcherPage(options: { user: User; csrfToken: string; origin: string }): string {
  const links = PAGE_LINKS.filter((link) => options.user.isAdmin || !link.adminOnly)
    .map(
      (link) =>
        `<li><a href="${link.path}">${escapeHtml(link.title)}</a> <span class="muted">${escapeHtml(link.description)}</span></li>`,
    )
    .join('\n');
  const role = options.user.isAdmin ? 'administrator' : 'user';
  return layout(
    'API Token Authentication',
    `<main class="card wide">
<h1>API Token Authentication</h1>
<div class="signed-in">Signed in as <strong>${escapeHtml(options.user.displayName)}</strong> (${escapeHtml(options.user.username)}, ${role}). ${signOutForm(options.csrfToken)}</div>
<ul class="links">
${links}
</ul>
<h2>Calling the REST API</h2>
<p>Create a token on your token page, then send it with your username in Basic Auth:</p>
<pre>curl -u ${escapeHtml(options.user.username)}:YOUR_TOKEN ${escapeHtml(options.origin)}/rest/api/2/myself</pre>
</main>`,
  );
}

/** Asks before signing out (a sign-out link alone could be triggered by another site). */
export function signOutPage(options: { csrfToken: string }): string {
  return layout(
    'Sign out',
    `<main class="card"><h1>Sign out?</h1>${signOutForm(options.csrfToken)}<p><a href="/">Back</a></p></main>`,
  );
}

/** A product page as Jira or Confluence frames an app's page: product header, then the app. */
export function framePage(options: { page: ProductPage; user: User; csrfToken: string }): string {
  const { page } = options;
  const crumbs = page.breadcrumbs
    .map((crumb) => `<span>${escapeHtml(crumb)}</span>`)
    .join('<span aria-hidden="true">›</span>');
  return layout(
    `${page.title} · ${page.product}`,
    `<header class="product ${page.productClass}">
<a class="product-name" href="/">${escapeHtml(page.product)}</a>
<nav aria-label="Breadcrumbs" class="crumbs">${crumbs}</nav>
<span class="user">${escapeHtml(options.user.displayName)} ${signOutForm(options.csrfToken)}</span>
</header>
<iframe class="app" title="${escapeHtml(page.title)}" src="${page.appPath}" allow="clipboard-write"></iframe>`,
  );
}

/** A short page for the few cases without a page to show (pages not built yet). */
export function messagePage(title: string, message: string): string {
  return layout(
    title,
    `<main class="card"><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p></main>`,
  );
}
