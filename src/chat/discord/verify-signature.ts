import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** How far a request's timestamp may be from now, in seconds: older signed requests are replays. */
export const SIGNATURE_MAX_AGE_SECONDS = 300;

export type SignatureCheck = (input: { signature: string | undefined; timestamp: string | undefined; body: Buffer; now?: Date }) => boolean;

const HEX_SIGNATURE = /^[0-9a-fA-F]{128}$/;
const UNIX_SECONDS = /^[0-9]{1,12}$/;

/**
 * Verifies Discord's Ed25519 signature (`X-Signature-Ed25519`) over `X-Signature-Timestamp` + raw body
 * with the application's public key (64 hex characters). Anything malformed is simply false.
 */
export function createSignatureCheck(publicKeyHex: string): SignatureCheck {
  const key: KeyObject = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKeyHex, 'hex').toString('base64url') },
    format: 'jwk',
  });
  return ({ signature, timestamp, body, now = new Date() }) => {
    if (!signature || !timestamp || !HEX_SIGNATURE.test(signature) || !UNIX_SECONDS.test(timestamp)) return false;
    if (Math.abs(now.getTime() / 1000 - Number(timestamp)) > SIGNATURE_MAX_AGE_SECONDS) return false;
    try {
      return verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), body]), key, Buffer.from(signature, 'hex'));
    } catch {
      return false;
    }
  };
}
