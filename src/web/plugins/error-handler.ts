import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { NetOpsError } from '../../core/errors/index.ts';
import { netOpsErrorFromPrisma } from '../../db/prisma-errors.ts';

/**
 * Errors the router raises before any route or hook runs (a malformed URL, a path segment over the
 * router's length limit): the same error shape as everything else. Pass as Fastify's `frameworkErrors`.
 */
export function frameworkErrors(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const message = err.code === 'FST_ERR_MAX_PARAM_LENGTH'
    ? 'A path segment is too long (at most 100 characters); ids and names are shorter.'
    : err.code === 'FST_ERR_BAD_URL' ? 'The URL is not valid (check its percent-encoding).' : err.message;
  void reply.status(400).send({ error: { code: 'VALIDATION_FAILED', message, details: { field: 'path' } } });
}

/** Every error leaves as {error:{code,message,details}} with the code's status; bad input is never a 500. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((raw: FastifyError | NetOpsError | ZodError | Error, req, reply) => {
    const err = netOpsErrorFromPrisma(raw) ?? raw;
    if (err instanceof NetOpsError) {
      if (err.status >= 500) req.log.error({ code: err.code, err: err.message }, 'request failed');
      return reply.status(err.status).send({ error: err.toJSON() });
    }
    if (err instanceof ZodError) {
      const issues = err.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
      return reply.status(400).send({ error: { code: 'VALIDATION_FAILED', message: issues.map((i) => `${i.field || 'body'}: ${i.message}`).join('; '), details: { issues } } });
    }
    const fe = err as FastifyError;
    if (fe.validation || (fe.statusCode && fe.statusCode < 500)) {
      const status = fe.statusCode ?? 400;
      const code = status === 429 ? 'RATE_LIMITED' : status === 413 ? 'VALIDATION_FAILED' : status === 404 ? 'NOT_FOUND' : 'VALIDATION_FAILED';
      return reply.status(status).send({ error: { code, message: fe.message } });
    }
    req.log.error({ err }, 'unexpected error');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: 'Internal error; the server log has the details (search for the request id).', details: { requestId: req.id } } });
  });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0] ?? '/';
    // People following a stale link get a page; scripts and the API get JSON.
    if (!path.startsWith('/api/') && (req.headers.accept ?? '').includes('text/html')) {
      return reply.status(404).type('text/html').send(
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not found · NetOps Bot</title><link rel="stylesheet" href="/static/css/app.css"></head>` +
          `<body><main class="page"><h1>Page not found</h1><p>Nothing lives at this address.</p><p><a href="/">Back to the dashboard</a></p></main></body></html>`,
      );
    }
    return reply.status(404).send({ error: { code: 'NOT_FOUND', message: `No route ${req.method} ${path}. The API is under /api/v1.` } });
  });
}
