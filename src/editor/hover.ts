import * as vscode from 'vscode';
import { findingAt, keyHoverMarkdown, type HoverCommands } from '../core/editor';
import { localize } from '../platform/l10n';
import { EditorCommands } from './commands';
import { toRange, type DocumentFindings } from './findings';
import type { KeyState } from './keyState';
import type { SecretMasking } from './masking';

const HOVER_COMMANDS: HoverCommands = {
  revealInSidebar: EditorCommands.revealKey,
  rotate: EditorCommands.rotateKey,
  copyKeyId: EditorCommands.copyKeyId,
};

/** How far around the hovered character a secret is looked for in a file too large to mask (a minified file is one long line). */
const HOVER_WINDOW = 4096;

/**
 * The hover of a Vued secret: in a `.env` file, the key it belongs to (from the cached key list
 * only, never the value); in a file too large to mask, in any file, that masking is off there.
 */
export class KeyHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly findings: DocumentFindings,
    private readonly masking: SecretMasking,
    private readonly keys: KeyState,
  ) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const off = this.masking.offForSize(doc);
    const offText = () => vscode.l10n.t('Masking is off for this file because of its size: it has more than {0} characters.', this.masking.charLimit);
    if (this.findings.isEnv(doc)) {
      const found = findingAt(this.findings.envFindings(doc), doc.offsetAt(position));
      if (!found) {
        return undefined;
      }
      const text = keyHoverMarkdown(found, HOVER_COMMANDS, {}, localize);
      const md = new vscode.MarkdownString(off ? `${text}\n\n${offText()}` : text);
      md.isTrusted = { enabledCommands: Object.values(HOVER_COMMANDS) };
      return new vscode.Hover(md, toRange(found.range));
    }
    if (!off) {
      return undefined;
    }
    const line = doc.lineAt(position.line).text;
    const from = Math.max(0, position.character - HOVER_WINDOW);
    const to = Math.min(line.length, position.character + HOVER_WINDOW);
    const secret = this.keys.index.recognizer.find(line, from, to).find((s) => s.start <= position.character && position.character <= s.end);
    if (!secret) {
      return undefined;
    }
    return new vscode.Hover(new vscode.MarkdownString(offText()), new vscode.Range(position.line, secret.start, position.line, secret.end));
  }
}
