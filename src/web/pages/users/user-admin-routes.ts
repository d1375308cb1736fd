import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ROLES, type Role } from '../../../core/approvals/roles.ts';
import { NetOpsError } from '../../../core/errors/index.ts';
import type { UserRecord } from '../../../core/ports/user-repository.ts';
import type { AppContext } from '../../../main/app-context.ts';
import { hashPassword } from '../../auth/password-rules.ts';
import { requirePageRole } from '../../plugins/page-auth.ts';
import { flashNext, renderPage } from '../../render/page-render.ts';
import { fieldErrors, newUserForm, resetPasswordForm, roleForm } from './user-forms.ts';
import { actThenBack, auditUser } from './user-audit.ts';
import type { WebUserStore } from './user-store.ts';

type Id = { Params: { id: string } };

/**
 * Users (admins only): list, create (role, optional web password, Slack/Discord ids), change role,
 * disable/enable, unlock, reset password. An admin cannot demote or disable themselves, and the last
 * active admin stays an admin, so nobody locks the installation out of its own settings.
 */
export async function userAdminRoutes(app: FastifyInstance, { ctx, store }: { ctx: AppContext; store: WebUserStore }): Promise<void> {
  const admin = { preHandler: requirePageRole('admin', 'managing users') };

  const list = async (req: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) =>
    renderPage(req, reply, 'users/list', { title: 'Users', nav: 'users', users: await store.list(), roles: ROLES, values: { role: 'operator' }, errors: {}, ...extra }, status);

  /** Refuses changes that would leave no active admin, or an admin changing their own standing. */
  const guard = async (actor: UserRecord, target: { id: string; role: Role }, what: string) => {
    if (actor.id === target.id) throw new NetOpsError('INVALID_STATE', `You cannot ${what} your own account; another admin can.`);
    if (target.role === 'admin' && (await store.otherActiveAdmins(target.id)) === 0) throw new NetOpsError('INVALID_STATE', `Cannot ${what} the last active admin; make another admin first.`);
  };

  app.get('/users', admin, async (req, reply) => list(req, reply));

  app.post('/users', admin, async (req, reply) => {
    const raw = (req.body ?? {}) as Record<string, unknown>;
    const values = { name: raw.name, role: raw.role, slack_id: raw.slack_id, discord_id: raw.discord_id };
    const parsed = newUserForm.safeParse(raw);
    if (!parsed.success) return list(req, reply, { values, errors: fieldErrors(parsed.error) }, 422);
    const f = parsed.data;
    if (await ctx.users.findByName(f.name)) return list(req, reply, { values, errors: { name: `A user named ${f.name} exists already.` } }, 409);
    for (const [platform, id] of [['slack', f.slack_id], ['discord', f.discord_id]] as const) {
      if (id && (await ctx.users.findByChatIdentity(platform, id))) return list(req, reply, { values, errors: { [`${platform}_id`]: `${platform} id ${id} already belongs to another user.` } }, 409);
    }
    const created = await ctx.users.create({ name: f.name, role: f.role, passwordHash: f.password ? await hashPassword(f.password) : null, slackId: f.slack_id, discordId: f.discord_id });
    await auditUser(ctx, req, 'user.created', created.id, { newValue: { name: f.name, role: f.role, slackId: f.slack_id ?? null, discordId: f.discord_id ?? null, webLogin: Boolean(f.password) } });
    flashNext(req, 'ok', `User ${f.name} created as ${f.role}.${f.password ? '' : ' Without a password they use chat and API tokens only.'}`);
    return reply.redirect(`/users/${created.id}`, 303);
  });

  app.get<Id>('/users/:id', admin, async (req, reply) => {
    const person = await store.get(req.params.id);
    return renderPage(req, reply, 'users/detail', { title: `User ${person.name}`, nav: 'users', person, roles: ROLES, errors: {} });
  });

  app.post<Id>('/users/:id/role', admin, async (req, reply) => {
    const person = await store.get(req.params.id);
    return actThenBack(req, reply, `/users/${person.id}`, async () => {
      const { role } = roleForm.parse(req.body ?? {});
      if (role === person.role) return `${person.name} is already ${role}.`;
      if (role !== 'admin') await guard(req.user!, person, 'change the role of');
      await store.update(person.id, { role });
      await auditUser(ctx, req, 'user.role_changed', person.id, { oldValue: { role: person.role }, newValue: { role } });
      return `${person.name} is now ${role}.`;
    });
  });

  const setDisabled = (disabled: boolean) => async (req: FastifyRequest<Id>, reply: FastifyReply) => {
    const person = await store.get(req.params.id);
    return actThenBack(req, reply, `/users/${person.id}`, async () => {
      if (disabled) await guard(req.user!, person, 'disable');
      await store.update(person.id, { disabled });
      await auditUser(ctx, req, disabled ? 'user.disabled' : 'user.enabled', person.id, { oldValue: { disabled: person.disabled }, newValue: { disabled } });
      return disabled ? `${person.name} is disabled: their sessions and API tokens stop working now.` : `${person.name} is enabled again.`;
    });
  };
  app.post<Id>('/users/:id/disable', admin, setDisabled(true));
  app.post<Id>('/users/:id/enable', admin, setDisabled(false));

  app.post<Id>('/users/:id/unlock', admin, async (req, reply) => {
    const person = await store.get(req.params.id);
    return actThenBack(req, reply, `/users/${person.id}`, async () => {
      await store.update(person.id, { unlock: true });
      await auditUser(ctx, req, 'user.unlocked', person.id, { oldValue: { lockedUntil: person.lockedUntil }, newValue: { lockedUntil: null } });
      return `${person.name} can log in again.`;
    });
  });

  app.post<Id>('/users/:id/password', admin, async (req, reply) => {
    const person = await store.get(req.params.id);
    const parsed = resetPasswordForm.safeParse(req.body ?? {});
    if (!parsed.success) {
      return renderPage(req, reply, 'users/detail', { title: `User ${person.name}`, nav: 'users', person, roles: ROLES, errors: fieldErrors(parsed.error) }, 422);
    }
    await store.update(person.id, { passwordHash: await hashPassword(parsed.data.new_password), unlock: true });
    await auditUser(ctx, req, 'user.password_reset', person.id, { message: `web password ${person.hasPassword ? 'replaced' : 'set'} by an admin` });
    flashNext(req, 'ok', `${person.name}'s web password is set; tell them through a safe channel.`);
    return reply.redirect(`/users/${person.id}`, 303);
  });
}
