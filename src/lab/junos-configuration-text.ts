import { labSecretHash } from './lab-secret-hash.ts';
import type { JunosConfig } from './junos-state.ts';

/** What the configuration text shows besides the config itself. */
export interface JunosTextOptions {
  username: string;
  password: string;
  /** Show the password in clear (the echoSecrets fault). */
  clearTextSecrets: boolean;
  /** "2025-01-06 10:21:07 UTC by netops" for the `## Last commit:` line; null in a candidate. */
  lastCommit: string | null;
}

/** A statement as a path; a keyword and its identifier stay one element ("unit 0", "user netops"). */
type Statement = readonly string[];

const VERSION = '21.4R3.15';
const quote = (text: string): string => (/[\s;{}"#]/.test(text) || text === '' ? `"${text.replace(/"/g, '\\"')}"` : text);
const byName = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

/** The config as statements, in the order Junos shows them. */
function statements(config: JunosConfig, o: JunosTextOptions): Statement[] {
  const out: Statement[] = [['version', VERSION]];
  const secret = o.clearTextSecrets ? `plain-text-password-value ${quote(o.password)}` : `encrypted-password "${labSecretHash('6', o.password)}"`;
  out.push(
    ['system', `host-name ${config.hostName}`],
    ['system', `login`, `user ${o.username}`, 'uid 2000'],
    ['system', `login`, `user ${o.username}`, 'class super-user'],
    ['system', `login`, `user ${o.username}`, 'authentication', secret],
    ['system', 'services', 'ssh'],
  );
  for (const name of [...config.interfaces.keys()].sort(byName)) {
    const intf = config.interfaces.get(name);
    if (intf === undefined) continue;
    if (intf.description !== null) out.push(['interfaces', name, `description ${quote(intf.description)}`]);
    if (intf.disabled) out.push(['interfaces', name, 'disable']);
    for (const [unit, address] of [...intf.units].sort((a, b) => a[0] - b[0])) {
      out.push(address === null ? ['interfaces', name, `unit ${unit}`] : ['interfaces', name, `unit ${unit}`, 'family inet', `address ${address}`]);
    }
  }
  for (const name of [...config.vlans.keys()].sort(byName)) {
    const vlan = config.vlans.get(name);
    if (vlan === undefined) continue;
    if (vlan.description !== null) out.push(['vlans', name, `description ${quote(vlan.description)}`]);
    if (vlan.id !== null) out.push(['vlans', name, `vlan-id ${vlan.id}`]);
    if (vlan.description === null && vlan.id === null) out.push(['vlans', name]);
  }
  return out;
}

/** `show configuration | display set`. */
export function renderSetCommands(config: JunosConfig, o: JunosTextOptions): string {
  return `${statements(config, o)
    .map((s) => `set ${s.join(' ')}`)
    .join('\n')}\n`;
}

/** `show configuration`: the hierarchy in braces, leaves ending with ';'. */
export function renderHierarchy(config: JunosConfig, o: JunosTextOptions): string {
  interface Node {
    children: Map<string, Node>;
  }
  const root: Node = { children: new Map() };
  for (const s of statements(config, o)) {
    let node = root;
    for (const part of s) {
      let next = node.children.get(part);
      if (next === undefined) {
        next = { children: new Map() };
        node.children.set(part, next);
      }
      node = next;
    }
  }
  const lines: string[] = o.lastCommit === null ? [] : [`## Last commit: ${o.lastCommit}`];
  const walk = (node: Node, depth: number): void => {
    for (const [part, child] of node.children) {
      const pad = '    '.repeat(depth);
      if (child.children.size === 0) {
        lines.push(`${pad}${part};`);
      } else {
        lines.push(`${pad}${part} {`);
        walk(child, depth + 1);
        lines.push(`${pad}}`);
      }
    }
  };
  walk(root, 0);
  return `${lines.join('\n')}\n`;
}
