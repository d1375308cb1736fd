import type { LinuxState } from './linux-state.ts';

/** What a command printed and how it exited. */
export interface LinuxCommandResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface LinuxUser {
  username: string;
  /** Commands prefixed with `sudo` run as root (the lab user has passwordless sudo). */
  root: boolean;
}

const ok = (stdout = ''): LinuxCommandResult => ({ stdout, stderr: '', code: 0 });
const fail = (stderr: string, code = 1): LinuxCommandResult => ({ stdout: '', stderr, code });
const UNAME = (s: LinuxState): string => `Linux ${s.hostname} 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01) x86_64 GNU/Linux`;
const OS_RELEASE = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nID=debian\n';

/** Splits like a shell would for simple words: whitespace, '…' and "…" quoting. No expansion, pipes or redirection. */
export function shellWords(command: string): string[] {
  const words: string[] = [];
  for (const m of command.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)) words.push(m[1]?.replace(/\\(.)/g, '$1') ?? m[2] ?? m[3] ?? '');
  return words;
}

/** The lab's files, rendered from the host state. */
function readFile(state: LinuxState, path: string): string | null {
  switch (path) {
    case '/etc/hostname':
      return `${state.hostname}\n`;
    case '/etc/os-release':
      return OS_RELEASE;
    case '/etc/network/interfaces': {
      const lines = ['# interfaces(5) file used by ifup(8) and ifdown(8)', 'auto lo', 'iface lo inet loopback'];
      for (const [name, intf] of state.interfaces) {
        if (name === 'lo') continue;
        lines.push('', ...(intf.up ? [`auto ${name}`] : []));
        const [first, ...more] = intf.addresses;
        if (first === undefined) lines.push(`iface ${name} inet manual`);
        else lines.push(`iface ${name} inet static`, `    address ${first}`, ...more.map((a) => `    up ip addr add ${a} dev ${name}`));
      }
      return `${lines.join('\n')}\n`;
    }
    default:
      return null;
  }
}

function ipCommand(state: LinuxState, args: string[], user: LinuxUser): LinuxCommandResult {
  const [object = '', ...rest] = args[0] === '-br' || args[0] === '-brief' ? args.slice(1) : args;
  const brief = args[0] === '-br' || args[0] === '-brief';
  if (/^a(ddr?|ddress)?$/.test(object) && (rest.length === 0 || rest[0] === 'show')) {
    if (!brief) return fail('lab: only `ip -br addr` is simulated\n', 2);
    const rows = [...state.interfaces].map(([name, i]) => `${name.padEnd(17)}${(name === 'lo' ? 'UNKNOWN' : i.up ? 'UP' : 'DOWN').padEnd(15)}${i.addresses.join(' ')} `);
    return ok(`${rows.join('\n')}\n`);
  }
  if (!user.root) return fail('RTNETLINK answers: Operation not permitted\n', 2);
  if (/^a(ddr?|ddress)?$/.test(object) && (rest[0] === 'add' || rest[0] === 'del') && rest[2] === 'dev') {
    const intf = state.interfaces.get(rest[3] ?? '');
    if (intf === undefined) return fail(`Cannot find device "${rest[3] ?? ''}"\n`);
    const address = rest[1] ?? '';
    if (!/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/.test(address)) return fail(`Error: any valid prefix is expected rather than "${address}".\n`);
    const at = intf.addresses.indexOf(address);
    if (rest[0] === 'add') {
      if (at >= 0) return fail('RTNETLINK answers: File exists\n', 2);
      intf.addresses.push(address);
    } else {
      if (at < 0) return fail('RTNETLINK answers: Cannot assign requested address\n', 2);
      intf.addresses.splice(at, 1);
    }
    return ok();
  }
  if (object === 'link' && rest[0] === 'set') {
    const words = rest[1] === 'dev' ? rest.slice(2) : rest.slice(1);
    const intf = state.interfaces.get(words[0] ?? '');
    if (intf === undefined) return fail(`Cannot find device "${words[0] ?? ''}"\n`);
    if (words[1] !== 'up' && words[1] !== 'down') return fail(`Error: either "dev" is duplicate, or "${words[1] ?? ''}" is a garbage.\n`);
    intf.up = words[1] === 'up';
    return ok();
  }
  return fail(`Object "${object}" is unknown, try "ip help".\n`);
}

/** Runs one command line on the simulated host, the way `bash -c` would for these few programs. */
export function runLinuxCommand(state: LinuxState, command: string, user: LinuxUser): LinuxCommandResult {
  const [program = '', ...args] = shellWords(command);
  switch (program) {
    case '':
    case 'true':
      return ok();
    case 'false':
      return fail('');
    case 'exit':
      return { stdout: '', stderr: '', code: Number(args[0] ?? 0) & 255 };
    case 'sudo':
      return runLinuxCommand(state, command.replace(/^\s*sudo\s+/, ''), { ...user, root: true });
    case 'echo':
      return args[0] === '-n' ? ok(args.slice(1).join(' ')) : ok(`${args.join(' ')}\n`);
    case 'whoami':
      return ok(`${user.root ? 'root' : user.username}\n`);
    case 'hostname':
      if (args.length === 0) return ok(`${state.hostname}\n`);
      return user.root ? ((state.hostname = args[0] ?? state.hostname), ok()) : fail('hostname: you must be root to change the host name\n');
    case 'hostnamectl':
      if (args[0] !== 'set-hostname' || args[1] === undefined) return fail('lab: only `hostnamectl set-hostname NAME` is simulated\n');
      if (!user.root) return fail('Could not set static hostname: Access denied\n');
      state.hostname = args[1];
      return ok();
    case 'uname':
      return ok(`${args.includes('-a') ? UNAME(state) : args.includes('-r') ? '6.1.0-18-amd64' : 'Linux'}\n`);
    case 'cat': {
      let stdout = '';
      let stderr = '';
      for (const path of args) {
        const content = readFile(state, path);
        if (content === null) stderr += `cat: ${path}: No such file or directory\n`;
        else stdout += content;
      }
      return { stdout, stderr, code: stderr === '' ? 0 : 1 };
    }
    case 'ip':
      return ipCommand(state, args, user);
    default:
      return fail(`bash: ${program}: command not found\n`, 127);
  }
}
