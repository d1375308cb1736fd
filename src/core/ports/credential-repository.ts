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

export interface CredentialSummary {
  id: string;
  name: string;
  username: string;
  hasPassword: boolean;
  hasPrivateKey: boolean;
  hasEnableSecret: boolean;
  deviceCount: number;
}

export interface CredentialRepository {
  upsert(input: CredentialInput): Promise<{ record: CredentialSummary; created: boolean }>;
  list(): Promise<CredentialSummary[]>;
}
