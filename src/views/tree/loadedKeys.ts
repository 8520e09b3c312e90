import type { PublicApiKey } from '../../core/api/types';
import { filterWords, liftInUse, namesakeDates, shapeKeyList, type ShapedKeyList, ShapedKeyListFilter } from '../../core/keys/keyList';
import type { ListFailureKind } from '../../core/keys/listFailure';
import { InactiveGroupNode } from './inactiveGroupNode';
import { KeyNode } from './keyNode';
import type { OrgNode } from './organizationNode';

/** Why a list could not be read (again): its kind, the user's sentence, and when it happened. */
export interface ListFailure {
  readonly kind: ListFailureKind;
  readonly text: string;
  readonly at: number;
}

/** An organization's loaded keys, shaped once per load, and the nodes VS Code holds for them. */
export class LoadedKeys {
  readonly shaped: ShapedKeyList;
  readonly nodes = new Map<string, KeyNode>();
  readonly group: InactiveGroupNode;
  private filterIndex: ShapedKeyListFilter | undefined;
  /**
   * Set when reading the list again failed: these keys are the ones read at `readAt`, shown until a
   * read succeeds (the organization's first row says why and when).
   */
  failure: ListFailure | undefined;

  constructor(
    readonly source: 'server' | 'local',
    readonly org: OrgNode,
    readonly keys: readonly PublicApiKey[],
    /** When the server's list was read (a key added or revoked here since keeps that time). */
    readonly readAt: number,
  ) {
    this.shaped = shapeKeyList(org.origin, org.org.id, keys, readAt);
    const groupId = this.shaped.inactive?.id ?? `${org.id}/inactive`;
    this.group = new InactiveGroupNode(org, groupId);
    const created = namesakeDates(keys);
    for (const k of this.shaped.current) {
      this.nodes.set(k.key.id, new KeyNode(org, k.key, k.status, k.id, undefined, created.get(k.key.id)));
    }
    for (const k of this.shaped.inactive?.keys ?? []) {
      this.nodes.set(k.key.id, new KeyNode(org, k.key, k.status, k.id, this.group, created.get(k.key.id)));
    }
  }

  /** The usage generation of the tree its keys' usages were looked up in (-1: not yet). */
  usagesAt = -1;

  /** Shows the usages known for the same keys in the list this one replaces, until they are looked up again. */
  keepUsagesOf(previous: LoadedKeys): void {
    for (const [id, node] of this.nodes) {
      const old = previous.nodes.get(id);
      if (old) {
        node.usages = old.usages;
      }
    }
  }

  private rowsCache: { query: string; usagesAt: number; current: KeyNode[]; inactive: { label: string; keys: KeyNode[] } | undefined } | undefined;

  /**
   * The key nodes shown for `query`, on top and in the group, with a revoked or expired key that a
   * file still holds on top (its node's group follows, for getParent); kept until the query or the
   * usages change.
   */
  rows(query: string): { current: KeyNode[]; inactive: { label: string; keys: KeyNode[] } | undefined } {
    if (this.rowsCache?.query === query && this.rowsCache.usagesAt === this.usagesAt) {
      return this.rowsCache;
    }
    const node = (k: { key: PublicApiKey }) => this.nodes.get(k.key.id)!;
    const view = liftInUse(this.view(query), (id) => this.nodes.get(id)!.usages.length > 0);
    const current = view.current.map(node);
    const inactive = view.inactive ? { label: view.inactive.label, keys: view.inactive.keys.map(node) } : undefined;
    for (const n of current) {
      n.group = undefined;
    }
    for (const n of inactive?.keys ?? []) {
      n.group = this.group;
    }
    this.rowsCache = { query, usagesAt: this.usagesAt, current, inactive };
    return this.rowsCache;
  }

  /** The rows for `query` (all of them when it is empty); the filter index is built on first use. */
  view(query: string): ShapedKeyList {
    if (filterWords(query).length === 0) {
      return this.shaped;
    }
    this.filterIndex ??= new ShapedKeyListFilter(this.shaped);
    return this.filterIndex.filter(query);
  }

  allNodes(): KeyNode[] {
    return [...this.nodes.values()];
  }
}

/** An organization's list: its keys (perhaps stale), or why none could be read. */
export type KeyList = LoadedKeys | { source: 'error'; failure: ListFailure };

/** Key of an organization's list: organizations of two hosts may share an id. */
export function listKey(org: OrgNode): string {
  return `${org.origin} ${org.org.id}`;
}
