/**
 * The REST gateway: every request under /rest/ (Jira) and /wiki/rest/ (Confluence) is
 * authenticated by the app's decision and passed to the upstream as the owner. A token never
 * reaches the upstream (its Authorization header is removed); nor does the browser session
 * cookie of the local pages. Bodies of any type are passed on as bytes, within a size limit.
 * Answers carry no product cookie and are sandboxed by CSP, with nosniff.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../app/app';
import { hasDotSegments } from '../../core/request-path';
import type { Logger, Upstream } from '../../ports';
import { sendRefusal, type HttpRefusal } from './http-errors';
import { authenticateRequest, requestAuth } from './request-auth';
import { UpstreamTooLargeError } from './upstream';

export const GATEWAY_PREFIXES = ['/rest/', '/wiki/rest/'] as const;
/** Largest request body passed on to the product. */
export const GATEWAY_BODY_LIMIT = 10 * 1024 * 1024;

export interface GatewayOptions {
  app: App;
  upstream: Upstream;
  logger: Logger;
}

const DOT_SEGMENTS: HttpRefusal = {
  status: 400,
  code: 'INVALID_INPUT',
  message: 'The path must not contain "." or ".." segments or backslashes.',
};

const BAD_GATEWAY: HttpRefusal = {
  status: 502,
  code: 'UNAVAILABLE',
  message: 'The product did not answer.',
};

const TOO_LARGE: HttpRefusal = {
  status: 502,
  code: 'UNAVAILABLE',
  message: "The product's answer is larger than the gateway passes on.",
};

/** The CSP directive every gateway answer carries. */
const SANDBOX = 'sandbox';

/** Registers the gateway routes; call inside its own plugin scope (it replaces body parsing). */
export async function registerGateway(
  scope: FastifyInstance,
  options: GatewayOptions,
): Promise<void> {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser(
    '*',
    { parseAs: 'buffer', bodyLimit: GATEWAY_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  );

  scope.addHook('onSend', (_request, reply, payload, done) => {
    sandboxAnswer(reply);
    done(null, payload);
  });

  // Returns the decision's own promise chain rather than awaiting it in an async function.
  scope.addHook('onRequest', (request, reply): Promise<unknown> => {
    if (hasDotSegments(request.url)) {
      return sendRefusal(request, reply, DOT_SEGMENTS);
    }
    return authenticateRequest(options.app, request, options.logger).then((auth) =>
      auth.kind === 'refuse' ? sendRefusal(request, reply, auth.refusal) : undefined,
    );
  });

  for (const prefix of GATEWAY_PREFIXES) {
    // forward's own promise is the handler's answer: no async wrapper around it.
    scope.all(`${prefix}*`, (request, reply) => forward(options, request, reply));
  }
}

/**
 * Every gateway answer, forwarded or refused, is sandboxed: product HTML served on the pages'
 * origin can never run script there. A product's own policy is kept alongside (both apply).
 */
function sandboxAnswer(reply: FastifyReply): void {
  const own = reply.getHeader('content-security-policy');
  // Without a product policy (the usual case) a plain string: no arrays built per answer.
  const policy =
    own === undefined ? SANDBOX : [...(Array.isArray(own) ? own : [String(own)]), SANDBOX];
  void reply.header('content-security-policy', policy);
  void reply.header('x-content-type-options', 'nosniff');
}

async function forward(
  options: GatewayOptions,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply> {
  const auth = requestAuth(request);
  if (auth === null || auth.kind === 'refuse') {
    throw new Error('gateway handler reached without an allowed caller');
  }

  const headers = forwardedHeaders(request.headers, {
    dropAuthorization: auth.kind === 'allow' && auth.via === 'token',
  });
  const body = Buffer.isBuffer(request.body) ? request.body : null;
  const as = auth.kind === 'allow' ? auth.user : null;

  try {
    const response = await options.upstream.forward(
      { method: request.method, url: request.url, headers, body },
      as,
    );
    return reply.code(response.status).headers(response.headers).send(response.body);
  } catch (error) {
    options.logger.warn('gateway: upstream failed', {
      requestId: request.id,
      method: request.method,
      error: (error as Error).name,
      reason: (error as { code?: string }).code ?? (error as Error).message,
    });
    return sendRefusal(
      request,
      reply,
      error instanceof UpstreamTooLargeError ? TOO_LARGE : BAD_GATEWAY,
    );
  }
}

/**
 * The request's headers without the session cookie, and without Authorization when it carried
 * a token. Built by copying the others rather than deleting from a copy: a deleted property
 * makes the object slow for every later read.
 */
function forwardedHeaders(
  headers: FastifyRequest['headers'],
  options: { dropAuthorization: boolean },
): FastifyRequest['headers'] {
  const out: FastifyRequest['headers'] = {};
  for (const name in headers) {
    if (name !== 'cookie' && !(options.dropAuthorization && name === 'authorization')) {
      out[name] = headers[name];
    }
  }
  return out;
}
