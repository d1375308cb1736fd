import { z } from 'zod';

export const CHECK_KINDS = ['contains', 'not_contains', 'regex', 'not_regex', 'equals'] as const;
export type CheckKind = (typeof CHECK_KINDS)[number];

export const MAX_CHECK_LENGTH = 1000;

const needle = z.string().min(1, 'must not be empty (it would match any output)').max(MAX_CHECK_LENGTH);

/** An output check, written `{ kind: value }` with exactly one kind. Regexes are multiline. */
export const checkSpecSchema = z
  .strictObject({
    contains: needle.optional(),
    not_contains: needle.optional(),
    regex: needle.optional(),
    not_regex: needle.optional(),
    // May be empty: some commands are expected to print nothing.
    equals: z.string().max(MAX_CHECK_LENGTH).optional(),
  })
  .superRefine((check, ctx) => {
    const present = CHECK_KINDS.filter((k) => check[k] !== undefined);
    if (present.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `a check needs exactly one of ${CHECK_KINDS.join(', ')}; got ${present.length === 0 ? 'none' : present.join(', ')}`,
      });
    }
  });

export type CheckSpec = z.output<typeof checkSpecSchema>;

/** The one kind a (validated) check uses, with its value. */
export function checkOperator(check: CheckSpec): { kind: CheckKind; value: string } {
  for (const kind of CHECK_KINDS) {
    const value = check[kind];
    if (value !== undefined) return { kind, value };
  }
  throw new TypeError('a check needs exactly one of contains, not_contains, regex, not_regex, equals');
}
