import { z } from 'zod';
import { EXECUTION_STATUSES, RUN_SOURCES, RUN_STATUSES, STAGES } from '../../../core/runs/run-status.ts';
import { optionalTimestamp, timestamp } from '../api-schemas.ts';

const paramValue = z.union([z.string(), z.number(), z.boolean()]);

/** POST /runs */
export const createRunBody = z.strictObject({
  workflow: z.string().min(1).describe('workflow name'),
  target: z.string().min(1).describe('a device name, a comma list, or tag:X / site:X / platform:X'),
  params: z.record(z.string(), paramValue).default({}),
  dry_run: z.boolean().default(false).describe('render every command, run only the read-only pre_check'),
  idempotency_key: z.string().min(8).max(200).optional().describe('same key, same run (the Idempotency-Key header works too)'),
});

export const decisionBody = z.strictObject({ comment: z.string().max(1000).optional(), reason: z.string().max(1000).optional() });

export const runSchema = z.object({
  id: z.string(),
  status: z.enum(RUN_STATUSES),
  number: z.number().int(),
  workflow: z.string(),
  workflow_version: z.number().int(),
  target: z.string(),
  params: z.record(z.string(), paramValue),
  dry_run: z.boolean(),
  source: z.enum(RUN_SOURCES),
  requester: z.string(),
  approval: z.object({ decided_by: z.string().nullable(), decided_at: optionalTimestamp, comment: z.string().nullable(), expires_at: optionalTimestamp }).nullable(),
  error: z.string().nullable(),
  created_at: timestamp,
  started_at: optionalTimestamp,
  finished_at: optionalTimestamp,
  duration_ms: z.number().int().nullable(),
  url: z.string().describe("the run's page in the web companion"),
}).describe('A run');

export const createdRunSchema = runSchema.extend({ devices: z.array(z.string()).describe('the devices the target resolved to') }).describe('The run (202 created; 200 when the idempotency key matched an earlier run)');

const commandSchema = z.object({
  seq: z.number().int(),
  mode: z.enum(['exec', 'config']),
  command: z.string(),
  output: z.string(),
  duration_ms: z.number().int(),
  verdict: z.enum(['passed', 'failed', 'error', 'skipped']),
  reason: z.string().nullable(),
  error_marker: z.string().nullable(),
});

const executionSchema = z.object({
  id: z.string(),
  device: z.string(),
  status: z.enum(EXECUTION_STATUSES),
  current_stage: z.enum(STAGES).nullable(),
  error_code: z.string().nullable(),
  error: z.string().nullable(),
  waiting_for_run_id: z.string().nullable(),
  started_at: optionalTimestamp,
  finished_at: optionalTimestamp,
  stages: z.array(z.object({ stage: z.enum(STAGES), status: z.enum(['passed', 'failed', 'skipped']), commands: z.array(commandSchema) })),
  diff: z.string().nullable().describe('unified diff of the running config, before → after'),
});

export const runDetailSchema = runSchema.extend({ executions: z.array(executionSchema) }).describe('A run with its executions and command results');

export const runDiffSchema = z.object({
  id: z.string(),
  number: z.number().int(),
  status: z.enum(RUN_STATUSES),
  diffs: z.array(z.object({ device: z.string(), status: z.enum(EXECUTION_STATUSES), diff: z.string().nullable() })),
});
