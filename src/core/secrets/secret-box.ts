import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { NetOpsError } from '../errors/index.ts';

/** Encrypts credential secrets at rest: AES-256-GCM, envelope "v1:<iv>:<tag>:<ciphertext>" (base64). */
export interface SecretBox {
  encrypt(plain: string): string;
  decrypt(envelope: string): string;
}

/** The key is derived from NETOPS_SECRET_KEY so that any ≥32-char string of entropy works. */
export function createSecretBox(secretKey: string): SecretBox {
  const key = createHash('sha256').update(`netops-secret-box:${secretKey}`).digest();
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return ['v1', iv.toString('base64'), cipher.getAuthTag().toString('base64'), ct.toString('base64')].join(':');
    },
    decrypt(envelope) {
      const [version, iv, tag, ct] = envelope.split(':');
      if (version !== 'v1' || !iv || !tag || ct === undefined) {
        throw new NetOpsError('INTERNAL', 'A stored secret is not in the expected format (v1 envelope).');
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
        decipher.setAuthTag(Buffer.from(tag, 'base64'));
        return Buffer.concat([decipher.update(Buffer.from(ct, 'base64')), decipher.final()]).toString('utf8');
      } catch (err) {
        throw new NetOpsError(
          'CONFIG_INVALID',
          'A stored secret cannot be decrypted: NETOPS_SECRET_KEY differs from the key it was encrypted with.',
          undefined,
          { cause: err },
        );
      }
    },
  };
}

/** Replaces every given secret value (≥ 4 chars) in text with ********. */
export function maskSecrets(text: string, secrets: readonly (string | null | undefined)[]): string {
  let out = text;
  for (const s of secrets) {
    if (s && s.length >= 4) out = out.split(s).join('********');
  }
  return out;
}
