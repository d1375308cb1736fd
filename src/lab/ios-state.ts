import { compareInterfaceNames, interfaceKind, type InterfaceNaming, type InterfaceRole } from './ios-interface-name.ts';

export interface IosInterface {
  /** Canonical name, e.g. "GigabitEthernet0/1", "Ethernet1/1", "loopback0". */
  name: string;
  description: string | null;
  ipv4: { address: string; mask: string } | null;
  shutdown: boolean;
  /** "5254.0001.0000" (dotted MAC). */
  mac: string;
}

export interface IosVlan {
  id: number;
  name: string;
}

/**
 * The mutable configuration of one simulated IOS-family device (IOS, NX-OS, EOS). Kept small: hundreds of
 * devices share a process.
 */
export interface IosState {
  hostname: string;
  /** The platform's interface types (shared, not copied). */
  readonly naming: InterfaceNaming;
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

/**
 * A freshly booted device: its physical ports (the first addressed and up, the others shut), a management
 * port if the platform has one, loopback 0, VLANs 1, 10, 20.
 */
export function createIosState(hostname: string, index: number, naming: InterfaceNaming, bootedAt: Date = new Date()): IosState {
  const hi = (index >> 8) & 255;
  const lo = index & 255;
  const interfaces = new Map<string, IosInterface>();
  const kind = (role: InterfaceRole) => naming.kinds.find((k) => k.role === role);
  (kind('physical')?.ids ?? []).forEach((port, i) => {
    const name = `${kind('physical')?.name ?? ''}${port}`;
    interfaces.set(name, {
      name,
      description: i === 0 ? 'uplink to lab-core' : null,
      ipv4: i === 0 ? { address: `10.${hi}.${lo}.1`, mask: '255.255.255.0' } : null,
      shutdown: i !== 0,
      mac: macFor(index, i),
    });
  });
  const management = kind('management');
  if (management?.ids?.[0] !== undefined) {
    const name = `${management.name}${management.ids[0]}`;
    interfaces.set(name, { name, description: null, ipv4: { address: `192.168.${hi}.${lo}`, mask: '255.255.0.0' }, shutdown: false, mac: macFor(index, 14) });
  }
  const loopback = `${kind('loopback')?.name ?? 'Loopback'}0`;
  interfaces.set(loopback, {
    name: loopback,
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
  return { hostname, naming, interfaces, vlans, bootedAt, lastChangeAt: bootedAt, lastChangeBy: 'console', savedAt: bootedAt };
}

/** Interfaces in the platform's display order. */
export function sortedInterfaces(state: IosState): IosInterface[] {
  return [...state.interfaces.values()].sort((a, b) => compareInterfaceNames(a.name, b.name, state.naming));
}

/** The interface's role on its platform ('physical', 'loopback', …). */
export function roleOf(state: IosState, name: string): InterfaceRole | undefined {
  return interfaceKind(name, state.naming)?.role;
}

export function macFor(index: number, port: number): string {
  const hex = (n: number): string => n.toString(16).padStart(4, '0');
  return `5254.${hex(index & 0xffff)}.${hex(port & 0xffff)}`;
}
