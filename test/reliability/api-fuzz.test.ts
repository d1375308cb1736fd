import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';

/** Bodies that look a bit like the real thing, and plenty that do not. */
const jsonValue = fc.jsonValue({ maxDepth: 3 });
const almostRun = fc.record(
  {
    workflow: fc.oneof(fc.constantFrom('show-version', 'add-loopback', ''), fc.string(), jsonValue),
    target: fc.oneof(fc.constantFrom('lab-ios-1', 'tag:lab', 'site:', 'a,,b', 'x'.repeat(300)), fc.string(), jsonValue),
    params: fc.oneof(fc.dictionary(fc.constantFrom('number', 'description', 'x', '__proto__'), fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), jsonValue)), jsonValue),
    dry_run: fc.oneof(fc.boolean(), jsonValue),
    idempotency_key: fc.oneof(fc.string(), jsonValue),
  },
  { requiredKeys: [] },
);

describe('fuzzing the REST API bodies', () => {
  let t: TestApp;
  let cases = 0;
  beforeAll(async () => {
    t = await createTestApp({ devices: 1, worker: false });
  });
  afterAll(async () => {
    console.log(`[fuzz] ${cases} API requests tried`);
    await t?.close();
  });

  const endpoints: [string, string][] = [
    ['POST', '/api/v1/runs'],
    ['POST', '/api/v1/webhooks'],
    ['POST', '/api/v1/schedules'],
    ['POST', '/api/v1/runs/1/approve'],
    ['POST', '/api/v1/runs/1/reject'],
  ];

  it.each(endpoints)('%s %s never answers 5xx and every error carries a code and a message', async (method, url) => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(almostRun, jsonValue), async (body) => {
        cases++;
        const res = await t.app.inject({
          method: method as 'POST', url, headers: { authorization: `Bearer ${t.tokens.approver}`, 'content-type': 'application/json' },
          payload: JSON.stringify(body),
        });
        expect(res.statusCode, `${url} ${JSON.stringify(body)} → ${res.body}`).toBeLessThan(500);
        if (res.statusCode >= 400) {
          const err = res.json().error;
          expect(typeof err.code).toBe('string');
          expect(err.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it('answers malformed JSON and wrong content types with 4xx', async () => {
    for (const [payload, type] of [['{"workflow":', 'application/json'], ['workflow=x', 'application/x-www-form-urlencoded'], ['<xml/>', 'text/xml']]) {
      cases++;
      const res = await t.app.inject({ method: 'POST', url: '/api/v1/runs', headers: { authorization: `Bearer ${t.tokens.operator}`, 'content-type': type! }, payload });
      expect(res.statusCode, `${type} ${payload}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.json().error.code).toBeTruthy();
    }
  });

  it('fuzzes query strings of the list endpoints', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('/api/v1/runs', '/api/v1/devices', '/api/v1/logs', '/api/v1/webhooks', '/api/v1/schedules'), fc.dictionary(fc.constantFrom('page', 'per_page', 'status', 'since', 'search', 'tag', 'source'), fc.string()), async (path, query) => {
        cases++;
        const res = await t.app.inject({ method: 'GET', url: path, query, headers: { authorization: `Bearer ${t.tokens.approver}` } });
        expect(res.statusCode, `${path} ${JSON.stringify(query)} → ${res.body}`).toBeLessThan(500);
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});
