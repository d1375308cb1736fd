import type { Role } from '../approvals/roles.ts';
import type { UserRepository } from '../ports/user-repository.ts';

/** Who sent a chat command or clicked a button, resolved to a NetOps user and role. */
export interface ChatActor {
  platform: 'slack' | 'discord';
  externalId: string;
  /** The NetOps user name when mapped, else "slack:U123" — used as requester and in the audit log. */
  name: string;
  userId: string | null;
  role: Role;
  mapped: boolean;
}

/**
 * Maps a chat user to a NetOps user through chat identities. Unmapped users get the default role;
 * `platformRole` (e.g. from Discord role ids) can raise an unmapped user's role, never lower a mapped one.
 */
export async function resolveChatActor(
  users: UserRepository, platform: 'slack' | 'discord', externalId: string, defaultRole: Role, platformRole?: Role | null,
): Promise<ChatActor> {
  const user = await users.findByChatIdentity(platform, externalId);
  if (user && !user.disabled) return { platform, externalId, name: user.name, userId: user.id, role: user.role, mapped: true };
  return { platform, externalId, name: `${platform}:${externalId}`, userId: null, role: user?.disabled ? 'viewer' : platformRole ?? defaultRole, mapped: false };
}
