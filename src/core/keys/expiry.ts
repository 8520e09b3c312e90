/**
 * Expiration choices for a new key and their `expires_at` value: an ISO 8601 string, or null (never).
 * All arithmetic is in UTC so the result does not depend on the machine's time zone.
 */

import { english, type Message, msg } from '../common/messages';

export type ExpiryPreset = 'never' | '30d' | '90d' | '1y' | 'custom';

export const EXPIRY_PRESETS: ReadonlyArray<{ id: ExpiryPreset; label: string }> = [
  { id: 'never', label: 'Never' },
  { id: '30d', label: '30 days' },
  { id: '90d', label: '90 days' },
  { id: '1y', label: '1 year' },
  { id: 'custom', label: 'Custom date…' },
];

const DAY_MS = 24 * 60 * 60 * 1000;

/** `expires_at` for a preset, counted from `now`. `custom` needs a date from parseCustomDate. */
export function presetExpiry(preset: Exclude<ExpiryPreset, 'custom'>, now: Date): string | null {
  switch (preset) {
    case 'never':
      return null;
    case '30d':
      return new Date(now.getTime() + 30 * DAY_MS).toISOString();
    case '90d':
      return new Date(now.getTime() + 90 * DAY_MS).toISOString();
    case '1y': {
      const d = new Date(now.getTime());
      d.setUTCFullYear(d.getUTCFullYear() + 1);
      return d.toISOString();
    }
  }
}

/** `reason` is the English sentence, `text` the same as a message to show in the display language. */
export type CustomDateResult = { ok: true; iso: string } | { ok: false; reason: string; text: Message };

function refused(text: Message): CustomDateResult {
  return { ok: false, reason: english(text), text };
}

/**
 * Parses `YYYY-MM-DD` as the end of that day in UTC (23:59:59.999Z), which must be in the future.
 * A key chosen to expire "on 2027-01-31" is valid for all of that day.
 */
export function parseCustomDate(value: string, now: Date): CustomDateResult {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m) {
    return refused(msg('expiry.dateFormat'));
  }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const end = new Date(Date.UTC(year, month - 1, day, 23, 59, 59, 999));
  if (end.getUTCFullYear() !== year || end.getUTCMonth() !== month - 1 || end.getUTCDate() !== day) {
    return refused(msg('expiry.notARealDate', value.trim()));
  }
  if (end.getTime() <= now.getTime()) {
    return refused(msg('expiry.notInFuture'));
  }
  if (year > 9999) {
    return refused(msg('expiry.yearTooLarge'));
  }
  return { ok: true, iso: end.toISOString() };
}

/** The same lifetime again from `now`: used when a key is replaced by a new one. */
export function sameLifetime(createdAtMs: number, expiresAtMs: number | undefined, now: Date): string | null {
  if (expiresAtMs === undefined) {
    return null;
  }
  const lifetime = Math.max(expiresAtMs - createdAtMs, DAY_MS);
  return new Date(now.getTime() + lifetime).toISOString();
}
