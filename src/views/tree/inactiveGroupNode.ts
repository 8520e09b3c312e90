import * as vscode from 'vscode';
import { inactiveGroupLabel } from '../../core/keys/keyList';
import { localize } from '../../platform/l10n';
import type { KeyGroup, KeyNode } from './keyNode';
import type { OrgNode } from './organizationNode';

/** The collapsed `Revoked and expired (N)` row of an organization. */
export class InactiveGroupNode implements KeyGroup {
  readonly kind = 'inactiveKeys';
  /** The rows shown under it (with the filter applied) and the label counting them. */
  keys: KeyNode[] = [];
  label = '';
  constructor(readonly org: OrgNode, readonly id: string) {}

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(inactiveGroupLabel(this.keys.length, localize), vscode.TreeItemCollapsibleState.Collapsed);
    item.id = this.id;
    item.iconPath = new vscode.ThemeIcon('archive');
    item.tooltip = vscode.l10n.t('Keys of this organization that were revoked or have expired.');
    item.contextValue = 'inactiveKeys';
    return item;
  }
}
