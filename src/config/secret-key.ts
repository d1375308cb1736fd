import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * NETOPS_SECRET_KEY when set; otherwise the key in DATA_DIR/secret.key, generated (mode 0600) on first use.
 * `generated` tells the caller to say so: losing that file makes stored credentials unreadable.
 */
export function resolveSecretKey(envKey: string | undefined, dataDir: string): { key: string; generated: boolean; path: string | null } {
  if (envKey) return { key: envKey, generated: false, path: null };
  const path = join(dataDir, 'secret.key');
  if (existsSync(path)) return { key: readFileSync(path, 'utf8').trim(), generated: false, path };
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64');
  writeFileSync(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
  return { key, generated: true, path };
}
