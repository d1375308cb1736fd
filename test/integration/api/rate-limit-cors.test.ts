import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { apiClient } from './api-client.ts';

const PORTAL = 'https://portal.example.com';

describe('API rate limit per token, and CORS for allowed origins only', () => {
  let t: TestApp;
  let call: ReturnType<typeof apiClient>;
  beforeAll(async () => {
    t = await createTestApp({ devices: 1, worker: false, env: { API_RATE_LIMIT_PER_MINUTE: '5', CORS_ORIGINS: `${PORTAL}, http://localhost:8080` } });
    call = apiClient(t);
  });
  afterAll(async () => t?.close());

  it('answers 429 RATE_LIMITED with Retry-After past the limit, counting each token on its own', async () => {
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await call('GET', '/devices', t.tokens.viewer));
    expect(answers.slice(0, 5).map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(answers[0]!.headers['x-ratelimit-limit']).toBe('5');
    expect(answers[4]!.headers['x-ratelimit-remaining']).toBe('0');
    const limited = answers[5]!;
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toMatchObject({ code: 'RATE_LIMITED', details: { limit: 5 } });
    expect(limited.json().error.message).toContain('5 requests per minute');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);

    // Another token has its own budget; the counter lives in Redis under the install's prefix.
    expect((await call('GET', '/devices', t.tokens.operator)).statusCode).toBe(200);
    const keys = await t.ctx.redis.keys(`${t.env.REDIS_PREFIX}:rl:api:*`);
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(keys.join()).not.toContain(t.tokens.viewer); // keyed by the token's hash, never the token
  });

  it('sends CORS headers to allowed origins only, and answers their preflight without a token', async () => {
    const allowed = await call('GET', '/runs', t.tokens.approver, undefined, { origin: PORTAL });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.headers['access-control-allow-origin']).toBe(PORTAL);
    expect(allowed.headers['access-control-allow-credentials']).toBeUndefined();
    expect(String(allowed.headers['access-control-expose-headers'])).toContain('Retry-After');

    const other = await call('GET', '/runs', t.tokens.approver, undefined, { origin: 'https://evil.example' });
    expect(other.statusCode).toBe(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();

    const preflight = await call('OPTIONS', '/runs', null, undefined, { origin: 'http://localhost:8080', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('http://localhost:8080');
    expect(String(preflight.headers['access-control-allow-methods'])).toContain('POST');
    expect(String(preflight.headers['access-control-allow-headers']).toLowerCase()).toContain('authorization');

    const refused = await call('OPTIONS', '/runs', null, undefined, { origin: 'https://evil.example', 'access-control-request-method': 'POST' });
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });
});
