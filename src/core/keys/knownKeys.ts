/**
 * The keys the editor features know (the cached key lists and the keys created here), indexed by
 * their visible prefix, and the texts that describe a key's status. Values are matched, never kept.
 */
import type { PublicApiKey } from '../api/types';
import { EXPIRING_WITHIN_MS, keyStatus, type KeyStatus } from './status';
import { PrefixIndex } from '../common/prefixIndex';
import { english, type Message, msg } from '../common/messages';
import { formatDate, toDate } from '../common/timestamps';

/** A key of the cached list, with the organization it belongs to. */
export interface KnownKey {
  key: PublicApiKey;
  orgId: string;
  /** The organization as the sidebar names it (server name, local label or short id), when known. */
  orgName?: string;
  /** Origin of the API host whose key list holds the key. */
  origin?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Which of several keys sharing one prefix stands for a value: the least alarming (no false error). */
const STATUS_RANK: Record<KeyStatus, number> = { active: 0, expiring: 1, expired: 2, revoked: 3 };

/**
 * Known keys by prefix, and the one recogniser of Vued secrets built from every prefix known: what
 * masking, Problems and the hard-coded secret scan find, and which key a secret they find belongs
 * to. Lookups take the longest prefix a value starts with; prefixes shorter than MIN_PREFIX_LENGTH
 * are ignored. Build one per key list and share it.
 */
export class KeyPrefixIndex extends PrefixIndex<KnownKey> {
  constructor(keys: readonly KnownKey[]) {
    super(keys, (k) => k.key?.keyPrefix, (k) => k.key?.id);
  }

  /** The keys it was built from. */
  get keys(): readonly KnownKey[] {
    return this.items;
  }

  /** Whether `text` can hold a secret at all (a cheap pre-check). */
  mayMatch(text: string): boolean {
    return this.recognizer.mayMatch(text);
  }

  /** The key that stands for `value` (of several sharing its prefix, the least alarming), or undefined. */
  match(value: string, now: number): KnownKey | undefined {
    return leastAlarming(this.candidates(value), now);
  }
}

/** Of keys sharing one prefix, the one a value stands for: the least alarming (no false error). */
function leastAlarming(found: readonly KnownKey[], now: number): KnownKey | undefined {
  if (found.length <= 1) {
    return found[0];
  }
  return [...found].sort((a, b) => STATUS_RANK[keyStatus(a.key, now)] - STATUS_RANK[keyStatus(b.key, now)])[0];
}

export interface StatusTextOptions {
  /** Dates in UTC (default: local time, as the rest of the extension shows them). */
  utc?: boolean;
}

/** "2026-11-20" */
export function formatDay(value: number | null | undefined, options: StatusTextOptions = {}): string {
  return formatDate(value, { utc: options.utc, empty: '' }).slice(0, 10);
}

/** Whole days left, rounded up: 2.1 days → 3. At most 7 for an expiring key. */
export function daysLeft(expiresAtMs: number, now: number): number {
  return Math.ceil((expiresAtMs - now) / DAY_MS);
}

/**
 * "active", "expires in 3 days (2026-12-04)", "expires within a day (2026-12-01)",
 * "expired on 2026-11-20", "revoked on 2026-11-20".
 */
export function statusText(key: PublicApiKey, now: number, options: StatusTextOptions = {}): string {
  return english(statusMessage(key, now, options));
}

/** statusText as a message, for the display language. */
export function statusMessage(key: PublicApiKey, now: number, options: StatusTextOptions = {}): Message {
  const status = keyStatus(key, now);
  switch (status) {
    case 'revoked':
      return msg('editor.revokedOn', formatDay(key.revokedAt, options));
    case 'expired':
      return msg('editor.expiredOn', formatDay(key.expiresAt, options));
    case 'expiring': {
      const days = daysLeft(toDate(key.expiresAt)!.getTime(), now);
      const day = formatDay(key.expiresAt, options);
      return days <= 1 ? msg('editor.expiresWithinADay', day) : msg('editor.expiresInDays', days, day);
    }
    default:
      return msg('keys.active');
  }
}

/**
 * The first moment after `now` at which the status or the status text of one of `keys` changes: a
 * key enters the 7-day window, its "in N days" count drops, or it expires. Undefined when nothing
 * will change by itself (revocations are not foreseeable). Set one timer for it, then recompute.
 */
export function nextStatusChange(keys: readonly KnownKey[] | readonly PublicApiKey[], now: number): number | undefined {
  let next: number | undefined;
  const consider = (t: number) => {
    if (t > now && (next === undefined || t < next)) {
      next = t;
    }
  };
  for (const item of keys) {
    const key = 'key' in item ? item.key : item;
    if (key.revokedAt !== null && key.revokedAt !== undefined) {
      continue;
    }
    const expires = toDate(key.expiresAt)?.getTime();
    if (expires === undefined || expires <= now) {
      continue;
    }
    if (expires - now > EXPIRING_WITHIN_MS) {
      consider(expires - EXPIRING_WITHIN_MS);
    } else {
      // ceil((expires - t) / day) drops from k to k - 1 once t passes expires - (k - 1) days.
      const k = daysLeft(expires, now);
      consider(expires - (k - 1) * DAY_MS);
    }
  }
  return next;
}
