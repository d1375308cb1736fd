import type { WorkflowRepository, WorkflowSummary, WorkflowVersionRecord } from '../core/ports/workflow-repository.ts';
import { workflowDefinitionSchema, type WorkflowDefinition } from '../core/workflows/workflow-definition.ts';
import type { PrismaClient } from './prisma-client.ts';

interface VersionRow {
  id: string; version: number; definition: string;
  workflow: { id: string; name: string; status: string; allowDestructive: boolean };
}

function toVersion(row: VersionRow): WorkflowVersionRecord {
  return {
    workflowId: row.workflow.id, workflowName: row.workflow.name, status: row.workflow.status as WorkflowVersionRecord['status'],
    versionId: row.id, version: row.version, allowDestructive: row.workflow.allowDestructive,
    // Stored definitions were validated when saved; parsing again keeps the types honest.
    definition: workflowDefinitionSchema.parse(JSON.parse(row.definition)),
  };
}

const WF = { workflow: { select: { id: true, name: true, status: true, allowDestructive: true } } } as const;

/** Workflows with immutable versions: a run points at the version it was requested with. */
export class PrismaWorkflowRepository implements WorkflowRepository {
  constructor(private readonly prisma: PrismaClient) {}

  async findCurrent(name: string): Promise<WorkflowVersionRecord | null> {
    const wf = await this.prisma.workflow.findUnique({ where: { name } });
    if (!wf) return null;
    const row = await this.prisma.workflowVersion.findUnique({ where: { workflowId_version: { workflowId: wf.id, version: wf.currentVersion } }, include: WF });
    return row ? toVersion(row) : null;
  }

  async findVersion(versionId: string): Promise<WorkflowVersionRecord | null> {
    const row = await this.prisma.workflowVersion.findUnique({ where: { id: versionId }, include: WF });
    return row ? toVersion(row) : null;
  }

  async list(): Promise<WorkflowSummary[]> {
    const rows = await this.prisma.workflow.findMany({ orderBy: { name: 'asc' }, include: { versions: { orderBy: { version: 'desc' }, take: 1 } } });
    return rows.map((w) => {
      const def = w.versions[0] ? (JSON.parse(w.versions[0].definition) as WorkflowDefinition) : null;
      return {
        id: w.id, name: w.name, description: w.description, status: w.status as WorkflowSummary['status'],
        version: w.currentVersion, approval: def?.approval ?? 'none', platforms: def?.platforms ?? [], updatedAt: w.updatedAt,
      };
    });
  }

  async save(definition: WorkflowDefinition, yaml: string, actorName: string, options: { allowDestructive?: boolean } = {}): Promise<{ record: WorkflowVersionRecord; created: boolean; changed: boolean }> {
    const json = JSON.stringify(definition);
    return this.prisma.$transaction(async (tx) => {
      const wf = await tx.workflow.findUnique({ where: { name: definition.name } });
      if (!wf) {
        const created = await tx.workflow.create({
          data: { name: definition.name, description: definition.description ?? '', allowDestructive: options.allowDestructive ?? false, versions: { create: { version: 1, definition: json, yaml, createdBy: actorName } } },
        });
        const row = await tx.workflowVersion.findUniqueOrThrow({ where: { workflowId_version: { workflowId: created.id, version: 1 } }, include: WF });
        return { record: toVersion(row), created: true, changed: true };
      }
      const current = await tx.workflowVersion.findUniqueOrThrow({ where: { workflowId_version: { workflowId: wf.id, version: wf.currentVersion } }, include: WF });
      if (current.definition === json) return { record: toVersion(current), created: false, changed: false };
      const version = wf.currentVersion + 1;
      await tx.workflow.update({ where: { id: wf.id }, data: { currentVersion: version, description: definition.description ?? '', allowDestructive: options.allowDestructive ?? false } });
      const row = await tx.workflowVersion.create({ data: { workflowId: wf.id, version, definition: json, yaml, createdBy: actorName }, include: WF });
      return { record: toVersion(row), created: false, changed: true };
    });
  }

  async exportYaml(name: string): Promise<string | null> {
    const wf = await this.prisma.workflow.findUnique({ where: { name } });
    if (!wf) return null;
    const v = await this.prisma.workflowVersion.findUnique({ where: { workflowId_version: { workflowId: wf.id, version: wf.currentVersion } } });
    return v?.yaml ?? null;
  }
}
