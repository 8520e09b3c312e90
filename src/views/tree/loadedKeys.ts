import type { PublicApiKey } from '../../core/api/types';
import { filterWords, shapeKeyList, type ShapedKeyList, ShapedKeyListFilter } from '../../core/keys/keyList';
import { InactiveGroupNode } from './inactiveGroupNode';
import { KeyNode } from './keyNode';
import type { OrgNode } from './organizationNode';

/** An organization's loaded keys, shaped once per load, and the nodes VS Code holds for them. */
export class LoadedKeys {
  readonly shaped: ShapedKeyList;
  readonly nodes = new Map<string, KeyNode>();
  readonly group: InactiveGroupNode;
  private filterIndex: ShapedKeyListFilter | undefined;

  constructor(
    readonly source: 'server' | 'local',
    readonly org: OrgNode,
    readonly keys: readonly PublicApiKey[],
    now: number,
  ) {
    this.shaped = shapeKeyList(org.origin, org.org.id, keys, now);
    const groupId = this.shaped.inactive?.id ?? `${org.id}/inactive`;
    this.group = new InactiveGroupNode(org, groupId);
    for (const k of this.shaped.current) {
      this.nodes.set(k.key.id, new KeyNode(org, k.key, k.status, k.id));
    }
    for (const k of this.shaped.inactive?.keys ?? []) {
      this.nodes.set(k.key.id, new KeyNode(org, k.key, k.status, k.id, this.group));
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

  private rowsCache: { query: string; current: KeyNode[]; inactive: { label: string; keys: KeyNode[] } | undefined } | undefined;

  /** The key nodes shown for `query`, on top and in the group; kept until the query changes. */
  rows(query: string): { current: KeyNode[]; inactive: { label: string; keys: KeyNode[] } | undefined } {
    if (this.rowsCache?.query === query) {
      return this.rowsCache;
    }
    const view = this.view(query);
    const node = (k: { key: PublicApiKey }) => this.nodes.get(k.key.id)!;
    this.rowsCache = {
      query,
      current: view.current.map(node),
      inactive: view.inactive ? { label: view.inactive.label, keys: view.inactive.keys.map(node) } : undefined,
    };
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

export type KeyList = LoadedKeys | { source: 'error'; message: string };

/** Key of an organization's list: organizations of two hosts may share an id. */
export function listKey(org: OrgNode): string {
  return `${org.origin} ${org.org.id}`;
}
