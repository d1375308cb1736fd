/** What replaces a secret in a stored config snapshot. */
export const MASKED = '<masked>';

/**
 * Secret-bearing config lines across IOS, NX-OS, EOS and Junos: the keyword, an optional encryption type
 * or algorithm, then the secret itself (group 2 is kept, the secret replaced). Order matters: longer first.
 */
const RULES: readonly RegExp[] = [
  /(\b(?:secret|password)\s+(?:\d\s+|sha512\s+|md5\s+)?)("[^"]*"|\S+)/gi,
  /(\bkey-string\s+(?:\d\s+)?)(\S+)/gi,
  /(\b(?:encrypted-password|plain-text-password-value|authentication-key|pre-shared-key\s+ascii-text|shared-secret)\s+)("[^"]*"|\S+)/gi,
  /(\bmessage-digest-key\s+\d+\s+md5\s+(?:\d\s+)?)(\S+)/gi,
  /(\bsnmp-server\s+community\s+)(\S+)/gi,
  /(\bcommunity\s+)("[^"]*")/gi,
  // Junos SNMP: `set snmp community NAME …`, `community NAME {` / `community NAME;` (not policy `community X members …`)
  /(\bsnmp\s+community\s+)(?!")(\S+)/gi,
  /(^\s*community\s+)(?!")([^\s;{]+)(?=\s*[{;])/gim,
  // SNMPv2 community on a trap host line; SNMPv3 users' auth and priv keys (NX-OS, EOS, IOS)
  /(\bsnmp-server\s+host\s+\S+\s+(?:(?:traps|informs)\s+)?(?:version\s+(?:1|2c)\s+)?)(?!version\b)(\S+)/gi,
  /(\bsnmp-server\s+user\s+.*?\bauth\s+(?:md5|sha\S*)\s+)(\S+)/gi,
  /(\bsnmp-server\s+user\s+.*?\bpriv\s+(?:(?:aes-128|aes\s+\d+|3?des)\s+)?)(\S+)/gi,
  /(\b(?:tacacs-server|radius-server)\s+host\s+\S+\s+(?:\S+\s+)*?key\s+(?:\d\s+)?)(\S+)/gi,
  // tacacs/radius/isakmp/ntp keys; not "key chain NAME" or "key config-key"
  /(\b(?:tacacs-server|radius-server|isakmp|ntp authentication-key \d+ md5|server-private \S+)\s+key\s+(?:\d\s+)?)(\S+)/gi,
  /(^\s*key\s+(?:\d\s+)?)(?!chain\b|config-key\b)(\S+)/gim,
];

/** Masks secrets in a running config before it is stored, keeping the line so the diff still shows a change. */
export function maskConfigSecrets(config: string): string {
  let out = config;
  for (const rule of RULES) out = out.replace(rule, (_m, keep: string) => `${keep}${MASKED}`);
  return out;
}
