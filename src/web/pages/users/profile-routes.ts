import { verify } from '@node-rs/argon2';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../../main/app-context.ts';
import { hashPassword, issueApiToken } from '../../auth/password-rules.ts';
import { flashNext, renderPage } from '../../render/page-render.ts';
import { changePasswordForm, fieldErrors, tokenForm } from './user-forms.ts';
import { actThenBack, auditUser } from './user-audit.ts';
import type { WebUserStore } from './user-store.ts';

/**
 * GET /profile — any signed-in user: their role, chat identities (read-only: an admin links them),
 * web password change and their own API tokens (created shown once, revoked).
 */
export async function profileRoutes(app: FastifyInstance, { ctx, store }: { ctx: AppContext; store: WebUserStore }): Promise<void> {
  const page = async (req: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) =>
    renderPage(req, reply, 'users/profile', { title: 'Your profile', nav: 'profile', person: await store.get(req.user!.id), errors: {}, ...extra }, status);

  app.get('/profile', async (req, reply) => page(req, reply));

  app.post('/profile/password', async (req, reply) => {
    const me = req.user!;
    const parsed = changePasswordForm.safeParse(req.body ?? {});
    if (!parsed.success) return page(req, reply, { errors: fieldErrors(parsed.error) }, 422);
    const stored = await store.passwordHash(me.id);
    const valid = stored ? await verify(stored, parsed.data.current_password).catch(() => false) : false;
    if (!valid) {
      await auditUser(ctx, req, 'user.password_change_refused', me.id, { message: 'wrong current password' });
      return page(req, reply, { errors: { current_password: 'is not your current password' } }, 422);
    }
    await store.update(me.id, { passwordHash: await hashPassword(parsed.data.new_password) });
    await auditUser(ctx, req, 'user.password_changed', me.id);
    // A fresh session id after a credential change; sessions elsewhere live until they expire (see README).
    await req.session.regenerate();
    req.session.userId = me.id;
    flashNext(req, 'ok', 'Your password is changed.');
    await req.session.save();
    return reply.redirect('/profile', 303);
  });

  app.post('/profile/tokens', async (req, reply) => {
    const me = req.user!;
    const { token_name: name } = tokenForm.parse(req.body ?? {});
    const { token, prefix } = await issueApiToken(ctx.users, me.id, name);
    await auditUser(ctx, req, 'token.created', me.id, { newValue: { user: me.name, name, prefix } });
    return page(req, reply, { newToken: { token, name } }, 201);
  });

  app.post<{ Params: { tokenId: string } }>('/profile/tokens/:tokenId/revoke', async (req, reply) =>
    actThenBack(req, reply, '/profile', async () => {
      const revoked = await store.revokeToken(req.user!.id, req.params.tokenId);
      await auditUser(ctx, req, 'token.revoked', req.user!.id, { oldValue: { user: req.user!.name, ...revoked } });
      return `Token ${revoked.name} (${revoked.prefix}…) revoked.`;
    }));
}
