import type Handlebars from 'handlebars';
import { hasRole, isRole } from '../../core/approvals/roles.ts';
import { diffLines } from './diff-lines.ts';
import { formatDateTime, formatDuration } from './format.ts';
import { badgeTone, statusLabel } from './status-badge.ts';

type HandlebarsEnv = typeof Handlebars;

/** Handlebars passes its options hash as the last argument; helpers drop it. */
const args = (list: unknown[]): unknown[] => list.slice(0, -1);

/** Small, pure helpers. Anything returning HTML escapes its inputs first (SafeString only wraps escaped text). */
export function registerViewHelpers(hb: HandlebarsEnv): void {
  const esc = hb.Utils.escapeExpression;
  hb.registerHelper('eq', (a: unknown, b: unknown) => a === b);
  hb.registerHelper('ne', (a: unknown, b: unknown) => a !== b);
  hb.registerHelper('gt', (a: unknown, b: unknown) => Number(a) > Number(b));
  hb.registerHelper('not', (a: unknown) => !a);
  hb.registerHelper('and', (...list: unknown[]) => args(list).every(Boolean));
  hb.registerHelper('or', (...list: unknown[]) => args(list).some(Boolean));
  hb.registerHelper('includes', (list: unknown, item: unknown) => Array.isArray(list) && list.includes(item));
  hb.registerHelper('join', (list: unknown, sep: unknown) => (Array.isArray(list) ? list.join(typeof sep === 'string' ? sep : ', ') : ''));
  hb.registerHelper('concat', (...list: unknown[]) => args(list).map((v) => String(v ?? '')).join(''));
  hb.registerHelper('array', (...list: unknown[]) => args(list));
  hb.registerHelper('json', (value: unknown) => JSON.stringify(value));
  hb.registerHelper('dateTime', (value: Date | string | null) => formatDateTime(value));
  hb.registerHelper('isoDate', (value: Date | string | null) => (value ? new Date(value).toISOString() : ''));
  hb.registerHelper('duration', (ms: number | null) => formatDuration(ms));
  hb.registerHelper('durationOf', (start: Date | null, end: Date | null) => (start && end ? new Date(end).getTime() - new Date(start).getTime() : null));
  hb.registerHelper('statusLabel', (status: string) => statusLabel(String(status ?? '')));
  hb.registerHelper('diffLines', (diff: string | null) => diffLines(diff));
  hb.registerHelper('hasRole', (user: { role?: string } | null, needed: string) =>
    Boolean(user?.role && isRole(user.role) && isRole(needed) && hasRole(user.role, needed)));
  hb.registerHelper('badge', (status: unknown) => {
    const s = String(status ?? 'unknown');
    return new hb.SafeString(`<span class="badge badge-${badgeTone(s)}">${esc(statusLabel(s))}</span>`);
  });
  // A form field's element id: `f-host` on a page; an inline row form passes its own prefix (`e-<id>-`, `n-`).
  hb.registerHelper('fieldId', (prefix: unknown, name: unknown) => `${typeof prefix === 'string' && prefix !== '' ? prefix : 'f-'}${String(name)}`);
  hb.registerHelper('plural', (n: number, one: string, many: string) => (n === 1 ? one : many));
}
