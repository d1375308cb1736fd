import type { FastifyReply, FastifyRequest } from 'fastify';
import { isNetOpsError } from '../../../core/errors/index.ts';
import type { AppContext } from '../../../main/app-context.ts';
import { auditWeb } from '../../auth/web-audit.ts';
import { flashNext, redirectAfterPost } from '../../render/page-render.ts';

/** Records a change to a user or their access (type AUTH, object the user). Never a password or token. */
export async function auditUser(ctx: AppContext, req: FastifyRequest, action: string, userId: string, values: { oldValue?: unknown; newValue?: unknown; message?: string } = {}): Promise<void> {
  await auditWeb(ctx, req, { type: 'AUTH', action, actor: req.user, objectType: 'user', objectId: userId, oldValue: values.oldValue, newValue: values.newValue, message: values.message ?? null });
}

/**
 * Runs a small action (role, disable, identity…) and goes back to `url` with what happened as a flash:
 * an input refusal (last admin, duplicate id…) is shown there too, not as a separate error page.
 */
export async function actThenBack(req: FastifyRequest, reply: FastifyReply, url: string, action: () => Promise<string>): Promise<FastifyReply> {
  try {
    flashNext(req, 'ok', await action());
  } catch (err) {
    if (!isNetOpsError(err) || err.status >= 500 || err.status === 401) throw err;
    flashNext(req, 'error', err.message);
  }
  return redirectAfterPost(req, reply, url);
}
