import { approveRun, rejectRun, type ApprovalDeps } from '../approvals/decide-approval.ts';
import { hasRole } from '../approvals/roles.ts';
import { parseChatCommand } from '../commands/chat-command-parser.ts';
import type { ChatIntent } from '../commands/chat-intent.ts';
import { helpText, USAGE } from '../commands/help-text.ts';
import { matchesTarget, parseTarget } from '../commands/target-selector.ts';
import { asNetOpsError } from '../errors/index.ts';
import type { DeviceRepository } from '../ports/device-repository.ts';
import type { RunRepository } from '../ports/run-repository.ts';
import type { WorkflowRepository } from '../ports/workflow-repository.ts';
import { cancelRun } from '../runs/cancel-run.ts';
import { getRunDetail } from '../runs/get-run-detail.ts';
import { requestRun, type RequestRunDeps } from '../runs/request-run.ts';
import type { ChatActor } from './chat-actor.ts';
import type { ChatReply } from './chat-reply.ts';
import { toRunView } from './run-view.ts';

export interface ChatCommandDeps {
  requestDeps: RequestRunDeps;
  approvalDeps: ApprovalDeps;
  runs: RunRepository;
  devices: DeviceRepository;
  workflows: WorkflowRepository;
  baseUrl: string;
}

export interface ChatOrigin {
  channelId: string;
  /** e.g. Slack's trigger_id or Discord's interaction id: a retried delivery creates one run. */
  requestId?: string | undefined;
}

const LIST_LIMIT = 25;

/** Parses chat text and runs it; never throws: errors come back as an ephemeral reply with usage. */
export async function handleChatCommand(deps: ChatCommandDeps, actor: ChatActor, text: string, origin: ChatOrigin): Promise<ChatReply> {
  let intent: ChatIntent | null = null;
  try {
    intent = parseChatCommand(text);
    return await executeChatIntent(deps, actor, intent, origin);
  } catch (err) {
    const e = asNetOpsError(err);
    const details = e.details as { usage?: string } | undefined;
    return {
      kind: 'error', visibility: 'ephemeral', code: e.code,
      message: e.code === 'INTERNAL' ? 'Something went wrong on our side; the server log has the details.' : e.message,
      usage: details?.usage ?? (intent ? USAGE[intent.kind] : null),
    };
  }
}

export async function executeChatIntent(deps: ChatCommandDeps, actor: ChatActor, intent: ChatIntent, origin: ChatOrigin): Promise<ChatReply> {
  const base = deps.baseUrl;
  switch (intent.kind) {
    case 'help':
      return { kind: 'text', visibility: 'ephemeral', title: 'NetOps Bot', text: helpText(intent.topic ?? undefined) };
    case 'whoami':
      return {
        kind: 'text', visibility: 'ephemeral', title: 'Who am I',
        text: actor.mapped
          ? `You are ${actor.name} (role ${actor.role}).`
          : `Your ${actor.platform} account (${actor.externalId}) is not linked to a NetOps user, so you have the default role ${actor.role}. An admin can link it: netops user add NAME --role operator --${actor.platform}-id ${actor.externalId}`,
      };
    case 'devices': {
      const all = await deps.devices.listAll();
      const f = intent.filter;
      const matched = !f ? all : f.includes(':') ? all.filter((d) => matchesTarget(parseTarget(f), d)) : all.filter((d) => d.name.includes(f) || d.host.includes(f));
      return {
        kind: 'list', visibility: 'ephemeral', title: `Devices${f ? ` matching ${f}` : ''} (${matched.length})`, more: Math.max(0, matched.length - LIST_LIMIT),
        items: matched.slice(0, LIST_LIMIT).map((d) => ({ name: d.name, detail: `${d.platform} · ${d.host}:${d.port}${d.site ? ` · site ${d.site}` : ''}${d.tags.length ? ` · ${d.tags.join(', ')}` : ''} · ${d.status}` })),
      };
    }
    case 'workflows': {
      const wfs = (await deps.workflows.list()).filter((w) => w.status === 'active');
      return {
        kind: 'list', visibility: 'ephemeral', title: `Workflows (${wfs.length})`, more: 0,
        items: wfs.map((w) => ({ name: w.name, detail: `${w.description || 'no description'} · ${w.platforms.join(', ')}${w.approval === 'required' ? ' · needs approval' : ''}` })),
      };
    }
    case 'history': {
      const { items, total } = await deps.runs.list({ device: intent.device ?? undefined }, { page: 1, perPage: 10 });
      return {
        kind: 'list', visibility: 'ephemeral', title: `Recent runs${intent.device ? ` on ${intent.device}` : ''}`, more: Math.max(0, total - items.length),
        items: items.map((r) => ({ name: `#${r.number} ${r.workflowName}`, detail: `${r.status} · ${r.target} · by ${r.requesterName} · ${r.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` })),
      };
    }
    case 'run': {
      const { run, preview } = await requestRun(deps.requestDeps, {
        workflow: intent.workflow, target: intent.targetText, params: intent.params, dryRun: intent.dryRun,
        source: actor.platform, requester: { id: actor.userId, name: actor.name, role: actor.role },
        chat: { platform: actor.platform, channelId: origin.channelId, messageId: null, threadId: null },
        idempotencyKey: origin.requestId ? `${actor.platform}:${origin.requestId}` : null,
      });
      return { kind: 'run_requested', visibility: 'public', run: toRunView(run, base, preview) };
    }
    case 'status':
      return { kind: 'run_status', visibility: 'ephemeral', run: toRunView(await getRunDetail(deps, intent.runRef), base) };
    case 'diff': {
      const detail = await getRunDetail(deps, intent.runRef);
      return { kind: 'diff', visibility: 'ephemeral', run: toRunView(detail, base), diffs: detail.executions.map((e) => ({ device: e.deviceName, diff: e.diff })) };
    }
    case 'approve':
    case 'reject': {
      const who = { id: actor.userId, name: actor.name, role: actor.role, source: actor.platform };
      const run = intent.kind === 'approve'
        ? await approveRun(deps.approvalDeps, intent.runRef, who, intent.comment ?? undefined)
        : await rejectRun(deps.approvalDeps, intent.runRef, who, intent.reason ?? undefined);
      return { kind: 'run_decided', visibility: 'ephemeral', run: toRunView(run, base), message: `Run #${run.number} ${intent.kind === 'approve' ? 'approved' : 'rejected'}.` };
    }
    case 'cancel': {
      const run = await cancelRun({ runs: deps.runs, events: deps.approvalDeps.events }, intent.runRef, { ...actor, source: actor.platform });
      return { kind: 'run_decided', visibility: 'ephemeral', run: toRunView(run, base), message: `Run #${run.number} cancelled${hasRole(actor.role, 'approver') ? '' : ' (requested by you)'}.` };
    }
  }
}
