import { NetOpsError } from '../../core/errors/index.ts';
import type { PrismaClient } from '../../db/prisma-client.ts';

export type WorkflowStatus = 'draft' | 'active' | 'archived';

export interface WorkflowRow {
  id: string;
  name: string;
  description: string;
  status: WorkflowStatus;
  currentVersion: number;
  allowDestructive: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/**
 * Workflow reads and writes the API needs beyond the WorkflowRepository port (by id, versions page,
 * status, delete). Kept here on the Prisma client until the port grows them (src/db is not the API's to change).
 */
export class ApiWorkflowStore {
  constructor(private readonly prisma: PrismaClient) {}

  async require(idOrName: string): Promise<WorkflowRow> {
    const wf = await this.prisma.workflow.findFirst({ where: { OR: [{ id: idOrName }, { name: idOrName }] } });
    if (!wf) throw new NetOpsError('WORKFLOW_NOT_FOUND', `No workflow "${idOrName}" (by id or name).`, { field: 'id' });
    return { ...wf, status: wf.status as WorkflowStatus };
  }

  async versions(workflowId: string, page: { page: number; perPage: number }) {
    const where = { workflowId };
    const [items, total] = await Promise.all([
      this.prisma.workflowVersion.findMany({ where, orderBy: { version: 'desc' }, skip: (page.page - 1) * page.perPage, take: page.perPage }),
      this.prisma.workflowVersion.count({ where }),
    ]);
    return { items, total };
  }

  async versionYaml(workflowId: string, version: number): Promise<string | null> {
    return (await this.prisma.workflowVersion.findUnique({ where: { workflowId_version: { workflowId, version } }, select: { yaml: true } }))?.yaml ?? null;
  }

  async setStatus(id: string, status: WorkflowStatus): Promise<WorkflowRow> {
    const wf = await this.prisma.workflow.update({ where: { id }, data: { status } });
    return { ...wf, status: wf.status as WorkflowStatus };
  }

  /** What still refers to the workflow: runs (history) and schedules (future runs). */
  async usage(id: string): Promise<{ runs: number; schedules: string[] }> {
    const [runs, schedules] = await Promise.all([
      this.prisma.run.count({ where: { workflowId: id } }),
      this.prisma.schedule.findMany({ where: { workflowId: id }, select: { name: true }, orderBy: { name: 'asc' } }),
    ]);
    return { runs, schedules: schedules.map((s) => s.name) };
  }

  async delete(id: string): Promise<void> {
    await this.prisma.workflow.delete({ where: { id } });
  }
}
