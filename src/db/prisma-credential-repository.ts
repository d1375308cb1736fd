import type { CredentialInput, CredentialRepository, CredentialSummary } from '../core/ports/credential-repository.ts';
import type { SecretBox } from '../core/secrets/secret-box.ts';
import type { PrismaClient } from './prisma-client.ts';

interface Row {
  id: string; name: string; username: string; passwordEnc: string | null; privateKeyEnc: string | null;
  enableSecretEnc: string | null; _count: { devices: number };
}

const toSummary = (r: Row): CredentialSummary => ({
  id: r.id, name: r.name, username: r.username, hasPassword: r.passwordEnc !== null, hasPrivateKey: r.privateKeyEnc !== null,
  hasEnableSecret: r.enableSecretEnc !== null, deviceCount: r._count.devices,
});

/** Encrypts secrets with the secret box on the way in; summaries only say which secrets are set. */
export class PrismaCredentialRepository implements CredentialRepository {
  constructor(private readonly prisma: PrismaClient, private readonly box: SecretBox) {}

  async upsert(input: CredentialInput): Promise<{ record: CredentialSummary; created: boolean }> {
    const seal = (v: string | undefined) => (v ? this.box.encrypt(v) : undefined);
    const secrets = {
      passwordEnc: seal(input.password), privateKeyEnc: seal(input.privateKey),
      passphraseEnc: seal(input.passphrase), enableSecretEnc: seal(input.enableSecret),
    };
    const existing = await this.prisma.credential.findUnique({ where: { name: input.name } });
    const include = { _count: { select: { devices: true } } } as const;
    // On update an omitted secret keeps its stored value (secrets are write-only).
    const row = existing
      ? await this.prisma.credential.update({
          where: { id: existing.id },
          data: { username: input.username, description: input.description ?? existing.description, ...Object.fromEntries(Object.entries(secrets).filter(([, v]) => v !== undefined)) },
          include,
        })
      : await this.prisma.credential.create({ data: { name: input.name, username: input.username, description: input.description ?? null, ...secrets }, include });
    return { record: toSummary(row), created: !existing };
  }

  async list(): Promise<CredentialSummary[]> {
    return (await this.prisma.credential.findMany({ orderBy: { name: 'asc' }, include: { _count: { select: { devices: true } } } })).map(toSummary);
  }
}
