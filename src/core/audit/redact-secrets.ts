/** Keys whose values never reach the audit log (credential fields, tokens, encrypted envelopes). */
const SECRET_KEY = /pass(word|phrase)?|secret|token|private.?key|authorization|cookie|Enc$/i;

export const REDACTED = '[redacted]';

/** A deep copy with every secret-looking field replaced; a changed secret shows as "[redacted]" on both sides. */
export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value instanceof Date) return value.toISOString();
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEY.test(k) ? (v == null ? v : REDACTED) : redactSecrets(v)]),
    );
  }
  return value;
}
