import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { issueApiToken } from '../../../core/users/api-token.ts';
import { changeOwnPassword, type UserAdminDeps } from '../../../core/users/manage-users.ts';
import type { AppContext } from '../../../main/app-context.ts';
import { flashNext, renderPage } from '../../render/page-render.ts';
import { loadPerson } from './load-person.ts';
import { changePasswordForm, fieldErrors, tokenForm } from './user-forms.ts';
import { actThenBack, auditUser } from './user-audit.ts';

type Opts = { ctx: AppContext; deps: UserAdminDeps };

/**
 * GET /profile — any signed-in user: their role, chat identities (read-only: an admin links them),
 * web password change and their own API tokens (created shown once, revoked).
 */
export async function profileRoutes(app: FastifyInstance, { ctx, deps }: Opts): Promise<void> {
  const page = async (req: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) =>
    renderPage(req, reply, 'users/profile', { title: 'Your profile', nav: 'profile', person: await loadPerson(deps.accounts, req.user!.id), errors: {}, ...extra }, status);

  app.get('/profile', async (req, reply) => page(req, reply));

  app.post('/profile/password', async (req, reply) => {
    const me = req.user!;
    const parsed = changePasswordForm.safeParse(req.body ?? {});
    if (!parsed.success) return page(req, reply, { errors: fieldErrors(parsed.error) }, 422);
    const outcome = await changeOwnPassword(deps, me.id, { current: parsed.data.current_password, next: parsed.data.new_password, keepSessionId: req.session.sessionId });
    if (!outcome.ok) {
      await auditUser(ctx, req, 'user.password_change_refused', me.id, { message: 'wrong current password' });
      return page(req, reply, { errors: { current_password: 'is not your current password' } }, 422);
    }
    // Every other session of this user has ended; this one goes on under a fresh id.
    await req.session.regenerate();
    req.session.userId = me.id;
    await auditUser(ctx, req, 'user.password_changed', me.id, { message: `${outcome.endedSessions} other web session(s) ended` });
    flashNext(req, 'ok', `Your password is changed${outcome.endedSessions ? `; ${outcome.endedSessions} other session(s) were logged out` : ''}.`);
    await req.session.save();
    return reply.redirect('/profile', 303);
  });

  app.post('/profile/tokens', async (req, reply) => {
    const me = req.user!;
    const { token_name: name } = tokenForm.parse(req.body ?? {});
    const { token, record } = await issueApiToken(deps.accounts, me.id, { name });
    await auditUser(ctx, req, 'token.created', me.id, { newValue: { user: me.name, name, prefix: record.prefix } });
    return page(req, reply, { newToken: { token, name } }, 201);
  });

  app.post<{ Params: { tokenId: string } }>('/profile/tokens/:tokenId/revoke', async (req, reply) =>
    actThenBack(req, reply, '/profile', async () => {
      const revoked = await deps.accounts.revokeToken(req.user!.id, req.params.tokenId);
      await auditUser(ctx, req, 'token.revoked', req.user!.id, { oldValue: { user: req.user!.name, name: revoked.name, prefix: revoked.prefix } });
      return `Token ${revoked.name} (${revoked.prefix}…) revoked.`;
    }));
}
