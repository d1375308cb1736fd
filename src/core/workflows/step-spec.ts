import { z } from 'zod';
import { checkSpecSchema } from './check-spec.ts';
import { controlCharacterMessage, findControlCharacter } from './control-characters.ts';

export const MAX_COMMAND_LENGTH = 1000;

/** One CLI line. A line break would make one command two, so control characters are refused outright. */
export const commandTextSchema = z.string().superRefine((command, ctx) => {
  if (command.trim() === '') ctx.addIssue({ code: 'custom', message: 'must not be empty' });
  if (command.length > MAX_COMMAND_LENGTH) {
    ctx.addIssue({ code: 'custom', message: `must be at most ${MAX_COMMAND_LENGTH} characters, got ${command.length}` });
  }
  const hit = findControlCharacter(command);
  if (hit) ctx.addIssue({ code: 'custom', message: `${controlCharacterMessage('a command', hit)}; list each command separately` });
});

const execStep = z.strictObject({
  mode: z.literal('exec').optional(),
  command: commandTextSchema,
  expect: checkSpecSchema.optional(),
  description: z.string().max(500).optional(),
});

const configStep = z.strictObject({
  mode: z.literal('config'),
  commands: z.array(commandTextSchema).min(1, 'must list at least one command'),
  description: z.string().max(500).optional(),
});

/** A stage step: one exec-mode command with an optional check, or a batch sent in config mode. */
export const stepSpecSchema = z.discriminatedUnion('mode', [execStep, configStep], {
  error: (issue) => (issue.code === 'invalid_union' ? 'mode must be exec (the default, with `command`) or config (with `commands`)' : undefined),
});

export type StepSpec = z.output<typeof stepSpecSchema>;
export type ExecStepSpec = Extract<StepSpec, { command: string }>;
export type ConfigStepSpec = Extract<StepSpec, { mode: 'config' }>;
