import { NetOpsError } from '../errors/index.ts';

export const ROLES = ['viewer', 'operator', 'approver', 'admin'] as const;
export type Role = (typeof ROLES)[number];

const RANK: Record<Role, number> = { viewer: 0, operator: 1, approver: 2, admin: 3 };

/** Roles are ordered: an approver may do what an operator may, an admin everything. */
export function hasRole(actual: Role, needed: Role): boolean {
  return RANK[actual] >= RANK[needed];
}

export function requireRole(actor: { name: string; role: Role }, needed: Role, action: string): void {
  if (!hasRole(actor.role, needed)) {
    throw new NetOpsError('FORBIDDEN', `${actor.name} has role ${actor.role}; ${action} needs ${needed} or higher.`, {
      role: actor.role,
      needed,
    });
  }
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
