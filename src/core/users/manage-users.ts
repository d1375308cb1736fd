import type { Role } from '../approvals/roles.ts';
import { NetOpsError } from '../errors/index.ts';
import type { PasswordHasher } from '../ports/password-hasher.ts';
import type { UserAccount, UserAccountRepository } from '../ports/user-accounts.ts';
import type { UserRecord, UserRepository } from '../ports/user-repository.ts';
import type { UserSessions } from '../ports/user-sessions.ts';

/** What user administration needs; the same for the web pages, the API and the CLI. */
export interface UserAdminDeps {
  accounts: UserAccountRepository;
  sessions: UserSessions;
  passwords: PasswordHasher;
  users: Pick<UserRepository, 'findByName' | 'findByChatIdentity' | 'create'>;
}

export interface NewUser {
  name: string;
  role: Role;
  /** Absent: no web login (chat and API tokens only). */
  password?: string | undefined;
  slackId?: string | undefined;
  discordId?: string | undefined;
}

/** Adds a user; a taken name or chat id is ALREADY_EXISTS on that field (name, slack_id, discord_id). */
export async function createUser(deps: UserAdminDeps, input: NewUser): Promise<UserRecord> {
  if (await deps.users.findByName(input.name)) throw new NetOpsError('ALREADY_EXISTS', `A user named ${input.name} exists already.`, { field: 'name' });
  for (const [platform, id] of [['slack', input.slackId], ['discord', input.discordId]] as const) {
    if (id && (await deps.users.findByChatIdentity(platform, id))) throw new NetOpsError('ALREADY_EXISTS', `${platform} id ${id} already belongs to another user.`, { field: `${platform}_id` });
  }
  const passwordHash = input.password ? await deps.passwords.hash(input.password) : null;
  return deps.users.create({ name: input.name, role: input.role, passwordHash, slackId: input.slackId, discordId: input.discordId });
}

/** The user by id or name, or USER_NOT_FOUND on `field`. */
export async function requireAccount(accounts: Pick<UserAccountRepository, 'find'>, idOrName: string, field = 'id'): Promise<UserAccount> {
  const user = await accounts.find(idOrName);
  if (!user) throw new NetOpsError('USER_NOT_FOUND', `No user "${idOrName}" (by id or name); it may have been deleted.`, { field });
  return user;
}

export interface StandingChange {
  role?: Role | undefined;
  disabled?: boolean | undefined;
}

/**
 * Refuses a change that would leave no active admin (CONFLICT) and, with `forbidSelf` (the web's rule:
 * another admin must do it), an admin demoting or disabling themself (INVALID_STATE).
 */
export async function guardAdminStanding(accounts: Pick<UserAccountRepository, 'countActiveAdmins'>, actorId: string, target: UserAccount, change: StandingChange, forbidSelf: boolean): Promise<void> {
  const demoted = change.role !== undefined && change.role !== target.role && change.role !== 'admin';
  const disabled = change.disabled === true && !target.disabled;
  if (!demoted && !disabled) return;
  const what = demoted ? 'change the role of' : 'disable';
  const field = demoted ? 'role' : 'disabled';
  if (forbidSelf && actorId === target.id) throw new NetOpsError('INVALID_STATE', `You cannot ${what} your own account; another admin can.`, { field });
  if (target.role === 'admin' && !target.disabled && (await accounts.countActiveAdmins(target.id)) === 0) {
    throw new NetOpsError('CONFLICT', `${target.name} is the last active admin; make another admin first.`, { field });
  }
}

/**
 * Changes a user's role and/or disables or enables them, guarded so an active admin always remains.
 * Disabling ends the user's web sessions at once (their API tokens stop working through `disabled`).
 */
export async function updateUserStanding(deps: UserAdminDeps, actorId: string, target: UserAccount, change: StandingChange, opts: { forbidSelf: boolean }): Promise<UserAccount> {
  await guardAdminStanding(deps.accounts, actorId, target, change, opts.forbidSelf);
  await deps.accounts.update(target.id, { role: change.role, disabled: change.disabled });
  if (change.disabled === true) await deps.sessions.endAll(target.id);
  return { ...target, ...(change.role ? { role: change.role } : {}), ...(change.disabled !== undefined ? { disabled: change.disabled } : {}) };
}

/**
 * An admin sets a user's web password (also lifting a lockout). Their other sessions end: whoever held
 * the old password is logged out. `keepSessionId`: the caller's own session, when they reset their own.
 */
export async function resetUserPassword(deps: UserAdminDeps, target: UserAccount, newPassword: string, keepSessionId?: string): Promise<number> {
  await deps.accounts.update(target.id, { passwordHash: await deps.passwords.hash(newPassword), unlock: true });
  return deps.sessions.endAll(target.id, keepSessionId);
}

/**
 * A user changes their own password, proving the current one. Every other session of theirs ends; the
 * one they are using (`keepSessionId`) stays. API tokens are not touched (revoking them is separate).
 */
export async function changeOwnPassword(deps: UserAdminDeps, userId: string, input: { current: string; next: string; keepSessionId: string }): Promise<{ ok: true; endedSessions: number } | { ok: false }> {
  const stored = await deps.accounts.passwordHash(userId);
  if (!stored || !(await deps.passwords.verify(stored, input.current))) return { ok: false };
  await deps.accounts.update(userId, { passwordHash: await deps.passwords.hash(input.next) });
  return { ok: true, endedSessions: await deps.sessions.endAll(userId, input.keepSessionId) };
}
