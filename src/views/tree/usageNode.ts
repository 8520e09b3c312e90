import * as vscode from 'vscode';
import { describeUsage } from '../../core/dotenv/usages';
import type { LocatedUsage } from '../../envFiles/envIndex';
import { localize } from '../../platform/l10n';
import type { KeyNode } from './keyNode';
import type { OrgNode } from './organizationNode';

/** A place in a `.env` file that holds the key: a variable, or a commented-out line. Opens the file there. */
export class UsageNode {
  readonly kind = 'usage';
  constructor(readonly keyNode: KeyNode, readonly usage: LocatedUsage) {}

  get org(): OrgNode {
    return this.keyNode.org;
  }

  treeItem(): vscode.TreeItem {
    const u = this.usage;
    const label = describeUsage(u, localize);
    const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
    // The offset tells apart two occurrences on one line (a list holding the key twice).
    item.id = `${this.keyNode.id}/use:${encodeURIComponent(u.path)}:${u.kind === 'definition' ? encodeURIComponent(u.variable) : '#'}:${u.line}:${u.start}`;
    item.iconPath = new vscode.ThemeIcon(u.kind === 'definition' ? 'file' : 'comment');
    item.tooltip = u.kind === 'definition' ? vscode.l10n.t('{0}, line {1}: {2}', u.path, u.line + 1, u.variable) : label;
    item.contextValue = 'usage';
    const at = new vscode.Range(u.line, 0, u.line, 0);
    item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [u.uri, { selection: at, preview: true }] };
    return item;
  }
}
