import { NetOpsError } from '../../core/errors/index.ts';
import type { Role } from '../../core/approvals/roles.ts';
import type { PrismaClient } from '../../db/prisma-client.ts';

const USER_INCLUDE = {
  chatIdentities: { select: { platform: true, externalId: true } },
  _count: { select: { apiTokens: { where: { revokedAt: null } } } },
} as const;

/**
 * User and token reads and writes the API needs beyond the UserRepository port (lists, role, disable,
 * token list and revoke). Kept here on the Prisma client until the port grows them.
 */
export class ApiUserStore {
  constructor(private readonly prisma: PrismaClient) {}

  async list(filter: { role?: Role | undefined; disabled?: boolean | undefined }, page: { page: number; perPage: number }) {
    const where = { ...(filter.role ? { role: filter.role } : {}), ...(filter.disabled !== undefined ? { disabled: filter.disabled } : {}) };
    const [items, total] = await Promise.all([
      this.prisma.user.findMany({ where, include: USER_INCLUDE, orderBy: { name: 'asc' }, skip: (page.page - 1) * page.perPage, take: page.perPage }),
      this.prisma.user.count({ where }),
    ]);
    return { items, total };
  }

  async require(idOrName: string) {
    const user = await this.prisma.user.findFirst({ where: { OR: [{ id: idOrName }, { name: idOrName }] }, include: USER_INCLUDE });
    if (!user) throw new NetOpsError('USER_NOT_FOUND', `No user "${idOrName}" (by id or name).`, { field: 'id' });
    return user;
  }

  async update(id: string, data: { role?: Role | undefined; disabled?: boolean | undefined }) {
    return this.prisma.user.update({ where: { id }, data, include: USER_INCLUDE });
  }

  /** Admins that can still act (not disabled): the last one must not demote or disable themself. */
  async activeAdminCount(): Promise<number> {
    return this.prisma.user.count({ where: { role: 'admin', disabled: false } });
  }

  async tokens(userId: string, page: { page: number; perPage: number }) {
    const where = { userId };
    const [items, total] = await Promise.all([
      this.prisma.apiToken.findMany({ where, orderBy: { createdAt: 'desc' }, skip: (page.page - 1) * page.perPage, take: page.perPage }),
      this.prisma.apiToken.count({ where }),
    ]);
    return { items, total };
  }

  async createToken(userId: string, input: { name: string; prefix: string; tokenHash: string; expiresAt: Date | null }) {
    return this.prisma.apiToken.create({ data: { userId, ...input } });
  }

  /** Revokes one of the user's tokens (idempotent: a revoked token stays revoked at its first time). */
  async revokeToken(userId: string, tokenId: string) {
    const token = await this.prisma.apiToken.findFirst({ where: { id: tokenId, userId } });
    if (!token) throw new NetOpsError('NOT_FOUND', `User has no token ${tokenId}.`, { field: 'tokenId' });
    if (token.revokedAt) return token;
    return this.prisma.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
  }
}
