import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaErrorCodes, prismaErrorCode } from '../../../src/db/prisma-errors.ts';
import { createTestDatabase, testProviders, type TestDatabase } from '../../helpers/test-db.ts';

describe.each(testProviders)('the models on %s', (provider) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await db?.drop();
  });

  async function workflowWithVersion(name: string) {
    const workflow = await db.prisma.workflow.create({
      data: { name, versions: { create: { version: 1, definition: '{"name":"x"}', yaml: 'name: x\n' } } },
      include: { versions: true },
    });
    return { workflow, version: workflow.versions[0]! };
  }

  it('stores a device with its credential and jump host, and unlinks them when they are deleted', async () => {
    const credential = await db.prisma.credential.create({ data: { name: 'lab-admin', username: 'admin', passwordEnc: 'v1:iv:tag:ct' } });
    const bastion = await db.prisma.device.create({ data: { name: 'bastion', host: '192.0.2.10', platform: 'linux' } });
    const device = await db.prisma.device.create({
      data: { name: 'access-sw1', host: '192.0.2.11', platform: 'cisco_ios', site: 'lab', tags: '["core"]', credentialId: credential.id, jumpHostId: bastion.id },
    });

    const read = await db.prisma.device.findUniqueOrThrow({ where: { name: 'access-sw1' }, include: { credential: true, jumpHost: true } });
    expect(read).toMatchObject({ port: 22, deviceType: 'router', status: 'unknown', allowLegacyAlgorithms: false, tags: '["core"]' });
    expect(read.credential?.username).toBe('admin');
    expect(read.jumpHost?.name).toBe('bastion');
    expect(read.createdAt).toBeInstanceOf(Date);

    await db.prisma.credential.delete({ where: { id: credential.id } });
    await db.prisma.device.delete({ where: { id: bastion.id } });
    expect(await db.prisma.device.findUniqueOrThrow({ where: { id: device.id } })).toMatchObject({ credentialId: null, jumpHostId: null });
  });

  it('stores a run with executions and ordered command results, and deletes them with the run', async () => {
    const { workflow, version } = await workflowWithVersion('add-vlan');
    const device = await db.prisma.device.create({ data: { name: 'dist-sw1', host: '192.0.2.20', platform: 'arista_eos' } });
    const run = await db.prisma.run.create({
      data: {
        number: 1, workflowId: workflow.id, workflowVersionId: version.id, target: 'dist-sw1', params: '{"vlan_id":120}',
        source: 'cli', requesterName: 'alice',
        executions: {
          create: {
            deviceId: device.id, deviceName: device.name,
            commandResults: {
              create: [
                { stage: 'pre_check', seq: 2, command: 'show vlan id 120', verdict: 'passed' },
                { stage: 'pre_check', seq: 1, command: 'terminal length 0', verdict: 'passed' },
              ],
            },
          },
        },
      },
    });

    const read = await db.prisma.run.findUniqueOrThrow({
      where: { number: 1 },
      include: { executions: { include: { commandResults: { orderBy: { seq: 'asc' } } } }, workflow: true },
    });
    expect(read).toMatchObject({ status: 'queued', dryRun: false, workflow: { name: 'add-vlan' } });
    expect(read.executions).toHaveLength(1);
    expect(read.executions[0]!.commandResults.map((r) => r.command)).toEqual(['terminal length 0', 'show vlan id 120']);

    await db.prisma.run.delete({ where: { id: run.id } });
    expect(await db.prisma.execution.count({ where: { runId: run.id } })).toBe(0);
    expect(await db.prisma.commandResult.count()).toBe(0);
    expect(await db.prisma.device.count({ where: { id: device.id } })).toBe(1);
  });

  it('deletes a device that has executions and keeps their history under its name', async () => {
    const { workflow, version } = await workflowWithVersion('show-version');
    const device = await db.prisma.device.create({ data: { name: 'core-r1', host: '192.0.2.30', platform: 'juniper_junos' } });
    await db.prisma.run.create({
      data: {
        number: 2, workflowId: workflow.id, workflowVersionId: version.id, target: 'core-r1', source: 'web', requesterName: 'bob',
        executions: { create: { deviceId: device.id, deviceName: device.name } },
      },
    });
    await db.prisma.device.delete({ where: { id: device.id } });
    const kept = await db.prisma.execution.findFirstOrThrow({ where: { deviceName: 'core-r1' } });
    expect(kept.deviceId).toBeNull();
  });

  it('deletes a device\'s snapshots with it and keeps the shared config blob', async () => {
    const device = await db.prisma.device.create({ data: { name: 'edge-fw1', host: '192.0.2.40', platform: 'linux' } });
    const blob = await db.prisma.configBlob.create({ data: { hash: 'sha256-abc', content: 'hostname edge-fw1\n', size: 18 } });
    await db.prisma.configSnapshot.createMany({
      data: [
        { deviceId: device.id, kind: 'before', hash: blob.hash },
        { deviceId: device.id, kind: 'after', hash: blob.hash },
      ],
    });
    expect(await db.prisma.configSnapshot.count({ where: { deviceId: device.id } })).toBe(2);

    await db.prisma.device.delete({ where: { id: device.id } });
    expect(await db.prisma.configSnapshot.count({ where: { deviceId: device.id } })).toBe(0);
    expect(await db.prisma.configBlob.count({ where: { hash: blob.hash } })).toBe(1);
  });

  it('reports unique and foreign key violations with the same Prisma codes on both providers', async () => {
    await db.prisma.user.create({ data: { name: 'erin' } });
    expect(prismaErrorCode(await db.prisma.user.create({ data: { name: 'erin' } }).catch((err: unknown) => err))).toBe(PrismaErrorCodes.UNIQUE_VIOLATION);
    const orphan = await db.prisma.apiToken.create({ data: { userId: 'nobody', name: 't', prefix: 'p', tokenHash: 'x' } }).catch((err: unknown) => err);
    expect(prismaErrorCode(orphan)).toBe(PrismaErrorCodes.FOREIGN_KEY_VIOLATION);
    const missing = await db.prisma.user.delete({ where: { name: 'nobody' } }).catch((err: unknown) => err);
    expect(prismaErrorCode(missing)).toBe(PrismaErrorCodes.RECORD_NOT_FOUND);
    expect(prismaErrorCode(new Error('plain'))).toBeUndefined();
  });

  it('enforces the unique keys the repositories rely on', async () => {
    await db.prisma.user.create({ data: { name: 'carol', chatIdentities: { create: { platform: 'slack', externalId: 'U123', workspaceId: 'T1' } } } });
    await expect(db.prisma.user.create({ data: { name: 'carol' } })).rejects.toMatchObject({ code: 'P2002' });
    const dave = await db.prisma.user.create({ data: { name: 'dave' } });
    await expect(
      db.prisma.chatIdentity.create({ data: { userId: dave.id, platform: 'slack', externalId: 'U123', workspaceId: 'T1' } }),
    ).rejects.toMatchObject({ code: 'P2002' });
  });
});
