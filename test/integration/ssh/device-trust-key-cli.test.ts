import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.ts';
import { createTestApp, type TestApp } from '../../helpers/test-app.ts';

describe('netops device trust-key (as a subprocess, on the app database)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ devices: 2, worker: false });
  });
  afterAll(async () => t?.close());

  const pinned = async (name: string): Promise<string | null> =>
    (await t.ctx.db.prisma.device.findUniqueOrThrow({ where: { name }, select: { hostKeyFingerprint: true } })).hostKeyFingerprint;
  const pin = (name: string, fingerprint: string | null) => t.ctx.db.prisma.device.update({ where: { name }, data: { hostKeyFingerprint: fingerprint } });

  it('reads the new key without logging in, prints old → new, pins it and audits the change', async () => {
    const device = t.lab.device('lab-ios-1');
    const old = device.hostKeyFingerprint;
    await pin(device.name, old);
    device.rotateHostKey();
    const r = await runCli(['device', 'trust-key', device.name], t.env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${device.name}: host key ${old} → ${device.hostKeyFingerprint} (pinned)\n`);
    expect(await pinned(device.name)).toBe(device.hostKeyFingerprint);
    expect(device.authAttempts).toBe(0);
    const audit = await t.ctx.audit.list({ objectType: 'device' }, { page: 1, perPage: 5 });
    expect(audit.items[0]).toMatchObject({ action: 'device.host_key_trusted', level: 'WARNING', source: 'cli', oldValue: { hostKeyFingerprint: old }, newValue: { hostKeyFingerprint: device.hostKeyFingerprint } });
  });

  it('with --expect, pins only the fingerprint verified out of band', async () => {
    const device = t.lab.device('lab-ios-2');
    const old = device.hostKeyFingerprint;
    await pin(device.name, old);
    device.rotateHostKey();
    const wrong = await runCli(['device', 'trust-key', device.name, '--expect', 'SHA256:somethingElse'], t.env);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(`presents ${device.hostKeyFingerprint}, not the expected SHA256:somethingElse: nothing was pinned. [HOST_KEY_CHANGED]`);
    expect(await pinned(device.name)).toBe(old);
    const right = await runCli(['device', 'trust-key', device.name, '--expect', device.hostKeyFingerprint], t.env);
    expect(right.code).toBe(0);
    expect(await pinned(device.name)).toBe(device.hostKeyFingerprint);
  });

  it('with --forget, only unpins (the next connection trusts on first use)', async () => {
    const device = t.lab.device('lab-ios-2');
    const r = await runCli(['device', 'trust-key', device.name, '--forget'], t.env);
    expect(r.stdout).toBe(`${device.name}: host key ${device.hostKeyFingerprint} → (none pinned); the next connection pins the key it is offered.\n`);
    expect(await pinned(device.name)).toBeNull();
  });

  it('exits 2 naming an unknown device', async () => {
    const r = await runCli(['device', 'trust-key', 'ghost'], t.env);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('No device named "ghost". [DEVICE_NOT_FOUND]');
  });
});
