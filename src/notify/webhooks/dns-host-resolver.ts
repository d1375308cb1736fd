import { lookup } from 'node:dns/promises';
import type { HostResolver } from '../../core/webhooks/webhook-target.ts';

/** Every address the system resolver returns for a host (A and AAAA, /etc/hosts included), in its order. */
export const dnsHostResolver: HostResolver = async (hostname) => {
  const addresses = await lookup(hostname, { all: true, verbatim: true });
  return addresses.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};
