import type { Worker } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { reconcileRuns } from '../core/runs/reconcile-runs.ts';
import { startChatNotificationWorker } from '../notify/chat-notification-queue.ts';
import { startRunWorkers } from '../queue/run-workers.ts';
import { startScheduleWorker } from '../queue/schedule-worker.ts';
import { startWebhookWorker } from '../queue/webhook-worker.ts';
import type { AppContext } from './app-context.ts';
import type { ChatAdapter } from './chat-adapter.ts';
import { createChatAdapters } from './chat-wiring.ts';

export interface Services {
  app: FastifyInstance | null;
  url: string | null;
  chat: ChatAdapter[];
  stop(): Promise<void>;
}

/** Starts the web server and/or the workers on one context; stop() drains them in order. */
export async function startServices(ctx: AppContext, what: { web: boolean; worker: boolean }): Promise<Services> {
  const chat = await createChatAdapters(ctx);
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
  const webhookWorker = what.worker
    ? startWebhookWorker({
        connection: ctx.redis, prefix: ctx.config.REDIS_PREFIX, deps: ctx.webhookDeps, logger: ctx.logger.child({ component: 'webhooks' }),
        audit: ctx.audit,
      })
    : null;
  const scheduleWorker = what.worker
    ? await startScheduleWorker({
        connection: ctx.redis, prefix: ctx.config.REDIS_PREFIX, deps: ctx.scheduleDeps, logger: ctx.logger.child({ component: 'schedules' }),
        audit: ctx.audit,
      })
    : null;
  let app: FastifyInstance | null = null;
  let url: string | null = null;
  if (what.web) {
    // The web stack (Fastify, its plugins, pages, views) is loaded by web processes only.
    const { buildApp } = await import('../web/app.ts');
    app = await buildApp(ctx, chat);
    url = await app.listen({ host: ctx.config.HOST, port: ctx.config.PORT });
    for (const adapter of chat) await adapter.start?.();
  }
  for (const adapter of chat) ctx.logger.info(adapter.describe());
  let reconciler: NodeJS.Timeout | null = null;
  let onRedisClose: (() => void) | null = null;
  let onRedisReady: (() => void) | null = null;
  if (workers) {
    const log = ctx.logger.child({ component: 'reconciler' });
    await reconcileRuns(ctx.processorDeps, log);
    // Again every minute: heals work whose queue job was lost while Redis was away, without a restart.
    const reconcile = () => void reconcileRuns(ctx.processorDeps, log).catch((err: unknown) => log.warn({ err: String(err) }, 'reconcile failed'));
    reconciler = setInterval(reconcile, 60_000);
    reconciler.unref();
    // And soon after Redis comes back from an outage: a Redis that restarted empty has lost the jobs of executions
    // nobody is left to settle, which would otherwise wait for the next minute's pass.
    let lost = false;
    onRedisClose = () => { lost = true; };
    onRedisReady = () => {
      if (!lost) return;
      lost = false;
      log.info('Redis is back: reconciling runs');
      setTimeout(reconcile, 2_000).unref();
    };
    ctx.redis.on('close', onRedisClose).on('ready', onRedisReady);
  }
  const workerId = ctx.processorDeps.workerId;
  if (workers) await ctx.audit.record({ type: 'SYSTEM', action: 'worker.started', actor: null, source: 'system', objectType: 'worker', objectId: workerId, message: `worker ${workerId} started (concurrency ${ctx.config.WORKER_CONCURRENCY})` });
  if (workers) ctx.logger.info({ concurrency: ctx.config.WORKER_CONCURRENCY, workerId: ctx.processorDeps.workerId }, 'worker started');
  return {
    app, url, chat,
    async stop() {
      if (reconciler) clearInterval(reconciler);
      if (onRedisClose) ctx.redis.off('close', onRedisClose);
      if (onRedisReady) ctx.redis.off('ready', onRedisReady);
      for (const adapter of chat) await adapter.stop?.();
      await app?.close();
      // Accepted chat commands were promised a run: let them finish before the context closes.
      await ctx.chatAdmission.drain();
      await notifications?.close();
      await scheduleWorker?.close();
      await webhookWorker?.close();
      await workers?.close();
      if (workers) await ctx.audit.record({ type: 'SYSTEM', action: 'worker.stopped', actor: null, source: 'system', objectType: 'worker', objectId: workerId, message: `worker ${workerId} stopped` });
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
