export interface JunosInterface {
  description: string | null;
  disabled: boolean;
  /** unit number → its inet address ("10.0.0.1/24"), null for a unit without one. */
  units: Map<number, string | null>;
}

export interface JunosVlan {
  /** null until `vlan-id` is set (commit check refuses that). */
  id: number | null;
  description: string | null;
}

/** One configuration database: the committed one, or a candidate being edited. */
export interface JunosConfig {
  hostName: string;
  interfaces: Map<string, JunosInterface>;
  vlans: Map<string, JunosVlan>;
}

/** A simulated Junos (EX-like) device: the committed config and the shared candidate (plain `configure`). */
export interface JunosState {
  active: JunosConfig;
  /** The shared candidate of `configure` / `configure exclusive` sessions; null when nobody edits it. */
  shared: JunosConfig | null;
  bootedAt: Date;
  lastCommitAt: Date;
  lastCommitBy: string;
}

/** ge-0/0/0 addressed and up, ge-0/0/1–3 disabled, lo0.0 addressed, VLANs USERS (10) and VOICE (20). */
export function createJunosState(hostName: string, index: number, bootedAt: Date = new Date()): JunosState {
  const hi = (index >> 8) & 255;
  const lo = index & 255;
  const interfaces = new Map<string, JunosInterface>([
    ['ge-0/0/0', { description: 'uplink to lab-core', disabled: false, units: new Map([[0, `10.${hi}.${lo}.1/24`]]) }],
    ['ge-0/0/1', { description: null, disabled: true, units: new Map() }],
    ['ge-0/0/2', { description: null, disabled: true, units: new Map() }],
    ['ge-0/0/3', { description: null, disabled: true, units: new Map() }],
    ['lo0', { description: null, disabled: false, units: new Map([[0, `172.16.${hi}.${lo}/32`]]) }],
  ]);
  const vlans = new Map<string, JunosVlan>([
    ['USERS', { id: 10, description: null }],
    ['VOICE', { id: 20, description: null }],
  ]);
  return { active: { hostName, interfaces, vlans }, shared: null, bootedAt, lastCommitAt: bootedAt, lastCommitBy: 'root' };
}

/** A deep copy (a candidate starts as a copy of the committed config). */
export function cloneJunosConfig(config: JunosConfig): JunosConfig {
  const interfaces = new Map<string, JunosInterface>();
  for (const [name, i] of config.interfaces) interfaces.set(name, { ...i, units: new Map(i.units) });
  const vlans = new Map<string, JunosVlan>();
  for (const [name, v] of config.vlans) vlans.set(name, { ...v });
  return { hostName: config.hostName, interfaces, vlans };
}
