import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../../src/lab/index.ts';
import { SshConnector } from '../../../src/ssh/index.ts';
import { TIMEOUTS, endpointOf } from './lab-endpoint.ts';

let lab: Lab;
beforeAll(async () => {
  lab = await startLab({ platforms: { juniper_junos: 1, linux: 2 } });
});
afterAll(async () => {
  await lab.close();
});

describe('jump hosts for every kind of session', () => {
  it('reaches a Junos shell and a Linux host behind a Linux bastion', async () => {
    const bastion = lab.device('lab-linux-1');
    bastion.rotateHostKey();
    const jumpHost = { ...endpointOf(bastion), hostKeyFingerprint: bastion.hostKeyFingerprint };
    const connector = new SshConnector();

    const junos = await connector.connect(endpointOf(lab.device('lab-junos-1'), { jumpHost }), TIMEOUTS);
    expect(junos.jumpHostKey).toEqual({ fingerprint: bastion.hostKeyFingerprint, wasUnknown: false });
    expect((await junos.run('show version')).output).toContain('Hostname: lab-junos-1');
    await junos.close();

    const linux = await connector.connect(endpointOf(lab.device('lab-linux-2'), { jumpHost }), TIMEOUTS);
    expect(await linux.run('hostname')).toMatchObject({ output: 'lab-linux-2', errorMarker: null });
    await linux.close();

    expect(bastion.commandLog).toEqual([]); // the bastion only forwarded
  });
});
