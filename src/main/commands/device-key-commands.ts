import { userInfo } from 'node:os';
import type { Command } from 'commander';
import { NetOpsError } from '../../core/errors/index.ts';
import type { AppContext } from '../app-context.ts';
import { withContext } from '../cli-support.ts';
import { scanHostKey, type HostKeyScanTarget } from '../../ssh/index.ts';

interface TrustKeyOptions {
  expect?: string;
  forget: boolean;
}

/**
 * Re-accepts a device's SSH host key after HOST_KEY_CHANGED: reads the key the device presents now
 * (handshake only, no credential of the device is sent), prints old → new and pins it. `--expect` pins only
 * a fingerprint checked out of band; `--forget` just unpins (the next connection trusts on first use).
 */
async function trustKey(ctx: AppContext, name: string, o: TrustKeyOptions): Promise<string> {
  const row = await ctx.db.prisma.device.findUnique({ where: { name }, select: { id: true, host: true, port: true, hostKeyFingerprint: true, allowLegacyAlgorithms: true, jumpHostId: true } });
  if (!row) throw new NetOpsError('DEVICE_NOT_FOUND', `No device named "${name}".`, { field: 'name' });
  const old = row.hostKeyFingerprint;
  let fresh: string | null = null;
  if (!o.forget) {
    // Through the jump host when there is one: that needs its credential (and its own pinned key).
    const target: HostKeyScanTarget = row.jumpHostId
      ? await ctx.devices.endpoint(row.id)
      : { name, host: row.host, port: row.port, allowLegacyAlgorithms: row.allowLegacyAlgorithms, jumpHost: null };
    fresh = await scanHostKey(target, ctx.config.SSH_CONNECT_TIMEOUT_MS, { strictHostKeys: ctx.config.SSH_STRICT_HOST_KEYS });
    if (o.expect !== undefined && o.expect !== fresh) {
      throw new NetOpsError('HOST_KEY_CHANGED', `${name} presents ${fresh}, not the expected ${o.expect}: nothing was pinned.`, { device: name, expected: o.expect, actual: fresh });
    }
    if (fresh === old) return `${name}: host key ${old} is already pinned; nothing changed.`;
  }
  // Only if nobody re-pinned meanwhile (a worker pinning on first use, another admin).
  const { count } = await ctx.db.prisma.device.updateMany({ where: { id: row.id, hostKeyFingerprint: old }, data: { hostKeyFingerprint: fresh } });
  if (count === 0) throw new NetOpsError('CONFLICT', `The pinned key of ${name} changed while this ran; run the command again.`, { device: name });
  await ctx.audit.record({
    level: 'WARNING', type: 'DEVICE', action: fresh === null ? 'device.host_key_forgotten' : 'device.host_key_trusted',
    actor: { id: null, name: `cli:${userInfo().username}` }, source: 'cli', objectType: 'device', objectId: row.id,
    oldValue: { hostKeyFingerprint: old }, newValue: { hostKeyFingerprint: fresh },
  });
  const was = old ?? '(none pinned)';
  return fresh === null ? `${name}: host key ${was} → (none pinned); the next connection pins the key it is offered.` : `${name}: host key ${was} → ${fresh} (pinned)`;
}

/** `netops device trust-key NAME [--expect SHA256:…] [--forget]`, added to the existing `device` group. */
export function registerDeviceKeyCommands(program: Command): void {
  const device = program.commands.find((c) => c.name() === 'device') ?? program.command('device').description('devices');
  device
    .command('trust-key')
    .description('re-accept the SSH host key a device presents now (after HOST_KEY_CHANGED): shows old → new and pins it')
    .argument('<name>', 'device (or jump host) name')
    .option('--expect <fingerprint>', 'pin only if the device presents this fingerprint (verified out of band)')
    .option('--forget', 'only unpin: the next connection trusts and pins whatever key it is offered', false)
    .action(async (name: string, o: TrustKeyOptions) =>
      withContext(async (ctx) => {
        process.stdout.write(`${await trustKey(ctx, name, o)}\n`);
      }),
    );
}
