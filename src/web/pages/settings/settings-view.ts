import type { AppConfig } from '../../../config/load-config.ts';
import type { ChatAdapter } from '../../../main/chat-adapter.ts';

export interface ChatStatus {
  platform: string;
  /**
   * From the running adapter: connected / connecting / listening / error (with the reason). From config
   * alone (no adapter in this process): configured, off, or error (set up but unusable).
   */
  state: 'connected' | 'connecting' | 'listening' | 'configured' | 'off' | 'error';
  mode: string | null;
  detail: string;
  /** When the platform last answered a check; null for config-only rows. */
  checkedAt: Date | null;
  live: boolean;
}

export interface Setting {
  name: string;
  value: string;
  note?: string;
}

type ConfigStatus = Omit<ChatStatus, 'checkedAt' | 'live'>;

/** Slack's status from config alone (no adapter runs in this process): the same rules the start-up wiring applies. */
function slackStatus(c: Readonly<AppConfig>): ConfigStatus {
  if (!c.SLACK_BOT_TOKEN) return { platform: 'Slack', state: 'off', mode: null, detail: 'SLACK_BOT_TOKEN is not set.' };
  if (c.SLACK_APP_TOKEN) return { platform: 'Slack', state: 'configured', mode: 'Socket Mode', detail: `Slash command ${c.SLACK_COMMAND}; approvals in ${c.SLACK_APPROVALS_CHANNEL ?? 'the requesting channel'}.` };
  if (!c.SLACK_SIGNING_SECRET) return { platform: 'Slack', state: 'error', mode: 'HTTP events', detail: 'HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN for Socket Mode).' };
  return { platform: 'Slack', state: 'configured', mode: 'HTTP events', detail: `Events at ${c.publicUrl}/slack/events; slash command ${c.SLACK_COMMAND}.` };
}

function discordStatus(c: Readonly<AppConfig>): ConfigStatus {
  const mode = c.DISCORD_MODE === 'http' ? 'HTTP interactions' : 'gateway';
  if (c.DISCORD_MODE === 'http' && !c.DISCORD_PUBLIC_KEY) {
    return c.DISCORD_TOKEN ? { platform: 'Discord', state: 'error', mode, detail: 'DISCORD_MODE=http needs DISCORD_PUBLIC_KEY.' } : { platform: 'Discord', state: 'off', mode: null, detail: 'DISCORD_TOKEN is not set.' };
  }
  if (c.DISCORD_MODE === 'gateway' && !c.DISCORD_TOKEN) {
    return c.DISCORD_PUBLIC_KEY ? { platform: 'Discord', state: 'error', mode, detail: 'Gateway mode needs DISCORD_TOKEN (or set DISCORD_MODE=http).' } : { platform: 'Discord', state: 'off', mode: null, detail: 'DISCORD_TOKEN is not set.' };
  }
  const posts = c.DISCORD_TOKEN ? 'run threads are posted' : 'no bot token: runs are followed on the web only';
  return { platform: 'Discord', state: 'configured', mode, detail: `${c.DISCORD_GUILD_ID ? `Guild ${c.DISCORD_GUILD_ID}` : 'All guilds'}; ${posts}.` };
}

/** A connection URL without its user name and password (never shown: it may carry the database password). */
export function withoutCredentials(url: string): string {
  if (url.startsWith('file:')) return url;
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString();
  } catch {
    return '(set)';
  }
}

const yesNo = (b: boolean) => (b ? 'yes' : 'no');
const minutes = (n: number) => `${n} min`;

/**
 * The effective settings an admin may want to check, read-only. Listed one by one on purpose: nothing
 * secret (tokens, signing secrets, keys, passwords inside URLs) is ever put on the page.
 */
export function settingsView(c: Readonly<AppConfig>) {
  const database = c.DATABASE_URL.startsWith('file:') ? 'SQLite (embedded)' : 'PostgreSQL';
  const groups: { title: string; settings: Setting[] }[] = [
    { title: 'Approvals and roles', settings: [
      { name: 'APPROVAL_TTL_MINUTES', value: minutes(c.APPROVAL_TTL_MINUTES), note: 'a pending run expires after this' },
      { name: 'ALLOW_SELF_APPROVAL', value: yesNo(c.ALLOW_SELF_APPROVAL), note: 'whether a requester may approve their own run' },
      { name: 'CHAT_DEFAULT_ROLE', value: c.CHAT_DEFAULT_ROLE, note: 'role of chat users without a NetOps account' },
    ] },
    { title: 'Runs and fan-out', settings: [
      { name: 'WORKER_CONCURRENCY', value: String(c.WORKER_CONCURRENCY) },
      { name: 'RUN_FANOUT_CONCURRENCY', value: String(c.RUN_FANOUT_CONCURRENCY), note: 'devices of one run worked on at once' },
      { name: 'FANOUT_STOP_AFTER_FAILURES', value: c.FANOUT_STOP_AFTER_FAILURES === 0 ? 'never stop' : String(c.FANOUT_STOP_AFTER_FAILURES), note: 'failed devices before the rest are skipped' },
      { name: 'DEVICE_LOCK_TTL_MS', value: `${c.DEVICE_LOCK_TTL_MS} ms` },
      { name: 'SNAPSHOT_KEEP_SECRETS', value: yesNo(c.SNAPSHOT_KEEP_SECRETS), note: 'stored configs keep passwords as they are' },
    ] },
    { title: 'SSH', settings: [
      { name: 'SSH_CONNECT_TIMEOUT_MS', value: `${c.SSH_CONNECT_TIMEOUT_MS} ms` },
      { name: 'SSH_COMMAND_TIMEOUT_MS', value: `${c.SSH_COMMAND_TIMEOUT_MS} ms` },
      { name: 'SSH_STRICT_HOST_KEYS', value: yesNo(c.SSH_STRICT_HOST_KEYS), note: 'refuse devices whose host key is not pinned yet' },
    ] },
    { title: 'Web and security', settings: [
      { name: 'BASE_URL', value: c.publicUrl },
      { name: 'TRUST_PROXY', value: Array.isArray(c.TRUST_PROXY) ? c.TRUST_PROXY.join(', ') : yesNo(c.TRUST_PROXY) },
      { name: 'SESSION_MAX_AGE_HOURS', value: `${c.SESSION_MAX_AGE_HOURS} h` },
      { name: 'LOGIN_RATE_LIMIT_PER_MINUTE', value: String(c.LOGIN_RATE_LIMIT_PER_MINUTE) },
      { name: 'LOGIN_LOCKOUT_FAILURES', value: `${c.LOGIN_LOCKOUT_FAILURES} → locked ${minutes(c.LOGIN_LOCKOUT_MINUTES)}` },
    ] },
    { title: 'Webhooks', settings: [
      { name: 'WEBHOOK_ALLOWED_HOSTS', value: c.WEBHOOK_ALLOWED_HOSTS || '(none: internal addresses refused)' },
      { name: 'WEBHOOK_TIMEOUT_MS', value: `${c.WEBHOOK_TIMEOUT_MS} ms` },
      { name: 'WEBHOOK_MAX_ATTEMPTS', value: String(c.WEBHOOK_MAX_ATTEMPTS), note: `first retry after ${c.WEBHOOK_RETRY_BASE_MS} ms, doubling` },
    ] },
    { title: 'Storage', settings: [
      { name: 'Database', value: `${database}: ${withoutCredentials(c.DATABASE_URL)}` },
      { name: 'Redis', value: `${withoutCredentials(c.REDIS_URL)} (prefix ${c.REDIS_PREFIX})` },
      { name: 'NETOPS_SECRET_KEY', value: c.NETOPS_SECRET_KEY ? 'set' : `key file in ${c.DATA_DIR}`, note: 'encrypts stored credentials' },
    ] },
  ];
  return { groups };
}

/**
 * Each platform's connection: live from its adapter when one runs in this process (it asks the platform,
 * at most once a minute), otherwise what the configuration implies.
 */
export async function chatStatuses(c: Readonly<AppConfig>, adapters: readonly ChatAdapter[]): Promise<ChatStatus[]> {
  const fromConfig = { slack: slackStatus(c), discord: discordStatus(c) };
  return Promise.all((['slack', 'discord'] as const).map(async (platform): Promise<ChatStatus> => {
    const configured = fromConfig[platform];
    const adapter = adapters.find((a) => a.platform === platform);
    if (!adapter?.status) return { ...configured, checkedAt: null, live: false };
    const live = await adapter.status();
    return { platform: configured.platform, state: live.state, mode: live.mode, detail: live.detail, checkedAt: live.checkedAt, live: true };
  }));
}
