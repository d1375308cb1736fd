import {
  ApplicationCommandType, InteractionResponseType, InteractionType, type APIChatInputApplicationCommandInteraction, type APIInteraction,
} from 'discord.js';
import { readSubcommand } from './command-options.ts';
import { autocompleteChoices, type AutocompleteDeps } from './autocomplete.ts';
import { handleCommand, type CommandDeps } from './command-interaction.ts';
import { ephemeral, type InteractionOutcome } from './interaction-outcome.ts';
import { NETOPS_COMMAND_NAME } from './netops-command.ts';
import { handleRejectModal, handleRunButton } from './run-action-interaction.ts';

export interface InteractionDeps extends CommandDeps {
  autocomplete: AutocompleteDeps;
}

/** Routes one interaction (from the HTTP endpoint or the gateway) to its handler. */
export async function handleInteraction(deps: InteractionDeps, interaction: APIInteraction): Promise<InteractionOutcome> {
  switch (interaction.type) {
    case InteractionType.Ping:
      return { response: { type: InteractionResponseType.Pong } };
    case InteractionType.ApplicationCommand:
      if (interaction.data.name !== NETOPS_COMMAND_NAME || interaction.data.type !== ApplicationCommandType.ChatInput) {
        return ephemeral(`Unknown command /${interaction.data.name}.`);
      }
      return handleCommand(deps, interaction as APIChatInputApplicationCommandInteraction);
    case InteractionType.ApplicationCommandAutocomplete: {
      const input = readSubcommand(interaction.data.options);
      const choices = input ? await autocompleteChoices(deps.autocomplete, input) : [];
      return { response: { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices } } };
    }
    case InteractionType.MessageComponent:
      return handleRunButton(deps, interaction);
    case InteractionType.ModalSubmit:
      return handleRejectModal(deps, interaction);
  }
}
