import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../../src/lab/index.ts';
import { openRawShell, type RawShell } from './raw-shell.ts';

const PROMPT = (p: string): RegExp => new RegExp(`\\r\\n${p.replace(/[()]/g, '\\$&')}$`);

let lab: Lab;
let next = 0;
/** Every test gets a device of its own, so state changes never leak between tests. */
const fresh = () => lab.devices[next++]!;

async function privileged(device = fresh()): Promise<RawShell> {
  const shell = await openRawShell(device);
  await shell.until(/>$/);
  shell.send('enable\n');
  await shell.until(/Password: $/);
  shell.send(`${device.enableSecret}\n`);
  await shell.until(/#$/);
  return shell;
}

beforeAll(async () => {
  lab = await startLab({ count: 20 });
});
afterAll(async () => {
  await lab.close();
});

describe('lab device CLI (real SSH)', () => {
  it('shows the banner, then a user EXEC prompt named after the device', async () => {
    const device = fresh();
    const shell = await openRawShell(device);
    const first = await shell.until(/>$/);
    expect(first).toContain('Unauthorized access is prohibited');
    expect(first.endsWith(`\r\n${device.name}>`)).toBe(true);
    await shell.close();
  });

  it('enable asks for the secret: right one gives #, wrong one "% Access denied"', async () => {
    const device = fresh();
    const shell = await openRawShell(device);
    await shell.until(/>$/);
    shell.send('enable\n');
    await shell.until(/Password: $/);
    shell.send('wrong-secret\n');
    const denied = await shell.until(/>$/);
    expect(denied).toContain('% Access denied');
    expect(denied).not.toContain('wrong-secret'); // not echoed
    shell.send('enable\n');
    await shell.until(/Password: $/);
    shell.send(`${device.enableSecret}\n`);
    expect(await shell.until(/#$/)).toMatch(PROMPT(`${device.name}#`));
    expect(device.commandLog).toEqual(['enable', '********', 'enable', '********']);
    await shell.close();
  });

  it('pages output longer than 24 lines: space shows the next page, q quits', async () => {
    const shell = await privileged();
    shell.send('show version\n');
    const page1 = await shell.until(/ --More-- $/);
    expect(page1.split('\r\n').length).toBeGreaterThanOrEqual(24);
    shell.send(' ');
    const rest = await shell.until(/#$/);
    expect(rest).toContain('Configuration register is 0x0');
    shell.send('show interfaces\n');
    await shell.until(/ --More-- $/);
    shell.send('q');
    const quit = await shell.until(/#$/);
    expect(quit).not.toContain('Loopback0 is up');
    await shell.close();
  });

  it('does not page after "terminal length 0"; echoes commands with CRLF', async () => {
    const shell = await privileged();
    shell.send('terminal length 0\n');
    await shell.until(/#$/);
    shell.send('terminal width 511\n');
    await shell.until(/#$/);
    shell.send('show version\n');
    const out = await shell.until(/#$/);
    expect(out.startsWith('show version\r\n')).toBe(true);
    expect(out).not.toContain('--More--');
    expect(out).toContain('Cisco IOS Software, IOSv Software (VIOS-ADVENTERPRISEK9-M), Version 15.9(3)M4');
    expect(out).toContain('cisco IOSv (revision 1.0) with');
    expect(out).not.toMatch(/[^\r]\n/);
    await shell.close();
  });

  it('accepts unique abbreviations and reports ambiguous, invalid and incomplete input the IOS way', async () => {
    const device = fresh();
    const shell = await privileged(device);
    shell.send('sh ip int br\n');
    expect(await shell.until(/#$/)).toMatch(/Interface\s+IP-Address\s+OK\? Method Status\s+Protocol/);
    shell.send('terminal length 0\n');
    await shell.until(/#$/);
    shell.send('sh ver\n');
    expect(await shell.until(/#$/)).toContain('Configuration register is 0x0');
    shell.send('sh run\n');
    expect(await shell.until(/#$/)).toContain('Building configuration...');
    shell.send('sh i\n');
    expect(await shell.until(/#$/)).toContain('% Ambiguous command:  "sh i"');
    shell.send('show foo\n');
    const invalid = await shell.until(/#$/);
    // The caret sits under the bad word, counting the prompt.
    expect(invalid).toContain(`\r\n${' '.repeat(`${device.name}#show `.length)}^\r\n% Invalid input detected at '^' marker.`);
    shell.send('show vlan id\n');
    expect(await shell.until(/#$/)).toContain('% Incomplete command.');
    shell.send('vlan 10\n');
    expect(await shell.until(/#$/)).toContain('% Invalid input detected'); // config command in exec mode
    await shell.close();
  });

  it('keeps configuration state: interfaces, VLANs, hostname (the prompt follows)', async () => {
    const device = fresh();
    const shell = await privileged(device);
    shell.send('conf t\n');
    expect(await shell.until(/\(config\)#$/)).toContain('Enter configuration commands, one per line.  End with CNTL/Z.');
    shell.send('interface Loopback100\n');
    await shell.until(PROMPT(`${device.name}(config-if)`.concat('#')));
    shell.send('description to core # not a prompt >\n');
    await shell.until(/\(config-if\)#$/);
    shell.send('ip address 10.100.100.1 255.255.255.255\n');
    await shell.until(/\(config-if\)#$/);
    shell.send('vlan 120\n'); // a global command from a sub-mode
    await shell.until(/\(config-vlan\)#$/);
    shell.send('name chatops\n');
    await shell.until(/\(config-vlan\)#$/);
    shell.send('do show vlan id 120\n');
    expect(await shell.until(/\(config-vlan\)#$/)).toMatch(/120\s+chatops\s+active/);
    shell.send('hostname core-sw1.lab\n');
    await shell.until(/\r\ncore-sw1\.lab\(config\)#$/);
    shell.send('\x1a');
    await shell.until(/\r\ncore-sw1\.lab#$/);
    shell.send('show ip interface brief\n');
    expect(await shell.until(/#$/)).toMatch(/Loopback100\s+10\.100\.100\.1\s+YES manual up\s+up/);
    shell.send('show running-config interface lo100\n');
    const section = await shell.until(/#$/);
    expect(section).toContain('interface Loopback100\r\n description to core # not a prompt >\r\n ip address 10.100.100.1 255.255.255.255\r\nend');
    shell.send('show vlan id 130\n');
    expect(await shell.until(/#$/)).toContain('VLAN id 130 not found in current VLAN database');
    expect(device.state.hostname).toBe('core-sw1.lab');
    expect(device.state.vlans.get(120)?.name).toBe('chatops');
    expect(device.state.interfaces.get('Loopback100')?.ipv4).toEqual({ address: '10.100.100.1', mask: '255.255.255.255' });
    await shell.close();
  });

  it('removes what "no" removes and shows it in the running config', async () => {
    const device = fresh();
    const shell = await privileged(device);
    shell.send('terminal length 0\nconfigure terminal\nvlan 300\nname temp\nexit\nno vlan 300\ninterface Loopback7\nexit\nno interface Loopback7\nend\n');
    await shell.until(new RegExp(`\\r\\n${device.name}#$`));
    shell.send('show running-config\n');
    const config = await shell.until(/\r\nend\r\n.*#$/s);
    expect(config).toMatch(/^show running-config\r\nBuilding configuration\.\.\.\r\n\r\nCurrent configuration : \d+ bytes\r\n/);
    expect(config).toMatch(/! Last configuration change at \d\d:\d\d:\d\d UTC .* by netops/);
    expect(config).toContain(`hostname ${device.name}`);
    expect(config).toMatch(/enable secret 5 \$1\$/);
    expect(config).toContain('interface GigabitEthernet0/3');
    expect(config).toContain('line vty 0 4');
    expect(config).not.toContain('vlan 300');
    expect(config).not.toContain('Loopback7');
    expect(config).not.toContain(device.enableSecret);
    await shell.close();
  });

  it('saves with write memory and with copy run start (answering the filename question)', async () => {
    const device = fresh();
    const shell = await privileged(device);
    shell.send('write memory\n');
    expect(await shell.until(/#$/)).toContain('Building configuration...\r\n[OK]');
    shell.send('copy running-config startup-config\n');
    await shell.until(/Destination filename \[startup-config\]\? $/);
    shell.send('\n');
    expect(await shell.until(/#$/)).toContain('[OK]');
    expect(device.state.savedAt).not.toBeNull();
    await shell.close();
  });

  it('closes the connection on exit', async () => {
    const shell = await openRawShell(fresh());
    await shell.until(/>$/);
    shell.send('exit\n');
    await shell.closed;
  });

  it('user EXEC cannot see the running config', async () => {
    const shell = await openRawShell(fresh());
    await shell.until(/>$/);
    shell.send('show running-config\n');
    expect(await shell.until(/>$/)).toContain('% Invalid input detected');
    await shell.close();
  });

  it('accepts keyboard-interactive logins', async () => {
    const shell = await openRawShell(fresh(), { keyboard: true });
    expect(await shell.until(/>$/)).toContain('>');
    await shell.close();
  });

  it('rejects logins under the rejectAuth fault', async () => {
    const device = fresh();
    device.setFault({ kind: 'rejectAuth' });
    await expect(openRawShell(device)).rejects.toThrow(/authentication methods failed/);
    device.setFault(null);
    await (await openRawShell(device)).close();
  });
});
