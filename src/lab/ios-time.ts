const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** "10:21:07 UTC Mon Jan 6 2025" (with ".123" milliseconds for `show clock`). */
export function iosTimestamp(date: Date, withMillis = false): string {
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  const ms = withMillis ? `.${pad(date.getUTCMilliseconds(), 3)}` : '';
  return `${time}${ms} UTC ${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()} ${date.getUTCFullYear()}`;
}

/** "1 week, 2 days, 3 hours, 4 minutes" as in `show version`. */
export function iosUptime(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const parts: [number, string][] = [
    [Math.floor(minutes / 10_080), 'week'],
    [Math.floor(minutes / 1440) % 7, 'day'],
    [Math.floor(minutes / 60) % 24, 'hour'],
    [minutes % 60, 'minute'],
  ];
  const shown = parts.filter(([n], i) => n > 0 || i === parts.length - 1);
  return shown.map(([n, unit]) => `${n} ${unit}${n === 1 ? '' : 's'}`).join(', ');
}

/** "Mon Jan  6 10:21:07 2025" (ctime style), as NX-OS stamps its running config. */
export function ctimeTimestamp(date: Date): string {
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${String(date.getUTCDate()).padStart(2)} ${time} ${date.getUTCFullYear()}`;
}

/** "2025-01-06 10:21:07 UTC", as Junos prints commit times. */
export function junosTimestamp(date: Date): string {
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  return `${day} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} UTC`;
}
