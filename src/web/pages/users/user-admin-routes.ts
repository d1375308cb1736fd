import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ROLES } from '../../../core/approvals/roles.ts';
import { isNetOpsError } from '../../../core/errors/index.ts';
import { createUser, requireAccount, resetUserPassword, updateUserStanding, type StandingChange, type UserAdminDeps } from '../../../core/users/manage-users.ts';
import type { AppContext } from '../../../main/app-context.ts';
import { currentSessionId } from '../../auth/password-rules.ts';
import { requirePageRole } from '../../plugins/page-auth.ts';
import { flashNext, renderPage } from '../../render/page-render.ts';
import { loadPerson } from './load-person.ts';
import { fieldErrors, newUserForm, resetPasswordForm, roleForm } from './user-forms.ts';
import { actThenBack, auditUser } from './user-audit.ts';

type Id = { Params: { id: string } };

/**
 * Users (admins only): list, create (role, optional web password, Slack/Discord ids), change role,
 * disable/enable, unlock, reset password. An admin cannot demote or disable themselves, and the last
 * active admin stays an admin, so nobody locks the installation out of its own settings.
 */
export async function userAdminRoutes(app: FastifyInstance, { ctx, deps }: { ctx: AppContext; deps: UserAdminDeps }): Promise<void> {
  const admin = { preHandler: requirePageRole('admin', 'managing users') };
  const { accounts } = deps;

  const list = async (req: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) =>
    renderPage(req, reply, 'users/list', { title: 'Users', nav: 'users', users: (await accounts.list({})).items, roles: ROLES, values: { role: 'operator' }, errors: {}, ...extra }, status);

  app.get('/users', admin, async (req, reply) => list(req, reply));

  app.post('/users', admin, async (req, reply) => {
    const raw = (req.body ?? {}) as Record<string, unknown>;
    const values = { name: raw.name, role: raw.role, slack_id: raw.slack_id, discord_id: raw.discord_id };
    const parsed = newUserForm.safeParse(raw);
    if (!parsed.success) return list(req, reply, { values, errors: fieldErrors(parsed.error) }, 422);
    const f = parsed.data;
    try {
      const created = await createUser(deps, { name: f.name, role: f.role, password: f.password, slackId: f.slack_id, discordId: f.discord_id });
      await auditUser(ctx, req, 'user.created', created.id, { newValue: { name: f.name, role: f.role, slackId: f.slack_id ?? null, discordId: f.discord_id ?? null, webLogin: Boolean(f.password) } });
      flashNext(req, 'ok', `User ${f.name} created as ${f.role}.${f.password ? '' : ' Without a password they use chat and API tokens only.'}`);
      return reply.redirect(`/users/${created.id}`, 303);
    } catch (err) {
      if (!isNetOpsError(err) || err.code !== 'ALREADY_EXISTS') throw err;
      return list(req, reply, { values, errors: { [(err.details as { field?: string } | undefined)?.field ?? 'name']: err.message } }, 409);
    }
  });

  app.get<Id>('/users/:id', admin, async (req, reply) => {
    const person = await loadPerson(accounts, req.params.id);
    return renderPage(req, reply, 'users/detail', { title: `User ${person.name}`, nav: 'users', person, roles: ROLES, errors: {} });
  });

  /** Role and disable/enable: the core use case guards the last admin and the admin's own account. */
  const changeStanding = async (req: FastifyRequest<Id>, reply: FastifyReply, change: (person: { name: string }) => StandingChange) => {
    const person = await requireAccount(accounts, req.params.id);
    return actThenBack(req, reply, `/users/${person.id}`, async () => {
      const c = change(person);
      if (c.role !== undefined && c.role === person.role) return `${person.name} is already ${c.role}.`;
      await updateUserStanding(deps, req.user!.id, person, c, { forbidSelf: true });
      if (c.role !== undefined) {
        await auditUser(ctx, req, 'user.role_changed', person.id, { oldValue: { role: person.role }, newValue: { role: c.role } });
        return `${person.name} is now ${c.role}.`;
      }
      await auditUser(ctx, req, c.disabled ? 'user.disabled' : 'user.enabled', person.id, { oldValue: { disabled: person.disabled }, newValue: { disabled: c.disabled } });
      return c.disabled ? `${person.name} is disabled: their sessions and API tokens stop working now.` : `${person.name} is enabled again.`;
    });
  };
  app.post<Id>('/users/:id/role', admin, async (req, reply) => changeStanding(req, reply, () => ({ role: roleForm.parse(req.body ?? {}).role })));
  app.post<Id>('/users/:id/disable', admin, async (req, reply) => changeStanding(req, reply, () => ({ disabled: true })));
  app.post<Id>('/users/:id/enable', admin, async (req, reply) => changeStanding(req, reply, () => ({ disabled: false })));

  app.post<Id>('/users/:id/unlock', admin, async (req, reply) => {
    const person = await requireAccount(accounts, req.params.id);
    return actThenBack(req, reply, `/users/${person.id}`, async () => {
      await accounts.update(person.id, { unlock: true });
      await auditUser(ctx, req, 'user.unlocked', person.id, { oldValue: { lockedUntil: person.lockedUntil }, newValue: { lockedUntil: null } });
      return `${person.name} can log in again.`;
    });
  });

  app.post<Id>('/users/:id/password', admin, async (req, reply) => {
    const person = await requireAccount(accounts, req.params.id);
    const parsed = resetPasswordForm.safeParse(req.body ?? {});
    if (!parsed.success) {
      return renderPage(req, reply, 'users/detail', { title: `User ${person.name}`, nav: 'users', person: await loadPerson(accounts, person.id), roles: ROLES, errors: fieldErrors(parsed.error) }, 422);
    }
    const ended = await resetUserPassword(deps, person, parsed.data.new_password, person.id === req.user!.id ? currentSessionId(req) : undefined);
    await auditUser(ctx, req, 'user.password_reset', person.id, { message: `web password ${person.hasPassword ? 'replaced' : 'set'} by an admin; ${ended} web session(s) ended` });
    flashNext(req, 'ok', `${person.name}'s web password is set${ended ? ` and their ${ended} open session(s) are logged out` : ''}; tell them through a safe channel.`);
    return reply.redirect(`/users/${person.id}`, 303);
  });
}
