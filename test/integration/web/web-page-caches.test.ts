import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, waitForRun, type TestApp } from '../../helpers/test-app.ts';
import { loggedIn, preparePeople, type WebClient } from './web-client.ts';

/** The web keeps finished runs' details and the device filter choices between requests; no change may be missed. */
describe('web page caches', () => {
  let t: TestApp;
  let operator: WebClient;
  const lab = () => t.lab.devices[0]!;

  beforeAll(async () => {
    t = await createTestApp({ devices: 1 });
    await preparePeople(t);
    operator = await loggedIn(t, 'operator');
  });
  afterAll(async () => t?.close());

  it('a finished run page shows a write that lands after it was read (late result, execution change)', async () => {
    await operator.get('/workflows/show-version/run');
    const started = await operator.post('/workflows/show-version/run', { target: 'lab-ios-1' });
    const n = Number(String(started.headers.location).replace('/runs/', ''));
    const run = (await t.ctx.runs.get({ number: n }))!;
    expect(await waitForRun(t, run.id)).toBe('succeeded');
    const first = await operator.get(`/runs/${n}`);
    expect(first.body).toContain('Cisco IOS Software');
    expect((await operator.get(`/runs/${n}`)).body).not.toContain('late-output-marker');

    const execution = (await t.ctx.db.prisma.execution.findFirstOrThrow({ where: { runId: run.id } }));
    await t.ctx.db.prisma.commandResult.create({
      data: { executionId: execution.id, stage: 'post_check', seq: 99, command: 'show clock', output: 'late-output-marker', verdict: 'passed' },
    });
    const withResult = await operator.get(`/runs/${n}`);
    expect(withResult.body).toContain('late-output-marker');
    expect((await operator.get(`/runs/${n}/live`, { htmx: 'run-live' })).body).toContain('late-output-marker');

    await t.ctx.db.prisma.execution.update({ where: { id: execution.id }, data: { error: 'late-error-marker' } });
    expect((await operator.get(`/runs/${n}`)).body).toContain('late-error-marker');
  });

  it('the device filters list a site at once, whether the device was added or edited on the web or added elsewhere', async () => {
    expect((await operator.get('/devices')).body).not.toContain('<option >web-site-1</option>');
    const saved = await operator.post('/devices', { name: 'cache-web-1', host: lab().host, port: String(lab().port), platform: 'cisco_ios', device_type: 'router', credential: 'lab', site: 'web-site-1', tags: 'cache-tag-1' });
    expect(saved.statusCode).toBe(303);
    const page = await operator.get('/devices');
    expect(page.body).toContain('<option >web-site-1</option>');
    expect(page.body).toContain('<option >cache-tag-1</option>');
    const id = (await t.ctx.devices.findByName('cache-web-1'))!.id;
    const edited = await operator.post(`/devices/${id}`, { name: 'cache-web-1', host: lab().host, port: String(lab().port), platform: 'cisco_ios', credential: 'lab', site: 'web-site-2', tags: 'cache-tag-1' });
    expect(edited.statusCode).toBe(303);
    expect((await operator.get('/devices')).body).toContain('<option >web-site-2</option>'); // an edit: same device count

    await t.ctx.devices.upsert({ name: 'cache-cli-1', host: lab().host, port: lab().port, platform: 'cisco_ios', credentialName: 'lab', site: 'cli-site-1' });
    expect((await operator.get('/devices')).body).toContain('<option >cli-site-1</option>');
  });
});
