import type { APIInteraction } from 'discord.js';
import type { Role } from '../../core/approvals/roles.ts';
import { resolveChatActor, type ChatActor } from '../../core/chat/chat-actor.ts';
import { NetOpsError } from '../../core/errors/index.ts';
import type { UserRepository } from '../../core/ports/user-repository.ts';

export interface ActorSettings {
  users: UserRepository;
  /** CHAT_DEFAULT_ROLE: the role of a Discord user with no mapping. */
  defaultRole: Role;
  /** DISCORD_APPROVER_ROLE_IDS: members holding any of these Discord roles count as approvers. */
  approverRoleIds: readonly string[];
}

/**
 * Who acts, resolved on every interaction (roles change; anyone can click a button). Only guild
 * interactions are accepted: a DM carries `user` and no `member`, so no Discord roles to check.
 */
export async function resolveDiscordActor(settings: ActorSettings, interaction: APIInteraction): Promise<ChatActor> {
  const member = interaction.member;
  if (!interaction.guild_id || !member) {
    throw new NetOpsError('FORBIDDEN', 'NetOps Bot works in server channels, not in direct messages: use /netops in a channel of your server.');
  }
  const roles = member.roles ?? [];
  const platformRole: Role | null = settings.approverRoleIds.some((id) => roles.includes(id)) ? 'approver' : null;
  return resolveChatActor(settings.users, 'discord', member.user.id, settings.defaultRole, platformRole);
}
