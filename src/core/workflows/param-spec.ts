import { z } from 'zod';
import { findControlCharacter } from './control-characters.ts';
import { coerceParamValue } from './param-value.ts';

/** Lower-case identifiers: they are typed as `key=value` in chat and used as `{{key}}` in commands. */
export const PARAM_NAME_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;
export const DEFAULT_STRING_MAX_LENGTH = 255;

const safeInt = z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER);
const ipVersion = z.union([z.literal(4), z.literal(6)], { error: 'must be 4 or 6' });
// YAML turns `[10, 20]` into numbers; enum values are compared as the strings a user types.
const enumValue = z.union([z.string(), z.number()]).transform((v) => String(v));

const common = {
  required: z.boolean().default(false),
  description: z.string().max(500).optional(),
};

const integerParam = z.strictObject({ type: z.literal('integer'), min: safeInt.optional(), max: safeInt.optional(), default: safeInt.optional(), ...common });
const stringParam = z.strictObject({
  type: z.literal('string'),
  // Required on purpose: a free-form string reaching a device (or a Linux shell) is the widest injection surface.
  pattern: z.string().min(1, 'must not be empty'),
  minLength: z.number().int().min(0).optional(),
  maxLength: z.number().int().min(1).max(4096).default(DEFAULT_STRING_MAX_LENGTH),
  default: z.string().optional(),
  ...common,
});
const enumParam = z.strictObject({ type: z.literal('enum'), values: z.array(enumValue).min(1, 'must list at least one value'), default: enumValue.optional(), ...common });
const ipParam = z.strictObject({ type: z.literal('ip'), version: ipVersion.optional(), default: z.string().optional(), ...common });
const cidrParam = z.strictObject({ type: z.literal('cidr'), version: ipVersion.optional(), default: z.string().optional(), ...common });
const booleanParam = z.strictObject({ type: z.literal('boolean'), default: z.boolean().optional(), ...common });

export const PARAM_TYPES = ['integer', 'string', 'enum', 'ip', 'cidr', 'boolean'] as const;

/** One typed workflow param as written in YAML under `params.<name>`. */
export const paramSpecSchema = z
  .discriminatedUnion('type', [integerParam, stringParam, enumParam, ipParam, cidrParam, booleanParam], {
    error: (issue) => (issue.code === 'invalid_union' ? `type must be one of ${PARAM_TYPES.join(', ')}` : undefined),
  })
  .superRefine((spec, ctx) => {
    if (spec.type === 'integer' && spec.min !== undefined && spec.max !== undefined && spec.min > spec.max) {
      ctx.addIssue({ code: 'custom', path: ['min'], message: `min (${spec.min}) is greater than max (${spec.max})` });
    }
    if (spec.type === 'string') {
      if (spec.minLength !== undefined && spec.minLength > spec.maxLength) {
        ctx.addIssue({ code: 'custom', path: ['minLength'], message: `minLength (${spec.minLength}) is greater than maxLength (${spec.maxLength})` });
      }
      try {
        new RegExp(spec.pattern);
      } catch (err) {
        ctx.addIssue({ code: 'custom', path: ['pattern'], message: `is not a valid regular expression: ${(err as Error).message}` });
        return; // the default cannot be checked against a broken pattern
      }
    }
    if (spec.type === 'enum') {
      const seen = new Set<string>();
      spec.values.forEach((v, i) => {
        const hit = findControlCharacter(v);
        if (hit) ctx.addIssue({ code: 'custom', path: ['values', i], message: `contains ${hit.description}` });
        if (seen.has(v)) ctx.addIssue({ code: 'custom', path: ['values', i], message: `duplicate value ${JSON.stringify(v)}` });
        seen.add(v);
      });
    }
    if (spec.default !== undefined) {
      const checked = coerceParamValue('default', spec, spec.default);
      if (!checked.ok) ctx.addIssue({ code: 'custom', path: ['default'], message: checked.message });
    }
  });

export type ParamSpec = z.output<typeof paramSpecSchema>;
export type ParamType = ParamSpec['type'];
export type ParamValue = string | number | boolean;
