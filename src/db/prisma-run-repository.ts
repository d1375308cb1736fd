import { createHash } from 'node:crypto';
import type {
  ExecutionPatch, NewCommandResult, NewRun, RunFilter, RunPatch, RunRef, RunRepository,
} from '../core/ports/run-repository.ts';
import type { ChatThreadRef, CommandResultRecord, ExecutionDetail, ExecutionRecord, RunDetail, RunRecord } from '../core/runs/run-records.ts';
import type { ExecutionStatus, RunStatus } from '../core/runs/run-status.ts';
import { nextCounter } from './counters.ts';
import type { PrismaClient } from './prisma-client.ts';
import { RUN_INCLUDE, toCommandResultRecord, toExecutionRecord, toRunRecord } from './run-mappers.ts';

const whereRef = (ref: RunRef) => ('id' in ref ? { id: ref.id } : { number: ref.number });

/** Runs, executions and results on Prisma. Status changes are conditional `updateMany`s. */
export class PrismaRunRepository implements RunRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async create(run: NewRun): Promise<RunRecord> {
    const number = await nextCounter(this.prisma, 'run');
    const row = await this.prisma.run.create({
      data: {
        number, workflowId: run.workflowId, workflowVersionId: run.workflowVersionId, target: run.target,
        params: JSON.stringify(run.params), dryRun: run.dryRun, status: run.status, source: run.source,
        requesterId: run.requesterId, requesterName: run.requesterName, expiresAt: run.expiresAt,
        chatPlatform: run.chat?.platform ?? null, chatChannelId: run.chat?.channelId ?? null,
        chatMessageId: run.chat?.messageId ?? null, chatThreadId: run.chat?.threadId ?? null,
        scheduleId: run.scheduleId, idempotencyKey: run.idempotencyKey,
        executions: { create: run.devices.map((d) => ({ deviceId: d.id, deviceName: d.name })) },
      },
      include: RUN_INCLUDE,
    });
    return toRunRecord(row);
  }

  async findByIdempotencyKey(key: string): Promise<RunRecord | null> {
    const row = await this.prisma.run.findUnique({ where: { idempotencyKey: key }, include: RUN_INCLUDE });
    return row ? toRunRecord(row) : null;
  }

  async get(ref: RunRef): Promise<RunRecord | null> {
    const row = await this.prisma.run.findUnique({ where: whereRef(ref), include: RUN_INCLUDE });
    return row ? toRunRecord(row) : null;
  }

  async runStatus(id: string): Promise<RunStatus | null> {
    const row = await this.prisma.run.findUnique({ where: { id }, select: { status: true } });
    return row ? (row.status as RunStatus) : null;
  }

  async detail(ref: RunRef): Promise<RunDetail | null> {
    const row = await this.prisma.run.findUnique({
      where: whereRef(ref),
      include: { ...RUN_INCLUDE, executions: { orderBy: { deviceName: 'asc' }, include: { commandResults: { orderBy: { seq: 'asc' } } } } },
    });
    if (!row) return null;
    return {
      ...toRunRecord(row),
      executions: row.executions.map((e) => ({ ...toExecutionRecord(e), commandResults: e.commandResults.map(toCommandResultRecord), diff: null })),
    };
  }

  async list(filter: RunFilter, page: { page: number; perPage: number }): Promise<{ items: RunRecord[]; total: number }> {
    const where = {
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.source ? { source: filter.source } : {}),
      ...(filter.requester ? { requesterName: filter.requester } : {}),
      ...(filter.workflow ? { workflow: { name: filter.workflow } } : {}),
      ...(filter.device ? { executions: { some: { deviceName: filter.device } } } : {}),
      ...(filter.createdFrom || filter.createdBefore
        ? { createdAt: { ...(filter.createdFrom ? { gte: filter.createdFrom } : {}), ...(filter.createdBefore ? { lt: filter.createdBefore } : {}) } }
        : {}),
    };
    const [rows, total] = await Promise.all([
      this.prisma.run.findMany({ where, include: RUN_INCLUDE, orderBy: { number: 'desc' }, skip: (page.page - 1) * page.perPage, take: page.perPage }),
      this.prisma.run.count({ where }),
    ]);
    return { items: rows.map(toRunRecord), total };
  }

  async runsInStatus(statuses: readonly RunStatus[], order: 'asc' | 'desc', take: number): Promise<RunRecord[]> {
    const rows = await this.prisma.run.findMany({ where: { status: { in: [...statuses] } }, include: RUN_INCLUDE, orderBy: { createdAt: order }, take });
    return rows.map(toRunRecord);
  }

  async runStatusCounts(from: Date, before: Date): Promise<Partial<Record<RunStatus, number>>> {
    const groups = await this.prisma.run.groupBy({ by: ['status'], where: { createdAt: { gte: from, lt: before } }, _count: { _all: true } });
    return Object.fromEntries(groups.map((g) => [g.status, g._count._all]));
  }

  async transitionRun(id: string, from: readonly RunStatus[], to: RunStatus, patch: RunPatch = {}): Promise<boolean> {
    const { count } = await this.prisma.run.updateMany({ where: { id, status: { in: [...from] } }, data: { ...patch, status: to } });
    return count === 1;
  }

  async setChatThread(id: string, chat: ChatThreadRef): Promise<void> {
    await this.prisma.run.update({
      where: { id },
      data: { chatPlatform: chat.platform, chatChannelId: chat.channelId, chatMessageId: chat.messageId, chatThreadId: chat.threadId },
    });
  }

  async execution(id: string): Promise<ExecutionRecord | null> {
    const row = await this.prisma.execution.findUnique({ where: { id } });
    return row ? toExecutionRecord(row) : null;
  }

  async unfinishedExecutions(): Promise<ExecutionRecord[]> {
    const rows = await this.prisma.execution.findMany({
      where: { status: { in: ['queued', 'waiting_for_device', 'running'] }, run: { status: 'running' } },
      orderBy: { createdAt: 'asc' },
    });
    return rows.map(toExecutionRecord);
  }

  async waitingForDevice(deviceId: string): Promise<string[]> {
    const rows = await this.prisma.execution.findMany({ where: { deviceId, status: 'waiting_for_device' }, select: { id: true }, orderBy: { createdAt: 'asc' } });
    return rows.map((r) => r.id);
  }

  async runIdsInStatus(statuses: readonly RunStatus[]): Promise<string[]> {
    const rows = await this.prisma.run.findMany({ where: { status: { in: [...statuses] } }, select: { id: true }, orderBy: { createdAt: 'asc' } });
    return rows.map((r) => r.id);
  }

  async executions(runId: string): Promise<ExecutionRecord[]> {
    const rows = await this.prisma.execution.findMany({ where: { runId }, orderBy: { deviceName: 'asc' } });
    return rows.map(toExecutionRecord);
  }

  async executionStatusCounts(runId: string): Promise<Partial<Record<ExecutionStatus, number>>> {
    const groups = await this.prisma.execution.groupBy({ by: ['status'], where: { runId }, _count: { _all: true } });
    return Object.fromEntries(groups.map((g) => [g.status, g._count._all])) as Partial<Record<ExecutionStatus, number>>;
  }

  async queuedExecutionIds(runId: string, limit: number): Promise<string[]> {
    if (limit <= 0) return [];
    const rows = await this.prisma.execution.findMany({ where: { runId, status: 'queued' }, select: { id: true }, orderBy: { deviceName: 'asc' }, take: limit });
    return rows.map((r) => r.id);
  }

  async executionDetail(id: string): Promise<ExecutionDetail | null> {
    const row = await this.prisma.execution.findUnique({ where: { id }, include: { commandResults: { orderBy: { seq: 'asc' } } } });
    return row ? { ...toExecutionRecord(row), commandResults: row.commandResults.map(toCommandResultRecord), diff: null } : null;
  }

  async transitionExecution(id: string, from: readonly ExecutionStatus[], to: ExecutionStatus, patch: ExecutionPatch = {}): Promise<boolean> {
    const { count } = await this.prisma.execution.updateMany({ where: { id, status: { in: [...from] } }, data: { ...patch, status: to } });
    return count === 1;
  }

  async transitionExecutionsOfRun(runId: string, to: ExecutionStatus, from: readonly ExecutionStatus[] = ['queued', 'waiting_for_device']): Promise<number> {
    const { count } = await this.prisma.execution.updateMany({
      where: { runId, status: { in: [...from] } },
      data: { status: to, finishedAt: new Date() },
    });
    return count;
  }

  async updateRunningExecution(id: string, patch: ExecutionPatch): Promise<void> {
    await this.prisma.execution.updateMany({ where: { id, status: 'running' }, data: patch });
  }

  async addCommandResult(r: NewCommandResult): Promise<CommandResultRecord> {
    // One execution is processed by one worker at a time, so count-then-insert gives a gapless order.
    const seq = (await this.prisma.commandResult.count({ where: { executionId: r.executionId } })) + 1;
    const row = await this.prisma.commandResult.create({
      data: {
        executionId: r.executionId, stage: r.stage, seq, mode: r.mode, command: r.command, output: r.output,
        durationMs: Math.round(r.durationMs), verdict: r.verdict, check: r.check == null ? null : JSON.stringify(r.check),
        reason: r.reason, errorMarker: r.errorMarker,
      },
    });
    return toCommandResultRecord(row);
  }

  async saveSnapshot(input: { deviceId: string; executionId: string | null; kind: 'before' | 'after' | 'manual'; content: string }): Promise<string> {
    const hash = createHash('sha256').update(input.content).digest('hex');
    await this.prisma.configBlob
      .upsert({ where: { hash }, create: { hash, content: input.content, size: Buffer.byteLength(input.content) }, update: {} })
      .catch((err: { code?: string }) => {
        if (err.code !== 'P2002') throw err; // two devices stored the same config at once: it is there
      });
    await this.prisma.configSnapshot.create({ data: { deviceId: input.deviceId, executionId: input.executionId, kind: input.kind, hash } });
    return hash;
  }

  async beforeAfterSnapshots(executionIds: readonly string[]): Promise<Map<string, { before: string | null; after: string | null }>> {
    const rows = await this.prisma.configSnapshot.findMany({
      where: { executionId: { in: [...executionIds] }, kind: { in: ['before', 'after'] } }, include: { blob: true }, orderBy: { createdAt: 'asc' },
    });
    const out = new Map<string, { before: string | null; after: string | null }>();
    for (const r of rows) {
      if (!r.executionId) continue;
      const pair = out.get(r.executionId) ?? { before: null, after: null };
      if (r.kind === 'before' && pair.before === null) pair.before = r.blob.content;
      if (r.kind === 'after') pair.after = r.blob.content;
      out.set(r.executionId, pair);
    }
    return out;
  }

  async snapshots(executionId: string): Promise<{ kind: string; content: string }[]> {
    const rows = await this.prisma.configSnapshot.findMany({ where: { executionId }, include: { blob: true }, orderBy: { createdAt: 'asc' } });
    return rows.map((r) => ({ kind: r.kind, content: r.blob.content }));
  }
}
