import { z } from 'zod';
import { PLATFORMS } from '../../../core/devices/device-input-schema.ts';
import { STAGES } from '../../../core/runs/run-status.ts';
import { workflowDefinitionSchema } from '../../../core/workflows/workflow-definition.ts';
import { timestamp } from '../api-schemas.ts';

export const WORKFLOW_STATUSES = ['draft', 'active', 'archived'] as const;

export const workflowListQuery = z.object({ status: z.enum(WORKFLOW_STATUSES).optional() });

export const workflowSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  status: z.enum(WORKFLOW_STATUSES),
  version: z.number().int(),
  approval: z.enum(['none', 'required']),
  platforms: z.array(z.string()),
  updated_at: timestamp,
}).describe('A workflow');

export const workflowDetailSchema = workflowSummarySchema.extend({
  allow_destructive: z.boolean(),
  created_at: timestamp,
  definition: workflowDefinitionSchema.describe('the current version as parsed (keys as in the YAML file)'),
  yaml: z.string().describe('the current version as written'),
}).describe('A workflow with its current definition');

export const saveBody = z.strictObject({
  yaml: z.string().min(1).max(200_000),
  allow_destructive: z.boolean().default(false).describe('admins only: allow commands that reload, erase or delete'),
});

export const saveSchema = z.object({
  name: z.string(),
  version: z.number().int(),
  created: z.boolean(),
  changed: z.boolean().describe('false: same definition as the current version, nothing stored'),
  destructive: z.array(z.object({ stage: z.enum(STAGES), command: z.string(), reason: z.string() })),
});

export const validateBody = z.strictObject({ yaml: z.string().max(200_000) });

const issue = z.object({ field: z.string(), message: z.string(), line: z.number().int().optional() });

export const validateSchema = z.object({ valid: z.boolean(), name: z.string().optional(), issues: z.array(issue) });

export const versionSchema = z.object({ version: z.number().int(), created_by: z.string().nullable(), created_at: timestamp, yaml: z.string() });

export const diffQuery = z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) });

export const diffSchema = z.object({ name: z.string(), from: z.number().int(), to: z.number().int(), diff: z.string().describe('unified diff of the YAML') });

export const statusBody = z.strictObject({ status: z.enum(WORKFLOW_STATUSES) });

export const deleteSchema = z.object({
  id: z.string(),
  name: z.string(),
  outcome: z.enum(['deleted', 'archived']).describe('archived instead of deleted when runs refer to the workflow'),
  message: z.string(),
});

export const dryRunBody = z.strictObject({
  device: z.string().min(1).describe('the device (name or id) to render for; it is not contacted'),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
});

const renderedStep = z.union([
  z.object({ mode: z.literal('exec'), command: z.string(), expect: z.record(z.string(), z.string()).nullable().describe('the output check, params substituted') }),
  z.object({ mode: z.literal('config'), commands: z.array(z.string()) }),
]);

export const dryRunSchema = z.object({
  workflow: z.string(),
  version: z.number().int(),
  device: z.string(),
  platform: z.enum(PLATFORMS),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).describe('the params as validated, defaults applied'),
  stages: z.object({
    pre_check: z.array(renderedStep),
    implementation: z.array(renderedStep),
    post_check: z.array(renderedStep),
    rollback: z.array(renderedStep),
  }).describe('every stage, [] when the workflow leaves it out'),
}).describe('The commands a run would send, per stage; nothing is sent');
