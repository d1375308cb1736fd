import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { createAdmin } from './api-client.ts';

const IDS = ['lab-ios-1', 'nope', '0', '%2e%2e%2f', 'a'.repeat(300)];
const BODIES: unknown[] = [[], 'text', 42, { unknown: true }, { name: {}, params: [], status: 7, yaml: null, device: 3, text: 1, format: 'xml' }];

describe('bad input on every documented route', () => {
  let t: TestApp;
  let admin: string;
  beforeAll(async () => {
    // API_RATE_LIMIT_PER_MINUTE=0 turns the limit off (this sends about a thousand requests).
    t = await createTestApp({ devices: 1, worker: false, env: { API_RATE_LIMIT_PER_MINUTE: '0' } });
    admin = await createAdmin(t);
  });
  afterAll(async () => t?.close());

  it('never answers 5xx, and every error carries a code and a message', { timeout: 120_000 }, async () => {
    const doc = JSON.parse((await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).body) as { paths: Record<string, Record<string, unknown>> };
    let tried = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops).map((m) => m.toUpperCase() as 'GET' | 'POST' | 'PATCH' | 'DELETE')) {
        for (const id of IDS) {
          const url = `/api/v1${path.replace(/\{\w+\}/g, id)}?page=-1&per_page=abc&by=colour&since=yesterday&force=maybe`;
          for (const body of method === 'GET' ? [undefined] : BODIES) {
            const res = await t.app.inject({ method, url, headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' }, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });
            tried++;
            expect(res.statusCode, `${method} ${url} ${JSON.stringify(body)} → ${res.body.slice(0, 300)}`).toBeLessThan(500);
            if (res.statusCode >= 400) {
              const err = res.json().error;
              expect(typeof err.code, `${method} ${url}`).toBe('string');
              expect(err.message.length, `${method} ${url}`).toBeGreaterThan(0);
            }
          }
        }
      }
    }
    expect(tried).toBeGreaterThan(500);
  });
});
