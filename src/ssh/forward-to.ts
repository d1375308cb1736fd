import type { Duplex } from 'node:stream';
import type { Client } from 'ssh2';
import { connectError, type ConnectTarget } from './connect-error.ts';
import { withDeadline } from './with-deadline.ts';

/** A direct-tcpip channel from a logged-in jump host to the target, used as the target connection's socket. */
export function forwardTo(jumpClient: Client, target: ConnectTarget, deadline: number): Promise<Duplex> {
  return withDeadline(
    new Promise<Duplex>((resolve, reject) => {
      jumpClient.forwardOut('127.0.0.1', 0, target.host, target.port, (err, channel) => (err ? reject(connectError(err, target)) : resolve(channel)));
    }),
    deadline,
    () => connectError(Object.assign(new Error('forward timeout'), { level: 'client-timeout' }), target),
  );
}
