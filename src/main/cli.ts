import { Command, CommanderError } from 'commander';
import { registerAdminCommands } from './commands/admin-commands.ts';
import { registerDeviceKeyCommands } from './commands/device-key-commands.ts';
import { registerDiscordCommands } from './commands/discord-commands.ts';
import { registerRunCommands } from './commands/run-commands.ts';
import { registerScheduleCommands } from './commands/schedule-commands.ts';
import { registerServerCommands } from './commands/server-commands.ts';
import { EXIT, exitCodeFor } from './cli-support.ts';

const program = new Command('netops')
  .description('NetOps Bot: chat-ops for network changes')
  .version('0.1.0')
  .showHelpAfterError()
  .exitOverride();

registerServerCommands(program);
registerAdminCommands(program);
registerDeviceKeyCommands(program);
registerRunCommands(program);
registerScheduleCommands(program);
registerDiscordCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    // --help and --version end through here with exit code 0; usage mistakes are bad input.
    process.exitCode = err.exitCode === 0 ? EXIT.ok : EXIT.badInput;
  } else {
    process.exitCode = exitCodeFor(err);
  }
}
