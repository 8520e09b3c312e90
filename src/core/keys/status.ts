/**
 * How a key is shown: its status from its timestamps, the order of a list, and the texts of its
 * row. Pure, so that 5,000 keys can be shaped and measured without VS Code.
 */
import type { Organization, PublicApiKey } from '../api/types';
import { english, type Message, msg, type Render } from '../common/messages';
import { formatDate, toDate } from '../common/timestamps';

export type KeyStatus = 'active' | 'expiring' | 'expired' | 'revoked';

export const EXPIRING_WITHIN_MS = 7 * 24 * 60 * 60 * 1000;

export function keyStatus(key: PublicApiKey, now: number): KeyStatus {
  if (key.revokedAt !== null && key.revokedAt !== undefined) {
    return 'revoked';
  }
  const expires = toDate(key.expiresAt)?.getTime();
  if (expires !== undefined) {
    if (expires <= now) {
      return 'expired';
    }
    if (expires - now <= EXPIRING_WITHIN_MS) {
      return 'expiring';
    }
  }
  return 'active';
}

/** Newest first (by creation time, whatever unit each key uses), then by name and id for stability. */
export function sortKeys(keys: readonly PublicApiKey[]): PublicApiKey[] {
  const created = new Map(keys.map((k) => [k, toDate(k.createdAt)?.getTime() ?? 0]));
  return [...keys].sort((a, b) => created.get(b)! - created.get(a)! || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days left, rounded up: 2.1 days → 3. At most 7 for an expiring key. */
export function daysLeft(expiresAtMs: number, now: number): number {
  return Math.ceil((expiresAtMs - now) / DAY_MS);
}

const STATUS_WORD: Record<Exclude<KeyStatus, 'expiring'>, Message> = {
  active: msg('keys.active'),
  expired: msg('keys.expired'),
  revoked: msg('keys.revoked'),
};

/** The status in a few words: "active", "expires in 3 days", "expires within a day", "expired", "revoked". */
export function statusPhrase(key: PublicApiKey, status: KeyStatus, now: number): Message {
  if (status !== 'expiring') {
    return STATUS_WORD[status];
  }
  const expires = toDate(key.expiresAt)?.getTime();
  const days = expires === undefined ? 1 : daysLeft(expires, now);
  return days <= 1 ? msg('keys.expiresWithinADay') : msg('keys.expiresInDays', days);
}

/** What a key row shows besides the key itself. */
export interface KeyRowFacts {
  readonly status: KeyStatus;
  /** The files that hold the key's secret, one entry per file (workspace-relative paths). */
  readonly files: readonly string[];
  /** Set when another key of the same list has the same name: when this one was created, to tell them apart. */
  readonly created?: string;
}

/** The parts of a key row after its name, most important first: status, where it is used, what tells it from a namesake. */
export function keyRowParts(key: PublicApiKey, facts: KeyRowFacts, now: number): Message[] {
  const parts = [statusPhrase(key, facts.status, now)];
  const n = facts.files.length;
  if (n > 0) {
    // A revoked or expired key in a file is a problem to fix, so it says "still".
    const still = facts.status === 'revoked' || facts.status === 'expired';
    const one = facts.files[0].split('/').pop() ?? facts.files[0];
    parts.push(n === 1 ? msg(still ? 'keys.stillInFile' : 'keys.inFile', one) : msg(still ? 'keys.stillInFiles' : 'keys.inFiles', n));
  }
  if (facts.created !== undefined) {
    parts.push(msg('keys.created', facts.created));
  }
  return parts;
}

/** The row's description: `expires in 3 days · in .env`, `active · in 2 files`, `active · created 2026-12-03`. */
export function keyRowDescription(key: PublicApiKey, facts: KeyRowFacts, now: number, render: Render = english): string {
  return keyRowParts(key, facts, now).map(render).join(' · ');
}

/** What a screen reader says for the row: the name, then the description's parts as one sentence. */
export function keyRowSentence(key: PublicApiKey, facts: KeyRowFacts, now: number, render: Render = english): string {
  return [key.name, ...keyRowParts(key, facts, now).map(render)].join(', ');
}

/** A key in Filter Keys…'s quick pick, which matches names, prefixes and scopes: status, prefix, scopes. */
export function keyPickDescription(key: PublicApiKey, status: KeyStatus, now: number, render: Render = english): string {
  const parts = [render(statusPhrase(key, status, now)), `${key.keyPrefix}…`];
  if (key.scopes.length > 0) {
    parts.push(key.scopes.join(', '));
  }
  return parts.join(' · ');
}

/** Markdown for a key's tooltip: dates, id, prefix and scopes. Never anything secret (none is known here). */
export function keyTooltipMarkdown(key: PublicApiKey, status: KeyStatus, now: number, render: Render = english): string {
  const never = render(msg('keys.never'));
  const rows: Array<[Message, string]> = [
    [msg('keys.rowStatus'), render(statusPhrase(key, status, now))],
    [msg('keys.rowCreated'), formatDate(key.createdAt, { empty: '—' })],
    [msg('keys.rowLastUsed'), formatDate(key.lastUsedAt, { empty: never })],
    [msg('keys.rowExpires'), formatDate(key.expiresAt, { empty: never })],
  ];
  if (status === 'revoked') {
    rows.push([msg('keys.rowRevoked'), formatDate(key.revokedAt, { empty: '—' })]);
  }
  rows.push(
    [msg('keys.rowId'), `\`${key.id}\``],
    [msg('keys.rowPrefix'), `\`${key.keyPrefix}…\``],
    [msg('keys.rowScopes'), key.scopes.length ? key.scopes.map((s) => `\`${s}\``).join(' ') : render(msg('keys.none'))],
  );
  return [`**${escapeMarkdown(key.name)}**`, '', ...rows.map(([k, v]) => `${render(k)}: ${v}  `)].join('\n');
}

export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

/** Merges organizations from several sources by id; the first name given wins, sources keep their order. */
export function mergeOrganizations(...sources: ReadonlyArray<readonly Organization[]>): Organization[] {
  const byId = new Map<string, Organization>();
  for (const source of sources) {
    for (const org of source) {
      const id = org.id.trim().toLowerCase();
      if (id === '') {
        continue;
      }
      const known = byId.get(id);
      if (!known) {
        byId.set(id, { id, name: org.name?.trim() || undefined });
      } else if (!known.name && org.name?.trim()) {
        known.name = org.name.trim();
      }
    }
  }
  return [...byId.values()];
}

export function formatScopes(scopes: readonly string[]): string {
  return scopes.join(', ');
}
