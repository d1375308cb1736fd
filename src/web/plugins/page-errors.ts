import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { NetOpsError } from '../../core/errors/index.ts';
import { netOpsErrorFromPrisma } from '../../db/prisma-errors.ts';
import { isHtmx, renderPage, renderPartial } from '../render/page-render.ts';

interface PageProblem {
  status: number;
  code: string;
  heading: string;
  message: string;
}

/** Maps anything thrown by a page route to what a person should read. */
export function describePageError(err: unknown): PageProblem {
  if (err instanceof NetOpsError) {
    const heading = err.status === 403 ? 'Not allowed' : err.status === 404 ? 'Not found' : err.status >= 500 ? 'Something failed' : 'That did not work';
    return { status: err.status, code: err.code, heading, message: err.message };
  }
  if (err instanceof ZodError) {
    const message = err.issues.map((i) => `${i.path.join('.') || 'form'}: ${i.message}`).join('; ');
    return { status: 400, code: 'VALIDATION_FAILED', heading: 'Invalid input', message };
  }
  const fe = err as FastifyError;
  if (fe.code === 'FST_CSRF_INVALID_TOKEN' || fe.code === 'FST_CSRF_MISSING_SECRET') {
    return { status: 403, code: 'CSRF_FAILED', heading: 'Form expired', message: 'The form was stale or did not come from this site. Reload the page and try again.' };
  }
  if (fe.statusCode === 429) {
    return { status: 429, code: 'RATE_LIMITED', heading: 'Too many attempts', message: `Too many requests from your address. ${fe.message ?? ''}`.trim() };
  }
  if (fe.statusCode && fe.statusCode < 500) return { status: fe.statusCode, code: 'VALIDATION_FAILED', heading: 'Bad request', message: fe.message };
  return { status: 500, code: 'INTERNAL', heading: 'Something failed', message: 'An unexpected error occurred; the server log has the details.' };
}

/**
 * HTML errors for the pages (the API keeps its JSON handler). A full page for navigations; for htmx,
 * the message goes to the #flash region (HX-Retarget) whatever element made the request.
 */
export function registerPageErrors(app: FastifyInstance): void {
  app.setErrorHandler(async (err: unknown, req: FastifyRequest, reply: FastifyReply) => {
    const problem = describePageError(netOpsErrorFromPrisma(err) ?? err);
    if (problem.status >= 500) req.log.error({ err }, 'page request failed');
    if (isHtmx(req)) {
      reply.header('hx-retarget', '#flash').header('hx-reswap', 'innerHTML');
      return renderPartial(req, reply, 'flash', { flash: { kind: 'error', text: problem.message, code: problem.code } }, problem.status);
    }
    return renderPage(req, reply, 'error', { title: problem.heading, nav: 'none', problem }, problem.status);
  });
}
