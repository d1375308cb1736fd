import type { Role } from '../core/approvals/roles.ts';
import type { UserRecord, UserRepository } from '../core/ports/user-repository.ts';
import type { PrismaClient } from './prisma-client.ts';

const toRecord = (u: { id: string; name: string; role: string; disabled: boolean }): UserRecord => ({
  id: u.id, name: u.name, role: u.role as Role, disabled: u.disabled,
});

/** Users, their hashed API tokens and chat identities. */
export class PrismaUserRepository implements UserRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async findByName(name: string): Promise<UserRecord | null> {
    const u = await this.prisma.user.findUnique({ where: { name } });
    return u ? toRecord(u) : null;
  }

  async findById(id: string): Promise<UserRecord | null> {
    const u = await this.prisma.user.findUnique({ where: { id } });
    return u ? toRecord(u) : null;
  }

  async findByTokenHash(hash: string): Promise<UserRecord | null> {
    const t = await this.prisma.apiToken.findUnique({ where: { tokenHash: hash }, include: { user: true } });
    if (!t || t.revokedAt || (t.expiresAt && t.expiresAt < new Date())) return null;
    await this.prisma.apiToken.update({ where: { id: t.id }, data: { lastUsedAt: new Date() } });
    return toRecord(t.user);
  }

  async findByChatIdentity(platform: 'slack' | 'discord', externalId: string): Promise<UserRecord | null> {
    const c = await this.prisma.chatIdentity.findFirst({ where: { platform, externalId }, include: { user: true } });
    return c ? toRecord(c.user) : null;
  }

  async chatIdentitiesOf(userNames: readonly string[], platform: 'slack' | 'discord'): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    if (userNames.length === 0) return out;
    const rows = await this.prisma.chatIdentity.findMany({
      where: { platform, user: { name: { in: [...userNames] } } },
      select: { externalId: true, user: { select: { name: true } } },
      // A user linked more than once (several workspaces): the oldest link wins, the same one every time.
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    for (const r of rows) if (!out.has(r.user.name)) out.set(r.user.name, r.externalId);
    return out;
  }

  async create(input: { name: string; role: Role; passwordHash?: string | null; slackId?: string | undefined; discordId?: string | undefined }): Promise<UserRecord> {
    const identities = [
      ...(input.slackId ? [{ platform: 'slack', externalId: input.slackId }] : []),
      ...(input.discordId ? [{ platform: 'discord', externalId: input.discordId }] : []),
    ];
    const u = await this.prisma.user.create({
      data: { name: input.name, role: input.role, passwordHash: input.passwordHash ?? null, chatIdentities: { create: identities } },
    });
    return toRecord(u);
  }
}
