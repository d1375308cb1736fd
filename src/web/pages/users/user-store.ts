import { NetOpsError } from '../../../core/errors/index.ts';
import type { Role } from '../../../core/approvals/roles.ts';
import type { PrismaClient } from '../../../db/prisma-client.ts';
import { prismaErrorCode, PrismaErrorCodes } from '../../../db/prisma-errors.ts';

export type ChatPlatform = 'slack' | 'discord';

const TOKEN_SELECT = { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true } as const;

/**
 * The user administration the UserRepository port does not cover (listing, role, disable, tokens,
 * identities). Kept here, on the Prisma client, until the port grows them — like WebDeviceStore.
 */
export class WebUserStore {
  constructor(private readonly prisma: PrismaClient) {}

  async list() {
    const rows = await this.prisma.user.findMany({
      orderBy: { name: 'asc' },
      include: { chatIdentities: { select: { platform: true, externalId: true } }, _count: { select: { apiTokens: { where: { revokedAt: null } } } } },
    });
    return rows.map((u) => ({ ...userState(u), identities: u.chatIdentities, activeTokens: u._count.apiTokens }));
  }

  /** A user with identities and tokens; NOT_FOUND when gone. Never the password hash. */
  async get(id: string) {
    const u = await this.prisma.user.findUnique({
      where: { id },
      include: { chatIdentities: { orderBy: { platform: 'asc' } }, apiTokens: { select: TOKEN_SELECT, orderBy: { createdAt: 'desc' } } },
    });
    if (!u) throw new NetOpsError('USER_NOT_FOUND', 'No such user (it may have been deleted).');
    return { ...userState(u), hasPassword: u.passwordHash !== null, identities: u.chatIdentities, tokens: u.apiTokens.map(tokenState) };
  }

  async passwordHash(id: string): Promise<string | null> {
    return (await this.prisma.user.findUnique({ where: { id }, select: { passwordHash: true } }))?.passwordHash ?? null;
  }

  async update(id: string, data: { role?: Role; disabled?: boolean; passwordHash?: string; unlock?: boolean }): Promise<void> {
    const { unlock, ...rest } = data;
    await this.prisma.user.update({ where: { id }, data: { ...rest, ...(unlock ? { failedLogins: 0, lockedUntil: null } : {}) } });
  }

  /** Active admins other than `exceptId`: the last one may not be demoted or disabled. */
  async otherActiveAdmins(exceptId: string): Promise<number> {
    return this.prisma.user.count({ where: { role: 'admin', disabled: false, id: { not: exceptId } } });
  }

  async addIdentity(userId: string, platform: ChatPlatform, externalId: string): Promise<void> {
    try {
      await this.prisma.chatIdentity.create({ data: { userId, platform, externalId } });
    } catch (err) {
      if (prismaErrorCode(err) !== PrismaErrorCodes.UNIQUE_VIOLATION) throw err;
      const owner = await this.prisma.chatIdentity.findFirst({ where: { platform, externalId }, include: { user: { select: { name: true } } } });
      throw new NetOpsError('ALREADY_EXISTS', `${platform} id ${externalId} already belongs to ${owner?.user.name ?? 'another user'}.`, { field: 'external_id' });
    }
  }

  async removeIdentity(userId: string, identityId: string): Promise<{ platform: string; externalId: string }> {
    const row = await this.prisma.chatIdentity.findFirst({ where: { id: identityId, userId } });
    if (!row) throw new NetOpsError('NOT_FOUND', 'No such chat identity on this user.');
    await this.prisma.chatIdentity.delete({ where: { id: row.id } });
    return { platform: row.platform, externalId: row.externalId };
  }

  /** Revokes one of the user's tokens (it stays listed as revoked); NOT_FOUND when it is not theirs. */
  async revokeToken(userId: string, tokenId: string): Promise<{ name: string; prefix: string }> {
    const row = await this.prisma.apiToken.findFirst({ where: { id: tokenId, userId } });
    if (!row) throw new NetOpsError('NOT_FOUND', 'No such API token on this user.');
    if (!row.revokedAt) await this.prisma.apiToken.update({ where: { id: row.id }, data: { revokedAt: new Date() } });
    return { name: row.name, prefix: row.prefix };
  }
}

function userState(u: { id: string; name: string; role: string; disabled: boolean; lockedUntil: Date | null; createdAt: Date }) {
  const locked = u.lockedUntil !== null && u.lockedUntil > new Date();
  return { id: u.id, name: u.name, role: u.role as Role, disabled: u.disabled, lockedUntil: locked ? u.lockedUntil : null, createdAt: u.createdAt, state: u.disabled ? 'disabled' : locked ? 'locked' : 'active' };
}

function tokenState(t: { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; expiresAt: Date | null; revokedAt: Date | null }) {
  const expired = t.expiresAt !== null && t.expiresAt < new Date();
  return { ...t, state: t.revokedAt ? 'revoked' : expired ? 'expired' : 'active' };
}
