import type { UserAccountRepository } from '../../../core/ports/user-accounts.ts';
import { requireAccount } from '../../../core/users/manage-users.ts';

/** A user with their API tokens (newest first), for the user detail and profile pages. */
export async function loadPerson(accounts: UserAccountRepository, id: string) {
  const person = await requireAccount(accounts, id);
  return { ...person, tokens: (await accounts.tokens(person.id)).items };
}
