/**
 * When an organization's key list (or a host's organizations) cannot be read: what kind of
 * failure it is, what the user can do about it, and how long ago the keys still shown were read.
 * The sidebar keeps the keys it read last and says this beside them.
 */
import type { ApiErrorKind } from '../api/errors';
import { type Message, msg } from '../common/messages';
import { formatDate } from '../common/timestamps';

/**
 * - `rejected`: the server refused the token (401): only another token helps.
 * - `forbidden`: the token may not read this organization (403): another token, or try again.
 * - `unreachable`: no answer (DNS, refused, TLS, time-out): try again, or check the address.
 * - `server`: an answer that is an error (5xx, 429, unreadable): try again, the log has the detail.
 * - `signedOut`: no token for the host any more.
 */
export type ListFailureKind = 'rejected' | 'forbidden' | 'unreachable' | 'server' | 'signedOut';

/** What a row offers for a failure: Sign In Again, Retry, Open Settings, Show Logs. */
export type ListAction = 'signIn' | 'retry' | 'settings' | 'logs';

export const LIST_ACTIONS: Readonly<Record<ListFailureKind, readonly ListAction[]>> = {
  rejected: ['signIn'],
  forbidden: ['signIn', 'retry'],
  unreachable: ['retry', 'settings'],
  server: ['retry', 'logs'],
  signedOut: ['signIn'],
};

/** The failure kind of an API error's kind (undefined: an error that did not come from the API). */
export function listFailureKind(kind: ApiErrorKind | undefined): ListFailureKind {
  switch (kind) {
    case 'auth':
      return 'rejected';
    case 'forbidden':
      return 'forbidden';
    case 'network':
    case 'tls':
    case 'timeout':
    case 'cancelled':
      return 'unreachable';
    default:
      return 'server';
  }
}

/**
 * Whether a failed GET /orgs only means the server has no such list (404, 405, 501) or will not
 * give it to this token (403): then the sidebar shows the organizations known locally and says
 * nothing. Any other failure is one to report.
 */
export function organizationsNotOffered(status: number | undefined): boolean {
  return status === 403 || status === 404 || status === 405 || status === 501;
}

const MINUTE_MS = 60_000;

/** "read just now", "read 5 min ago", "read 3 h ago", "read on 2026-12-03 14:05". */
export function readAgo(readAt: number, now: number): Message {
  const minutes = Math.floor(Math.max(0, now - readAt) / MINUTE_MS);
  if (minutes < 1) {
    return msg('keys.readJustNow');
  }
  if (minutes < 60) {
    return msg('keys.readMinutesAgo', minutes);
  }
  const hours = Math.floor(minutes / 60);
  return hours < 24 ? msg('keys.readHoursAgo', hours) : msg('keys.readOn', formatDate(readAt));
}

/** The next moment `readAgo` says something else (for one timer), or undefined once it names a date. */
export function nextReadAgoChange(readAt: number, now: number): number | undefined {
  const elapsed = Math.max(0, now - readAt);
  if (elapsed >= 24 * 60 * MINUTE_MS) {
    return undefined;
  }
  const step = elapsed < 60 * MINUTE_MS ? MINUTE_MS : 60 * MINUTE_MS;
  return readAt + (Math.floor(elapsed / step) + 1) * step;
}
