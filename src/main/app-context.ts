import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/load-config.ts';
import { resolveSecretKey } from '../config/secret-key.ts';
import type { ApprovalDeps } from '../core/approvals/decide-approval.ts';
import { requestRun, type RequestRunDeps } from '../core/runs/request-run.ts';
import type { ScheduleDeps } from '../core/schedules/schedule-deps.ts';
import { createAddressPolicy } from '../core/webhooks/address-policy.ts';
import type { WebhookDeps } from '../core/webhooks/webhook-deps.ts';
import { createSecretBox, type SecretBox } from '../core/secrets/secret-box.ts';
import { openDatabase, type Database } from '../db/database.ts';
import { applyMigrations } from '../db/migrator.ts';
import { PrismaAuditLog } from '../db/prisma-audit-log.ts';
import { PrismaConfigSnapshots } from '../db/prisma-config-snapshots.ts';
import { PrismaCredentialRepository } from '../db/prisma-credential-repository.ts';
import { PrismaDeviceRepository } from '../db/prisma-device-repository.ts';
import { PrismaRunRepository } from '../db/prisma-run-repository.ts';
import { PrismaScheduleRepository } from '../db/prisma-schedule-repository.ts';
import { PrismaUserAccounts } from '../db/prisma-user-accounts.ts';
import { PrismaUserRepository } from '../db/prisma-user-repository.ts';
import { PrismaWebhookRepository } from '../db/prisma-webhook-repository.ts';
import { PrismaWorkflowCatalog } from '../db/prisma-workflow-catalog.ts';
import { PrismaWorkflowRepository } from '../db/prisma-workflow-repository.ts';
import { AuditRunEvents } from '../notify/audit-run-events.ts';
import { ChatNotificationPublisher } from '../notify/chat-notification-queue.ts';
import { FanoutPublisher } from '../notify/fanout-publisher.ts';
import { eventsChannel, RedisEventPublisher } from '../notify/redis-event-publisher.ts';
import { dnsHostResolver } from '../notify/webhooks/dns-host-resolver.ts';
import { HttpWebhookSender } from '../notify/webhooks/http-webhook-sender.ts';
import { WebhookEventPublisher } from '../notify/webhooks/webhook-event-publisher.ts';
import { BullmqRunQueue } from '../queue/bullmq-run-queue.ts';
import { createProducerRedis, createRedis } from '../queue/redis-connection.ts';
import { withTimeout } from '../queue/with-timeout.ts';
import { BullmqScheduleTimer } from '../queue/schedule-queue.ts';
import { BullmqWebhookQueue } from '../queue/webhook-queue.ts';
import type { ExecutionProcessorDeps } from '../runner/execution-processor.ts';
import { RedisDeviceLock } from '../runner/redis-device-lock.ts';
import { allDiffNoisePatterns, SshConnector } from '../ssh/index.ts';
import { ChatAdmission } from '../core/chat/chat-admission.ts';

/** Everything a process needs, built once from config. Only src/main constructs adapters. */
export interface AppContext {
  config: Readonly<AppConfig>;
  logger: Logger;
  db: Database;
  redis: Redis;
  box: SecretBox;
  queue: BullmqRunQueue;
  events: FanoutPublisher;
  runs: PrismaRunRepository;
  devices: PrismaDeviceRepository;
  credentials: PrismaCredentialRepository;
  workflows: PrismaWorkflowRepository;
  /** Workflow administration: versions with YAML, status, usage, delete. */
  workflowCatalog: PrismaWorkflowCatalog;
  users: PrismaUserRepository;
  /** User administration (roles, passwords, identities, API tokens) for web, API and CLI alike. */
  accounts: PrismaUserAccounts;
  audit: PrismaAuditLog;
  /** Stored running configs read for history and diff views. */
  configSnapshots: PrismaConfigSnapshots;
  /** Lines ignored in config diffs: every platform driver's noise (timestamps, byte counts). */
  diffNoise: readonly RegExp[];
  requestDeps: RequestRunDeps;
  approvalDeps: ApprovalDeps;
  processorDeps: ExecutionProcessorDeps;
  webhooks: PrismaWebhookRepository;
  webhookQueue: BullmqWebhookQueue;
  webhookDeps: WebhookDeps;
  schedules: PrismaScheduleRepository;
  scheduleTimer: BullmqScheduleTimer;
  scheduleDeps: ScheduleDeps;
  /** Bounds the chat commands this process works on at once (Slack and Discord share it). */
  chatAdmission: ChatAdmission;
  close(): Promise<void>;
}

export async function createAppContext(config: Readonly<AppConfig>, logger: Logger, opts: { migrate?: boolean } = {}): Promise<AppContext> {
  if (opts.migrate ?? true) {
    const { applied } = await applyMigrations(config.DATABASE_URL, { log: (line) => logger.info(line) });
    if (applied.length) logger.info({ applied }, 'database migrations applied');
  }
  const db = await openDatabase(config.DATABASE_URL);
  const secret = resolveSecretKey(config.NETOPS_SECRET_KEY, config.DATA_DIR);
  if (secret.generated) logger.warn({ path: secret.path }, 'NETOPS_SECRET_KEY is not set: generated a key file (keep it: stored credentials need it)');
  const box = createSecretBox(secret.key);
  const redis = createRedis(config.REDIS_URL);
  const producer = createProducerRedis(config.REDIS_URL);
  // An unreachable Redis is reported by /readyz and these lines, not by ioredis's unhandled-error spam.
  for (const [name, conn] of [['worker', redis], ['producer', producer]] as const) {
    let last = 0;
    conn.on('error', (err: Error) => {
      if (Date.now() - last < 10_000) return;
      last = Date.now();
      logger.warn({ redis: name, err: err.message }, 'Redis connection error (retrying)');
    });
  }
  const queue = new BullmqRunQueue(producer, config.REDIS_PREFIX, logger);
  const chatNotifications = new ChatNotificationPublisher(producer, config.REDIS_PREFIX, logger);
  const events = new FanoutPublisher(logger).add(new RedisEventPublisher(producer, eventsChannel(config.REDIS_PREFIX)));
  // Chat threads follow runs only when a chat platform is configured.
  if (config.SLACK_BOT_TOKEN || config.DISCORD_TOKEN) events.add(chatNotifications);
  const runs = new PrismaRunRepository(db.prisma);
  const devices = new PrismaDeviceRepository(db.prisma, box);
  const workflows = new PrismaWorkflowRepository(db.prisma);
  const workflowCatalog = new PrismaWorkflowCatalog(db.prisma);
  const credentials = new PrismaCredentialRepository(db.prisma, box);
  const users = new PrismaUserRepository(db.prisma);
  const accounts = new PrismaUserAccounts(db.prisma);
  const audit = new PrismaAuditLog(db.prisma, logger);
  events.add(new AuditRunEvents(audit, runs));
  const webhooks = new PrismaWebhookRepository(db.prisma, box);
  const webhookQueue = new BullmqWebhookQueue(redis, config.REDIS_PREFIX, { maxAttempts: config.WEBHOOK_MAX_ATTEMPTS, retryBaseMs: config.WEBHOOK_RETRY_BASE_MS }, logger);
  events.add(new WebhookEventPublisher({ webhooks, queue: webhookQueue }));
  const webhookDeps: WebhookDeps = {
    webhooks, queue: webhookQueue, sender: new HttpWebhookSender(),
    targets: { resolve: dnsHostResolver, policy: createAddressPolicy(config.WEBHOOK_ALLOWED_HOSTS) },
    timeoutMs: config.WEBHOOK_TIMEOUT_MS, maxAttempts: config.WEBHOOK_MAX_ATTEMPTS, retryBaseMs: config.WEBHOOK_RETRY_BASE_MS,
  };
  const requestDeps: RequestRunDeps = { workflows, devices, runs, queue, events, approvalTtlMinutes: config.APPROVAL_TTL_MINUTES };
  const schedules = new PrismaScheduleRepository(db.prisma);
  const scheduleTimer = new BullmqScheduleTimer(redis, config.REDIS_PREFIX, logger);
  const scheduleDeps: ScheduleDeps = { schedules, timer: scheduleTimer, workflows, devices, users, requestRun: (r) => requestRun(requestDeps, r) };
  const approvalDeps: ApprovalDeps = { runs, queue, events, allowSelfApproval: config.ALLOW_SELF_APPROVAL };
  const processorDeps: ExecutionProcessorDeps = {
    runs, devices, workflows, events, queue,
    connector: new SshConnector(),
    locks: new RedisDeviceLock(redis, config.REDIS_PREFIX, config.DEVICE_LOCK_TTL_MS),
    timeouts: { connectMs: config.SSH_CONNECT_TIMEOUT_MS, commandMs: config.SSH_COMMAND_TIMEOUT_MS, idleMs: config.SSH_IDLE_TIMEOUT_MS },
    strictHostKeys: config.SSH_STRICT_HOST_KEYS,
    readOnlySharesDevice: config.READ_ONLY_SHARES_DEVICE,
    keepConfigSecrets: config.SNAPSHOT_KEEP_SECRETS,
    fanoutConcurrency: config.RUN_FANOUT_CONCURRENCY,
    stopAfterFailures: config.FANOUT_STOP_AFTER_FAILURES,
    workerId: `${process.pid}-${randomUUID().slice(0, 8)}`,
    logger,
  };
  return {
    config, logger, db, redis, box, queue, events, runs, devices, credentials, workflows, workflowCatalog, users, accounts, audit, configSnapshots: new PrismaConfigSnapshots(db.prisma), diffNoise: allDiffNoisePatterns(), requestDeps, approvalDeps, processorDeps,
    webhooks, webhookQueue, webhookDeps, schedules, scheduleTimer, scheduleDeps,
    chatAdmission: new ChatAdmission({ maxInFlight: config.CHAT_MAX_IN_FLIGHT, maxQueued: config.CHAT_MAX_QUEUED, logger: logger.child({ component: 'chat-admission' }) }),
    async close() {
      // With Redis gone, BullMQ's close() waits for a connection that never comes: give each a bound.
      const bounded = (what: string, p: Promise<unknown>) =>
        withTimeout(p, 3000, 'QUEUE_UNAVAILABLE', what).catch((err: unknown) => logger.warn({ err: String(err) }, `closing ${what} timed out`));
      await bounded('run queues', queue.close());
      await bounded('webhook queue', webhookQueue.close());
      await bounded('schedule timer', scheduleTimer.close());
      await bounded('chat notification queue', chatNotifications.close());
      redis.disconnect();
      producer.disconnect();
      await db.close();
    },
  };
}
