/**
 * The local pages: the launcher (/), sign-in (/login, /logout), the admin and token pages as
 * Jira and Confluence frame them, the built pages they frame (/app/admin/, /app/user/) and the
 * bridge endpoint those pages call the app's operations through, as the signed-in user.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../app/app';
import type { Directory, Logger, PasswordVerifier } from '../../ports';
import { registerBridge } from './pages/bridge';
import { framePage, launcherPage, messagePage, STYLESHEET_PATH } from './pages/html';
import { createSignInThrottle } from './pages/login-throttle';
import { PRODUCT_PAGES, type AppName } from './pages/routes';
import { APP_PAGE_CSP, PLAIN_PAGE_CSP, setPageHeaders } from './pages/security';
import { createSessionStore, loadSessionSecret, type SessionStore } from './pages/session';
import { registerSignIn } from './pages/sign-in';
import { signedIn, type SignedIn } from './pages/signed-in';
import { readAppIndex, readAsset } from './pages/static-files';
import { PAGES_CSS } from './pages/stylesheet';

/** What the pages need from the local runtime. */
export interface PagesOptions {
  app: App;
  passwords: PasswordVerifier;
  directory: Directory;
  dataDir: string;
  logger: Logger;
}

const FORM_BODY_LIMIT = 16 * 1024;
const APPS: readonly AppName[] = ['admin', 'user'];

/** Registers every local page route on `server` (an encapsulated scope of the local server). */
export async function registerPages(server: FastifyInstance, options: PagesOptions): Promise<void> {
  const sessions = createSessionStore(await loadSessionSecret(options.dataDir), Date.now);
  const { directory, logger } = options;
  server.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );

  registerSignIn(server, { ...options, sessions, throttle: createSignInThrottle(Date.now) });
  registerBridge(server, { app: options.app, sessions, directory, logger });
  registerProductPages(server, sessions, directory);
  for (const app of APPS) {
    registerAppPage(server, app, sessions, directory);
  }
}

/** The launcher, the stylesheet and the product frames around the built pages. */
function registerProductPages(
  server: FastifyInstance,
  sessions: SessionStore,
  directory: Directory,
): void {
  server.get(STYLESHEET_PATH, async (_request, reply) =>
    reply
      .type('text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(PAGES_CSS),
  );
  server.get('/', async (request, reply) =>
    withUser(request, reply, sessions, directory, (who) => {
      const origin = `${request.protocol}://${request.headers.host ?? ''}`;
      const page = launcherPage({ user: who.user, csrfToken: who.session.csrfToken, origin });
      return html(reply, PLAIN_PAGE_CSP, page);
    }),
  );
  for (const page of PRODUCT_PAGES) {
    server.get(page.path, async (request, reply) =>
      withUser(request, reply, sessions, directory, (who) =>
        html(
          reply,
          PLAIN_PAGE_CSP,
          framePage({ page, user: who.user, csrfToken: who.session.csrfToken }),
        ),
      ),
    );
  }
}

function registerAppPage(
  server: FastifyInstance,
  app: AppName,
  sessions: SessionStore,
  directory: Directory,
): void {
  server.get(`/app/${app}/`, async (request, reply) =>
    withUser(request, reply, sessions, directory, async (who) => {
      const index = await readAppIndex(app, who.session.csrfToken);
      if (index === null) {
        return html(
          reply,
          PLAIN_PAGE_CSP,
          messagePage('Pages not built', 'Run `npm run build:pages`, then reload.'),
          503,
        );
      }
      return html(reply, APP_PAGE_CSP, index);
    }),
  );
  server.get<{ Params: { name: string } }>(`/app/${app}/assets/:name`, async (request, reply) => {
    const asset = await readAsset(app, request.params.name);
    if (asset === null) {
      return reply.callNotFound();
    }
    return reply
      .type(asset.contentType)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .send(asset.body);
  });
}

function html(reply: FastifyReply, csp: string, body: string, status = 200): FastifyReply {
  setPageHeaders(reply, csp);
  return reply.code(status).type('text/html; charset=utf-8').send(body);
}

/** Runs `render` for a signed-in user; others go to the sign-in page and come back afterwards. */
async function withUser(
  request: FastifyRequest,
  reply: FastifyReply,
  sessions: SessionStore,
  directory: Directory,
  render: (who: Extract<SignedIn, { kind: 'user' }>) => FastifyReply | Promise<FastifyReply>,
): Promise<FastifyReply> {
  const who = await signedIn(request, sessions, directory);
  if (who.kind === 'unavailable') {
    return html(
      reply,
      PLAIN_PAGE_CSP,
      messagePage('Try again shortly', 'The user directory does not answer.'),
      503,
    );
  }
  if (who.kind === 'none') {
    return reply.redirect(`/login?next=${encodeURIComponent(request.url)}`, 303);
  }
  return render(who);
}
