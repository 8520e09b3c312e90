import * as vscode from 'vscode';
import { commandLink, findingAt, keyHoverMarkdown, type HoverCommands } from '../core/editor';
import { localize } from '../platform/l10n';
import { EditorCommands, REVEAL_VALUE_COMMAND } from './commands';
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
      const extra = off ? offText() : this.revealLink(doc, found.range.start);
      const md = new vscode.MarkdownString(extra ? `${text}\n\n${extra}` : text);
      md.isTrusted = { enabledCommands: [...(Object.values(HOVER_COMMANDS) as string[]), REVEAL_VALUE_COMMAND] };
      return new vscode.Hover(md, toRange(found.range));
    }
    if (!off) {
      // A masked secret elsewhere (a source file): only the way to see it.
      const masks = this.findings.masks(doc, this.masking.charLimit);
      const at = 'set' in masks ? masks.set.indexAt(doc.offsetAt(position)) : undefined;
      const link = 'set' in masks && at !== undefined ? this.revealLink(doc, masks.set.masks[at].range.start) : undefined;
      if (!link || !('set' in masks) || at === undefined) {
        return undefined;
      }
      const md = new vscode.MarkdownString(link);
      md.isTrusted = { enabledCommands: [REVEAL_VALUE_COMMAND] };
      return new vscode.Hover(md, toRange(masks.set.masks[at].range));
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

  /** The Reveal Value link of the value starting at `offset`, while masking hides it; undefined otherwise. */
  private revealLink(doc: vscode.TextDocument, offset: number): string | undefined {
    if (!this.masking.isMasked(doc, offset)) {
      return undefined;
    }
    return commandLink(vscode.l10n.t('Reveal Value'), REVEAL_VALUE_COMMAND, [doc.uri.toString(), offset]);
  }
}
