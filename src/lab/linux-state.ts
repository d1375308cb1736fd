export interface LinuxInterface {
  up: boolean;
  /** "10.0.1.10/24". */
  addresses: string[];
}

/** A simulated Linux host: hostname and interfaces; files are rendered from this on read. */
export interface LinuxState {
  hostname: string;
  interfaces: Map<string, LinuxInterface>;
  bootedAt: Date;
}

/** lo, eth0 (addressed, up), eth1 (down). */
export function createLinuxState(hostname: string, index: number, bootedAt: Date = new Date()): LinuxState {
  const hi = (index >> 8) & 255;
  const lo = index & 255;
  return {
    hostname,
    interfaces: new Map([
      ['lo', { up: true, addresses: ['127.0.0.1/8'] }],
      ['eth0', { up: true, addresses: [`10.${hi}.${lo}.10/24`] }],
      ['eth1', { up: false, addresses: [] }],
    ]),
    bootedAt,
  };
}
