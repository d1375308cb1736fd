import { z } from 'zod';

/** `page` and `per_page` of every list endpoint. */
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(1_000_000).default(1),
  per_page: z.coerce.number().int().min(1).max(200).default(50),
};

/** The envelope of every list: the page's items and where it sits in the whole. */
export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item),
    page: z.number().int(),
    per_page: z.number().int(),
    total: z.number().int(),
    has_next: z.boolean(),
    has_previous: z.boolean(),
  });
}

export function pageOf<T>(items: T[], total: number, page: number, perPage: number) {
  return { items, page, per_page: perPage, total, has_next: page * perPage < total, has_previous: page > 1 };
}

/** One page of a list held in memory (small lists: workflows, webhooks, schedules, versions). */
export function paginate<T>(all: readonly T[], page: number, perPage: number) {
  return pageOf(all.slice((page - 1) * perPage, page * perPage), all.length, page, perPage);
}
