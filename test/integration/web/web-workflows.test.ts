import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';
import { loggedIn, preparePeople, type WebClient } from './web-client.ts';

const VALID = `name: set-banner
description: Set the login banner
platforms: [cisco_ios]
approval: required
params:
  text: { type: string, pattern: '^[A-Za-z ]{1,40}$', required: true }
  reload: { type: boolean, default: false }
  mode: { type: enum, values: [fast, safe], default: safe }
stages:
  implementation:
    - mode: config
      commands:
        - banner login ^{{text}}^
`;

describe('workflows in the web companion', () => {
  let t: TestApp;
  let admin: WebClient;
  let operator: WebClient;

  beforeAll(async () => {
    t = await createTestApp({ devices: 1, worker: false });
    await preparePeople(t);
    [admin, operator] = await Promise.all([loggedIn(t, 'admin'), loggedIn(t, 'operator')]);
  });
  afterAll(async () => t?.close());

  it('validates YAML as you type: each problem with its line and field', async () => {
    const editor = await admin.get('/workflows/new');
    expect(editor.body).toContain('hx-post="/workflows/validate" hx-trigger="keyup changed delay:500ms, change"');
    const broken = VALID.replace('platforms: [cisco_ios]', 'platforms: [cisco_ios, toaster]').replace('approval: required', 'approval: maybe');
    const res = await admin.post('/workflows/validate', { yaml: broken }, { htmx: 'yaml-validation' });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<html');
    expect(res.body).toContain('<strong>2 problems</strong>');
    expect(res.body).toMatch(/<strong>line 3<\/strong> · <code>platforms\[1\]<\/code>: must be one of/);
    expect(res.body).toMatch(/<strong>line 4<\/strong> · <code>approval<\/code>: must be none or required/);
    const yamlError = await admin.post('/workflows/validate', { yaml: 'name: [unclosed' }, { htmx: 'yaml-validation' });
    expect(yamlError.body).toContain('<code>(yaml)</code>');
    const ok = await admin.post('/workflows/validate', { yaml: VALID }, { htmx: 'yaml-validation' });
    expect(ok.body).toContain('✓ Valid workflow <code>set-banner</code>');
    expect(ok.body).toContain('text, reload, mode');
  });

  it('saves from the editor as admin only; an invalid save keeps the text and lists the problems', async () => {
    expect((await operator.get('/workflows/new')).statusCode).toBe(403);
    expect((await operator.post('/workflows', { yaml: VALID })).statusCode).toBe(403);
    await admin.get('/workflows/new');
    const invalid = await admin.post('/workflows', { yaml: VALID.replace('stages:', 'stagez:') });
    expect(invalid.statusCode).toBe(422);
    expect(invalid.body).toContain('stagez:');
    expect(invalid.body).toContain('unknown key &quot;stagez&quot;');
    const saved = await admin.post('/workflows', { yaml: VALID });
    expect(saved.statusCode).toBe(303);
    const list = await admin.get('/workflows');
    expect(list.body).toContain('Workflow set-banner created (version 1).');
    expect(list.body).toContain('<strong>set-banner</strong>');
    const edit = await admin.get('/workflows/set-banner/edit');
    expect(edit.body).toContain('banner login ^{{text}}^');
    const v2 = await admin.post('/workflows', { yaml: VALID.replace('Set the login banner', 'Set the banner'), original: 'set-banner' });
    expect(v2.statusCode).toBe(303);
    expect((await admin.get('/workflows')).body).toContain('Workflow set-banner saved as version 2.');
    const audit = await t.ctx.db.prisma.auditEvent.findFirst({ where: { action: 'workflow.updated', source: 'web' } });
    expect(audit?.actorName).toBe('admin');
  });

  it('generates the run form from the params: select for enums, checkbox for booleans, defaults filled', async () => {
    const form = await operator.get('/workflows/set-banner/run');
    expect(form.body).toContain('<input id="p-text" name="p.text" type="text" value="" required');
    expect(form.body).toMatch(/<select id="p-mode" name="p.mode" >\s*<option value="">\(default\)<\/option>\s*<option >fast<\/option><option selected>safe<\/option>/);
    expect(form.body).toContain('<input type="checkbox" id="p-reload" name="p.reload" value="true" >');
    expect(form.body).toContain('<option value="lab-ios-1">');
    const list = await operator.get('/workflows');
    expect(list.body).toContain('href="/workflows/set-banner/run"');
    expect(list.body).not.toContain('/workflows/set-banner/edit'); // operators do not edit workflows
  });
});
