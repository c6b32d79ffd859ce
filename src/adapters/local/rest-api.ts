/**
 * The management API (/api/v1): one Fastify route per row of REST_ROUTES, each handing its
 * input to app.runOperation as the authenticated caller. Authentication runs before the body is
 * read, so a refused request never has its body parsed.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../app/app';
import type { Caller } from '../../app/contract';
import type { Logger } from '../../ports';
import { REST_ROUTES, restCallFor, type RestRoute } from '../../app/rest-routes';
import { sendRefusal } from './http-errors';
import { authenticateRequest, requestAuth } from './request-auth';

export const API_PREFIX = '/api/v1';

/** `/api/v1/tokens/{id}` → `/api/v1/tokens/:id` */
export function fastifyPath(path: string): string {
  return path.replace(/\{([A-Za-z0-9_]+)\}/g, ':$1');
}

/** Registers every REST route; call inside its own plugin scope. */
export async function registerRestApi(
  scope: FastifyInstance,
  options: { app: App; logger: Logger },
): Promise<void> {
  const { app, logger } = options;
  scope.addHook('onRequest', async (request, reply) => {
    const auth = await authenticateRequest(app, request, logger);
    if (auth.kind === 'refuse') {
      return sendRefusal(request, reply, auth.refusal);
    }
    if (auth.kind === 'pass-through') {
      // Only under Forge without a password check; the management API needs a known caller.
      return sendRefusal(request, reply, {
        status: 401,
        code: 'BAD_CREDENTIALS',
        message: 'These credentials are not a token or password this app can check.',
      });
    }
    return undefined;
  });

  acceptEmptyJsonWithoutInput(scope);
  for (const route of REST_ROUTES) {
    scope.route({
      method: route.method,
      url: fastifyPath(route.path),
      handler: async (request, reply) => handle(app, route, request, reply),
    });
  }
}

/**
 * A DELETE or POST .../rotate takes no body, yet clients often send `Content-Type:
 * application/json` with an empty one: only routes that read a body refuse an empty JSON body.
 * Anything else goes to Fastify's own JSON parser (bad JSON, prototype poisoning: 400).
 */
function acceptEmptyJsonWithoutInput(scope: FastifyInstance): void {
  const bodyRoutes = new Set(
    REST_ROUTES.filter((route) => route.input === 'body').map(
      (route) => `${route.method} ${fastifyPath(route.path)}`,
    ),
  );
  const parseJson = scope.getDefaultJsonParser('error', 'error');
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const route = `${request.method} ${request.routeOptions.url ?? ''}`;
    if (body === '' && !bodyRoutes.has(route)) {
      done(null, undefined);
      return;
    }
    parseJson(request, typeof body === 'string' ? body : body.toString('utf8'), done);
  });
}

function callerOf(request: FastifyRequest): Caller | null {
  const auth = requestAuth(request);
  if (auth === null || auth.kind !== 'allow') {
    return null;
  }
  return { accountId: auth.user.accountId, clientIp: auth.clientIp, requestId: request.id };
}

async function handle(
  app: App,
  route: RestRoute,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const caller = callerOf(request);
  if (caller === null) {
    throw new Error('REST handler reached without an allowed caller');
  }

  const params = (request.params ?? {}) as Record<string, string>;
  const call = restCallFor(
    { route, params },
    { query: { ...(request.query as Record<string, unknown>) }, body: request.body ?? {} },
  );

  const result = await app.runOperation(call.operation, call.input, caller);
  if (!result.ok) {
    void reply.code(result.status).type('application/json; charset=utf-8');
    return reply.send({ ...result.error, requestId: request.id });
  }
  if (call.responseType === 'csv') {
    const { csv } = result.data as { csv: string };
    return reply
      .code(result.status)
      .type('text/csv; charset=utf-8')
      .header('content-disposition', 'attachment; filename="audit.csv"')
      .send(csv);
  }
  if (result.status === 204 || result.data === null) {
    return reply.code(204).send();
  }
  return reply.code(result.status).send(result.data);
}
