/** One-way password hashing (argon2id in production). Covers web passwords only; API tokens are sha256-hashed. */
export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** False (never a throw) for a wrong password or an unreadable hash. */
  verify(hash: string, password: string): Promise<boolean>;
}
