import type { z } from 'zod';
import { apiErrorSchema } from './api-schemas.ts';
import { credentialSchema } from './schemas/credential-schemas.ts';
import { connectionTestSchema, deviceSchema } from './schemas/device-schemas.ts';
import { auditEntrySchema, deliverySchema, scheduleSchema, webhookSchema } from './schemas/misc-schemas.ts';
import { runDetailSchema, runSchema } from './schemas/run-schemas.ts';
import { createdTokenSchema, tokenSchema, userSchema } from './schemas/user-schemas.ts';
import { workflowDetailSchema, workflowSummarySchema } from './schemas/workflow-schemas.ts';

/**
 * Response schemas named once in the OpenAPI document (`#/components/schemas/<name>`) and referenced
 * from every route that answers them, instead of repeated inline.
 */
export const OPENAPI_COMPONENTS: ReadonlyMap<z.ZodType, string> = new Map<z.ZodType, string>([
  [apiErrorSchema, 'Error'],
  [runSchema, 'Run'],
  [runDetailSchema, 'RunDetail'],
  [deviceSchema, 'Device'],
  [connectionTestSchema, 'ConnectionTest'],
  [credentialSchema, 'Credential'],
  [workflowSummarySchema, 'Workflow'],
  [workflowDetailSchema, 'WorkflowDetail'],
  [webhookSchema, 'Webhook'],
  [deliverySchema, 'WebhookDelivery'],
  [scheduleSchema, 'Schedule'],
  [auditEntrySchema, 'AuditEntry'],
  [userSchema, 'User'],
  [tokenSchema, 'ApiToken'],
  [createdTokenSchema, 'NewApiToken'],
]);
