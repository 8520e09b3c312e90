/**
 * The contract types timestamps as plain numbers and does not say the unit. A value below 1e12 is
 * read as epoch seconds (1e12 s is the year 33658), anything else as epoch milliseconds
 * (1e12 ms is 2001-09-09).
 */

export const SECONDS_THRESHOLD = 1e12;

export function toDate(n: number | null | undefined): Date | undefined {
  if (n === null || n === undefined || typeof n !== 'number' || !Number.isFinite(n)) return undefined;
  const ms = Math.abs(n) < SECONDS_THRESHOLD ? n * 1000 : n;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

export interface FormatDateOptions {
  /** Format in UTC and append " UTC" (default: local time, no suffix). */
  utc?: boolean;
  /** Also show seconds. */
  seconds?: boolean;
  /** Text for a missing value (default ''). */
  empty?: string;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** "2024-05-01 13:45" (local time), or "2024-05-01 13:45 UTC" with `utc`. Accepts a Date or an API number. */
export function formatDate(value: Date | number | null | undefined, options: FormatDateOptions = {}): string {
  const d = value instanceof Date ? (Number.isNaN(value.getTime()) ? undefined : value) : toDate(value);
  if (!d) return options.empty ?? '';
  const u = options.utc === true;
  const y = u ? d.getUTCFullYear() : d.getFullYear();
  const mo = (u ? d.getUTCMonth() : d.getMonth()) + 1;
  const day = u ? d.getUTCDate() : d.getDate();
  const h = u ? d.getUTCHours() : d.getHours();
  const mi = u ? d.getUTCMinutes() : d.getMinutes();
  const s = u ? d.getUTCSeconds() : d.getSeconds();
  let text = `${y}-${pad(mo)}-${pad(day)} ${pad(h)}:${pad(mi)}`;
  if (options.seconds) text += `:${pad(s)}`;
  return u ? `${text} UTC` : text;
}
