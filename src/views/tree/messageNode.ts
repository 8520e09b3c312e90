import * as vscode from 'vscode';
import { hostNodeId } from '../../core/keys/keyList';
import type { OrgNode } from './organizationNode';

/**
 * A sentence in the place of an organization's keys (or of a host's organizations): why they
 * could not be read, or a note about them. A click does nothing: what the row offers is in its
 * inline buttons and its context menu, chosen by the tokens of its contextValue (package.json
 * `view/item/context`), and its accessible label is the whole sentence.
 */
export class MessageNode {
  readonly kind = 'message';
  constructor(
    /** The organization whose keys it is about (undefined: the host's organizations). */
    readonly org: OrgNode | undefined,
    /** The API origin of the host it is about. */
    readonly origin: string,
    readonly text: string,
    readonly tone: 'info' | 'error',
    readonly details: {
      /** The tooltip (default: the text). */
      tooltip?: string;
      /** What a screen reader says (default: the text). */
      spoken?: string;
      /** Shown beside the text (e.g. when the keys shown were read). */
      description?: string;
      /** The contextValue's tokens after `loadError` or `notice`: the kind and the actions offered. */
      tokens?: readonly string[];
    } = {},
    /** Tells two info rows of one organization apart in their id. */
    readonly slot = 'note',
  ) {}

  treeItem(): vscode.TreeItem {
    const item = new vscode.TreeItem(this.text, vscode.TreeItemCollapsibleState.None);
    item.id = `${this.org?.id ?? hostNodeId(this.origin)}/msg:${this.tone}:${this.slot}`;
    item.description = this.details.description;
    item.tooltip = this.details.tooltip ?? this.text;
    item.accessibilityInformation = { label: this.details.spoken ?? this.text };
    item.iconPath = new vscode.ThemeIcon(this.tone === 'error' ? 'error' : 'info');
    item.contextValue = [this.tone === 'error' ? 'loadError' : 'notice', ...(this.details.tokens ?? [])].join(' ');
    return item;
  }
}
