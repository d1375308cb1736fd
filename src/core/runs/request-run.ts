import { requireRole, type Role } from '../approvals/roles.ts';
import { previewImplementation } from './run-preview.ts';
import { matchesTarget, parseTarget } from '../commands/target-selector.ts';
import { NetOpsError } from '../errors/index.ts';
import type { DeviceRepository, DeviceRecord } from '../ports/device-repository.ts';
import type { EventPublisher } from '../ports/event-publisher.ts';
import type { RunQueue } from '../ports/run-queue.ts';
import type { RunRepository } from '../ports/run-repository.ts';
import type { WorkflowRepository } from '../ports/workflow-repository.ts';
import { validateParams } from '../workflows/params.ts';
import { renderStages, type RenderedStages } from '../workflows/render-stages.ts';
import type { ChatThreadRef, RunRecord } from './run-records.ts';
import type { RunSource } from './run-status.ts';

export interface RunRequest {
  workflow: string;
  target: string;
  params: Record<string, unknown>;
  dryRun?: boolean | undefined;
  source: RunSource;
  requester: { id: string | null; name: string; role: Role };
  chat?: ChatThreadRef | null | undefined;
  scheduleId?: string | null | undefined;
  /** Same key → same run: a retried chat request or double-clicked form creates one run. */
  idempotencyKey?: string | null | undefined;
  /** Runs from a schedule created by an approver skip the approval step. */
  preApproved?: boolean | undefined;
}

export interface RequestRunDeps {
  workflows: WorkflowRepository;
  devices: DeviceRepository;
  runs: RunRepository;
  queue: RunQueue;
  events: EventPublisher;
  approvalTtlMinutes: number;
  now?: () => Date;
}

export interface RequestRunResult {
  run: RunRecord;
  devices: DeviceRecord[];
  rendered: RenderedStages;
  /** The implementation commands as they will be sent to these devices (per platform when they differ). */
  preview: string[];
  /** False when the idempotency key matched an existing run. */
  created: boolean;
}

/** A target of only this many names is looked up by name; anything else reads the device list once. */
const NAME_LOOKUP_LIMIT = 20;

/** Resolves the target's devices (sorted by name); every listed name must exist. */
export async function resolveTargetDevices(devices: DeviceRepository, target: string): Promise<DeviceRecord[]> {
  const selector = parseTarget(target);
  const namesOnly = selector.tags.length + selector.sites.length + selector.platforms.length === 0 && selector.names.length <= NAME_LOOKUP_LIMIT;
  // The common `run X on sw1` must not read every device of a large inventory.
  const all = namesOnly
    ? (await Promise.all(selector.names.map((n) => devices.findByName(n)))).filter((d): d is DeviceRecord => d !== null).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    : await devices.listAll();
  const missing = selector.names.filter((n) => !all.some((d) => d.name === n));
  if (missing.length > 0) {
    throw new NetOpsError('DEVICE_NOT_FOUND', `No device named ${missing.map((m) => `"${m}"`).join(', ')}.`, {
      field: 'target',
      missing,
    });
  }
  const matched = all.filter((d) => matchesTarget(selector, d));
  if (matched.length === 0) {
    throw new NetOpsError('DEVICE_NOT_FOUND', `Target "${target}" matches no device.`, { field: 'target' });
  }
  return matched;
}

/**
 * Validates everything up front (workflow, devices, platforms, params, templates) so that a bad request
 * queues nothing; then stores the run with one execution per device and queues it or asks for approval.
 */
export async function requestRun(deps: RequestRunDeps, req: RunRequest): Promise<RequestRunResult> {
  requireRole(req.requester, 'operator', 'starting a run');
  if (req.idempotencyKey) {
    const existing = await deps.runs.findByIdempotencyKey(req.idempotencyKey);
    if (existing) return { run: existing, devices: [], ...(await renderFor(deps, existing)), created: false };
  }
  const workflow = await deps.workflows.findCurrent(req.workflow);
  if (!workflow) {
    const known = (await deps.workflows.list()).map((w) => w.name);
    throw new NetOpsError('WORKFLOW_NOT_FOUND', `No workflow named "${req.workflow}". Known: ${known.join(', ') || 'none'}.`, {
      field: 'workflow',
      known,
    });
  }
  if (workflow.status !== 'active') {
    throw new NetOpsError('WORKFLOW_NOT_ACTIVE', `Workflow "${workflow.workflowName}" is ${workflow.status}; only active workflows run.`, {
      field: 'workflow',
    });
  }
  const def = workflow.definition;
  const targetDevices = await resolveTargetDevices(deps.devices, req.target);
  const unsupported = targetDevices.filter((d) => !def.platforms.includes(d.platform));
  if (unsupported.length > 0) {
    throw new NetOpsError(
      'PLATFORM_NOT_SUPPORTED',
      `Workflow "${def.name}" supports ${def.platforms.join(', ')}; not: ${unsupported.map((d) => `${d.name} (${d.platform})`).join(', ')}.`,
      { field: 'target', devices: unsupported.map((d) => d.name) },
    );
  }
  const params = validateParams(def.params, req.params);
  const rendered = renderStages(def, params);

  const now = deps.now?.() ?? new Date();
  const dryRun = req.dryRun ?? false;
  const needsApproval = def.approval === 'required' && !dryRun && !req.preApproved;
  const run = await deps.runs.create({
    workflowId: workflow.workflowId,
    workflowVersionId: workflow.versionId,
    target: req.target,
    params,
    dryRun,
    status: needsApproval ? 'pending_approval' : 'queued',
    source: req.source,
    requesterId: req.requester.id,
    requesterName: req.requester.name,
    expiresAt: needsApproval ? new Date(now.getTime() + deps.approvalTtlMinutes * 60_000) : null,
    chat: req.chat ?? null,
    scheduleId: req.scheduleId ?? null,
    idempotencyKey: req.idempotencyKey ?? null,
    devices: targetDevices.map((d) => ({ id: d.id, name: d.name })),
  });
  try {
    if (needsApproval && run.expiresAt) await deps.queue.scheduleApprovalExpiry(run.id, run.expiresAt);
    else await deps.queue.enqueueRun(run.id);
  } catch (err) {
    // Nothing half-done: a run that cannot be queued ends now instead of waiting silently.
    const reason = `the run queue (Redis) is unavailable: ${err instanceof Error ? err.message : String(err)}`;
    await deps.runs.transitionRun(run.id, ['queued', 'pending_approval'], 'failed', { finishedAt: new Date(), error: reason });
    await deps.runs.transitionExecutionsOfRun(run.id, 'cancelled');
    throw new NetOpsError('QUEUE_UNAVAILABLE', `Run #${run.number} could not be queued because Redis is not answering; it was marked failed and nothing was sent. Try again when Redis is back.`, { runId: run.id, runNumber: run.number });
  }
  await deps.events.publish({
    type: 'run.requested',
    runId: run.id,
    runNumber: run.number,
    runStatus: run.status,
    at: now.toISOString(),
    summary: `${run.requesterName} requested ${def.name} on ${req.target}${dryRun ? ' (dry run)' : ''}`,
  });
  const preview = previewImplementation(def, params, targetDevices.map((d) => d.platform));
  return { run, devices: targetDevices, rendered, preview, created: true };
}

/** An existing run's stages; its devices are not looked up, so the preview goes by the workflow's platforms. */
async function renderFor(deps: RequestRunDeps, run: RunRecord): Promise<{ rendered: RenderedStages; preview: string[] }> {
  const wf = await deps.workflows.findCurrent(run.workflowName);
  if (!wf) throw new NetOpsError('WORKFLOW_NOT_FOUND', `Workflow "${run.workflowName}" no longer exists.`);
  return { rendered: renderStages(wf.definition, run.params), preview: previewImplementation(wf.definition, run.params) };
}
