import { z } from 'zod';

/** An HTML form sends "" for an untouched field; for filters and optional fields that means "not given". */
export const optionalText = (max = 200) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v), z.string().max(max).optional());

export const pageNumber = z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(100_000).default(1));

/** A checkbox posts its value when ticked and nothing otherwise. */
export const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true || v === '1', z.boolean());

/** `2025-03-04` from <input type=date>, as the start of that day in UTC. */
export const optionalDay = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2025-03-04').optional(),
);
