import { CronExpressionParser } from 'cron-parser';
import { validationError, type FieldIssue } from '../errors/index.ts';

/** A checked cron expression and its canonical IANA time zone. */
export interface CronSchedule {
  cron: string;
  timezone: string;
}

/** The IANA name as the platform spells it (`europe/amsterdam` → `Europe/Amsterdam`), or null if unknown. */
function canonicalTimeZone(name: string): string | null {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(name)) return null;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/**
 * Checks a cron expression (5 fields, or 6 with leading seconds, or an @alias such as @daily) and an
 * IANA time zone. Every problem is reported at once, each naming its field (`cron`, `timezone`).
 */
export function checkCronSchedule(cron: string, timezone: string): CronSchedule {
  const issues: FieldIssue[] = [];
  const tz = canonicalTimeZone(timezone.trim());
  if (!tz) issues.push({ field: 'timezone', message: `"${timezone.slice(0, 64)}" is not an IANA time zone (e.g. UTC, Europe/Amsterdam, America/New_York)` });
  const expr = cron.trim().replace(/\s+/g, ' ');
  const fields = expr.split(' ').length;
  if (!expr.startsWith('@') && fields !== 5 && fields !== 6) {
    issues.push({ field: 'cron', message: `has ${fields} field${fields === 1 ? '' : 's'}; use 5 (minute hour day month weekday) or 6 (second first)` });
  } else {
    try {
      CronExpressionParser.parse(expr, { tz: tz ?? 'UTC', strict: false }).next();
    } catch (err) {
      issues.push({ field: 'cron', message: `"${expr.slice(0, 100)}" is not a valid cron expression: ${err instanceof Error ? err.message : String(err)}` });
    }
  }
  if (issues.length > 0 || !tz) {
    throw validationError('VALIDATION_FAILED', issues.map((i) => `${i.field}: ${i.message}`).join('; '), issues);
  }
  return { cron: expr, timezone: tz };
}

/** The next `count` times a schedule fires after `from`, for display (the queue fires them). */
export function nextFireTimes(cron: string, timezone: string, count = 5, from: Date = new Date()): Date[] {
  const it = CronExpressionParser.parse(cron, { tz: timezone, currentDate: from });
  return it.take(count).map((d) => d.toDate());
}
