/**
 * The local runtime's HTTP server: the management API (/api/v1), the REST gateway (/rest/,
 * /wiki/rest/), /healthz and the pages. Errors are JSON `{code, message, requestId}`; no
 * banner headers; /api/v1 answers are never cached.
 */
import { randomBytes } from 'node:crypto';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import type { App } from '../../app/app';
import type { Directory, Logger, PasswordVerifier, Upstream } from '../../ports';
import type { LocalConfig } from './config';
import { registerGateway } from './gateway';
import {
  answerClientError,
  notFoundRefusal,
  requestErrorRefusal,
  sendRefusal,
} from './http-errors';
import { registerPages } from './pages';
import { API_PREFIX, registerRestApi } from './rest-api';

export interface ServerDeps {
  app: App;
  directory: Directory;
  passwords: PasswordVerifier;
  upstream: Upstream;
  logger: Logger;
}

/** A route as registered, for checking the API description against the server. */
export interface RegisteredRoute {
  method: string;
  url: string;
}

/** Largest JSON body the management API reads. */
export const API_BODY_LIMIT = 1024 * 1024;
/** Longest path parameter (an email address as {user} may be long). */
const MAX_PARAM_LENGTH = 320;

const routesByServer = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/**
 * Request ids are this process's random prefix (72 bits, so ids of other runs and instances
 * do not collide) and a counter: unique, and far cheaper per request than a random UUID.
 */
const REQUEST_ID_PREFIX = randomBytes(9).toString('base64url');
let requestCount = 0;

/** The next request id of this process. */
function nextRequestId(): string {
  requestCount += 1;
  return `${REQUEST_ID_PREFIX}-${requestCount.toString(36)}`;
}

/** Every route `server` registered, with the HEAD routes Fastify adds for GET routes. */
export function registeredRoutes(server: FastifyInstance): RegisteredRoute[] {
  return [...(routesByServer.get(server) ?? [])];
}

/** Builds the server with every route registered and ready to listen. */
export async function buildServer(
  config: Pick<LocalConfig, 'dataDir'>,
  deps: ServerDeps,
): Promise<FastifyInstance> {
  const server = Fastify({
    logger: false,
    bodyLimit: API_BODY_LIMIT,
    genReqId: nextRequestId,
    requestIdHeader: false,
    trustProxy: false,
    return503OnClosing: true,
    requestTimeout: 60_000,
    routerOptions: { maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: answerRouterError,
    clientErrorHandler: answerClientError,
  });
  recordRoutes(server);
  addCommonHeaders(server);

  addErrorAnswers(server, deps.logger);
  addHealthRoute(server, deps.app);

  await server.register(async (scope) => registerRestApi(scope, deps));
  await server.register(async (scope) => registerGateway(scope, deps));
  await server.register(async (scope) =>
    registerPages(scope, {
      app: deps.app,
      passwords: deps.passwords,
      directory: deps.directory,
      dataDir: config.dataDir,
      logger: deps.logger,
    }),
  );
  await server.ready();
  return server;
}

/**
 * Paths the router refuses before any route runs (broken percent-encoding, a parameter over
 * the length limit) get the same error body and headers as every other answer, not the
 * framework's own body echoing the path.
 */
function answerRouterError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
  // Such answers skip the onSend hooks, so they get the common headers here.
  setCommonHeaders(request, reply);
  void sendRefusal(request, reply, {
    status: tooLong ? 414 : 400,
    code: 'INVALID_INPUT',
    message: tooLong ? 'A part of the path is too long.' : 'The path is not validly encoded.',
  });
}

function addErrorAnswers(server: FastifyInstance, logger: Logger): void {
  server.setErrorHandler<FastifyError>(async (error, request, reply) =>
    sendRefusal(request, reply, requestErrorRefusal(error, request, logger)),
  );
  server.setNotFoundHandler(async (request, reply) =>
    sendRefusal(request, reply, notFoundRefusal()),
  );
}

/** GET /healthz: 200 when the store answers, without authentication. */
function addHealthRoute(server: FastifyInstance, app: App): void {
  server.get('/healthz', async (request, reply) => {
    const healthy = await app.health().catch(() => false);
    if (!healthy) {
      return sendRefusal(request, reply, {
        status: 503,
        code: 'UNAVAILABLE',
        message: 'The store does not answer.',
      });
    }
    return reply.send({ status: 'ok' });
  });
}

function recordRoutes(server: FastifyInstance): void {
  const routes: RegisteredRoute[] = [];
  routesByServer.set(server, routes);
  server.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      routes.push({ method, url: route.url });
    }
  });
}

/** Whether `url` is /healthz or under /api/v1 (its query ignored), whose answers are never cached. */
function isUncachedPath(url: string): boolean {
  const query = url.indexOf('?');
  const path = query === -1 ? url : url.slice(0, query);
  return path === '/healthz' || path === API_PREFIX || path.startsWith(`${API_PREFIX}/`);
}

// A callback hook, not an async one: it runs on every answer and needs no promise.
function addCommonHeaders(server: FastifyInstance): void {
  server.addHook('onSend', (request, reply, payload, done) => {
    setCommonHeaders(request, reply);
    done(null, payload);
  });
}

/** The headers of every answer: request id, nosniff, no-store on the API, no banners. */
function setCommonHeaders(request: FastifyRequest, reply: FastifyReply): void {
  void reply.header('x-request-id', request.id);
  void reply.header('x-content-type-options', 'nosniff');
  if (isUncachedPath(request.url)) {
    void reply.header('cache-control', 'no-store');
  }
  reply.removeHeader('server');
  reply.removeHeader('x-powered-by');
}
