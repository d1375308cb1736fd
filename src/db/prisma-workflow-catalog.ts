import type { PageRequest } from '../core/ports/user-accounts.ts';
import type { WorkflowCatalog, WorkflowInfo, WorkflowStatus } from '../core/ports/workflow-catalog.ts';
import type { PrismaClient } from './prisma-client.ts';

const toInfo = (wf: Omit<WorkflowInfo, 'status'> & { status: string }): WorkflowInfo => ({
  id: wf.id, name: wf.name, description: wf.description, status: wf.status as WorkflowStatus, currentVersion: wf.currentVersion,
  allowDestructive: wf.allowDestructive, createdAt: wf.createdAt, updatedAt: wf.updatedAt,
});

/** Workflow administration on Prisma: lookup by id or name, version history, status, usage, delete. */
export class PrismaWorkflowCatalog implements WorkflowCatalog {
  constructor(private readonly prisma: PrismaClient) {}

  async find(idOrName: string): Promise<WorkflowInfo | null> {
    const wf = await this.prisma.workflow.findFirst({ where: { OR: [{ id: idOrName }, { name: idOrName }] } });
    return wf ? toInfo(wf) : null;
  }

  async versions(workflowId: string, page?: PageRequest) {
    const where = { workflowId };
    const [items, total] = await Promise.all([
      this.prisma.workflowVersion.findMany({
        where, orderBy: { version: 'desc' }, select: { version: true, createdBy: true, createdAt: true, yaml: true },
        ...(page ? { skip: (page.page - 1) * page.perPage, take: page.perPage } : {}),
      }),
      this.prisma.workflowVersion.count({ where }),
    ]);
    return { items, total };
  }

  async versionYaml(workflowId: string, version: number): Promise<string | null> {
    return (await this.prisma.workflowVersion.findUnique({ where: { workflowId_version: { workflowId, version } }, select: { yaml: true } }))?.yaml ?? null;
  }

  async setStatus(id: string, status: WorkflowStatus): Promise<WorkflowInfo> {
    return toInfo(await this.prisma.workflow.update({ where: { id }, data: { status } }));
  }

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
