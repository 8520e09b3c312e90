import * as vscode from 'vscode';
import { TreeCommands } from '../../constants';
import type { OrgNode } from './organizationNode';

/** A sentence in an organization's place: why its keys could not be listed, or a note about them. */
export class MessageNode {
  readonly kind = 'message';
  constructor(
    readonly org: OrgNode,
    readonly text: string,
    readonly tone: 'info' | 'error',
    readonly detail?: string,
    /** Tells two info rows of one organization apart in their id. */
    readonly slot = 'note',
  ) {}

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.text, vscode.TreeItemCollapsibleState.None);
    item.id = `${this.org.id}/msg:${this.tone}:${this.slot}`;
    item.tooltip = this.detail ?? this.text;
    item.iconPath = new vscode.ThemeIcon(this.tone === 'error' ? 'error' : 'info');
    item.contextValue = this.tone === 'error' ? 'loadError' : 'notice';
    if (this.tone === 'error') {
      item.command = { command: TreeCommands.refreshKeys, title: vscode.l10n.t('Retry'), arguments: [this.org] };
    }
    return item;
  }
}
