import { z } from 'zod';
import { isValidAllowList } from '../core/webhooks/address-policy.ts';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) =>
  z.coerce.number({ message: `must be a whole number from ${min} to ${max}` }).int(`must be a whole number from ${min} to ${max}`)
    .min(min, `must be a whole number from ${min} to ${max}`).max(max, `must be a whole number from ${min} to ${max}`);
const optionalString = z.string().trim().min(1).optional();

/**
 * Every environment variable NetOps Bot reads, with its default. README "Configuration" mirrors this list.
 * Each field's describe() is the one-line help shown when the value is wrong.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, 'must start with file: (embedded SQLite) or postgres:// / postgresql://')
    .default('file:./data/netops.db'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').default('redis://127.0.0.1:6379'),
  /** Prefix of every BullMQ queue and Redis key, so several installs can share one Redis. */
  REDIS_PREFIX: z.string().regex(/^[A-Za-z0-9_.-]{1,40}$/, 'letters, digits, _ . - (1–40 chars)').default('netops'),
  NETOPS_SECRET_KEY: z
    .string()
    .regex(/^[A-Za-z0-9+/=_-]{32,}$/, 'must be at least 32 base64/hex characters (e.g. `openssl rand -base64 32`)')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: int(0, 65535).default(3000),
  BASE_URL: z.url({ message: 'must be an absolute URL such as https://netops.example.com' }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SSH_CONNECT_TIMEOUT_MS: int(500, 300_000).default(10_000),
  SSH_COMMAND_TIMEOUT_MS: int(500, 3_600_000).default(60_000),
  SSH_IDLE_TIMEOUT_MS: int(500, 3_600_000).default(30_000),
  SSH_STRICT_HOST_KEYS: bool.default(false),
  WORKER_CONCURRENCY: int(1, 1000).default(20),
  RUN_FANOUT_CONCURRENCY: int(1, 1000).default(20),
  /** Let read-only workflows (no config step, nothing destructive) run while a change holds the device. */
  READ_ONLY_SHARES_DEVICE: bool.default(false),
  DEVICE_LOCK_TTL_MS: int(1_000, 3_600_000).default(60_000),
  /** A job whose worker stops renewing its lock this long is handed to another worker (BullMQ stalled check). */
  WORKER_JOB_LOCK_MS: int(1_000, 600_000).default(30_000),
  /** A worker's heap grows by at most this % of what is live before a full collection; 0 = V8's default (up to 300%). */
  WORKER_HEAP_GROWTH_PERCENT: int(0, 1000).default(100),
  /** Stop starting new devices of a run after this many failed implementations; 0 = never stop. */
  FANOUT_STOP_AFTER_FAILURES: int(0, 100_000).default(1),
  /** Store running configs with passwords, secrets and keys as they are (default: masked). */
  SNAPSHOT_KEEP_SECRETS: bool.default(false),
  APPROVAL_TTL_MINUTES: int(1, 10_080).default(60),
  ALLOW_SELF_APPROVAL: bool.default(false),
  CHAT_DEFAULT_ROLE: z.enum(['viewer', 'operator', 'approver', 'admin']).default('viewer'),
  /** Chat commands (Slack slash commands, Discord /netops) one web process works on at once. */
  CHAT_MAX_IN_FLIGHT: int(1, 1000).default(4),
  /** Accepted chat commands that may wait for a place; past both limits a command is answered "busy, nothing was run". */
  CHAT_MAX_QUEUED: int(0, 100_000).default(64),
  SLACK_BOT_TOKEN: optionalString,
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_APP_TOKEN: optionalString,
  SLACK_API_URL: z.url().default('https://slack.com/api/'),
  SLACK_COMMAND: z.string().regex(/^\/[a-z0-9_-]{1,31}$/, 'a slash command such as /netops').default('/netops'),
  SLACK_APPROVALS_CHANNEL: optionalString,
  DISCORD_TOKEN: optionalString,
  DISCORD_APPLICATION_ID: optionalString,
  DISCORD_PUBLIC_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, 'the application public key: 64 hex characters').optional(),
  DISCORD_GUILD_ID: optionalString,
  DISCORD_MODE: z.enum(['gateway', 'http']).default('gateway'),
  DISCORD_API_URL: z.url().default('https://discord.com/api'),
  DISCORD_APPROVER_ROLE_IDS: z.string().default(''),
  /** Signs the web session cookie; derived from NETOPS_SECRET_KEY when unset (one secret to keep). */
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SESSION_MAX_AGE_HOURS: int(1, 720).default(12),
  /** Login attempts per client IP per minute (web form); a bot guessing passwords is slowed to this. */
  LOGIN_RATE_LIMIT_PER_MINUTE: int(1, 10_000).default(10),
  /** Consecutive wrong passwords that lock an account, and for how long. */
  LOGIN_LOCKOUT_FAILURES: int(1, 100).default(5),
  LOGIN_LOCKOUT_MINUTES: int(1, 1440).default(15),
  /**
   * Behind a TLS-terminating reverse proxy: trust its X-Forwarded-Proto/-For (`true`, or a comma list of the
   * proxies' IPs/CIDRs). Needed for Secure session cookies and per-client login rate limits there.
   */
  TRUST_PROXY: z
    .string()
    .regex(/^(true|false|yes|no|[0-9a-fA-F.:/]+(\s*,\s*[0-9a-fA-F.:/]+)*)$/, 'true, false, or a comma list of proxy IPs/CIDRs')
    .default('false')
    .transform((v): boolean | string[] => (['true', 'yes'].includes(v) ? true : ['false', 'no'].includes(v) ? false : v.split(/\s*,\s*/))),
  /** SSRF guard exceptions: comma list of host names (`hooks.internal`, `*.corp.example`), IPs or CIDRs webhooks may call. */
  WEBHOOK_ALLOWED_HOSTS: z.string().default('').refine(isValidAllowList, 'a comma list of host names, *.domains, IP addresses or CIDRs (e.g. 10.20.0.0/16,hooks.internal)'),
  WEBHOOK_TIMEOUT_MS: int(500, 60_000).default(10_000),
  WEBHOOK_MAX_ATTEMPTS: int(1, 20).default(8),
  /** First retry delay of a failed delivery; each next one doubles. */
  WEBHOOK_RETRY_BASE_MS: int(10, 3_600_000).default(10_000),
  /**
   * Browser origins allowed to call /api/v1 (CORS), comma-separated, e.g. `https://portal.example.com`.
   * Empty (default): no CORS headers at all, so browsers on other origins cannot read the API.
   */
  CORS_ORIGINS: z
    .string()
    .default('')
    .refine((v) => v.split(',').map((o) => o.trim()).filter(Boolean).every((o) => /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(o)), 'a comma list of origins such as https://portal.example.com (scheme://host[:port], no path)')
    .transform((v) => v.split(',').map((o) => o.trim()).filter(Boolean)),
  /** REST API requests per token (or per client address without one) per minute; 0 = no limit. */
  API_RATE_LIMIT_PER_MINUTE: int(0, 1_000_000).default(600),
});

export type Env = z.infer<typeof envSchema>;
