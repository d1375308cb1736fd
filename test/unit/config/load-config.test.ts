import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.ts';
import { NetOpsError } from '../../../src/core/errors/index.ts';

function configError(env: Record<string, string>): NetOpsError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof NetOpsError) return err;
    throw err;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig', () => {
  it('applies the embedded defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ DATABASE_URL: 'file:./data/netops.db', REDIS_URL: 'redis://127.0.0.1:6379', PORT: 3000, APPROVAL_TTL_MINUTES: 60, ALLOW_SELF_APPROVAL: false });
    expect(c.publicUrl).toBe('http://127.0.0.1:3000');
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('treats empty strings as unset and parses booleans and numbers', () => {
    const c = loadConfig({ PORT: '', SSH_STRICT_HOST_KEYS: 'true', WORKER_CONCURRENCY: '4', BASE_URL: 'https://netops.example.com/' });
    expect(c.PORT).toBe(3000);
    expect(c.SSH_STRICT_HOST_KEYS).toBe(true);
    expect(c.WORKER_CONCURRENCY).toBe(4);
    expect(c.publicUrl).toBe('https://netops.example.com');
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT', 'whole number from 0 to 65535'],
    [{ PORT: '70000' }, 'PORT', 'whole number'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL', 'file:'],
    [{ SSH_STRICT_HOST_KEYS: 'maybe' }, 'SSH_STRICT_HOST_KEYS', 'true or false'],
    [{ NETOPS_SECRET_KEY: 'short' }, 'NETOPS_SECRET_KEY', 'at least 32'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', ''],
    [{ BASE_URL: 'not a url' }, 'BASE_URL', ''],
  ])('refuses %o with one line naming %s', (env, variable, allowed) => {
    const err = configError(env);
    expect(err.code).toBe('CONFIG_INVALID');
    expect(err.message.split('\n')).toHaveLength(1);
    expect(err.message).toContain(`${variable}:`);
    expect(err.message).toContain(allowed);
  });
});
