import { z } from 'zod';

const fields = {
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, . _ - (starting with a letter or digit, ≤64)'),
  workflow: z.string().min(1).max(128),
  target: z.string().min(1).max(4000),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  cron: z.string().min(1).max(200),
  timezone: z.string().min(1).max(64),
  enabled: z.boolean(),
};

/** A new schedule as the API and CLI take it. */
export const scheduleInputSchema = z.strictObject({
  name: fields.name,
  workflow: fields.workflow,
  target: fields.target,
  params: fields.params.default({}),
  cron: fields.cron,
  timezone: fields.timezone.default('UTC'),
  enabled: fields.enabled.default(true),
});
export type ScheduleInput = z.output<typeof scheduleInputSchema>;

/** A partial update; `params`, when given, replaces the whole set. */
export const schedulePatchSchema = z.strictObject({
  name: fields.name.optional(),
  workflow: fields.workflow.optional(),
  target: fields.target.optional(),
  params: fields.params.optional(),
  cron: fields.cron.optional(),
  timezone: fields.timezone.optional(),
  enabled: fields.enabled.optional(),
});
export type SchedulePatch = z.output<typeof schedulePatchSchema>;
