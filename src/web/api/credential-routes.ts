import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { NetOpsError } from '../../core/errors/index.ts';
import type { CredentialRepository, CredentialSummary } from '../../core/ports/credential-repository.ts';
import type { AppContext } from '../../main/app-context.ts';
import { auditApi } from './api-audit.ts';
import { apiRoute } from './api-route.ts';
import { idOrNameParams } from './api-schemas.ts';
import { pageQuery, pageSchema, paginate } from './pagination.ts';
import { credentialDeleteQuery, credentialInputBody, credentialPatchBody, credentialSchema } from './schemas/credential-schemas.ts';

const tag = 'credentials';

/** Which secrets are set, never the secrets. */
export const presentCredential = (c: CredentialSummary) => ({
  id: c.id, name: c.name, username: c.username, has_password: c.hasPassword, has_private_key: c.hasPrivateKey, has_passphrase: c.hasPassphrase,
  has_enable_secret: c.hasEnableSecret, description: c.description, device_count: c.deviceCount, created_at: c.createdAt.toISOString(), updated_at: c.updatedAt.toISOString(),
});

async function requireCredential(credentials: CredentialRepository, idOrName: string): Promise<CredentialSummary> {
  const found = (await credentials.findById(idOrName)) ?? (await credentials.findByName(idOrName));
  if (!found) throw new NetOpsError('CREDENTIAL_NOT_FOUND', `No credential "${idOrName}" (by id or name).`, { field: 'id' });
  return found;
}

/** Credentials: operators see which exist; admins create, change and delete. Secrets are write-only. */
export async function credentialRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  apiRoute(app, {
    method: 'GET', url: '/credentials', tag, operationId: 'listCredentials', summary: 'List credentials',
    role: ['operator', 'viewing credentials'], query: z.object(pageQuery), response: { 200: pageSchema(credentialSchema) },
    handler: async ({ query }) => paginate((await ctx.credentials.list()).map(presentCredential), query.page, query.per_page),
  });

  apiRoute(app, {
    method: 'GET', url: '/credentials/:id', tag, operationId: 'getCredential', summary: 'A credential',
    role: ['operator', 'viewing credentials'], params: idOrNameParams, response: { 200: credentialSchema }, errors: [404],
    handler: async ({ params }) => presentCredential(await requireCredential(ctx.credentials, params.id)),
  });

  apiRoute(app, {
    method: 'POST', url: '/credentials', tag, operationId: 'createCredential', summary: 'Add a credential',
    role: ['admin', 'changing credentials'], body: credentialInputBody, response: { 201: credentialSchema }, errors: [409],
    handler: async ({ body, req, reply }) => {
      const created = await ctx.credentials.create({
        name: body.name, username: body.username, password: body.password, privateKey: body.private_key, passphrase: body.passphrase,
        enableSecret: body.enable_secret, description: body.description,
      });
      await auditApi(ctx.audit, req, { type: 'SYSTEM', action: 'credential.created', objectType: 'credential', objectId: created.id, newValue: presentCredential(created) });
      reply.header('location', `/api/v1/credentials/${created.id}`);
      return presentCredential(created);
    },
  });

  apiRoute(app, {
    method: 'PATCH', url: '/credentials/:id', tag, operationId: 'updateCredential', summary: 'Change a credential',
    description: 'Absent fields stay; a secret set to null is removed, a string replaces it.',
    role: ['admin', 'changing credentials'], params: idOrNameParams, body: credentialPatchBody, response: { 200: credentialSchema }, errors: [404, 409],
    handler: async ({ params, body, req }) => {
      const before = await requireCredential(ctx.credentials, params.id);
      const after = await ctx.credentials.update(before.id, {
        name: body.name, username: body.username, password: body.password, privateKey: body.private_key, passphrase: body.passphrase,
        enableSecret: body.enable_secret, description: body.description,
      });
      // Which secrets were replaced or removed is recorded, never their values.
      const secrets = Object.fromEntries((['password', 'private_key', 'passphrase', 'enable_secret'] as const).filter((k) => body[k] !== undefined).map((k) => [k, body[k] === null ? 'removed' : 'replaced']));
      await auditApi(ctx.audit, req, { type: 'SYSTEM', action: 'credential.updated', objectType: 'credential', objectId: after.id, oldValue: presentCredential(before), newValue: { ...presentCredential(after), secrets } });
      return presentCredential(after);
    },
  });

  apiRoute(app, {
    method: 'DELETE', url: '/credentials/:id', tag, operationId: 'deleteCredential', summary: 'Delete a credential',
    description: 'Refused (409) while devices use it, unless force=true (they are left without a credential).',
    role: ['admin', 'deleting credentials'], params: idOrNameParams, query: credentialDeleteQuery, response: { 204: null }, errors: [404, 409],
    handler: async ({ params, query, req }) => {
      const credential = await requireCredential(ctx.credentials, params.id);
      if (credential.deviceCount > 0 && query.force !== 'true') {
        throw new NetOpsError('CONFLICT', `Credential "${credential.name}" is used by ${credential.deviceCount} device(s); assign them another one, or delete with force=true.`, { field: 'id', device_count: credential.deviceCount });
      }
      await ctx.credentials.delete(credential.id);
      await auditApi(ctx.audit, req, { type: 'SYSTEM', action: 'credential.deleted', objectType: 'credential', objectId: credential.id, oldValue: presentCredential(credential) });
      return undefined;
    },
  });
}
