import ssh2 from 'ssh2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab, type LabDevice } from '../../../src/lab/index.ts';
import { openRawShell } from './raw-shell.ts';

let lab: Lab;
const used = new Set<string>();
const fresh = (prefix: string): LabDevice => {
  const device = lab.devices.find((d) => d.name.startsWith(prefix) && !used.has(d.name));
  if (device === undefined) throw new Error(`no fresh ${prefix} device`);
  used.add(device.name);
  return device;
};

/** Runs one exec request with a bare ssh2 client: what a Linux host prints and its exit status. */
function exec(device: LabDevice, command: string): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    client.once('error', reject);
    client.once('ready', () => {
      client.exec(command, (err, channel) => {
        if (err) return reject(err);
        let stdout = '';
        let stderr = '';
        let code: number | null = null;
        channel.on('data', (d: Buffer) => (stdout += d.toString()));
        channel.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        channel.on('exit', (c: number | null) => (code = c));
        channel.on('close', () => {
          client.end();
          resolve({ stdout, stderr, code });
        });
      });
    });
    client.connect({ host: device.host, port: device.port, username: device.username, password: device.password, hostVerifier: () => true });
  });
}

beforeAll(async () => {
  lab = await startLab({ platforms: { cisco_nxos: 4, arista_eos: 4, juniper_junos: 6, linux: 4 } });
});
afterAll(async () => {
  await lab.close();
});

describe('lab NX-OS (real SSH)', () => {
  it('logs in privileged and pages with --More-- until terminal length 0', async () => {
    const device = fresh('lab-nxos-');
    const shell = await openRawShell(device);
    expect(await shell.until(/\r\nlab-nxos-\d+#$/)).not.toContain('>');
    shell.send('show running-config\n');
    await shell.until(/ --More-- $/);
    shell.send('q');
    await shell.until(/#$/);
    shell.send('terminal length 0\n');
    await shell.until(/#$/);
    shell.send('show running-config\n');
    const config = await shell.until(/\r\nline vty\r\n.*\r\n.*#$/s);
    expect(config).toContain('\r\n!Command: show running-config\r\n!Running configuration last done at: ');
    expect(config).not.toContain('--More--');
    await shell.close();
  });

  it('answers bad input with NX-OS texts and a caret under the bad word', async () => {
    const device = fresh('lab-nxos-');
    const shell = await openRawShell(device);
    await shell.until(/#$/);
    shell.send('show frobnicate\n');
    expect(await shell.until(/#$/)).toContain(`\r\n${' '.repeat(`${device.name}#show `.length)}^\r\n% Invalid command at '^' marker.\r\n`);
    shell.send('configure terminal\n');
    expect(await shell.until(/\(config\)#$/)).toContain('Enter configuration commands, one per line. End with CNTL/Z.');
    shell.send('vlan 5000\n');
    expect(await shell.until(/#$/)).toContain("% Invalid parameter detected at '^' marker.");
    shell.send('interface ethernet 1/2\n');
    await shell.until(/\(config-if\)#$/);
    shell.send('ip address 10.1.2.1/24\n');
    await shell.until(/\(config-if\)#$/);
    shell.send('end\n');
    await shell.until(/#$/);
    expect(device.state.interfaces.get('Ethernet1/2')?.ipv4).toEqual({ address: '10.1.2.1', mask: '255.255.255.0' });
    await shell.close();
  });
});

describe('lab EOS (real SSH)', () => {
  it('starts at >, enables with the secret, and confirms terminal settings like EOS', async () => {
    const device = fresh('lab-eos-');
    const shell = await openRawShell(device);
    await shell.until(/\r\nlab-eos-\d+>$/);
    shell.send('enable\n');
    await shell.until(/Password: $/);
    shell.send(`${device.enableSecret}\n`);
    await shell.until(/#$/);
    shell.send('terminal length 0\n');
    expect(await shell.until(/#$/)).toContain('Pagination disabled.');
    shell.send('terminal width 511\n');
    expect(await shell.until(/#$/)).toContain('Width set to 511 columns.');
    shell.send('configure terminal\n');
    await shell.until(/\(config\)#$/);
    shell.send('interface Ethernet2\n');
    await shell.until(new RegExp(`${device.name}\\(config-if-Et2\\)#$`));
    shell.send('vlan 30\n');
    await shell.until(new RegExp(`${device.name}\\(config-vlan-30\\)#$`));
    shell.send('frobnicate now\n');
    expect(await shell.until(/#$/)).toContain("% Invalid input (at token 0: 'frobnicate')");
    await shell.close();
  });
});

describe('lab Junos (real SSH)', () => {
  const prompt = (device: LabDevice, mode: '>' | '#'): RegExp => new RegExp(`\\r\\n${device.username}@${device.name}${mode} $`);

  it('shows {master:0} above the operational prompt and pages with ---(more N%)---', async () => {
    const device = fresh('lab-junos-');
    const shell = await openRawShell(device);
    expect(await shell.until(prompt(device, '>'))).toContain('\r\n{master:0}\r\n');
    shell.send('show configuration\n');
    const page = await shell.until(/---\(more \d+%\)---$/);
    expect(page.split('\r\n').length).toBeGreaterThanOrEqual(24);
    shell.send(' ');
    const second = await shell.until(/---\(more \d+%\)---$/);
    expect(second.startsWith(`\r${' '.repeat('---(more 00%)---'.length)}\r`)).toBe(true); // the pager prompt is erased
    shell.send(' ');
    expect(await shell.until(prompt(device, '>'))).toContain('    VOICE {\r\n        vlan-id 20;');
    shell.send('set cli screen-length 0\n');
    expect(await shell.until(prompt(device, '>'))).toContain('Screen length set to 0');
    shell.send('show configuration | display set | match vlan-id\n');
    expect(await shell.until(prompt(device, '>'))).toContain('set vlans USERS vlan-id 10\r\nset vlans VOICE vlan-id 20\r\n');
    await shell.close();
  });

  it('edits a candidate: [edit] above the # prompt, commit check errors, and a question on exit with changes', async () => {
    const device = fresh('lab-junos-');
    const shell = await openRawShell(device);
    await shell.until(prompt(device, '>'));
    shell.send('configure\n');
    expect(await shell.until(prompt(device, '#'))).toContain('Entering configuration mode\r\n\r\n{master:0}[edit]\r\n');
    shell.send('set vlans DUP vlan-id 20\n');
    await shell.until(prompt(device, '#'));
    shell.send('commit check\n');
    expect(await shell.until(prompt(device, '#'))).toContain("'DUP'\r\n    l2ald: Duplicate vlan-id exists for vlan VOICE\r\nerror: configuration check-out failed");
    shell.send('set vlans DUP frobnicate\n');
    expect(await shell.until(prompt(device, '#'))).toMatch(/\r\n +\^\r\nsyntax error\.\r\n/);
    shell.send('exit\n');
    expect(await shell.until(/Exit with uncommitted changes\? \[yes,no\] \(yes\) $/)).toContain('The configuration has been changed but not committed');
    shell.send('no\n');
    await shell.until(prompt(device, '#'));
    shell.send('rollback 0\n');
    expect(await shell.until(prompt(device, '#'))).toContain('load complete');
    shell.send('set system host-name edge-9\n');
    await shell.until(prompt(device, '#'));
    shell.send('commit and-quit\n');
    expect(await shell.until(/\r\nnetops@edge-9> $/)).toContain('commit complete\r\nExiting configuration mode');
    expect(device.junosState.active.vlans.has('DUP')).toBe(false);
    await shell.close();
  });

  it('answers unknown commands and ambiguous words the Junos way', async () => {
    const device = fresh('lab-junos-');
    const shell = await openRawShell(device);
    await shell.until(prompt(device, '>'));
    shell.send('frobnicate\n');
    expect(await shell.until(prompt(device, '>'))).toContain(`\r\n${' '.repeat(`${device.username}@${device.name}> `.length)}^\r\nunknown command.\r\n`);
    shell.send('s\n');
    expect(await shell.until(prompt(device, '>'))).toContain("'s' is ambiguous.");
    shell.send('set cli screen-length\n');
    expect(await shell.until(prompt(device, '>'))).toContain('missing argument.');
    await shell.close();
  });
});

describe('lab Linux host (real SSH)', () => {
  it('runs exec requests with real exit statuses and stderr', async () => {
    const device = fresh('lab-linux-');
    expect(await exec(device, 'hostname')).toEqual({ stdout: `${device.name}\n`, stderr: '', code: 0 });
    expect(await exec(device, 'cat /etc/os-release /missing')).toMatchObject({ stdout: expect.stringContaining('Debian GNU/Linux 12'), stderr: 'cat: /missing: No such file or directory\n', code: 1 });
    expect(await exec(device, 'nope')).toEqual({ stdout: '', stderr: 'bash: nope: command not found\n', code: 127 });
    expect(await exec(device, 'echo "two  spaces" kept')).toMatchObject({ stdout: 'two  spaces kept\n', code: 0 });
    expect(await exec(device, 'hostname other')).toMatchObject({ code: 1, stderr: 'hostname: you must be root to change the host name\n' });
    expect(await exec(device, 'sudo hostnamectl set-hostname web-1.lab')).toMatchObject({ code: 0 });
    expect(device.hostname).toBe('web-1.lab');
    expect(device.commandLog).toContain('sudo hostnamectl set-hostname web-1.lab');
  });

  it('offers an interactive shell with a $ prompt', async () => {
    const device = fresh('lab-linux-');
    const shell = await openRawShell(device);
    await shell.until(new RegExp(`${device.username}@${device.name}:~\\$ $`));
    shell.send('uname -r\n');
    expect(await shell.until(/\$ $/)).toContain('6.1.0-18-amd64');
    shell.send('exit\n');
    await shell.closed;
  });
});
