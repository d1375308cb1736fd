import type { Algorithms } from 'ssh2';

/** Old IOS images offer only these; appended to the defaults, never on unless a device asks for it. */
export const LEGACY_ALGORITHMS: Algorithms = {
  kex: { append: ['diffie-hellman-group14-sha1', 'diffie-hellman-group-exchange-sha1', 'diffie-hellman-group1-sha1'] },
  cipher: { append: ['aes128-cbc', 'aes256-cbc'] },
  serverHostKey: { append: ['ssh-rsa', 'ssh-dss'] },
  hmac: { append: ['hmac-sha1'] },
} as Algorithms;
