/**
 * The sidebar's key list, shaped without VS Code: per organization, keys in use on top (newest
 * first) and the revoked and expired ones under one `Revoked and expired (N)` group; ids that stay
 * the same across refreshes; and a filter fast enough to run on every keystroke over 5,000 keys.
 */
import type { PublicApiKey } from '../api/types';
import { CONTROL_CHARS } from '../common/text';
import { keyStatus, sortKeys, type KeyStatus } from './status';
import { english, msg, type Render } from '../common/messages';
import { formatDate } from '../common/timestamps';

// ---- ids ----------------------------------------------------------------------------------------
//
// Tree ids are derived from what identifies a row on the server: the API origin, the organization
// id and the key id. Nothing that changes on refresh (position, status, name) goes into them, so
// VS Code keeps a row expanded or selected after the list is read again. Every part is
// percent-encoded, so a part holding the separator cannot make two rows share an id.

function part(text: string): string {
  return encodeURIComponent(text);
}

/** Id of an API host's root row. */
export function hostNodeId(origin: string): string {
  return `vued:${part(origin.toLowerCase())}`;
}

/** Id of an organization row under a host. Organization ids are compared lower-case, as typed ones are. */
export function organizationNodeId(origin: string, orgId: string): string {
  return `${hostNodeId(origin)}/org:${part(orgId.trim().toLowerCase())}`;
}

/** Id of a key row under its organization. */
export function keyNodeId(origin: string, orgId: string, keyId: string): string {
  return `${organizationNodeId(origin, orgId)}/key:${part(keyId)}`;
}

/** Id of the `Revoked and expired (N)` group of an organization (the count is not part of it). */
export function inactiveGroupNodeId(origin: string, orgId: string): string {
  return `${organizationNodeId(origin, orgId)}/inactive`;
}

// ---- shaping ------------------------------------------------------------------------------------

export interface ShapedKey {
  readonly id: string;
  readonly key: PublicApiKey;
  readonly status: KeyStatus;
}

export interface InactiveGroup {
  readonly id: string;
  /** `Revoked and expired (N)`. */
  readonly label: string;
  readonly keys: readonly ShapedKey[];
}

export interface ShapedKeyList {
  /** Active and expiring keys, newest first. */
  readonly current: readonly ShapedKey[];
  /** Revoked and expired keys, newest first; undefined when there are none (no empty group is shown). */
  readonly inactive: InactiveGroup | undefined;
}

export function inactiveGroupLabel(count: number, render: Render = english): string {
  return render(msg('keys.inactiveGroup', count));
}

export function isInactive(status: KeyStatus): boolean {
  return status === 'revoked' || status === 'expired';
}

/**
 * Splits an organization's keys into the rows the sidebar shows. `now` decides which keys have
 * expired or expire soon (the same rule as the key's icon, see keyStatus).
 */
export function shapeKeyList(origin: string, orgId: string, keys: readonly PublicApiKey[], now: number): ShapedKeyList {
  const current: ShapedKey[] = [];
  const inactive: ShapedKey[] = [];
  for (const key of sortKeys(keys)) {
    const status = keyStatus(key, now);
    (isInactive(status) ? inactive : current).push({ id: keyNodeId(origin, orgId, key.id), key, status });
  }
  return {
    current,
    inactive: inactive.length === 0 ? undefined : { id: inactiveGroupNodeId(origin, orgId), label: inactiveGroupLabel(inactive.length), keys: inactive },
  };
}

/**
 * The rows with every revoked or expired key that a file still holds moved out of the group, to the
 * top (in the group's order): a key to clean up from a file must not hide in a collapsed row. The
 * group keeps the rest and is left out when none is left. The same object when nothing moves.
 */
export function liftInUse(shaped: ShapedKeyList, inUse: (keyId: string) => boolean, render: Render = english): ShapedKeyList {
  const group = shaped.inactive;
  if (group === undefined || !group.keys.some((k) => inUse(k.key.id))) {
    return shaped;
  }
  const lifted = group.keys.filter((k) => inUse(k.key.id));
  const rest = group.keys.filter((k) => !inUse(k.key.id));
  return {
    current: [...lifted, ...shaped.current],
    inactive: rest.length === 0 ? undefined : { id: group.id, label: inactiveGroupLabel(rest.length, render), keys: rest },
  };
}

/**
 * How keys that share a name within one list are told apart (a rotation leaves two of one name):
 * key id → its creation day (`2026-12-03`), or day and time when the day is shared too. Keys with a
 * name of their own are not in the map. Names are compared as the eye does: trimmed, any case.
 */
export function namesakeDates(keys: readonly PublicApiKey[]): Map<string, string> {
  const byName = new Map<string, PublicApiKey[]>();
  for (const k of keys) {
    const name = k.name.trim().toLowerCase();
    const same = byName.get(name);
    if (same) {
      same.push(k);
    } else {
      byName.set(name, [k]);
    }
  }
  const out = new Map<string, string>();
  for (const same of byName.values()) {
    if (same.length < 2) {
      continue;
    }
    const full = same.map((k) => formatDate(k.createdAt, { empty: '—' }));
    const days = full.map((d) => d.slice(0, 10));
    same.forEach((k, i) => out.set(k.id, days.filter((d) => d === days[i]).length > 1 ? full[i] : days[i]));
  }
  return out;
}

// ---- filter -------------------------------------------------------------------------------------
//
// A query is split into words at white space. A key matches when EVERY word occurs (case-
// insensitively, as a substring) in its name, its prefix or one of its scopes — so `billing read`
// finds a key named "billing" with the scope `invoices:read`, and each extra word narrows the list.
// A word never matches across two fields. A trailing `…` (as the sidebar shows prefixes) is ignored.
// An empty query matches every key.

const FIELD_SEPARATOR = '\u0000';

/** The words of a query, lower-case, without control characters or a trailing ellipsis. */
export function filterWords(query: string): string[] {
  return query
    .replace(CONTROL_CHARS, ' ')
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/(?:…|\.\.\.)+$/, ''))
    .filter((w) => w !== '');
}

function haystack(key: FilterFields): string {
  return [key.name, key.keyPrefix, ...key.scopes].join(FIELD_SEPARATOR).toLowerCase();
}

/** Whether one key matches a query (see the rules above). */
export function keyMatches(key: FilterFields, query: string): boolean {
  const words = filterWords(query);
  const text = haystack(key);
  return words.every((w) => text.includes(w));
}

/** The fields a key is matched by. */
export type FilterFields = Pick<PublicApiKey, 'name' | 'keyPrefix' | 'scopes'>;

/**
 * A list prepared once for filtering as the user types: the lower-case text of every item is built
 * when the list is loaded, so a keystroke only runs substring searches. Items are keys, or anything
 * `fieldsOf` maps to a key's fields (a shaped row, say).
 */
export class KeyFilterIndex<T> {
  private readonly texts: string[];

  constructor(
    readonly items: readonly T[],
    fieldsOf: (item: T) => FilterFields = (item) => item as unknown as FilterFields,
  ) {
    this.texts = items.map((item) => haystack(fieldsOf(item)));
  }

  /** The items matching `query`, in the list's order. */
  filter(query: string): T[] {
    const words = filterWords(query);
    if (words.length === 0) {
      return [...this.items];
    }
    const out: T[] = [];
    for (let i = 0; i < this.texts.length; i++) {
      const text = this.texts[i];
      let all = true;
      for (const w of words) {
        if (!text.includes(w)) {
          all = false;
          break;
        }
      }
      if (all) {
        out.push(this.items[i]);
      }
    }
    return out;
  }
}

/**
 * The rows of one organization with a filter applied: the same order and ids, the group counting
 * only its matching keys (and left out when none match). Built once per loaded list.
 */
export class ShapedKeyListFilter {
  private readonly current: KeyFilterIndex<ShapedKey>;
  private readonly inactive: KeyFilterIndex<ShapedKey>;

  constructor(readonly shaped: ShapedKeyList) {
    this.current = new KeyFilterIndex(shaped.current, (s) => s.key);
    this.inactive = new KeyFilterIndex(shaped.inactive?.keys ?? [], (s) => s.key);
  }

  filter(query: string): ShapedKeyList {
    if (filterWords(query).length === 0) {
      return this.shaped;
    }
    const inactive = this.inactive.filter(query);
    const group = this.shaped.inactive;
    return {
      current: this.current.filter(query),
      inactive: group === undefined || inactive.length === 0 ? undefined : { id: group.id, label: inactiveGroupLabel(inactive.length), keys: inactive },
    };
  }
}
