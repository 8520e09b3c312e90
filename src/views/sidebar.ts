import * as vscode from 'vscode';
import { signedInHosts } from '../connection/hostChoice';
import { ContextKeys } from '../constants';
import type { Services } from '../services';
import { ApiKeysTree, type Connection } from './apiKeysTree';
import { type TreeNode } from './tree/treeNode';
import { KeyFilter } from './keyFilter';

/** The Vued sidebar: (hosts →) organizations → keys → where each key is used, with the expiring-keys badge. */
export interface Sidebar {
  readonly tree: ApiKeysTree;
  readonly view: vscode.TreeView<TreeNode>;
  /** Filter Keys…: the quick pick and the filter the tree shows. */
  readonly keyFilter: KeyFilter;
  /** The connections as the tree sees them (a second tree built on them reads the same state). */
  readonly connect: () => Promise<Connection[]>;
  /** Selects a loaded key's row (nothing when no loaded list holds the key). */
  revealKey(keyId: string): Promise<void>;
}

/** Creates the API Keys view and keeps it in step with created keys and the held secret. */
export function registerSidebar(context: vscode.ExtensionContext, s: Services): Sidebar {
  // The connections as the tree sees them, never asking: every configured host (the default one
  // first) that holds a token, each with its own token.
  const connect = async (): Promise<Connection[]> => {
    const out: Connection[] = [];
    for (const host of await signedInHosts(s)) {
      const token = await s.tokens.get(host.origin).catch(() => undefined);
      if (!token) {
        continue;
      }
      s.log.protect(token.value);
      const client = s.http.create(host.baseUrl, token.value);
      out.push({
        baseUrl: host.baseUrl,
        origin: host.origin,
        label: host.label,
        isDefault: host.isDefault,
        listKeys: async (id) => {
          const keys = await client.listApiKeys(id);
          s.log.knowPrefixes(keys.map((k) => k.keyPrefix));
          return keys;
        },
        listOrganizations: () => client.listOrganizations(),
      });
    }
    return out;
  };
  const tree = new ApiKeysTree(s, connect, s.envFiles, s.contextKeys);
  const view = s.registrations.treeView<TreeNode>(tree);
  const keyFilter = new KeyFilter(tree, view, s.contextKeys);
  void s.contextKeys.set(ContextKeys.holdsSecret, false);
  context.subscriptions.push(
    tree,
    view,
    keyFilter,
    // The view's message says why lists could not be read and which filter is on (plain text: the actions are on rows).
    tree.onDidChangeMessage((message) => {
      view.message = message;
    }),
    // The badge counts keys that expire within 7 days.
    tree.onDidChangeExpiring((n) => {
      view.badge = n > 0 ? { value: n, tooltip: n === 1 ? vscode.l10n.t('1 key expires within 7 days') : vscode.l10n.t('{0} keys expire within 7 days', n) } : undefined;
    }),
    s.keyCreated.event(({ origin, orgId, key }) => {
      s.log.knowPrefixes([key.keyPrefix]);
      const node = tree.addCreatedKey(origin, orgId, key);
      if (node && view.visible) {
        // The row may be gone again by the time VS Code looks for it (revoked, refreshed): nothing to show then.
        view.reveal(node, { select: true, focus: false }).then(undefined, (e: unknown) => s.log.debug(`The new key's row was not revealed: ${e instanceof Error ? e.message : String(e)}`));
      }
    }),
    s.heldKeys.onDidChange(() => tree.refreshKeyRows()),
    s.session.onDidChange((held) => {
      tree.refreshKeyRows();
      void s.contextKeys.set(ContextKeys.holdsSecret, held !== undefined);
    }),
  );
  const revealKey = async (keyId: string): Promise<void> => {
    const node = tree.loadedKeys().find((k) => k.key.id === keyId);
    if (node) {
      await view.reveal(node, { select: true, focus: true, expand: false });
    }
  };
  return { tree, view, keyFilter, connect, revealKey };
}
