import * as vscode from 'vscode';
import { findingAt, keyHoverMarkdown, type HoverCommands } from '../core/editor';
import { localize } from '../platform/l10n';
import { EditorCommands } from './commands';
import { toRange, type DocumentFindings } from './findings';

const HOVER_COMMANDS: HoverCommands = {
  revealInSidebar: EditorCommands.revealKey,
  rotate: EditorCommands.rotateKey,
  copyKeyId: EditorCommands.copyKeyId,
};

/** The hover of a `.env` value holding a Vued key: from the cached key list only, never the value. */
export class KeyHoverProvider implements vscode.HoverProvider {
  constructor(private readonly findings: DocumentFindings) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!this.findings.isEnv(doc)) {
      return undefined;
    }
    const found = findingAt(this.findings.envFindings(doc), doc.offsetAt(position));
    if (!found) {
      return undefined;
    }
    const md = new vscode.MarkdownString(keyHoverMarkdown(found, HOVER_COMMANDS, {}, localize));
    md.isTrusted = { enabledCommands: Object.values(HOVER_COMMANDS) };
    return new vscode.Hover(md, toRange(found.valueRange));
  }
}
