import { ApplicationCommandType, InteractionResponseType, InteractionType, type APIInteraction } from 'discord.js';
import type { Logger } from 'pino';
import { BUSY_TEXT, type ChatAdmission } from '../../core/chat/chat-admission.ts';
import type { ChatAdapter, ChatConnectionStatus } from '../../main/chat-adapter.ts';
import { statusProbe } from '../../main/chat-status-probe.ts';
import type { ChatThreadMemory } from '../../notify/chat-thread-memory.ts';
import type { ChatThreadNotifier } from '../../notify/chat-thread-notifier.ts';
import type { DiscordApi } from './discord-api.ts';
import { FollowUpTracker } from './follow-up-tracker.ts';
import { GatewayConnection } from './gateway-connection.ts';
import { handleInteraction, type InteractionDeps } from './interaction-handler.ts';
import { ephemeral, type InteractionOutcome } from './interaction-outcome.ts';
import { INTERACTIONS_PATH, interactionsRoute } from './interactions-route.ts';
import { NETOPS_COMMAND_NAME } from './netops-command.ts';
import { createSignatureCheck } from './verify-signature.ts';

export interface DiscordAdapterOptions {
  mode: 'gateway' | 'http';
  /** Bot token: gateway login and run messages. */
  token: string | null;
  /** Application public key (hex), for HTTP interactions. */
  publicKey: string | null;
  apiUrl: string;
  api: DiscordApi;
  interactions: InteractionDeps;
  notifier: ChatThreadNotifier;
  memory: ChatThreadMemory;
  /** Bounds the /netops commands worked on at once; shared with Slack in the same process. */
  admission: ChatAdmission;
  logger: Logger;
}

/** Never throws: a failure becomes an ephemeral apology (or no suggestions) and a log line. */
async function safeHandle(deps: InteractionDeps, logger: Logger, interaction: APIInteraction): Promise<InteractionOutcome> {
  try {
    const outcome = await handleInteraction(deps, interaction);
    if (outcome) return outcome;
  } catch (err) {
    logger.error({ err, interactionId: interaction.id, type: interaction.type }, 'Discord interaction failed');
  }
  if (interaction.type === InteractionType.ApplicationCommandAutocomplete) {
    return { response: { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } } };
  }
  return ephemeral('Something went wrong on our side; the server log has the details.');
}

/** GET /users/@me with the bot token: proves the token and that Discord's REST API is reachable. */
function restProbe(opts: DiscordAdapterOptions) {
  const { token } = opts;
  if (!token) return null;
  return statusProbe(async () => {
    const res = await fetch(`${opts.apiUrl.replace(/\/+$/, '')}/v10/users/@me`, { headers: { authorization: `Bot ${token}` } });
    if (!res.ok) throw new Error(`REST GET /users/@me answered ${res.status}${res.status === 401 ? ': DISCORD_TOKEN was refused' : ''}`);
    const me = (await res.json()) as { username?: string };
    return `REST ok as ${me.username ?? 'the bot'}`;
  });
}

/** Gateway mode: the gateway session's state. HTTP mode: Discord calls us, so the REST check tells the rest. */
async function discordStatus(opts: DiscordAdapterOptions, gateway: GatewayConnection | null, probe: ReturnType<typeof restProbe>): Promise<ChatConnectionStatus> {
  if (opts.mode === 'gateway') {
    const mode = 'gateway';
    if (gateway?.user) return { state: 'connected', mode, detail: `gateway connected as ${gateway.user}`, checkedAt: new Date() };
    if (gateway?.lastError) return { state: 'error', mode, detail: `gateway not connected: ${gateway.lastError}; retrying`, checkedAt: new Date() };
    return { state: 'connecting', mode, detail: 'gateway connecting', checkedAt: null };
  }
  const mode = 'HTTP interactions';
  if (!probe) return { state: 'listening', mode, detail: `interactions at POST ${INTERACTIONS_PATH}; DISCORD_TOKEN is not set, so run messages are not posted`, checkedAt: null };
  const rest = await probe();
  return { state: rest.ok ? 'connected' : 'error', mode, detail: `interactions at POST ${INTERACTIONS_PATH}; ${rest.detail}`, checkedAt: rest.at };
}

const isNetopsCommand = (i: APIInteraction) =>
  i.type === InteractionType.ApplicationCommand && i.data.name === NETOPS_COMMAND_NAME && i.data.type === ApplicationCommandType.ChatInput;

/** An outcome whose place in the limiter must be given back if its answer cannot be sent. */
type AdmittedOutcome = InteractionOutcome & { release(): void };

/**
 * `/netops` commands pass admission control first: refused, they get the busy answer at once and nothing
 * runs; admitted, they are deferred as before and their work waits for its place. Buttons and forms are not
 * limited (human-paced, and a refused Approve would be worse than a slow one).
 */
async function admitAndHandle(opts: DiscordAdapterOptions, interaction: APIInteraction): Promise<AdmittedOutcome> {
  if (!isNetopsCommand(interaction)) return { ...(await safeHandle(opts.interactions, opts.logger, interaction)), release: () => undefined };
  const ticket = opts.admission.admit('discord');
  if (!ticket) return { ...ephemeral(`⏳ ${BUSY_TEXT}`), release: () => undefined };
  const outcome = await safeHandle(opts.interactions, opts.logger, interaction);
  const work = outcome.followUp;
  if (!work) {
    ticket.release();
    return { ...outcome, release: () => undefined };
  }
  return { ...outcome, followUp: () => ticket.run(work), release: () => ticket.release() };
}

/** The Discord chat adapter: HTTP interactions or the gateway (one per application), plus run threads. */
export function createDiscordChatAdapter(opts: DiscordAdapterOptions): ChatAdapter {
  const { logger } = opts;
  const followUps = new FollowUpTracker(logger);
  const context = (i: APIInteraction) => ({ interactionId: i.id, type: i.type });

  const gateway = opts.mode === 'gateway' && opts.token
    ? new GatewayConnection({
        token: opts.token, apiUrl: opts.apiUrl, logger,
        // Several web processes may hold a gateway session: the first to claim an interaction answers it.
        onInteraction: (interaction) => followUps.run(async () => {
          if (!(await opts.memory.claim(`discord:interaction:${interaction.id}`))) return;
          const outcome = await admitAndHandle(opts, interaction);
          try {
            await opts.api.respondToInteraction(interaction.id, interaction.token, outcome.response);
          } catch (err) {
            outcome.release();
            throw err;
          }
          await outcome.followUp?.();
        }, context(interaction)),
      })
    : null;

  const adapter: ChatAdapter = {
    platform: 'discord',
    notifier: opts.notifier,
    describe() {
      const posting = opts.token ? '' : ' — DISCORD_TOKEN is not set, so run messages and threads are not posted';
      if (opts.mode === 'http') return `Discord: HTTP interactions at POST ${INTERACTIONS_PATH}${posting}`;
      if (gateway?.user) return `Discord: gateway connected as ${gateway.user}`;
      if (gateway?.lastError) return `Discord: gateway not connected yet (${gateway.lastError}); retrying`;
      return 'Discord: gateway mode (connects in web processes; workers post run threads)';
    },
  };
  const probe = restProbe(opts);
  adapter.status = () => discordStatus(opts, gateway, probe);
  if (opts.mode === 'http' && opts.publicKey) {
    const checkSignature = createSignatureCheck(opts.publicKey);
    adapter.registerRoutes = (app) => interactionsRoute(app, {
      checkSignature, logger,
      handle: (interaction) => admitAndHandle(opts, interaction),
      runFollowUp: (followUp, interaction) => followUps.run(followUp, context(interaction)),
    });
  }
  if (gateway) adapter.start = () => gateway.start();
  adapter.stop = async () => {
    await gateway?.stop();
    await followUps.drain();
  };
  return adapter;
}
