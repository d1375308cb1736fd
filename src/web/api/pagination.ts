import { z } from 'zod';

export const pageQuery = {
  page: z.coerce.number().int().min(1).default(1),
  per_page: z.coerce.number().int().min(1).max(200).default(50),
};

export function pageOf<T>(items: T[], total: number, page: number, perPage: number) {
  return { items, page, per_page: perPage, total, has_next: page * perPage < total, has_previous: page > 1 };
}
