import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { envSchema } from '../../../src/config/env-schema.ts';

const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as { services: Record<string, { command?: string[]; ports?: string[]; environment?: Record<string, string> }> };

describe('docker-compose.yml and Dockerfile', () => {
  it('runs postgres, redis, one web and a worker that can scale (no fixed ports)', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['postgres', 'redis', 'web', 'worker']);
    expect(compose.services.web?.command).toEqual(['web']);
    expect(compose.services.worker?.command).toEqual(['worker']);
    expect(compose.services.worker?.ports).toBeUndefined(); // --scale worker=3 would clash on a host port
  });

  it('gives the app only variables the config schema knows, pointing at postgres and redis', () => {
    const known = new Set(Object.keys(envSchema.shape));
    for (const name of ['web', 'worker']) {
      const env = compose.services[name]?.environment ?? {};
      for (const key of Object.keys(env)) expect(known, `${name}: ${key}`).toContain(key);
      expect(env.DATABASE_URL).toMatch(/^postgresql:\/\/.*@postgres:5432\//);
      expect(env.REDIS_URL).toBe('redis://redis:6379');
    }
  });

  it('documents every environment variable in the README', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const key of Object.keys(envSchema.shape)) expect(readme, key).toContain(`\`${key}\``);
  });

  it('builds an image whose entrypoint is the netops CLI', () => {
    const dockerfile = readFileSync('Dockerfile', 'utf8');
    expect(dockerfile).toContain('ENTRYPOINT ["node", "bin/netops.js"]');
    expect(dockerfile).toMatch(/npm ci/);
    expect(dockerfile).not.toMatch(/curl|wget|playwright install/); // nothing downloaded from outside the registries
  });
});
