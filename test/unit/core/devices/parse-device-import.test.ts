import { describe, expect, it } from 'vitest';
import { parseDeviceImport } from '../../../../src/core/devices/parse-device-import.ts';
import { NetOpsError } from '../../../../src/core/errors/index.ts';

describe('parseDeviceImport', () => {
  it('reads CSV with quoted fields and tag lists', () => {
    const rows = parseDeviceImport('name,host,platform,tags,description\nsw1,10.0.0.1,cisco_ios,access;floor1,"core, uplink ""A"""\n', 'csv');
    expect(rows).toEqual([expect.objectContaining({ name: 'sw1', port: 22, tags: ['access', 'floor1'], description: 'core, uplink "A"', device_type: 'router' })]);
  });

  it('reads YAML as a list or under devices:', () => {
    expect(parseDeviceImport('- { name: r1, host: r1.example.net, platform: juniper_junos }', 'yaml')[0]?.platform).toBe('juniper_junos');
    expect(parseDeviceImport('devices:\n  - { name: r2, host: 10.1.1.1, platform: arista_eos, port: 2222 }', 'yaml')[0]?.port).toBe(2222);
  });

  it('reports every bad row with its number and field, and returns nothing', () => {
    try {
      parseDeviceImport('name,host,platform,port\nok,10.0.0.1,cisco_ios,22\nbad name,10.0.0.2,cisco_ios,22\nok,10.0.0.3,vyos,99999\n', 'csv');
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(NetOpsError);
      const fields = ((err as NetOpsError).details as { issues: { field: string }[] }).issues.map((i) => i.field);
      expect(fields).toEqual(expect.arrayContaining(['row 3 name', 'row 4 platform', 'row 4 port', 'row 4 name']));
    }
  });
});
