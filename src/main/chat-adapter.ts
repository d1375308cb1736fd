import type { FastifyInstance } from 'fastify';
import type { ChatThreadNotifier } from '../notify/chat-thread-notifier.ts';

/** A chat connection as it is right now, for the settings page. */
export interface ChatConnectionStatus {
  /** connected: the platform answered; connecting: not confirmed yet; listening: HTTP endpoint, nothing to ask; error: see detail. */
  state: 'connected' | 'connecting' | 'listening' | 'error';
  mode: string;
  /** What was checked and its outcome, e.g. "auth.test ok: bot in Acme" or the platform's error. Never a secret. */
  detail: string;
  /** When the platform last answered (or failed to); null before the first check. */
  checkedAt: Date | null;
}

/** What a chat platform plugs into the process: HTTP routes, a long-lived connection, a thread notifier. */
export interface ChatAdapter {
  readonly platform: 'slack' | 'discord';
  /** Keeps run threads up to date (used by worker processes). */
  readonly notifier: ChatThreadNotifier;
  /** HTTP endpoints (Slack events, Discord interactions) on the web app (web processes). */
  registerRoutes?(app: FastifyInstance): Promise<void>;
  /** Socket Mode / gateway connection (web processes). */
  start?(): Promise<void>;
  stop?(): Promise<void>;
  /** One line for start-up and the settings page, e.g. "Slack: Socket Mode connected". */
  describe(): string;
  /** The live state of the connection (may ask the platform, at most about once a minute). */
  status?(): Promise<ChatConnectionStatus>;
}
