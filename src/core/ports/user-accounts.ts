import type { Role } from '../approvals/roles.ts';

export type ChatPlatform = 'slack' | 'discord';

/** A user as administration sees it: never the password hash (only whether there is one). */
export interface UserAccount {
  id: string;
  name: string;
  role: Role;
  disabled: boolean;
  hasPassword: boolean;
  /** Set only while the lockout lasts. */
  lockedUntil: Date | null;
  createdAt: Date;
  state: 'active' | 'disabled' | 'locked';
  identities: { id: string; platform: ChatPlatform; externalId: string; workspaceId: string }[];
  /** Tokens not revoked (expired ones included). */
  activeTokens: number;
}

/** An API token as listed: never the token, only its first characters. */
export interface ApiTokenRecord {
  id: string;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
  state: 'active' | 'expired' | 'revoked';
}

export interface PageRequest {
  page: number;
  perPage: number;
}

/**
 * User administration: listing, role / disable / password / lockout, chat identities and API tokens.
 * Lookup by name, token hash and chat identity (what requests need) stays in UserRepository.
 */
export interface UserAccountRepository {
  list(filter: { role?: Role | undefined; disabled?: boolean | undefined }, page?: PageRequest): Promise<{ items: UserAccount[]; total: number }>;
  /** By id or name; null when there is none. */
  find(idOrName: string): Promise<UserAccount | null>;
  passwordHash(id: string): Promise<string | null>;
  /** `unlock` clears failed logins and the lockout. */
  update(id: string, data: { role?: Role | undefined; disabled?: boolean | undefined; passwordHash?: string; unlock?: boolean }): Promise<void>;
  /** Admins not disabled, leaving out `exceptId`. */
  countActiveAdmins(exceptId?: string): Promise<number>;
  /** ALREADY_EXISTS (field external_id) when the id belongs to someone. */
  addIdentity(userId: string, platform: ChatPlatform, externalId: string): Promise<void>;
  /** NOT_FOUND when the identity is not this user's. */
  removeIdentity(userId: string, identityId: string): Promise<{ platform: string; externalId: string }>;
  tokens(userId: string, page?: PageRequest): Promise<{ items: ApiTokenRecord[]; total: number }>;
  createToken(userId: string, input: { name: string; prefix: string; tokenHash: string; expiresAt: Date | null }): Promise<ApiTokenRecord>;
  /** Idempotent; NOT_FOUND (field tokenId) when the token is not this user's. */
  revokeToken(userId: string, tokenId: string): Promise<ApiTokenRecord>;
}

/** What a password login needs of a user: the hash and the lockout counters. Never leaves the auth check. */
export interface LoginCandidate {
  id: string;
  name: string;
  role: Role;
  disabled: boolean;
  passwordHash: string | null;
  failedLogins: number;
  lockedUntil: Date | null;
}

/** The failed-login counter and lockout behind web password login. */
export interface LoginAttemptStore {
  loginCandidate(name: string): Promise<LoginCandidate | null>;
  /** Adds one failure atomically and returns the new count. */
  recordFailedLogin(id: string): Promise<number>;
  /** Locks until `until` and restarts the failure count. */
  lockLogin(id: string, until: Date): Promise<void>;
  /** Clears failures and any lockout (after a good login). */
  clearFailedLogins(id: string): Promise<void>;
}
