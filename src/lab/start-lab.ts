import { NetOpsError } from '../core/errors/index.ts';
import { LabDevice } from './lab-device.ts';
import { generateLabHostKey } from './lab-host-key.ts';
import { resolveLabOptions, type LabOptions } from './lab-options.ts';

/** A running fleet of simulated devices. */
export interface Lab {
  readonly devices: readonly LabDevice[];
  /** The device of that name; throws DEVICE_NOT_FOUND. */
  device(name: string): LabDevice;
  /** Stops every server and drops every connection. */
  close(): Promise<void>;
}

/**
 * Starts simulated devices on loopback, sharing one generated host key: `count` of one platform (Cisco IOS
 * unless `platform` says otherwise), or a mixed fleet from `platforms`.
 */
export async function startLab(options: LabOptions): Promise<Lab> {
  const opts = resolveLabOptions(options);
  const hostKey = generateLabHostKey(opts.legacyAlgorithmsOnly ? 'rsa' : 'ed25519');
  const devices: LabDevice[] = [];
  for (const group of opts.groups) {
    for (let i = 1; i <= group.count; i++) {
      devices.push(new LabDevice({ name: `${group.namePrefix}${i}`, platform: group.platform, index: devices.length + 1, hostKey, options: opts }));
    }
  }
  const byName = new Map(devices.map((d) => [d.name, d]));
  const close = async (): Promise<void> => {
    await Promise.all(devices.map((d) => d.close()));
  };
  try {
    await Promise.all(devices.map((d, i) => d.listen(opts.basePort === 0 ? 0 : opts.basePort + i)));
  } catch (err) {
    await close();
    throw new NetOpsError('INTERNAL', `lab could not listen: ${err instanceof Error ? err.message : String(err)}`, undefined, { cause: err });
  }
  return {
    devices,
    device(name) {
      const device = byName.get(name);
      if (device === undefined) throw new NetOpsError('DEVICE_NOT_FOUND', `no lab device named ${name}`);
      return device;
    },
    close,
  };
}
