import * as vscode from 'vscode';
import type { KeyNode } from './keyNode';
import type { OrgNode } from './organizationNode';

/** A variable this workspace's terminals and debug sessions get the key's secret in (kept in the keychain). */
export class HeldVariableNode {
  readonly kind = 'heldVariable';
  constructor(readonly keyNode: KeyNode, readonly variable: string) {}

  get org(): OrgNode {
    return this.keyNode.org;
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.variable, vscode.TreeItemCollapsibleState.None);
    item.id = `${this.keyNode.id}/held:${this.variable}`;
    item.description = vscode.l10n.t('keychain · terminals and debugging');
    item.iconPath = new vscode.ThemeIcon('terminal');
    item.tooltip = vscode.l10n.t('{0}: this workspace\'s debug sessions and "New Terminal with Vued Keys" get the secret of "{1}" in it, from the keychain. Nothing is written to a file.', this.variable, this.keyNode.key.name);
    item.contextValue = 'heldVariable';
    return item;
  }
}
