/** Replaces secret values (passwords, enable secrets, passphrases) in anything we store, show or log. */
export interface SecretMasker {
  /** The text with every secret value replaced by `********`. */
  mask(text: string): string;
  /** A deep copy of a JSON-like value with every string masked (for error details). */
  maskValue<T>(value: T): T;
  /** The longest secret's length (0 when none): callers widen excerpts by it before masking. */
  readonly longest: number;
}

export const MASK = '********';
/** Shorter values would mask ordinary words ("cisco" is 5): below this they are not treated as secrets. */
const MIN_SECRET_LENGTH = 4;

export function createSecretMasker(secrets: readonly (string | undefined | null)[]): SecretMasker {
  const values = [...new Set(secrets.filter((s): s is string => typeof s === 'string' && s.length >= MIN_SECRET_LENGTH))]
    // Longest first, so a secret containing another one is masked whole.
    .sort((a, b) => b.length - a.length);
  const pattern = values.length === 0 ? null : new RegExp(values.map(escapeRegExp).join('|'), 'g');
  const mask = (text: string): string => (pattern === null ? text : text.replace(pattern, MASK));
  const maskValue = <T>(value: T): T => maskDeep(value, mask) as T;
  return { mask, maskValue, longest: values[0]?.length ?? 0 };
}

function maskDeep(value: unknown, mask: (text: string) => string): unknown {
  if (typeof value === 'string') return mask(value);
  if (Array.isArray(value)) return value.map((v) => maskDeep(v, mask));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = maskDeep(v, mask);
    return out;
  }
  return value;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
