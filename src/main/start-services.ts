import type { Worker } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { reconcileRuns } from '../core/runs/reconcile-runs.ts';
import { startChatNotificationWorker } from '../notify/chat-notification-queue.ts';
import { startRunWorkers } from '../queue/run-workers.ts';
import { buildApp } from '../web/app.ts';
import type { AppContext } from './app-context.ts';
import type { ChatAdapter } from './chat-adapter.ts';
import { createDiscordAdapter } from './discord-wiring.ts';
import { createSlackAdapter } from './slack-wiring.ts';

export interface Services {
  app: FastifyInstance | null;
  url: string | null;
  chat: ChatAdapter[];
  stop(): Promise<void>;
}

/** Starts the web server and/or the workers on one context; stop() drains them in order. */
export async function startServices(ctx: AppContext, what: { web: boolean; worker: boolean }): Promise<Services> {
  const chat = (await Promise.all([createSlackAdapter(ctx), createDiscordAdapter(ctx)])).filter((a): a is ChatAdapter => a !== null);
  const workers = what.worker
    ? startRunWorkers({
        connection: ctx.redis, prefix: ctx.config.REDIS_PREFIX, concurrency: ctx.config.WORKER_CONCURRENCY, lockRetryMs: 1000, jobLockMs: ctx.config.WORKER_JOB_LOCK_MS,
        processor: ctx.processorDeps, approvals: ctx.approvalDeps, logger: ctx.logger.child({ component: 'worker' }),
      })
    : null;
  let notifications: Worker | null = null;
  if (what.worker && chat.length > 0) {
    notifications = startChatNotificationWorker({
      connection: ctx.redis, prefix: ctx.config.REDIS_PREFIX, runs: ctx.runs, notifiers: chat.map((c) => c.notifier),
      logger: ctx.logger.child({ component: 'chat-notify' }),
    });
  }
  let app: FastifyInstance | null = null;
  let url: string | null = null;
  if (what.web) {
    app = await buildApp(ctx, chat);
    url = await app.listen({ host: ctx.config.HOST, port: ctx.config.PORT });
    for (const adapter of chat) await adapter.start?.();
  }
  for (const adapter of chat) ctx.logger.info(adapter.describe());
  if (workers) await reconcileRuns(ctx.processorDeps, ctx.logger.child({ component: 'reconciler' }));
  if (workers) ctx.logger.info({ concurrency: ctx.config.WORKER_CONCURRENCY, workerId: ctx.processorDeps.workerId }, 'worker started');
  return {
    app, url, chat,
    async stop() {
      for (const adapter of chat) await adapter.stop?.();
      await app?.close();
      await notifications?.close();
      await workers?.close();
    },
  };
}

/** Runs until SIGINT/SIGTERM, then stops services and the context. */
export function stopOnSignal(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) process.exit(130);
    stopping = true;
    process.stderr.write(`\n${signal}: stopping…\n`);
    stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
