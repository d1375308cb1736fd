import { z } from 'zod';
import { ErrorCodes, type ErrorCode } from '../../core/errors/index.ts';

const ERROR_CODES = Object.keys(ErrorCodes) as [ErrorCode, ...ErrorCode[]];

/** Every API error: a stable code to branch on, a readable message, and details (e.g. `issues` naming each field). */
export const apiErrorSchema = z
  .object({
    error: z.object({
      code: z.enum(ERROR_CODES),
      message: z.string(),
      details: z.unknown().optional().describe('e.g. {issues: [{field, message}]} for bad input, {field} for a missing reference'),
    }),
  })
  .describe('An error');

/** `:id` that takes the record's id or its name (devices, credentials, workflows, users, schedules, webhooks). */
export const idOrNameParams = z.object({ id: z.string().min(1).max(200).describe('the id or the name') });

/** `:id` of a run: its number (42, #42) or its id. */
export const runRefParams = z.object({ id: z.string().min(1).max(100).describe('the run number or id') });

/** ISO 8601 timestamps in responses. */
export const timestamp = z.string().describe('ISO 8601 date-time');
export const optionalTimestamp = timestamp.nullable();
