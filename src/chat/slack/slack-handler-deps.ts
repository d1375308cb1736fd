import type { Logger } from 'pino';
import type { ChatCommandDeps } from '../../core/chat/handle-chat-command.ts';
import type { UserRepository } from '../../core/ports/user-repository.ts';
import type { SlackPoster } from './slack-poster.ts';
import type { SlackRunThread } from './slack-run-thread.ts';
import type { SlackSettings } from './slack-settings.ts';

/** What the Bolt listeners need; built once by the composition root. */
export interface SlackHandlerDeps {
  settings: SlackSettings;
  chat: ChatCommandDeps;
  users: UserRepository;
  thread: SlackRunThread;
  poster: SlackPoster;
  logger: Logger;
}
