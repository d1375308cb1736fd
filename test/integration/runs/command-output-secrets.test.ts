import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../../src/lab/index.ts';
import { importWorkflow } from '../../../src/main/commands/admin-commands.ts';
import { createTestApp, waitForRun, type TestApp } from '../../helpers/test-app.ts';

// A host script that prints device config lines with secrets in them (as a config backup job would).
const PRINT_CONFIG = `
name: print-config
platforms: [linux]
approval: none
stages:
  implementation:
    - command: echo 'snmp-server community c0mmunity-ro RO'
      expect: { contains: 'c0mmunity-ro' }
    - command: echo 'username backup secret 0 Cle4r-Text-pw'
    - command: echo 'snmp-server community c0mmunity-ro'
      expect: { contains: 'no such text' }
`;

describe.each([['masked by default', {}], ['kept with SNAPSHOT_KEEP_SECRETS=true', { SNAPSHOT_KEEP_SECRETS: 'true' }]] as const)(
  'secrets of device config in stored command output: %s',
  (_name, env) => {
    let t: TestApp;
    let linux: Lab;
    const keep = 'SNAPSHOT_KEEP_SECRETS' in env;

    beforeAll(async () => {
      t = await createTestApp({ devices: 1, env });
      linux = await startLab({ platform: 'linux', count: 1 });
      const host = linux.devices[0]!;
      await t.ctx.credentials.upsert({ name: 'linux', username: host.username, password: host.password });
      await t.ctx.devices.upsert({ name: 'lab-linux-1', host: host.host, port: host.port, platform: 'linux', credentialName: 'linux' });
      await importWorkflow(t.ctx, PRINT_CONFIG, 'test');
    });
    afterAll(async () => {
      await linux?.close();
      await t?.close();
    });

    it('checks the raw output, then stores outputs and failure reasons masked (or kept)', async () => {
      const res = await t.app.inject({
        method: 'POST', url: '/api/v1/runs', headers: { authorization: `Bearer ${t.tokens.operator}` }, payload: { workflow: 'print-config', target: 'lab-linux-1' },
      });
      expect(res.statusCode, res.body).toBe(202);
      const id = (res.json() as { id: string }).id;
      // The first check passed on the raw output; the third failed on purpose and quotes the output in its reason.
      expect(await waitForRun(t, id)).toBe('failed');
      const run = (await t.app.inject({ method: 'GET', url: `/api/v1/runs/${id}`, headers: { authorization: `Bearer ${t.tokens.operator}` } })).json();
      const execution = run.executions[0];
      const commands: { verdict: string; output: string; reason: string | null }[] = execution.stages.flatMap((s: { commands: unknown[] }) => s.commands);
      expect(commands.map((c) => c.verdict)).toEqual(['passed', 'passed', 'failed']);
      if (keep) {
        expect(commands.map((c) => c.output)).toEqual(['snmp-server community c0mmunity-ro RO', 'username backup secret 0 Cle4r-Text-pw', 'snmp-server community c0mmunity-ro']);
      } else {
        expect(commands.map((c) => c.output)).toEqual(['snmp-server community <masked> RO', 'username backup secret 0 <masked>', 'snmp-server community <masked>']);
        expect(commands[2]!.reason).toContain('snmp-server community <masked>');
        // Only the workflow's own command text still holds them (the author wrote them there).
        const printed = JSON.stringify(commands.map((c) => [c.output, c.reason]));
        for (const secret of ['c0mmunity-ro', 'Cle4r-Text-pw']) expect(printed).not.toContain(secret);
        expect(execution.error).not.toContain('saw "snmp-server community c0mmunity-ro');
      }
    }, 30_000);
  },
);
