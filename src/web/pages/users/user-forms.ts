import { z } from 'zod';
import { ROLES } from '../../../core/approvals/roles.ts';
import { newPasswordSchema } from '../../auth/password-rules.ts';
import { optionalText } from '../../render/form-values.ts';

const SLACK_ID = /^[UW][A-Z0-9]{2,20}$/;
const DISCORD_ID = /^\d{15,21}$/;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v);

/** Admin → new user. A password is optional: without one the user uses chat and API tokens only. */
export const newUserForm = z.object({
  name: z.string().trim().regex(/^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/, 'letters, digits, . _ @ - (starting with a letter or digit, ≤64)'),
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }),
  password: z.preprocess((v) => (v === '' ? undefined : v), newPasswordSchema.optional()),
  slack_id: z.preprocess(blankToUndefined, z.string().regex(SLACK_ID, 'a Slack user id such as U024BE7LH').optional()),
  discord_id: z.preprocess(blankToUndefined, z.string().regex(DISCORD_ID, 'a Discord user id: 15–21 digits').optional()),
});

export const roleForm = z.object({ role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }) });

export const identityForm = z.discriminatedUnion('platform', [
  z.object({ platform: z.literal('slack'), external_id: z.string().trim().regex(SLACK_ID, 'a Slack user id such as U024BE7LH') }),
  z.object({ platform: z.literal('discord'), external_id: z.string().trim().regex(DISCORD_ID, 'a Discord user id: 15–21 digits') }),
], { error: 'platform must be slack or discord' });

export const tokenForm = z.object({ token_name: z.preprocess((v) => (v === '' ? undefined : v), optionalText(100)).transform((v) => v ?? 'web') });

export const resetPasswordForm = z.object({ new_password: newPasswordSchema });

/** The profile's password change: the current password proves it is really the user at the keyboard. */
export const changePasswordForm = z
  .object({ current_password: z.string().max(1024), new_password: newPasswordSchema, confirm_password: z.string().max(1024) })
  .refine((f) => f.new_password === f.confirm_password, { path: ['confirm_password'], message: 'does not match the new password' });

/** zod issues → one message per form field, for the `field` partial. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const i of error.issues) errors[String(i.path[0] ?? 'form')] ??= i.message;
  return errors;
}
