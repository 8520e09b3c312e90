import * as vscode from 'vscode';
import type { PublicApiKey } from '../../core/api/types';
import { keyRowDescription, type KeyRowFacts, keyRowSentence, type KeyStatus, keyTooltipMarkdown } from '../../core/keys/status';
import type { LocatedUsage } from '../../envFiles/envIndex';
import { localize } from '../../platform/l10n';
import type { OrgNode } from './organizationNode';
import type { RowContext } from './rowContext';

const ICONS: Record<KeyStatus, vscode.ThemeIcon> = {
  active: new vscode.ThemeIcon('key', new vscode.ThemeColor('charts.green')),
  expiring: new vscode.ThemeIcon('warning', new vscode.ThemeColor('charts.yellow')),
  expired: new vscode.ThemeIcon('error', new vscode.ThemeColor('charts.red')),
  revoked: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground')),
};
/** A revoked or expired key that a file still holds: something to fix. */
const STILL_USED_ICON = new vscode.ThemeIcon('error', new vscode.ThemeColor('charts.red'));
/** An active key kept in the keychain for this workspace's terminals and debug sessions. */
const HELD_ICON = new vscode.ThemeIcon('terminal', new vscode.ThemeColor('charts.green'));

/** The row a key is listed under when it is not on top (the `Revoked and expired (N)` group). */
export interface KeyGroup {
  readonly id: string;
}

/** A key of an organization: where it is used and the variables kept for it below it. */
export class KeyNode {
  readonly kind = 'apiKey';
  /** Where the key is used (.env files and variables); filled in when the view shows the key. */
  usages: LocatedUsage[] = [];
  /** The row last built for it, with what it was built from (usages, held secret, variables kept in the keychain). */
  private built: { usages: LocatedUsage[]; holds: boolean; kept: string; item: vscode.TreeItem } | undefined;

  constructor(
    readonly org: OrgNode,
    readonly key: PublicApiKey,
    readonly status: KeyStatus,
    /** Tree id (origin, organization and key id). */
    readonly id: string,
    /** The group it is listed under: revoked and expired keys that no file holds (set as the rows are laid out). */
    public group?: KeyGroup,
    /** Set when another key of its list has the same name: its creation date, which tells the two apart. */
    readonly created?: string,
  ) {}

  /**
   * 5,000 rows are asked for again on every refresh and filter keystroke: a row is rebuilt only when
   * what it shows changed (its usages were looked up again, the held secret or the kept variables changed).
   */
  treeItem(ctx: RowContext): vscode.TreeItem {
    const holds = ctx.holds(this.key.id);
    const keptFor = ctx.keptFor(this);
    const kept = keptFor.join(',');
    if (this.built && this.built.usages === this.usages && this.built.holds === holds && this.built.kept === kept) {
      return this.built.item;
    }
    const used = this.usages.length;
    const item = new vscode.TreeItem(this.key.name, used || keptFor.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = this.id;
    const facts: KeyRowFacts = { status: this.status, files: [...new Set(this.usages.map((u) => u.path))], created: this.created };
    const now = Date.now();
    item.description = keyRowDescription(this.key, facts, now, localize);
    // A revoked or expired key still in a file is an error; a key kept in the keychain for this
    // workspace shows a terminal while it works; a warning or an error wins.
    const inactive = this.status === 'revoked' || this.status === 'expired';
    item.iconPath = inactive && used ? STILL_USED_ICON : keptFor.length > 0 && this.status === 'active' ? HELD_ICON : ICONS[this.status];
    const tokens = ['apiKey', this.status];
    if (this.status !== 'revoked') {
      tokens.push('revocable');
    }
    if (holds) {
      tokens.push('hasSecret');
    }
    if (used) {
      tokens.push('used');
    }
    if (keptFor.length > 0) {
      tokens.push('held');
    }
    item.contextValue = tokens.join(' ');
    const sentence = keyRowSentence(this.key, facts, now, localize);
    item.accessibilityInformation = { label: keptFor.length ? `${sentence}, ${vscode.l10n.t('kept in the keychain for {0}', keptFor.join(', '))}` : sentence };
    this.built = { usages: this.usages, holds, kept, item };
    return item;
  }

  /** The tooltip, built only when the row is hovered, so 5,000 rows cost nothing up front. */
  tooltip(): vscode.MarkdownString {
    return new vscode.MarkdownString(keyTooltipMarkdown(this.key, this.status, Date.now(), localize));
  }
}
