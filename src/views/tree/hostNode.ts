import * as vscode from 'vscode';
import { hostNodeId } from '../../core/keys/keyList';

/** The root row of one API host, shown only when more than one host holds a token. */
export class HostNode {
  readonly kind = 'host';
  /** Tree id: from the origin only. The organization rows below it keep the ids they have without it. */
  readonly id: string;
  constructor(
    readonly label: string,
    readonly origin: string,
  ) {
    this.id = hostNodeId(origin);
  }

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.label, vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    item.description = this.origin;
    item.tooltip = vscode.l10n.t('Vued API at {0}: commands started from the rows below use this host and its token.', this.origin);
    item.iconPath = new vscode.ThemeIcon('server');
    item.contextValue = 'host';
    return item;
  }
}
