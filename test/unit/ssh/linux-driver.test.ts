import { describe, expect, it } from 'vitest';
import { createLinuxDriver, getDriver, linuxDriver } from '../../../src/ssh/index.ts';

describe('linux driver', () => {
  it('runs commands in exec channels, without privilege, config mode or error texts', () => {
    expect(linuxDriver.transport).toBe('exec');
    expect(linuxDriver.privilege).toBeNull();
    expect(linuxDriver.config).toEqual({ enterCommands: [], commitCommands: [], abortCommands: [], exitCommands: [] });
    expect(linuxDriver.errorMarkers).toEqual([]); // the exit status decides
    expect(getDriver('linux')).toBe(linuxDriver);
  });

  it('has no running config unless one is configured', () => {
    expect(linuxDriver.runningConfigCommand).toBe('');
    expect(createLinuxDriver({ runningConfigCommand: 'cat /etc/network/interfaces' }).runningConfigCommand).toBe('cat /etc/network/interfaces');
  });

  it.each([
    ['netops@web-1:~$ ', 'web-1'],
    ['[root@db-2.lab ~]# ', 'db-2.lab'],
    ['$ ', undefined],
  ])('recognises the shell prompt %j', (line, host) => {
    const m = linuxDriver.promptPattern.exec(line);
    expect(m).not.toBeNull();
    expect(m?.groups?.host).toBe(host);
  });
});
