import { NetOpsError } from '../core/errors/index.ts';
import type { CredentialInput, CredentialPatch, CredentialRepository, CredentialSummary } from '../core/ports/credential-repository.ts';
import type { SecretBox } from '../core/secrets/secret-box.ts';
import type { PrismaClient } from './prisma-client.ts';

interface Row {
  id: string; name: string; username: string; passwordEnc: string | null; privateKeyEnc: string | null; passphraseEnc: string | null;
  enableSecretEnc: string | null; description: string | null; createdAt: Date; updatedAt: Date; _count: { devices: number };
}

const toSummary = (r: Row): CredentialSummary => ({
  id: r.id, name: r.name, username: r.username, hasPassword: r.passwordEnc !== null, hasPrivateKey: r.privateKeyEnc !== null,
  hasPassphrase: r.passphraseEnc !== null, hasEnableSecret: r.enableSecretEnc !== null, description: r.description,
  deviceCount: r._count.devices, createdAt: r.createdAt, updatedAt: r.updatedAt,
});

const INCLUDE = { _count: { select: { devices: true } } } as const;

/** Encrypts secrets with the secret box on the way in; summaries only say which secrets are set. */
export class PrismaCredentialRepository implements CredentialRepository {
  constructor(private readonly prisma: PrismaClient, private readonly box: SecretBox) {}

  /** undefined = leave as is, null = remove, a string = encrypt and store. */
  private seal(v: string | null | undefined): string | null | undefined {
    return v === undefined || v === null ? v : this.box.encrypt(v);
  }

  async upsert(input: CredentialInput): Promise<{ record: CredentialSummary; created: boolean }> {
    const existing = await this.prisma.credential.findUnique({ where: { name: input.name } });
    // On update an omitted secret keeps its stored value (secrets are write-only).
    if (existing) return { record: await this.update(existing.id, { ...input, description: input.description ?? existing.description }), created: false };
    return { record: await this.create(input), created: true };
  }

  async list(): Promise<CredentialSummary[]> {
    return (await this.prisma.credential.findMany({ orderBy: { name: 'asc' }, include: INCLUDE })).map(toSummary);
  }

  async names(): Promise<string[]> {
    return (await this.prisma.credential.findMany({ select: { name: true }, orderBy: { name: 'asc' } })).map((c) => c.name);
  }

  async findById(id: string): Promise<CredentialSummary | null> {
    const row = await this.prisma.credential.findUnique({ where: { id }, include: INCLUDE });
    return row ? toSummary(row) : null;
  }

  async findByName(name: string): Promise<CredentialSummary | null> {
    const row = await this.prisma.credential.findUnique({ where: { name }, include: INCLUDE });
    return row ? toSummary(row) : null;
  }

  async create(input: CredentialInput): Promise<CredentialSummary> {
    if (await this.prisma.credential.findUnique({ where: { name: input.name } })) {
      throw new NetOpsError('ALREADY_EXISTS', `A credential named "${input.name}" exists already.`, { field: 'name' });
    }
    const row = await this.prisma.credential.create({
      data: {
        name: input.name, username: input.username, description: input.description ?? null,
        passwordEnc: this.seal(input.password) ?? null, privateKeyEnc: this.seal(input.privateKey) ?? null,
        passphraseEnc: this.seal(input.passphrase) ?? null, enableSecretEnc: this.seal(input.enableSecret) ?? null,
      },
      include: INCLUDE,
    });
    return toSummary(row);
  }

  async update(id: string, patch: CredentialPatch): Promise<CredentialSummary> {
    const existing = await this.prisma.credential.findUnique({ where: { id } });
    if (!existing) throw new NetOpsError('CREDENTIAL_NOT_FOUND', `Credential ${id} no longer exists.`, { field: 'id' });
    if (patch.name && patch.name !== existing.name && (await this.prisma.credential.findUnique({ where: { name: patch.name } }))) {
      throw new NetOpsError('ALREADY_EXISTS', `A credential named "${patch.name}" exists already.`, { field: 'name' });
    }
    const data = {
      name: patch.name, username: patch.username, description: patch.description,
      passwordEnc: this.seal(patch.password), privateKeyEnc: this.seal(patch.privateKey),
      passphraseEnc: this.seal(patch.passphrase), enableSecretEnc: this.seal(patch.enableSecret),
    };
    const defined = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined));
    return toSummary(await this.prisma.credential.update({ where: { id }, data: defined, include: INCLUDE }));
  }

  async delete(id: string): Promise<CredentialSummary> {
    const row = await this.prisma.credential.findUnique({ where: { id }, include: INCLUDE });
    if (!row) throw new NetOpsError('CREDENTIAL_NOT_FOUND', `Credential ${id} no longer exists.`, { field: 'id' });
    await this.prisma.credential.delete({ where: { id } });
    return toSummary(row);
  }
}
