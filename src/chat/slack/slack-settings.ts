import type { AppConfig } from '../../config/load-config.ts';
import type { Role } from '../../core/approvals/roles.ts';

/** The Slack part of the config, as the adapter uses it. Read once at boot. */
export interface SlackSettings {
  botToken: string;
  /** HTTP mode: verifies requests to POST /slack/events. */
  signingSecret: string | null;
  /** Socket Mode when set (xapp-…): no public URL needed. */
  appToken: string | null;
  apiUrl: string;
  /** The slash command, e.g. /netops. */
  command: string;
  approvalsChannel: string | null;
  defaultRole: Role;
  /** Where links in messages point (BASE_URL). */
  publicUrl: string;
  mode: 'socket' | 'http';
}

/** Null when Slack is not configured (no bot token): the adapter stays off. */
export function slackSettingsFrom(config: Readonly<AppConfig>): SlackSettings | null {
  if (!config.SLACK_BOT_TOKEN) return null;
  return {
    botToken: config.SLACK_BOT_TOKEN,
    signingSecret: config.SLACK_SIGNING_SECRET ?? null,
    appToken: config.SLACK_APP_TOKEN ?? null,
    // WebClient appends method names to the base: it must end with a slash.
    apiUrl: config.SLACK_API_URL.endsWith('/') ? config.SLACK_API_URL : `${config.SLACK_API_URL}/`,
    command: config.SLACK_COMMAND,
    approvalsChannel: config.SLACK_APPROVALS_CHANNEL ?? null,
    defaultRole: config.CHAT_DEFAULT_ROLE,
    publicUrl: config.publicUrl,
    mode: config.SLACK_APP_TOKEN ? 'socket' : 'http',
  };
}
