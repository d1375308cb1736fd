import type { FastifyInstance } from 'fastify';
import { ROLES } from '../../../core/approvals/roles.ts';
import { issueApiToken } from '../../../core/users/api-token.ts';
import { requireAccount, type UserAdminDeps } from '../../../core/users/manage-users.ts';
import type { AppContext } from '../../../main/app-context.ts';
import { requirePageRole } from '../../plugins/page-auth.ts';
import { renderPage } from '../../render/page-render.ts';
import { loadPerson } from './load-person.ts';
import { identityForm, tokenForm } from './user-forms.ts';
import { actThenBack, auditUser } from './user-audit.ts';

type Id = { Params: { id: string } };

/**
 * A user's chat identities and API tokens, managed by an admin. A new token is shown once, on the page
 * that answers the POST (never stored in the session); only its hash and first characters are kept.
 */
export async function userAccessRoutes(app: FastifyInstance, { ctx, deps }: { ctx: AppContext; deps: UserAdminDeps }): Promise<void> {
  const admin = { preHandler: requirePageRole('admin', 'managing users') };
  const { accounts } = deps;

  app.post<Id>('/users/:id/identities', admin, async (req, reply) => {
    const person = await requireAccount(accounts, req.params.id);
    return actThenBack(req, reply, `/users/${person.id}`, async () => {
      const { platform, external_id: externalId } = identityForm.parse(req.body ?? {});
      await accounts.addIdentity(person.id, platform, externalId);
      await auditUser(ctx, req, 'user.identity_added', person.id, { newValue: { platform, externalId } });
      return `${person.name} is now ${platform} user ${externalId}: chat commands from that account act as ${person.name} (${person.role}).`;
    });
  });

  app.post<{ Params: { id: string; identityId: string } }>('/users/:id/identities/:identityId/delete', admin, async (req, reply) => {
    const person = await requireAccount(accounts, req.params.id);
    return actThenBack(req, reply, `/users/${person.id}`, async () => {
      const removed = await accounts.removeIdentity(person.id, req.params.identityId);
      await auditUser(ctx, req, 'user.identity_removed', person.id, { oldValue: removed });
      return `${removed.platform} user ${removed.externalId} is no longer linked to ${person.name}.`;
    });
  });

  app.post<Id>('/users/:id/tokens', admin, async (req, reply) => {
    const person = await requireAccount(accounts, req.params.id);
    const { token_name: name } = tokenForm.parse(req.body ?? {});
    const { token, record } = await issueApiToken(accounts, person.id, { name });
    await auditUser(ctx, req, 'token.created', person.id, { newValue: { user: person.name, name, prefix: record.prefix } });
    return renderPage(req, reply, 'users/detail', { title: `User ${person.name}`, nav: 'users', person: await loadPerson(accounts, person.id), roles: ROLES, errors: {}, newToken: { token, name } }, 201);
  });

  app.post<{ Params: { id: string; tokenId: string } }>('/users/:id/tokens/:tokenId/revoke', admin, async (req, reply) => {
    const person = await requireAccount(accounts, req.params.id);
    return actThenBack(req, reply, `/users/${person.id}`, async () => {
      const revoked = await accounts.revokeToken(person.id, req.params.tokenId);
      await auditUser(ctx, req, 'token.revoked', person.id, { oldValue: { user: person.name, name: revoked.name, prefix: revoked.prefix } });
      return `Token ${revoked.name} (${revoked.prefix}…) revoked.`;
    });
  });
}
