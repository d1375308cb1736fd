import type { DeviceFilter, DeviceFilterChoices, DeviceGroupCount, DeviceGrouping, DeviceInput, DeviceRecord, DeviceRepository } from '../core/ports/device-repository.ts';
import type { DeviceEndpoint, PlatformName } from '../core/ports/device-session.ts';
import { NetOpsError } from '../core/errors/index.ts';
import type { SecretBox } from '../core/secrets/secret-box.ts';
import type { PrismaClient, PrismaTransactionClient } from './prisma-client.ts';

const INCLUDE = { credential: { select: { name: true } }, jumpHost: { select: { name: true } } } as const;

interface DeviceRow {
  id: string; name: string; host: string; port: number; platform: string; deviceType: string; vendor: string | null;
  model: string | null; osVersion: string | null; site: string | null; location: string | null; tags: string;
  description: string | null; status: string; hostKeyFingerprint: string | null; lastSeenAt: Date | null;
  credential: { name: string } | null; jumpHost: { name: string } | null;
}

function toRecord(row: DeviceRow): DeviceRecord {
  return {
    id: row.id, name: row.name, host: row.host, port: row.port, platform: row.platform as PlatformName,
    deviceType: row.deviceType, vendor: row.vendor, model: row.model, osVersion: row.osVersion, site: row.site,
    location: row.location, tags: JSON.parse(row.tags) as string[], description: row.description,
    status: row.status as DeviceRecord['status'], credentialName: row.credential?.name ?? null,
    jumpHostName: row.jumpHost?.name ?? null, hostKeyFingerprint: row.hostKeyFingerprint, lastSeenAt: row.lastSeenAt,
  };
}

/** Devices on Prisma; `endpoint()` is the one place credential secrets are decrypted. */
export class PrismaDeviceRepository implements DeviceRepository {
  constructor(private readonly prisma: PrismaClient, private readonly box: SecretBox) {}

  async findByName(name: string): Promise<DeviceRecord | null> {
    const row = await this.prisma.device.findUnique({ where: { name }, include: INCLUDE });
    return row ? toRecord(row) : null;
  }

  async listAll(): Promise<DeviceRecord[]> {
    return (await this.prisma.device.findMany({ include: INCLUDE, orderBy: { name: 'asc' } })).map(toRecord);
  }

  async list(filter: DeviceFilter, page: { page: number; perPage: number }): Promise<{ items: DeviceRecord[]; total: number }> {
    const where = {
      ...(filter.site ? { site: filter.site } : {}),
      ...(filter.platform ? { platform: filter.platform } : {}),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.deviceType ? { deviceType: filter.deviceType } : {}),
      // tags is a JSON array text; the quoted match keeps "core" from matching "core2".
      ...(filter.tag ? { tags: { contains: JSON.stringify(filter.tag) } } : {}),
      ...(filter.search ? { OR: [{ name: { contains: filter.search } }, { host: { contains: filter.search } }, { description: { contains: filter.search } }] } : {}),
    };
    const [rows, total] = await Promise.all([
      this.prisma.device.findMany({ where, include: INCLUDE, orderBy: { name: 'asc' }, skip: (page.page - 1) * page.perPage, take: page.perPage }),
      this.prisma.device.count({ where }),
    ]);
    return { items: rows.map(toRecord), total };
  }

  async findById(id: string): Promise<DeviceRecord | null> {
    const row = await this.prisma.device.findUnique({ where: { id }, include: INCLUDE });
    return row ? toRecord(row) : null;
  }

  async upsert(input: DeviceInput): Promise<{ record: DeviceRecord; created: boolean }> {
    return this.upsertWith(this.prisma, input);
  }

  async upsertMany(inputs: DeviceInput[]): Promise<{ created: number; updated: number }> {
    return this.prisma.$transaction(async (tx) => {
      let created = 0;
      for (const input of inputs) if ((await this.upsertWith(tx, input)).created) created++;
      return { created, updated: inputs.length - created };
    }, { timeout: 60_000 });
  }

  async update(id: string, input: DeviceInput): Promise<DeviceRecord> {
    const existing = await this.prisma.device.findUnique({ where: { id } });
    if (!existing) throw new NetOpsError('DEVICE_NOT_FOUND', `Device ${id} no longer exists.`, { field: 'id' });
    if (input.name !== existing.name && (await this.prisma.device.findUnique({ where: { name: input.name } }))) {
      throw new NetOpsError('ALREADY_EXISTS', `A device named "${input.name}" exists already.`, { field: 'name' });
    }
    if (input.jumpHostName === input.name) throw new NetOpsError('VALIDATION_FAILED', 'A device cannot be its own jump host.', { field: 'jump_host' });
    const data = { name: input.name, ...(await this.dataOf(this.prisma, input)) };
    return toRecord(await this.prisma.device.update({ where: { id }, data, include: INCLUDE }));
  }

  async delete(id: string): Promise<DeviceRecord> {
    const row = await this.prisma.device.findUnique({ where: { id }, include: INCLUDE });
    if (!row) throw new NetOpsError('DEVICE_NOT_FOUND', `Device ${id} no longer exists.`, { field: 'id' });
    await this.prisma.device.delete({ where: { id } });
    return toRecord(row);
  }

  async groupCounts(by: DeviceGrouping): Promise<DeviceGroupCount[]> {
    const groups = new Map<string | null, DeviceGroupCount>();
    const add = (value: string | null, status: string, n: number) => {
      const group = groups.get(value) ?? { value, count: 0, statuses: { online: 0, offline: 0, unknown: 0 } };
      const s = status === 'online' || status === 'offline' ? status : 'unknown';
      group.count += n;
      group.statuses[s] += n;
      groups.set(value, group);
    };
    if (by === 'tag') {
      // tags is JSON text (portable across providers): the database groups by tag set, split here.
      for (const row of await this.prisma.device.groupBy({ by: ['tags', 'status'], _count: { _all: true } })) {
        const tags = [...new Set(JSON.parse(row.tags) as string[])];
        for (const tag of tags.length > 0 ? tags : [null]) add(tag, row.status, row._count._all);
      }
    } else {
      for (const row of await this.prisma.device.groupBy({ by: [by, 'status'], _count: { _all: true } })) add(row[by], row.status, row._count._all);
    }
    return [...groups.values()].sort((a, b) => b.count - a.count || String(a.value ?? '\uffff').localeCompare(String(b.value ?? '\uffff')));
  }

  async count(): Promise<number> {
    return this.prisma.device.count();
  }

  async statusCounts(): Promise<Record<string, number>> {
    const groups = await this.prisma.device.groupBy({ by: ['status'], _count: { _all: true } });
    return Object.fromEntries(groups.map((g) => [g.status, g._count._all]));
  }

  /**
   * Grouped by the database (Prisma's `distinct` would fetch every device and dedupe in memory: ~40 ms at
   * 10,000 devices). Tags are JSON text: the distinct tag sets are few, and are split here.
   */
  async filterChoices(): Promise<DeviceFilterChoices> {
    const [sites, platforms, tagSets] = await Promise.all([
      this.prisma.device.groupBy({ by: ['site'], where: { site: { not: null } }, orderBy: { site: 'asc' } }),
      this.prisma.device.groupBy({ by: ['platform'], orderBy: { platform: 'asc' } }),
      this.prisma.device.groupBy({ by: ['tags'] }),
    ]);
    const tags = new Set<string>();
    for (const r of tagSets) for (const t of JSON.parse(r.tags) as string[]) tags.add(t);
    return { sites: sites.map((s) => s.site).filter((s): s is string => s !== null), platforms: platforms.map((p) => p.platform), tags: [...tags].sort() };
  }

  async names(filter: { platforms?: readonly string[] | undefined }, limit: number): Promise<string[]> {
    const where = filter.platforms ? { platform: { in: [...filter.platforms] } } : {};
    return (await this.prisma.device.findMany({ where, select: { name: true }, orderBy: { name: 'asc' }, take: limit })).map((d) => d.name);
  }

  private async upsertWith(db: PrismaClient | PrismaTransactionClient, input: DeviceInput): Promise<{ record: DeviceRecord; created: boolean }> {
    if (input.jumpHostName === input.name) throw new NetOpsError('VALIDATION_FAILED', 'A device cannot be its own jump host.', { field: 'jump_host' });
    const data = await this.dataOf(db, input);
    const existing = await db.device.findUnique({ where: { name: input.name } });
    const row = existing
      ? await db.device.update({ where: { id: existing.id }, data, include: INCLUDE })
      : await db.device.create({ data: { name: input.name, ...data }, include: INCLUDE });
    return { record: toRecord(row), created: !existing };
  }

  /** The stored columns of an input, with credential and jump host names resolved to ids. */
  private async dataOf(db: PrismaClient | PrismaTransactionClient, input: DeviceInput) {
    const credentialId = input.credentialName ? await this.credentialId(db, input.credentialName) : null;
    const jumpHostId = input.jumpHostName ? (await db.device.findUnique({ where: { name: input.jumpHostName } }))?.id : null;
    if (input.jumpHostName && !jumpHostId) throw new NetOpsError('DEVICE_NOT_FOUND', `Jump host "${input.jumpHostName}" is not a known device.`, { field: 'jump_host' });
    return {
      host: input.host, port: input.port ?? 22, platform: input.platform, deviceType: input.deviceType ?? 'router',
      vendor: input.vendor ?? null, model: input.model ?? null, site: input.site ?? null, location: input.location ?? null,
      tags: JSON.stringify(input.tags ?? []), description: input.description ?? null, credentialId, jumpHostId: jumpHostId ?? null,
    };
  }

  private async credentialId(db: PrismaClient | PrismaTransactionClient, name: string): Promise<string> {
    const c = await db.credential.findUnique({ where: { name } });
    if (!c) throw new NetOpsError('CREDENTIAL_NOT_FOUND', `No credential named "${name}". Add it first: netops credential add ${name} --username USER`, { field: 'credential' });
    return c.id;
  }

  async endpoint(deviceId: string): Promise<DeviceEndpoint> {
    const row = await this.prisma.device.findUnique({ where: { id: deviceId }, include: { credential: true, jumpHost: { include: { credential: true } } } });
    if (!row) throw new NetOpsError('DEVICE_NOT_FOUND', `Device ${deviceId} no longer exists.`);
    const secrets = (c: typeof row.credential, device: string) => {
      if (!c) throw new NetOpsError('CREDENTIAL_NOT_FOUND', `Device ${device} has no credential: assign one before running workflows on it.`);
      const open = (v: string | null) => (v ? this.box.decrypt(v) : undefined);
      return { username: c.username, password: open(c.passwordEnc), privateKey: open(c.privateKeyEnc), passphrase: open(c.passphraseEnc), enableSecret: open(c.enableSecretEnc) };
    };
    const jump = row.jumpHost;
    return {
      name: row.name, host: row.host, port: row.port, platform: row.platform as PlatformName,
      secrets: secrets(row.credential, row.name), hostKeyFingerprint: row.hostKeyFingerprint,
      allowLegacyAlgorithms: row.allowLegacyAlgorithms,
      jumpHost: jump ? { name: jump.name, host: jump.host, port: jump.port, secrets: secrets(jump.credential, jump.name), hostKeyFingerprint: jump.hostKeyFingerprint } : null,
    };
  }

  async pinHostKey(deviceId: string, fingerprint: string): Promise<void> {
    // Only pins an unknown key: a changed key is refused by the connector and re-accepted by an admin.
    await this.prisma.device.updateMany({ where: { id: deviceId, hostKeyFingerprint: null }, data: { hostKeyFingerprint: fingerprint } });
  }

  async replaceHostKey(deviceId: string, fingerprint: string | null): Promise<void> {
    await this.prisma.device.update({ where: { id: deviceId }, data: { hostKeyFingerprint: fingerprint } });
  }

  async markSeen(deviceId: string, status: 'online' | 'offline'): Promise<void> {
    await this.prisma.device.update({ where: { id: deviceId }, data: { status, ...(status === 'online' ? { lastSeenAt: new Date() } : {}) } });
  }
}
