import { PHYSICAL_PORTS, compareInterfaceNames } from './ios-interface-name.ts';

export interface IosInterface {
  /** Canonical name, e.g. "GigabitEthernet0/1". */
  name: string;
  description: string | null;
  ipv4: { address: string; mask: string } | null;
  shutdown: boolean;
  /** "5254.0001.0000" (IOS dotted MAC). */
  mac: string;
}

export interface IosVlan {
  id: number;
  name: string;
}

/** The mutable configuration of one simulated device (kept small: hundreds of devices share a process). */
export interface IosState {
  hostname: string;
  interfaces: Map<string, IosInterface>;
  vlans: Map<number, IosVlan>;
  bootedAt: Date;
  lastChangeAt: Date;
  lastChangeBy: string;
  savedAt: Date | null;
}

/** What tests and the demo may read of a device's state. */
export interface LabDeviceState {
  readonly hostname: string;
  readonly interfaces: ReadonlyMap<string, Readonly<IosInterface>>;
  readonly vlans: ReadonlyMap<number, Readonly<IosVlan>>;
  readonly bootedAt: Date;
  readonly lastChangeAt: Date;
  readonly savedAt: Date | null;
}

/** VLANs IOS always has and never lets you delete or rename. */
export const RESERVED_VLANS: readonly IosVlan[] = [
  { id: 1002, name: 'fddi-default' },
  { id: 1003, name: 'token-ring-default' },
  { id: 1004, name: 'fddinet-default' },
  { id: 1005, name: 'trnet-default' },
];

/** A freshly booted device: four ports (Gi0/0 addressed and up), Loopback0, VLANs 1, 10, 20. */
export function createIosState(hostname: string, index: number, bootedAt: Date = new Date()): IosState {
  const hi = (index >> 8) & 255;
  const lo = index & 255;
  const interfaces = new Map<string, IosInterface>();
  PHYSICAL_PORTS.forEach((port, i) => {
    const name = `GigabitEthernet${port}`;
    interfaces.set(name, {
      name,
      description: i === 0 ? 'uplink to lab-core' : null,
      ipv4: i === 0 ? { address: `10.${hi}.${lo}.1`, mask: '255.255.255.0' } : null,
      shutdown: i !== 0,
      mac: macFor(index, i),
    });
  });
  interfaces.set('Loopback0', {
    name: 'Loopback0',
    description: 'router-id',
    ipv4: { address: `172.16.${hi}.${lo}`, mask: '255.255.255.255' },
    shutdown: false,
    mac: macFor(index, 15),
  });
  const vlans = new Map<number, IosVlan>([
    [1, { id: 1, name: 'default' }],
    [10, { id: 10, name: 'USERS' }],
    [20, { id: 20, name: 'VOICE' }],
  ]);
  return { hostname, interfaces, vlans, bootedAt, lastChangeAt: bootedAt, lastChangeBy: 'console', savedAt: bootedAt };
}

/** Interfaces in IOS display order. */
export function sortedInterfaces(state: IosState): IosInterface[] {
  return [...state.interfaces.values()].sort((a, b) => compareInterfaceNames(a.name, b.name));
}

export function macFor(index: number, port: number): string {
  const hex = (n: number): string => n.toString(16).padStart(4, '0');
  return `5254.${hex(index & 0xffff)}.${hex(port & 0xffff)}`;
}
