import * as vscode from 'vscode';
import type { Organization } from '../../core/api/types';
import { organizationNodeId } from '../../core/keys/keyList';
import type { RowContext } from './rowContext';

/** An organization of a host: its keys below it. */
export class OrgNode {
  readonly kind = 'organization';
  /** Tree id: from the API origin and the organization id only, so it survives refreshes. */
  readonly id: string;
  constructor(
    readonly org: Organization,
    /** Origin of the API host the organization was listed from. */
    readonly origin: string,
    /** The name GET /orgs gave it, if any (shown instead of any local label). */
    readonly serverName?: string,
  ) {
    this.id = organizationNodeId(origin, org.id);
  }

  treeItem(ctx: RowContext): vscode.TreeItem {
    const local = ctx.localLabel(this);
    const item = new vscode.TreeItem(ctx.organizationLabel(this), vscode.TreeItemCollapsibleState.Expanded);
    item.id = this.id;
    const named = this.serverName !== undefined || local !== undefined;
    item.description = named ? this.org.id : undefined;
    item.tooltip = named ? `${this.serverName ?? local}\n${this.org.id}` : this.org.id;
    item.iconPath = new vscode.ThemeIcon('organization');
    // Only an organization the server gives no name can get a local label.
    item.contextValue = this.serverName === undefined ? 'organization renamable' : 'organization';
    return item;
  }
}
