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

/** The row's description: prefix, scopes and (unless active) the status, rendered by `render`. */
export function keyDescription(key: PublicApiKey, status: KeyStatus, render: Render = english): string {
  const parts = [`${key.keyPrefix}…`];
  if (key.scopes.length > 0) {
    parts.push(key.scopes.join(', '));
  }
  if (status !== 'active') {
    parts.push(render(STATUS_MESSAGE[status]));
  }
  return parts.join(' · ');
}

export const STATUS_MESSAGE: Record<KeyStatus, Message> = {
  active: msg('keys.active'),
  expiring: msg('keys.expiring'),
  expired: msg('keys.expired'),
  revoked: msg('keys.revoked'),
};

/** Markdown for a key's tooltip: dates, id, prefix and scopes. Never anything secret (none is known here). */
export function keyTooltipMarkdown(key: PublicApiKey, status: KeyStatus, render: Render = english): string {
  const never = render(msg('keys.never'));
  const rows: Array<[Message, string]> = [
    [msg('keys.rowStatus'), render(STATUS_MESSAGE[status])],
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
