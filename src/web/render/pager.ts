/** Pagination as the pager partial shows it, with links that keep the current filters. */
export interface Pager {
  page: number;
  perPage: number;
  total: number;
  from: number;
  to: number;
  prevHref: string | null;
  nextHref: string | null;
}

/** Builds `path?filters&page=N`, dropping empty filters so URLs stay short and shareable. */
export function hrefWith(path: string, query: Record<string, string | number | boolean | undefined | null>): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '' && v !== false) qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

export function pagerFor(path: string, filters: Record<string, string | number | boolean | undefined | null>, page: number, perPage: number, total: number): Pager {
  const link = (p: number) => hrefWith(path, { ...filters, page: p === 1 ? undefined : p });
  return {
    page, perPage, total,
    from: total === 0 ? 0 : (page - 1) * perPage + 1,
    to: Math.min(total, page * perPage),
    prevHref: page > 1 ? link(page - 1) : null,
    nextHref: page * perPage < total ? link(page + 1) : null,
  };
}
