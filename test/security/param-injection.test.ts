import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../src/lab/index.ts';
import { importWorkflow } from '../../src/main/commands/admin-commands.ts';
import { createTestApp, waitForRun, type TestApp } from '../helpers/test-app.ts';

// A Linux workflow whose author allowed ';' in a free-text param (the pattern is the only guard for it).
const ECHO_NOTE = `
name: echo-note
description: Writes a note to the host's output
platforms: [linux]
approval: none
params:
  note: { type: string, pattern: '^[A-Za-z0-9 ;._-]{1,200}$', required: true }
stages:
  implementation:
    - command: echo {{note}}
`;

// The same, with a pattern that leaves shell metacharacters out: what a Linux workflow should do.
const ECHO_WORD = ECHO_NOTE.replace('echo-note', 'echo-word').replace('[A-Za-z0-9 ;._-]', '[A-Za-z0-9 ._-]');

// An author who allows anything but control characters, and quotes the placeholder themselves in one step.
const ECHO_ANY = `${ECHO_NOTE.replace('echo-note', 'echo-any').replace("'^[A-Za-z0-9 ;._-]{1,200}$'", () => "'^.*$'")}    - command: echo "note={{note}}"
`;
const SMUGGLED = ['hello; touch PWNED', 'hello && touch PWNED', 'hello | touch PWNED', '$(touch PWNED)', '`touch PWNED`', "it's'; touch PWNED; '", 'a"; touch PWNED; "'];

const CONTROL = [
  ['newline', 'ok\nshow running-config'], ['carriage return', 'ok\rreload'], ['CRLF', 'ok\r\nreload'], ['NUL', 'ok\u0000x'],
  ['escape', 'ok\u001b[2J'], ['tab', 'ok\tx'], ['DEL', 'ok\u007f'], ['next line (U+0085)', 'ok\u0085reload'],
  ['line separator (U+2028)', 'ok\u2028reload'], ['paragraph separator (U+2029)', 'ok\u2029reload'], ['vertical tab', 'ok\u000bx'],
  ['form feed', 'ok\u000cx'], ['backspace', 'ok\u0008x'], ['bell', 'ok\u0007'],
] as const;

describe('params that try to smuggle a second command', () => {
  let t: TestApp;
  let linux: Lab;
  const sentSoFar = () => [...t.lab.devices, ...linux.devices].reduce((n, d) => n + d.commandLog.length, 0);
  const runs = async () => (await t.ctx.runs.list({}, { page: 1, perPage: 1 })).total;
  const post = (workflow: string, target: string, params: Record<string, unknown>) => t.app.inject({
    method: 'POST', url: '/api/v1/runs', headers: { authorization: `Bearer ${t.tokens.operator}` }, payload: { workflow, target, params },
  });
  /** 4xx naming the param, no run stored, nothing sent to any device. */
  const expectRefused = async (res: Awaited<ReturnType<typeof post>>, param: string, before: { runs: number; sent: number }) => {
    expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
    expect(res.statusCode, res.body).toBeLessThan(500);
    const err = (res.json() as { error: { code: string; message: string; details: { issues?: { field: string }[] } } }).error;
    expect(err.code).toBe('PARAM_INVALID');
    expect(err.details.issues?.map((i) => i.field)).toEqual([param]);
    expect(err.message).toContain(param);
    expect(await runs()).toBe(before.runs);
    expect(sentSoFar()).toBe(before.sent);
  };

  beforeAll(async () => {
    t = await createTestApp({ devices: 1 });
    linux = await startLab({ platform: 'linux', count: 1 });
    const host = linux.devices[0]!;
    await t.ctx.credentials.upsert({ name: 'linux', username: host.username, password: host.password });
    await t.ctx.devices.upsert({ name: 'lab-linux-1', host: host.host, port: host.port, platform: 'linux', credentialName: 'linux' });
    await importWorkflow(t.ctx, ECHO_NOTE, 'test');
    await importWorkflow(t.ctx, ECHO_WORD, 'test');
    await importWorkflow(t.ctx, ECHO_ANY, 'test');
  });
  afterAll(async () => {
    await linux?.close();
    await t?.close();
  });

  it.each(CONTROL)('refuses a %s in a string param (whatever its pattern allows), naming the param', async (_name, value) => {
    const before = { runs: await runs(), sent: sentSoFar() };
    await expectRefused(await post('echo-note', 'lab-linux-1', { note: value }), 'note', before);
    await expectRefused(await post('add-loopback', 'lab-ios-1', { number: 5, description: value }), 'description', before);
  });

  it.each(CONTROL)('refuses a %s after an integer param\'s digits', async (_name, value) => {
    const before = { runs: await runs(), sent: sentSoFar() };
    await expectRefused(await post('add-loopback', 'lab-ios-1', { number: `5${value}` }), 'number', before);
  });

  it('refuses 10 kB strings: over the param\'s maxLength, and over the pattern\'s length', async () => {
    const before = { runs: await runs(), sent: sentSoFar() };
    const big = 'a'.repeat(10_240);
    const tooLong = await post('echo-note', 'lab-linux-1', { note: big });
    await expectRefused(tooLong, 'note', before);
    expect(tooLong.json().error.message).toContain('at most 255 characters, got 10240');
    await expectRefused(await post('add-loopback', 'lab-ios-1', { number: 5, description: big }), 'description', before);
    await expectRefused(await post('add-loopback', 'lab-ios-1', { number: '9'.repeat(10_240) }), 'number', before);
  });

  it('refuses ";" where the pattern does not allow it (Cisco description, Linux word)', async () => {
    const before = { runs: await runs(), sent: sentSoFar() };
    await expectRefused(await post('add-loopback', 'lab-ios-1', { number: 5, description: 'x; reload' }), 'description', before);
    await expectRefused(await post('echo-word', 'lab-linux-1', { note: 'hello; id' }), 'note', before);
  });

  it('sends ";" as part of one quoted word when the pattern allows it', async () => {
    const res = await post('echo-note', 'lab-linux-1', { note: 'hello; id' });
    expect(res.statusCode, res.body).toBe(202);
    expect(await waitForRun(t, (res.json() as { id: string }).id)).toBe('succeeded');
    expect(linux.devices[0]!.commandLog.at(-1)).toBe("echo 'hello; id'");
  });

  it.each(SMUGGLED)('on Linux, %j reaches the host as one word of one command, which a real shell runs once', async (note) => {
    const host = linux.devices[0]!;
    const sent = host.commandLog.length;
    const res = await post('echo-any', 'lab-linux-1', { note });
    expect(res.statusCode, res.body).toBe(202);
    const id = (res.json() as { id: string }).id;
    expect(await waitForRun(t, id)).toBe('succeeded');
    // Two steps, two exec requests: nothing else reached the host.
    const lines = host.commandLog.slice(sent);
    expect(lines).toHaveLength(2);
    // The exact lines the host received, run by a real bash in an empty directory: each prints the value
    // verbatim and creates no file (PWNED would be listed by ls).
    for (const [line, printed] of [[lines[0]!, note], [lines[1]!, `note=${note}`]] as const) {
      const out = execFileSync('/bin/bash', ['-c', `cd "$(mktemp -d)" && ${line} && ls`], { encoding: 'utf8' });
      expect(out).toBe(`${printed}\n`);
    }
  });

  it('refuses to save a Linux workflow whose placeholder sits where no quoting holds ($(…), backticks)', async () => {
    const nested = ECHO_ANY.replace('echo-any', 'echo-nested').replace('echo {{note}}', 'echo $(printf %s {{note}})');
    await expect(importWorkflow(t.ctx, nested, 'test')).rejects.toThrow(/\{\{note\}\} sits where a Linux shell value cannot be quoted/);
    expect(await t.ctx.workflows.findCurrent('echo-nested')).toBeNull();
  });
});
