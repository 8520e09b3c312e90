import * as vscode from 'vscode';
import { ContextKeys } from '../constants';
import { keyPickDescription } from '../core/keys/status';
import { localize } from '../platform/l10n';
import { type ContextKeyValues } from '../platform/contextKeys';
import { type ApiKeysTree } from './apiKeysTree';
import { type KeyNode } from './tree/keyNode';
import { type TreeNode } from './tree/treeNode';

/** At most this many matching keys are listed in the quick pick (the tree shows them all). */
const MAX_PICK_ITEMS = 200;

interface KeyPickItem extends vscode.QuickPickItem {
  node: KeyNode;
}

/**
 * Filter Keys…: a quick pick whose text filters the API Keys view as it is typed (name, prefix or
 * scope, every word must match). Enter keeps the filter (and reveals the chosen key, if one is
 * highlighted); Escape clears it. Clear Key Filter in the view's title clears it too. The filter
 * lives in the tree (which shows it as the view's message); this class owns the quick pick and the
 * context key.
 */
export class KeyFilter implements vscode.Disposable {
  private picker: vscode.QuickPick<KeyPickItem> | undefined;

  constructor(
    private readonly tree: ApiKeysTree,
    private readonly view: vscode.TreeView<TreeNode>,
    private readonly contextKeys: ContextKeyValues,
  ) {
    void this.contextKeys.set(ContextKeys.keyFilterActive, false);
  }

  /** The quick pick while it is open (tests type into it). */
  get activePicker(): vscode.QuickPick<vscode.QuickPickItem> | undefined {
    return this.picker;
  }

  /** Applies `query` to the tree at once ('' clears the filter); the tree's message shows it. */
  set(query: string): void {
    this.tree.setFilter(query);
    void this.contextKeys.set(ContextKeys.keyFilterActive, this.tree.filter !== '');
  }

  clear(): void {
    this.picker?.hide();
    this.set('');
  }

  /** `vued.filterKeys`: opens the quick pick, starting from the current filter. */
  open(): void {
    if (this.picker) {
      this.picker.show();
      return;
    }
    const qp = vscode.window.createQuickPick<KeyPickItem>();
    this.picker = qp;
    qp.title = vscode.l10n.t('Vued: Filter Keys');
    qp.placeholder = vscode.l10n.t('Filter the keys by name, prefix or scope (Enter keeps the filter, Escape clears it)');
    // The tree's filter decides what matches; the quick pick must not filter the items again.
    qp.matchOnDescription = false;
    qp.value = this.tree.filter;
    this.showItems(qp);
    let accepted = false;
    const subs: vscode.Disposable[] = [
      qp.onDidChangeValue((value) => {
        this.set(value);
        this.showItems(qp);
      }),
      qp.onDidAccept(() => {
        accepted = true;
        this.set(qp.value);
        const chosen = qp.activeItems[0];
        qp.hide();
        if (chosen && this.tree.filter !== '') {
          // Nothing to reveal if the list changed meanwhile and the row is gone.
          this.view.reveal(chosen.node, { select: true, focus: true, expand: false }).then(undefined, () => undefined);
        }
      }),
      qp.onDidHide(() => {
        if (!accepted) {
          this.set('');
        }
        for (const d of subs) {
          d.dispose();
        }
        qp.dispose();
        if (this.picker === qp) {
          this.picker = undefined;
        }
      }),
    ];
    qp.show();
  }

  private showItems(qp: vscode.QuickPick<KeyPickItem>): void {
    const query = this.tree.filter;
    const nodes = query === '' ? [] : this.tree.matchingKeys(query, MAX_PICK_ITEMS);
    const now = Date.now();
    qp.items = nodes.map((node) => ({ label: node.key.name, description: keyPickDescription(node.key, node.status, now, localize), alwaysShow: true, node }));
  }

  dispose(): void {
    this.picker?.dispose();
    this.picker = undefined;
  }
}
