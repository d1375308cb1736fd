import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.ts';
import { preparePeople } from '../integration/web/web-client.ts';
import { CHROMIUM, hasChromium, launchChromium, logIn, openPage, screenshot } from './browser.ts';

if (!hasChromium) {
  console.warn(`[e2e] ${CHROMIUM} not found: browser tests skipped (apt-get install -y chromium)`);
}

describe.skipIf(!hasChromium)('web companion in Chromium', () => {
  let t: TestApp;
  let base: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];

  /** A logged-in page in its own browser context (its own cookies), as `name`. */
  const as = async (name: string, viewport = { width: 1280, height: 900 }): Promise<Page> => {
    const context = await browser.newContext({ viewport });
    contexts.push(context);
    const { page, problems: p } = await openPage(context);
    p.push = (...items: string[]) => problems.push(...items.map((i) => `${name}: ${i}`));
    await logIn(page, base, name, `pw-${name}`);
    return page;
  };

  beforeAll(async () => {
    t = await createTestApp({ devices: 2 });
    await preparePeople(t);
    base = (await t.app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await t?.close();
  });

  it('logs in, adds a lab device inline in the table and tests its connection', async () => {
    const page = await as('admin');
    await screenshot(page, 'dashboard');
    await page.click('nav >> text=Devices');
    const url = page.url();
    await page.click('text=Add device');
    // the new-device row opens in the table itself, focused on its first field
    await page.waitForSelector('#device-new.edit-row');
    expect(await page.evaluate<string>('document.activeElement && document.activeElement.id')).toBe('n-name');
    const lab = t.lab.devices[0]!;
    await page.keyboard.type('web edge 1');
    await page.fill('#n-host', lab.host);
    await page.fill('#n-port', String(lab.port));
    await page.click('#device-new button:has-text("Create device")');
    // refused in the row, naming the field; what was typed stays
    await page.waitForSelector('#device-new [role=alert] >> text=Name');
    expect(await page.locator('#n-name').getAttribute('aria-invalid')).toBe('true');
    expect(await page.inputValue('#n-host')).toBe(lab.host);
    await page.fill('#n-name', 'web-edge-1');
    await page.selectOption('#n-credential', 'lab');
    await page.fill('#n-site', 'par1');
    await page.fill('#n-tags', 'edge, web');
    await page.press('#n-tags', 'Enter');
    await page.waitForSelector('.flash-ok:has-text("Device web-edge-1 created.")');
    const row = page.locator('#device-table tr:has(strong:text-is("web-edge-1"))');
    await row.waitFor();
    expect(await page.locator('#device-new').count()).toBe(0);
    expect(page.url()).toBe(url); // no page load: the row was swapped in
    // "Add device" again opens one fresh row above the saved one (a second click goes back to it); Escape closes it
    await page.click('text=Add device');
    await page.waitForSelector('#device-new.edit-row');
    await page.click('text=Add device');
    expect(await page.locator('#device-new').count()).toBe(1);
    await page.press('#n-name', 'Escape');
    await page.waitForSelector('#device-new', { state: 'detached' });
    expect(await row.count()).toBe(1);
    await screenshot(page, 'devices-inline-created');

    // edit inline: the row becomes a form; Escape restores it untouched
    await page.click('a[aria-label="Edit web-edge-1"]');
    const editRow = page.locator('tr.edit-row:has-text("Edit web-edge-1")');
    await editRow.waitFor();
    await page.keyboard.type('garbage');
    await page.keyboard.press('Escape');
    await page.waitForSelector('tr.edit-row', { state: 'detached' });
    expect(await row.locator('code').textContent()).toBe(`${lab.host}:${lab.port}`);
    // then for real: change the site, save with the keyboard, the row shows it
    await page.click('a[aria-label="Edit web-edge-1"]');
    await editRow.waitFor();
    const site = editRow.locator('input[name=site]');
    await site.fill('ams1');
    await site.press('Enter');
    await page.waitForSelector('.flash-ok:has-text("Device web-edge-1 saved.")');
    await page.waitForSelector('#device-table tr:has(strong:text-is("web-edge-1")) >> td:text-is("ams1")');
    expect(await page.evaluate<string | null>('document.activeElement && document.activeElement.getAttribute("aria-label")')).toBe('Edit web-edge-1');
    expect((await t.ctx.devices.findByName('web-edge-1'))?.site).toBe('ams1');
    await screenshot(page, 'devices-inline-edited');

    await page.click('button[aria-label="Test connection to web-edge-1"]');
    const outcome = page.locator('.test-outcome');
    await outcome.waitFor();
    expect(await outcome.getAttribute('data-outcome')).toBe('ok');
    expect(await outcome.textContent()).toMatch(/at the prompt in \d+ ms/);
    // search as you type swaps only the table
    await page.fill('#d-search', '');
    await page.locator('#d-search').pressSequentially('lab-ios-2', { delay: 20 });
    await page.waitForSelector('#device-table strong:text-is("web-edge-1")', { state: 'detached' });
    await page.waitForSelector('#device-table strong:text-is("lab-ios-2")');
    expect(await page.locator('#device-table tbody tr').count()).toBe(1);
    expect(page.url()).toContain('search=lab-ios-2');
    await screenshot(page, 'devices');
  });

  it('runs show-version from the web and the live page reaches success', async () => {
    const page = await as('operator');
    await page.goto(`${base}/workflows`);
    await page.click('a[href="/workflows/show-version/run"]');
    await page.fill('#run-target', 'lab-ios-1');
    await page.click('button:has-text("Start run")');
    await page.waitForURL(/\/runs\/\d+$/);
    await page.waitForSelector('#run-live[data-run-status="succeeded"]', { timeout: 15_000 });
    await page.click('summary:has-text("show version")');
    expect(await page.locator('pre.output').filter({ hasText: 'Cisco IOS Software' }).isVisible()).toBe(true);
    await page.fill('#output-filter', 'uptime');
    expect(await page.locator('details.command:visible').count()).toBe(1);
    await screenshot(page, 'run-detail');
  });

  it('approval flow with two people: the requester watches the run go live without reloading', async () => {
    const operator = await as('operator');
    await operator.goto(`${base}/workflows/add-loopback/run`);
    await operator.fill('#run-target', 'lab-ios-2');
    await operator.fill('#p-number', '77');
    await operator.click('button:has-text("Start run")');
    await operator.waitForURL(/\/runs\/\d+$/);
    const runUrl = operator.url();
    await operator.waitForSelector('#run-live[data-run-status="pending_approval"]');
    expect(await operator.locator('text=Waiting for an approver.').isVisible()).toBe(true);

    const approver = await as('approver');
    await approver.goto(`${base}/`);
    await approver.waitForSelector(`#dashboard-live >> text=add-loopback`);
    await screenshot(approver, 'dashboard-pending');
    await approver.goto(runUrl);
    await approver.fill('#approve-comment', 'in the change window');
    await approver.click('button:has-text("Approve")');
    await approver.waitForSelector('.flash-ok:has-text("approved")');

    // the requester's page was never reloaded: htmx polling carries it to the end
    await operator.waitForSelector('#run-live[data-run-status="succeeded"]', { timeout: 20_000 });
    expect(operator.url()).toBe(runUrl);
    await operator.click('a:has-text("Config diff")');
    await operator.waitForSelector('.diff .d-add:has-text("+interface Loopback77")');
    await screenshot(operator, 'run-diff');
    await operator.goto(`${base}/runs`);
    await screenshot(operator, 'runs');
  });

  it('edits a workflow with live validation: sees the error with its line, fixes it, saves', async () => {
    const page = await as('admin');
    await page.goto(`${base}/workflows/new`);
    const editor = page.locator('#wf-yaml');
    await editor.fill('name: web-made\nplatforms: [cisco_ios]\napproval: sometimes\nstages:\n  implementation:\n    - command: show clock\n');
    await editor.press('End');
    await page.waitForSelector('#yaml-validation [data-valid="false"]');
    expect(await page.locator('#yaml-validation').textContent()).toMatch(/line 3\s*·\s*approval: must be none or required/);
    await screenshot(page, 'workflow-editor');
    await editor.fill('name: web-made\nplatforms: [cisco_ios]\napproval: none\nstages:\n  implementation:\n    - command: show clock\n');
    await editor.press('End');
    await page.waitForSelector('#yaml-validation [data-valid="true"]');
    await page.click('button:has-text("Save workflow")');
    await page.waitForSelector('.flash-ok:has-text("Workflow web-made created")');
  });

  it('works on a phone-sized screen', async () => {
    const page = await as('viewer', { width: 390, height: 844 });
    await page.goto(`${base}/runs`);
    // evaluated in the page (a string keeps the DOM types out of this Node-typed file)
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(1);
    await screenshot(page, 'runs-phone');
    await page.goto(`${base}/`);
    await screenshot(page, 'dashboard-phone');
  });

  it('ran every page without a console error or CSP violation', () => {
    expect(problems).toEqual([]);
  });
});
