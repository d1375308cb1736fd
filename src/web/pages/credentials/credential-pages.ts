import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { NetOpsError } from '../../../core/errors/index.ts';
import type { CredentialSummary } from '../../../core/ports/credential-repository.ts';
import type { AppContext } from '../../../main/app-context.ts';
import { auditWeb } from '../../auth/web-audit.ts';
import { requirePageRole } from '../../plugins/page-auth.ts';
import { optionalText } from '../../render/form-values.ts';
import { flashNext, redirectAfterPost, renderPage } from '../../render/page-render.ts';

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/** Secrets are write-only: an empty secret field keeps the stored one; nothing secret is ever rendered back. */
const credentialForm = z.object({
  name: z.string().trim().regex(NAME, 'letters, digits, . _ - (starting with a letter or digit)'),
  username: z.string().trim().min(1, 'is required').max(128),
  password: z.string().max(1024).optional().transform((v) => v || undefined),
  enable_secret: z.string().max(1024).optional().transform((v) => v || undefined),
  private_key: z.string().max(16_384).optional().transform((v) => v?.trim() || undefined),
  passphrase: z.string().max(1024).optional().transform((v) => v || undefined),
  description: optionalText(500),
});

/**
 * What the audit log keeps of a credential: which secrets are stored, never their values. (Keys such as
 * `hasPassword` would be redacted by the audit log's secret filter, hence the neutral `stored` list.)
 */
const auditView = (c: CredentialSummary) => ({
  name: c.name, username: c.username,
  stored: [c.hasPassword && 'password', c.hasEnableSecret && 'enable secret', c.hasPrivateKey && 'private key'].filter(Boolean),
});

/** Credentials: operators see names and which secrets are set; admins create, update and delete. */
export async function credentialPages(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  const admin = { preHandler: requirePageRole('admin', 'changing credentials') };

  const list = async (req: FastifyRequest, reply: FastifyReply, extra: Record<string, unknown> = {}, status = 200) =>
    renderPage(req, reply, 'credentials/list', { title: 'Credentials', nav: 'credentials', credentials: await ctx.credentials.list(), values: {}, errors: {}, ...extra }, status);

  app.get('/credentials', { preHandler: requirePageRole('operator', 'viewing credentials') }, async (req, reply) => list(req, reply));

  app.post('/credentials', admin, async (req, reply) => {
    const raw = (req.body ?? {}) as Record<string, unknown>;
    const parsed = credentialForm.safeParse(raw);
    // Only the non-secret fields go back into the form on an error.
    const values = { name: raw.name, username: raw.username, description: raw.description };
    if (!parsed.success) {
      const errors: Record<string, string> = {};
      for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message;
      return list(req, reply, { values, errors }, 422);
    }
    const f = parsed.data;
    const before = (await ctx.credentials.list()).find((c) => c.name === f.name);
    const replaced = [f.password && 'password', f.enable_secret && 'enable secret', f.private_key && 'private key', f.passphrase && 'key passphrase'].filter(Boolean);
    const { record, created } = await ctx.credentials.upsert({
      name: f.name, username: f.username, password: f.password, enableSecret: f.enable_secret, privateKey: f.private_key, passphrase: f.passphrase, description: f.description,
    });
    await auditWeb(ctx, req, {
      type: 'SYSTEM', action: created ? 'credential.created' : 'credential.updated', actor: req.user, objectType: 'credential', objectId: record.id,
      oldValue: before ? auditView(before) : undefined,
      newValue: { ...auditView(record), ...(replaced.length ? { replaced } : {}) },
    });
    flashNext(req, 'ok', `Credential ${record.name} ${created ? 'created' : 'updated'}.`);
    return reply.redirect('/credentials', 303);
  });

  app.post<{ Params: { name: string } }>('/credentials/:name/delete', admin, async (req, reply) => {
    const found = await ctx.credentials.findByName(req.params.name);
    if (!found) throw new NetOpsError('CREDENTIAL_NOT_FOUND', `No credential named "${req.params.name}".`);
    const row = await ctx.credentials.delete(found.id);
    await auditWeb(ctx, req, { type: 'SYSTEM', action: 'credential.deleted', actor: req.user, objectType: 'credential', objectId: row.id, oldValue: { name: row.name, username: row.username } });
    flashNext(req, 'ok', `Credential ${row.name} deleted; its devices now have none.`);
    return redirectAfterPost(req, reply, '/credentials');
  });
}
