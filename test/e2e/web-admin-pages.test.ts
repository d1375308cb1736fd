import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { preparePeople } from '../integration/web/web-client.ts';
import { CHROMIUM, hasChromium, launchChromium, logIn, openPage, screenshot } from './browser.ts';

if (!hasChromium) console.warn(`[e2e] ${CHROMIUM} not found: browser tests skipped (apt-get install -y chromium)`);

describe.skipIf(!hasChromium)('audit, webhooks, schedules and admin pages in Chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  let admin: Page;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  // The third-party receiver of the webhook, on this machine.
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('pong');
    });
  });

  const as = async (name: string): Promise<Page> => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const { page, problems: p } = await openPage(context);
    p.push = (...items: string[]) => problems.push(...items.map((i) => `${name}: ${i}`));
    await logIn(page, base, name, `pw-${name}`);
    return page;
  };

  beforeAll(async () => {
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    // Loopback is refused by the SSRF guard unless allowed, as an operator would for a local receiver.
    t = await createTestApp({ devices: 1, worker: false, env: { WEBHOOK_ALLOWED_HOSTS: '127.0.0.1' } });
    await preparePeople(t);
    base = (await t.app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
    browser = await launchChromium();
    admin = await as('admin');
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
    await new Promise<void>((r) => receiver.close(() => r()));
  });

  it('adds a credential, changes it, and the audit entry shows the change as a diff', async () => {
    await admin.click('nav >> text=Credentials');
    await admin.fill('#f-name', 'e2e-core');
    await admin.fill('#f-username', 'netops');
    await admin.fill('#f-password', 'e2e-secret-password');
    await admin.click('button:has-text("Save credential")');
    await admin.waitForSelector('.flash-ok:has-text("Credential e2e-core created.")');
    await admin.fill('#f-name', 'e2e-core');
    await admin.fill('#f-username', 'netops-rw');
    await admin.click('button:has-text("Save credential")');
    await admin.waitForSelector('.flash-ok:has-text("Credential e2e-core updated.")');

    await admin.click('nav >> text=Audit log');
    await admin.locator('#a-object-type').pressSequentially('credential', { delay: 10 });
    await admin.waitForURL(/object_type=credential/);
    await admin.waitForSelector('#audit-table code:text-is("credential.updated")');
    expect(await admin.locator('#audit-table tbody tr').count()).toBe(2);
    await screenshot(admin, 'audit-log');
    await admin.click('#audit-table tr:has(code:text-is("credential.updated")) >> text=diff');
    await admin.waitForSelector('#audit-entry .diff');
    expect(await admin.locator('.diff .d-del').allTextContents()).toContain('-   "username": "netops"');
    expect(await admin.locator('.diff .d-add').allTextContents()).toContain('+   "username": "netops-rw"');
    expect(await admin.content()).not.toContain('e2e-secret-password');
    await screenshot(admin, 'audit-entry');
  });

  it('creates a webhook, sees its secret once, and tests it against a local receiver', async () => {
    const port = (receiver.address() as { port: number }).port;
    await admin.click('nav >> text=Webhooks');
    await admin.click('text=New webhook');
    await admin.fill('#f-name', 'e2e-receiver');
    await admin.fill('#f-url', `http://127.0.0.1:${port}/netops`);
    await admin.check('input[name=events][value="run.requested"]');
    await admin.click('button:has-text("Create webhook")');
    const secret = (await admin.locator('#generated-secret').textContent())!;
    expect(secret).toMatch(/^whsec_/);
    await screenshot(admin, 'webhook-created');
    await admin.click('text=Continue to the webhook');
    expect(await admin.content()).not.toContain(secret);
    await admin.click('button:has-text("Send test event")');
    const outcome = admin.locator('#webhook-test .test-outcome');
    await outcome.waitFor();
    expect(await outcome.getAttribute('data-outcome')).toBe('ok');
    expect(await outcome.textContent()).toMatch(/answered 200 in \d+ ms/);
    // the history was refreshed out of band with the ping
    await admin.waitForSelector('#delivery-table tr:has(code:text-is("ping")) .badge-ok');
    expect(received).toHaveLength(1);
    expect(received[0]!.headers['x-netops-signature']).toBeTruthy();
    expect(JSON.parse(received[0]!.body)).toMatchObject({ event: 'ping' });
    await screenshot(admin, 'webhook-detail');
  });

  it('creates a schedule with live cron validation and the next five times in its zone', async () => {
    await admin.click('nav >> text=Schedules');
    await admin.click('text=New schedule');
    await admin.fill('#f-name', 'e2e-nightly');
    await admin.selectOption('#f-workflow', 'add-loopback');
    await admin.waitForSelector('#schedule-params #p-number');
    await admin.fill('#p-number', '88');
    await admin.fill('#f-target', 'lab-ios-1');
    await admin.fill('#f-cron', 'every night');
    await admin.waitForSelector('#cron-check [data-cron-valid="false"]');
    await admin.fill('#f-cron', '30 2 * * 1-5');
    await admin.fill('#f-timezone', 'Europe/Paris');
    await admin.waitForSelector('#cron-check:has-text("in Europe/Paris")');
    const times = await admin.locator('#cron-check ol.fire-times li time').allTextContents();
    expect(times).toHaveLength(5);
    for (const time of times) expect(time).toMatch(/^(Mon|Tue|Wed|Thu|Fri) \d{4}-\d\d-\d\d 02:30 UTC\+[12]$/);
    await screenshot(admin, 'schedule-form');
    await admin.click('button:has-text("Create schedule")');
    await admin.waitForSelector('.flash-ok:has-text("Schedule e2e-nightly created")');
    await admin.click('button[aria-label="Disable schedule e2e-nightly"]');
    await admin.waitForSelector('#schedule-table .flash-ok:has-text("disabled")');
    await screenshot(admin, 'schedules');
  });

  it('renders the other new pages (screenshots), previews a dry run, and works without console errors', async () => {
    const device = (await t.ctx.devices.findByName('lab-ios-1'))!;
    await t.ctx.runs.saveSnapshot({ deviceId: device.id, executionId: null, kind: 'manual', content: 'hostname lab-ios-1\ninterface Loopback0\n!' });
    await t.ctx.runs.saveSnapshot({ deviceId: device.id, executionId: null, kind: 'manual', content: 'hostname lab-ios-1\ninterface Loopback0\n description uplink\n!' });
    await admin.goto(`${base}/workflows/add-loopback/preview`);
    await admin.fill('#pv-device', 'lab-ios-1');
    await admin.fill('#p-number', '12');
    await admin.waitForSelector('#dry-run-preview [data-preview="ok"]');
    expect(await admin.locator('#dry-run-preview [data-stage="implementation"] pre').textContent()).toContain('interface Loopback12');
    await screenshot(admin, 'workflow-preview');
    for (const [path, name] of [['/users', 'users'], ['/settings', 'settings'], ['/profile', 'profile'], ['/devices/groups?by=tag', 'device-groups'],
      [`/devices/${device.id}/config`, 'device-config'], ['/workflows/add-loopback/versions', 'workflow-versions']] as const) {
      await admin.goto(`${base}${path}`);
      await admin.waitForSelector('main h1');
      if (name === 'device-config') expect(await admin.locator('#config-diff .d-add').allTextContents()).toContain('+ description uplink');
      await screenshot(admin, name);
    }
    expect(problems).toEqual([]);
  });
});
