import type { Role } from '../approvals/roles.ts';

export interface UserRecord {
  id: string;
  name: string;
  role: Role;
  disabled: boolean;
}

/** Users as requests meet them: by name, id, API token hash or chat identity; and creating one. Administration is UserAccountRepository. */
export interface UserRepository {
  findByName(name: string): Promise<UserRecord | null>;
  findById(id: string): Promise<UserRecord | null>;
  findByTokenHash(hash: string): Promise<UserRecord | null>;
  findByChatIdentity(platform: 'slack' | 'discord', externalId: string): Promise<UserRecord | null>;
  /**
   * The chat ids (Slack U…, Discord snowflake) of the named users linked on `platform`, by user name, in
   * one query; users without such a chat identity are left out. Lets a message mention people it names.
   */
  chatIdentitiesOf(userNames: readonly string[], platform: 'slack' | 'discord'): Promise<Map<string, string>>;
  create(input: { name: string; role: Role; passwordHash?: string | null; slackId?: string | undefined; discordId?: string | undefined }): Promise<UserRecord>;
}
