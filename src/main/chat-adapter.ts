import type { FastifyInstance } from 'fastify';
import type { ChatThreadNotifier } from '../notify/chat-thread-notifier.ts';

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
}
