import type { Role } from '../core/approvals/roles.ts';
import { NetOpsError } from '../core/errors/index.ts';
import type { ApiTokenRecord, ChatPlatform, LoginAttemptStore, LoginCandidate, PageRequest, UserAccount, UserAccountRepository } from '../core/ports/user-accounts.ts';
import type { PrismaClient } from './prisma-client.ts';
import { prismaErrorCode, PrismaErrorCodes } from './prisma-errors.ts';

const INCLUDE = {
  chatIdentities: { orderBy: { platform: 'asc' } },
  _count: { select: { apiTokens: { where: { revokedAt: null } } } },
} as const;

type UserRow = {
  id: string; name: string; role: string; disabled: boolean; passwordHash: string | null; lockedUntil: Date | null; createdAt: Date;
  chatIdentities: { id: string; platform: string; externalId: string; workspaceId: string }[]; _count: { apiTokens: number };
};
type TokenRow = Omit<ApiTokenRecord, 'state'>;

function toAccount(u: UserRow, now = new Date()): UserAccount {
  const locked = u.lockedUntil !== null && u.lockedUntil > now;
  return {
    id: u.id, name: u.name, role: u.role as Role, disabled: u.disabled, hasPassword: u.passwordHash !== null, lockedUntil: locked ? u.lockedUntil : null,
    createdAt: u.createdAt, state: u.disabled ? 'disabled' : locked ? 'locked' : 'active',
    identities: u.chatIdentities.map((c) => ({ id: c.id, platform: c.platform as ChatPlatform, externalId: c.externalId, workspaceId: c.workspaceId })),
    activeTokens: u._count.apiTokens,
  };
}

function toToken(t: TokenRow, now = new Date()): ApiTokenRecord {
  const expired = t.expiresAt !== null && t.expiresAt < now;
  return { id: t.id, name: t.name, prefix: t.prefix, createdAt: t.createdAt, lastUsedAt: t.lastUsedAt, expiresAt: t.expiresAt, revokedAt: t.revokedAt, state: t.revokedAt ? 'revoked' : expired ? 'expired' : 'active' };
}

const pageArgs = (page?: PageRequest): { skip?: number; take?: number } => (page ? { skip: (page.page - 1) * page.perPage, take: page.perPage } : {});

/** User administration on Prisma: accounts with identities and token counts, and API tokens. */
export class PrismaUserAccounts implements UserAccountRepository, LoginAttemptStore {
  constructor(private readonly prisma: PrismaClient) {}

  async list(filter: { role?: Role | undefined; disabled?: boolean | undefined }, page?: PageRequest) {
    const where = { ...(filter.role ? { role: filter.role } : {}), ...(filter.disabled !== undefined ? { disabled: filter.disabled } : {}) };
    const [rows, total] = await Promise.all([
      this.prisma.user.findMany({ where, include: INCLUDE, orderBy: { name: 'asc' }, ...pageArgs(page) }),
      this.prisma.user.count({ where }),
    ]);
    return { items: rows.map((r) => toAccount(r)), total };
  }

  async find(idOrName: string): Promise<UserAccount | null> {
    const u = await this.prisma.user.findFirst({ where: { OR: [{ id: idOrName }, { name: idOrName }] }, include: INCLUDE });
    return u ? toAccount(u) : null;
  }

  async passwordHash(id: string): Promise<string | null> {
    return (await this.prisma.user.findUnique({ where: { id }, select: { passwordHash: true } }))?.passwordHash ?? null;
  }

  async update(id: string, data: { role?: Role | undefined; disabled?: boolean | undefined; passwordHash?: string; unlock?: boolean }): Promise<void> {
    const { unlock, role, disabled, passwordHash } = data;
    await this.prisma.user.update({
      where: { id },
      data: { ...(role ? { role } : {}), ...(disabled !== undefined ? { disabled } : {}), ...(passwordHash ? { passwordHash } : {}), ...(unlock ? { failedLogins: 0, lockedUntil: null } : {}) },
    });
  }

  async loginCandidate(name: string): Promise<LoginCandidate | null> {
    const u = await this.prisma.user.findUnique({ where: { name } });
    return u ? { id: u.id, name: u.name, role: u.role as Role, disabled: u.disabled, passwordHash: u.passwordHash, failedLogins: u.failedLogins, lockedUntil: u.lockedUntil } : null;
  }

  async recordFailedLogin(id: string): Promise<number> {
    return (await this.prisma.user.update({ where: { id }, data: { failedLogins: { increment: 1 } }, select: { failedLogins: true } })).failedLogins;
  }

  async lockLogin(id: string, until: Date): Promise<void> {
    await this.prisma.user.update({ where: { id }, data: { lockedUntil: until, failedLogins: 0 } });
  }

  async clearFailedLogins(id: string): Promise<void> {
    await this.prisma.user.update({ where: { id }, data: { failedLogins: 0, lockedUntil: null } });
  }

  async countActiveAdmins(exceptId?: string): Promise<number> {
    return this.prisma.user.count({ where: { role: 'admin', disabled: false, ...(exceptId ? { id: { not: exceptId } } : {}) } });
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
    if (!row) throw new NetOpsError('NOT_FOUND', 'No such chat identity on this user.', { field: 'identityId' });
    await this.prisma.chatIdentity.delete({ where: { id: row.id } });
    return { platform: row.platform, externalId: row.externalId };
  }

  async tokens(userId: string, page?: PageRequest) {
    const where = { userId };
    const [rows, total] = await Promise.all([
      this.prisma.apiToken.findMany({ where, orderBy: { createdAt: 'desc' }, ...pageArgs(page) }),
      this.prisma.apiToken.count({ where }),
    ]);
    return { items: rows.map((r) => toToken(r)), total };
  }

  async createToken(userId: string, input: { name: string; prefix: string; tokenHash: string; expiresAt: Date | null }): Promise<ApiTokenRecord> {
    return toToken(await this.prisma.apiToken.create({ data: { userId, ...input } }));
  }

  async revokeToken(userId: string, tokenId: string): Promise<ApiTokenRecord> {
    const row = await this.prisma.apiToken.findFirst({ where: { id: tokenId, userId } });
    if (!row) throw new NetOpsError('NOT_FOUND', 'No such API token on this user.', { field: 'tokenId' });
    if (row.revokedAt) return toToken(row);
    return toToken(await this.prisma.apiToken.update({ where: { id: row.id }, data: { revokedAt: new Date() } }));
  }
}
