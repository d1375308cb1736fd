/** Credentials: secrets go in as clear text and are encrypted by the repository; they never come back out here. */
export interface CredentialInput {
  name: string;
  username: string;
  password?: string | undefined;
  privateKey?: string | undefined;
  passphrase?: string | undefined;
  enableSecret?: string | undefined;
  description?: string | undefined;
}

/**
 * A change to a credential: absent fields stay; a secret set to null is removed (e.g. moving from a password
 * to a key), a string replaces it. Secrets stay write-only: nothing here reads them back.
 */
export interface CredentialPatch {
  name?: string | undefined;
  username?: string | undefined;
  password?: string | null | undefined;
  privateKey?: string | null | undefined;
  passphrase?: string | null | undefined;
  enableSecret?: string | null | undefined;
  description?: string | null | undefined;
}

export interface CredentialSummary {
  id: string;
  name: string;
  username: string;
  hasPassword: boolean;
  hasPrivateKey: boolean;
  hasPassphrase: boolean;
  hasEnableSecret: boolean;
  description: string | null;
  deviceCount: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Device credentials, encrypted at rest. Covers CRUD by id or name; leaves out decryption (DeviceRepository.endpoint). */
export interface CredentialRepository {
  upsert(input: CredentialInput): Promise<{ record: CredentialSummary; created: boolean }>;
  list(): Promise<CredentialSummary[]>;
  /** Just the names, in order (form pickers): no device counts. */
  names(): Promise<string[]>;
  findById(id: string): Promise<CredentialSummary | null>;
  findByName(name: string): Promise<CredentialSummary | null>;
  /** ALREADY_EXISTS when the name is taken. */
  create(input: CredentialInput): Promise<CredentialSummary>;
  /** CREDENTIAL_NOT_FOUND if gone; ALREADY_EXISTS when renamed onto a taken name. */
  update(id: string, patch: CredentialPatch): Promise<CredentialSummary>;
  /** Deletes it; devices that used it are left without one. CREDENTIAL_NOT_FOUND if gone. */
  delete(id: string): Promise<CredentialSummary>;
}
