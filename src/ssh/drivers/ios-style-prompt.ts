import { escapeRegExp } from '../escape-reg-exp.ts';
import type { PlatformDriver } from '../platform-driver.ts';

/** Hostnames may carry dots, dashes and underscores (`core-sw1.dc-east`). */
const HOST = String.raw`[A-Za-z0-9][\w.\-]*`;
/** Config sub-modes: `(config)`, `(config-if)`, EOS `(config-if-Et1/1)`, `(config-vlan-10)`, `(config-s-sess1)`. */
const MODE = String.raw`(?:\([\w.\-/: ]+\))?`;

/** The `host>` / `host#` / `host(config-…)#` prompt shared by IOS, IOS-XE, NX-OS and EOS. */
export function iosStylePrompt(): Pick<PlatformDriver, 'promptPattern' | 'promptFor'> {
  return {
    promptPattern: new RegExp(String.raw`^(?<host>${HOST})${MODE}[>#][ \t]*$`),
    promptFor: (hostname) => new RegExp(String.raw`^(?<host>${escapeRegExp(hostname)})${MODE}[>#][ \t]*$`),
  };
}
