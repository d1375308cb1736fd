import { hash, verify } from '@node-rs/argon2';
import type { Role } from '../../core/approvals/roles.ts';
import type { LoginAttemptStore } from '../../core/ports/user-accounts.ts';

export interface LoginPolicy {
  /** Consecutive failures that lock the account. */
  maxFailures: number;
  lockMinutes: number;
  now?: () => Date;
}

export type LoginResult =
  | { ok: true; user: { id: string; name: string; role: Role } }
  | { ok: false; reason: 'invalid' | 'locked' | 'disabled'; userId: string | null; lockedUntil?: Date };

let dummyHash: Promise<string> | null = null;

/**
 * Checks a web login. Unknown users and users without a password cost one argon2 verify too, so the
 * response time does not reveal which names exist. Failures count up to a lockout; success resets it.
 */
export async function checkPasswordLogin(store: LoginAttemptStore, name: string, password: string, policy: LoginPolicy): Promise<LoginResult> {
  const now = policy.now?.() ?? new Date();
  const user = await store.loginCandidate(name);
  if (!user?.passwordHash) {
    dummyHash ??= hash('netops-no-such-user-password');
    await verify(await dummyHash, password).catch(() => false);
    return { ok: false, reason: 'invalid', userId: null };
  }
  if (user.lockedUntil && user.lockedUntil > now) return { ok: false, reason: 'locked', userId: user.id, lockedUntil: user.lockedUntil };
  const valid = await verify(user.passwordHash, password).catch(() => false);
  if (!valid) {
    const failures = await store.recordFailedLogin(user.id);
    if (failures >= policy.maxFailures) {
      const lockedUntil = new Date(now.getTime() + policy.lockMinutes * 60_000);
      await store.lockLogin(user.id, lockedUntil);
      return { ok: false, reason: 'locked', userId: user.id, lockedUntil };
    }
    return { ok: false, reason: 'invalid', userId: user.id };
  }
  if (user.disabled) return { ok: false, reason: 'disabled', userId: user.id };
  if (user.failedLogins !== 0 || user.lockedUntil) {
    await store.clearFailedLogins(user.id);
  }
  return { ok: true, user: { id: user.id, name: user.name, role: user.role } };
}
