import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { hasChromium, launchChromium, openPage, screenshot } from '../../e2e/browser.ts';

/** Every route of the API (issue 7's list), as the document names them (relative to the server /api/v1). */
const ROUTES = [
  'POST /runs', 'GET /runs', 'GET /runs/{id}', 'GET /runs/{id}/diff', 'POST /runs/{id}/approve', 'POST /runs/{id}/reject', 'POST /runs/{id}/cancel',
  'GET /devices', 'POST /devices', 'GET /devices/groups', 'POST /devices/import', 'GET /devices/{id}', 'PATCH /devices/{id}', 'DELETE /devices/{id}',
  'POST /devices/{id}/test', 'POST /devices/{id}/trust-key',
  'GET /credentials', 'POST /credentials', 'GET /credentials/{id}', 'PATCH /credentials/{id}', 'DELETE /credentials/{id}',
  'GET /workflows', 'POST /workflows', 'POST /workflows/validate', 'GET /workflows/{id}', 'PATCH /workflows/{id}', 'DELETE /workflows/{id}',
  'GET /workflows/{id}/versions', 'GET /workflows/{id}/diff', 'POST /workflows/{id}/dry-run',
  'GET /schedules', 'POST /schedules', 'GET /schedules/{id}', 'PATCH /schedules/{id}', 'DELETE /schedules/{id}',
  'GET /webhooks', 'POST /webhooks', 'GET /webhooks/{id}', 'PATCH /webhooks/{id}', 'DELETE /webhooks/{id}', 'POST /webhooks/{id}/test',
  'GET /webhooks/{id}/deliveries', 'GET /webhooks/{id}/deliveries/{deliveryId}', 'POST /webhooks/{id}/deliveries/{deliveryId}/redeliver',
  'GET /logs', 'GET /users', 'POST /users', 'GET /users/me', 'GET /users/{id}', 'PATCH /users/{id}',
  'POST /users/{id}/tokens', 'GET /users/{id}/tokens', 'DELETE /users/{id}/tokens/{tokenId}',
];

interface Operation {
  operationId: string;
  tags: string[];
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, { schema: object }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: object }> }>;
}

/** Every `$ref` anywhere below `node`. */
function refsIn(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) node.forEach((n) => refsIn(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refsIn(v, out);
    }
  }
  return out;
}

describe('OpenAPI document and docs page', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ devices: 1, worker: false });
  });
  afterAll(async () => t?.close());

  it('serves an OpenAPI 3 document, without a token, with every route, its schemas and errors', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const doc = JSON.parse(res.body) as { openapi: string; info: { title: string }; servers: { url: string }[]; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, object>; securitySchemes: Record<string, object> }; security: object[] };
    expect(doc.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(doc.info.title).toContain('NetOps');
    expect(doc.servers).toEqual([{ url: '/api/v1' }]);
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.security).toEqual([{ bearerAuth: [] }]);

    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(documented.sort()).toEqual([...ROUTES].sort()); // every route, and nothing else (no pages, no docs assets)

    const ids = new Set<string>();
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method} ${path}`;
        expect(ids.has(op.operationId), where).toBe(false);
        ids.add(op.operationId);
        expect(op.tags.length, where).toBe(1);
        const statuses = Object.keys(op.responses);
        expect(statuses.some((s) => /^2\d\d$/.test(s)), where).toBe(true);
        expect(statuses, where).toEqual(expect.arrayContaining(['401', '429']));
        for (const param of path.match(/\{(\w+)\}/g) ?? []) {
          expect(op.parameters?.some((p) => p.in === 'path' && `{${p.name}}` === param), `${where} ${param}`).toBe(true);
        }
        if (op.requestBody || op.parameters?.some((p) => p.in !== 'path')) expect(statuses, where).toContain('400');
        for (const status of statuses.filter((s) => s >= '400')) {
          expect(op.responses[status]!.content!['application/json']!.schema, `${where} ${status}`).toEqual({ $ref: '#/components/schemas/Error' });
        }
      }
    }
    const importOp = doc.paths['/devices/import']!.post!;
    expect(Object.keys(importOp.requestBody!.content).sort()).toEqual(['application/json', 'application/yaml', 'text/csv']);
    const listRuns = doc.paths['/runs']!.get!;
    expect(listRuns.parameters!.map((p) => p.name)).toEqual(expect.arrayContaining(['page', 'per_page', 'status', 'workflow']));
    const page = listRuns.responses['200']!.content!['application/json']!.schema as { properties: Record<string, unknown>; required: string[] };
    expect(page.required).toEqual(expect.arrayContaining(['items', 'page', 'per_page', 'total', 'has_next', 'has_previous']));
    expect(page.properties.items).toEqual({ type: 'array', items: { $ref: '#/components/schemas/Run' } });

    for (const ref of refsIn(doc)) {
      expect(ref, ref).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas, ref).toHaveProperty(ref.split('/').pop()!);
    }
    const device = doc.components.schemas.Device as { properties: Record<string, unknown> };
    expect(Object.keys(device.properties)).toEqual(expect.arrayContaining(['host_key_fingerprint', 'last_seen_at', 'device_type']));
    expect(JSON.stringify(doc.components.schemas.Credential)).not.toMatch(/"password"|"private_key"/);
  });

  it('serves the docs page and every asset it loads from this server, under its own CSP', async () => {
    const page = await t.app.inject({ method: 'GET', url: '/api/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https:/);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.body).not.toMatch(/<script>|<script [^>]*>[^<\s]/); // no inline script

    const assets = [...page.body.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThanOrEqual(4);
    for (const asset of assets) {
      expect(asset, asset).not.toMatch(/^(https?:)?\/\//); // nothing from a CDN
      const url = new URL(asset, 'http://localhost/api/docs').pathname;
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
    }
    const bundle = await t.app.inject({ method: 'GET', url: '/api/docs/static/swagger-ui-bundle.js' });
    expect(bundle.headers['content-type']).toMatch(/javascript/);
    const init = await t.app.inject({ method: 'GET', url: '/api/docs/static/swagger-initializer.js' });
    expect(init.body).toContain("resolveUrl('./json')");
    const json = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    const served = JSON.parse((await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).body);
    expect(Object.keys(json.json().paths)).toEqual(Object.keys(served.paths));
    // The pages keep their own policy; the API answers JSON without the docs' headers.
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/runs' })).headers['content-security-policy']).toBeUndefined();
  });
});

describe.skipIf(!hasChromium)('the docs page in a real browser', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    t = await createTestApp({ devices: 1, worker: false });
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('renders every operation with no CSP violation or script error, loading nothing from elsewhere', async () => {
    const { port } = t.app.server.address() as AddressInfo;
    const base = `http://127.0.0.1:${port}`;
    const context = await browser.newContext();
    const { page, problems } = await openPage(context);
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(base) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    await page.goto(`${base}/api/docs`);
    await page.waitForSelector('.opblock-summary-path', { timeout: 15_000 });
    const operations = await page.locator('.opblock').count();
    await page.locator('.opblock-summary').first().click(); // an expanded operation renders its schemas too
    await page.waitForSelector('.opblock-body .responses-wrapper', { timeout: 5000 });
    expect(await page.locator('button.authorize').count()).toBe(1);
    await screenshot(page, 'api-docs');
    await context.close();
    expect(operations).toBe(ROUTES.length);
    expect(problems).toEqual([]);
    expect(foreign).toEqual([]);
  });
});
