import { z } from 'zod';
import { PARAM_NAME_PATTERN, paramSpecSchema } from './param-spec.ts';
import { platformNameSchema } from './platform-names.ts';
import { stepSpecSchema } from './step-spec.ts';
import { checkWorkflowReferences } from './workflow-references.ts';

export type { ParamSpec, ParamValue } from './param-spec.ts';
export type { StepSpec } from './step-spec.ts';
export type { CheckSpec } from './check-spec.ts';

export const WORKFLOW_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

const stepsSchema = z.array(stepSpecSchema);

const stagesSchema = z.strictObject({
  pre_check: stepsSchema.optional(),
  implementation: stepsSchema.min(1, 'must have at least one step'),
  post_check: stepsSchema.optional(),
  rollback: stepsSchema.optional(),
});

/**
 * A workflow as stored and as written in YAML (see ARCHITECTURE.md "Workflows as files").
 * Strict objects everywhere so a misspelt key is an error, not a silently ignored line.
 * `read_only` is derived from the stages (isReadOnlyWorkflow), never written.
 */
export const workflowDefinitionSchema = z
  .strictObject({
    name: z.string().regex(WORKFLOW_NAME_PATTERN, 'must be lower-case letters, digits and dashes, starting with a letter or digit, at most 63 characters'),
    description: z.string().max(1000).default(''),
    platforms: z
      .array(platformNameSchema)
      .min(1, 'must list at least one platform')
      .refine((list) => new Set(list).size === list.length, 'must not list a platform twice'),
    approval: z.enum(['none', 'required'], { error: 'must be none or required' }).default('none'),
    params: z.record(z.string(), paramSpecSchema).default({}),
    stages: stagesSchema,
  })
  .superRefine((def, ctx) => {
    for (const name of Object.keys(def.params)) {
      if (!PARAM_NAME_PATTERN.test(name)) {
        ctx.addIssue({ code: 'custom', path: ['params', name], message: `param name ${JSON.stringify(name)} must start with a lower-case letter and use only a-z, 0-9 and _ (at most 64 characters)` });
      }
    }
    for (const issue of checkWorkflowReferences(def)) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
  });

export type WorkflowDefinition = z.output<typeof workflowDefinitionSchema>;
/** What an author writes: defaults (approval, required, maxLength...) may be left out. */
export type WorkflowDefinitionInput = z.input<typeof workflowDefinitionSchema>;
export type WorkflowStages = WorkflowDefinition['stages'];
