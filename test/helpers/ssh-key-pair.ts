import ssh2 from 'ssh2';

type Options = Parameters<typeof ssh2.utils.generateKeyPairSync>[1];

/** ssh2's ed25519 generator yields an unparsable key ~1 time in 256 (mscdex/ssh2#1513): generate until both halves parse. */
export function generateParsableEd25519(options: Options & { passphrase?: string }): { private: string; public: string } {
  for (let i = 0; i < 16; i++) {
    const pair = ssh2.utils.generateKeyPairSync('ed25519', options);
    const priv = ssh2.utils.parseKey(pair.private, options.passphrase);
    if (!(priv instanceof Error) && !(ssh2.utils.parseKey(pair.public) instanceof Error)) return pair;
  }
  throw new Error('could not generate a parsable ed25519 key pair');
}
