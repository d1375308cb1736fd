import type { Duplex } from 'node:stream';
import ssh2, { type Client } from 'ssh2';
import { NetOpsError, asNetOpsError } from '../core/errors/index.ts';
import type { DeviceEndpoint } from '../core/ports/device-session.ts';
import { connectError, type ConnectTarget } from './connect-error.ts';
import { endClient } from './end-client.ts';
import { forwardTo } from './forward-to.ts';
import { fingerprintHostKey } from './host-key.ts';
import { LEGACY_ALGORITHMS } from './legacy-algorithms.ts';
import { maskError } from './mask-error.ts';
import { openSshClient } from './open-ssh-client.ts';
import { createSecretMasker } from './secret-masker.ts';

export type HostKeyScanTarget = Pick<DeviceEndpoint, 'name' | 'host' | 'port' | 'allowLegacyAlgorithms' | 'jumpHost'>;

/**
 * The fingerprint ("SHA256:…") of the key a device presents, read from the SSH handshake without logging
 * in: no credential of the device is ever sent to a key nobody has accepted yet. Through the device's jump
 * host when it has one — that hop logs in normally and its own pinned key must still match.
 */
export async function scanHostKey(target: HostKeyScanTarget, connectMs: number, options: { strictHostKeys?: boolean } = {}): Promise<string> {
  const deadline = Date.now() + connectMs;
  const jump = target.jumpHost ?? null;
  const masker = createSecretMasker([jump?.secrets.password, jump?.secrets.passphrase, jump?.secrets.enableSecret]);
  const where: ConnectTarget = { device: target.name, host: target.host, port: target.port, username: '(key scan)', via: jump?.name };
  let hop: Client | null = null;
  try {
    let sock: Duplex | undefined;
    if (jump !== null) {
      hop = (await openSshClient(jump, { deadline, strictHostKeys: options.strictHostKeys ?? false })).client;
      sock = await forwardTo(hop, where, deadline);
    }
    return await presentedKey(target, where, deadline, sock);
  } catch (err) {
    throw maskError(asNetOpsError(err), masker);
  } finally {
    if (hop !== null) await endClient(hop);
  }
}

function presentedKey(target: HostKeyScanTarget, where: ConnectTarget, deadline: number, sock: Duplex | undefined): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const client = new ssh2.Client();
    let done = false;
    const finish = (outcome: () => void): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      client.destroy();
      outcome();
    };
    const timer = setTimeout(
      () => finish(() => reject(connectError(Object.assign(new Error('key scan timeout'), { level: 'client-timeout' }), where))),
      Math.max(1, deadline - Date.now()),
    );
    client.on('error', (err) => finish(() => reject(connectError(err, where))));
    client.once('close', () => finish(() => reject(new NetOpsError('SESSION_CLOSED', `${target.name} closed the connection before presenting a host key`, { device: target.name }, { retryable: true }))));
    client.connect({
      host: target.host,
      port: target.port,
      sock,
      username: 'netops-key-scan',
      readyTimeout: Math.max(1, deadline - Date.now()),
      hostVerifier: (key: Buffer): boolean => {
        const fingerprint = fingerprintHostKey(key);
        finish(() => resolve(fingerprint));
        return false; // stop before authentication
      },
      ...(target.allowLegacyAlgorithms === true ? { algorithms: LEGACY_ALGORITHMS } : {}),
    });
  });
}
