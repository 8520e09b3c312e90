import * as vscode from 'vscode';
import { maskRanges, maskRangesFromFindings, type MaskRange } from '../core/editor';
import { SECRET_PREFIX } from '../core/secretShape';
import { localize } from '../platform/l10n';
import { toRange, type DocumentFindings } from './findings';
import type { KeyState } from './keyState';

export const MASK_SETTING = 'maskSecretsInEditors';

/** What the last pass drew in one editor (for tests and the timing figure; no values). */
export interface MaskSnapshot {
  uri: string;
  ranges: Array<{ startLine: number; startCharacter: number; endLine: number; endCharacter: number; label: string }>;
  /** ms from the editor becoming visible to its masks being set (the first pass only). */
  firstMaskMs?: number;
}

/**
 * Masks Vued secrets on screen: the value's characters are not drawn (the decoration hides them)
 * and `••••••• (key name)` is drawn before them. The document is never changed. A line with a
 * cursor on it shows its value; `vued.maskSecretsInEditors` and the toggle command switch it all.
 */
export class SecretMasking implements vscode.Disposable {
  private readonly type = vscode.window.createTextEditorDecorationType({
    // The characters take no room and are not painted; the label below takes their place.
    textDecoration: 'none; display: none',
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private readonly subs: vscode.Disposable[] = [];
  /** This window's override of the setting, set by the toggle command (cleared when the setting changes). */
  private override: boolean | undefined;
  private readonly snapshots = new Map<vscode.TextEditor, MaskSnapshot>();
  private readonly shownAt = new Map<vscode.TextEditor, number>();

  constructor(
    private readonly findings: DocumentFindings,
    private readonly keys: KeyState,
  ) {
    const now = () => performance.now();
    for (const e of vscode.window.visibleTextEditors) {
      this.shownAt.set(e, now());
    }
    this.subs.push(
      this.type,
      vscode.window.onDidChangeVisibleTextEditors((editors) => {
        for (const e of editors) {
          if (!this.shownAt.has(e)) {
            this.shownAt.set(e, now());
          }
        }
        for (const e of [...this.shownAt.keys()]) {
          if (!editors.includes(e)) {
            this.shownAt.delete(e);
            this.snapshots.delete(e);
          }
        }
        this.updateAll();
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => this.update(e.textEditor)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        for (const editor of vscode.window.visibleTextEditors) {
          if (editor.document === e.document) {
            this.update(editor);
          }
        }
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`vued.${MASK_SETTING}`)) {
          this.override = undefined;
          this.updateAll();
        }
      }),
      this.keys.onDidChange(() => this.updateAll()),
    );
    this.updateAll();
  }

  get enabled(): boolean {
    return this.override ?? vscode.workspace.getConfiguration('vued').get<boolean>(MASK_SETTING, true) !== false;
  }

  /** Vued: Toggle Secret Masking — for this window; the setting keeps its value. */
  toggle(): boolean {
    this.override = !this.enabled;
    this.updateAll();
    return this.enabled;
  }

  snapshot(uri: vscode.Uri): MaskSnapshot | undefined {
    for (const [editor, snap] of this.snapshots) {
      if (editor.document.uri.toString() === uri.toString()) {
        return snap;
      }
    }
    return undefined;
  }

  private updateAll(): void {
    for (const editor of vscode.window.visibleTextEditors) {
      this.update(editor);
    }
  }

  private update(editor: vscode.TextEditor): void {
    const doc = editor.document;
    let masks: MaskRange[] = [];
    if (this.enabled) {
      const revealLines = editor.selections.flatMap((s) => (s.start.line === s.end.line ? [s.start.line] : range(s.start.line, s.end.line)));
      if (this.findings.isEnv(doc)) {
        masks = maskRangesFromFindings(this.findings.envFindings(doc), { revealLines, render: localize });
      } else if (doc.getText().includes(SECRET_PREFIX)) {
        masks = maskRanges(doc.getText(), false, this.keys.index, Date.now(), { revealLines, render: localize });
      }
    }
    editor.setDecorations(
      this.type,
      masks.map((m) => ({ range: toRange(m.range), renderOptions: { before: { contentText: m.label, color: new vscode.ThemeColor('editorCodeLens.foreground') } } })),
    );
    const previous = this.snapshots.get(editor);
    const shown = this.shownAt.get(editor);
    this.snapshots.set(editor, {
      uri: doc.uri.toString(),
      ranges: masks.map((m) => ({ startLine: m.range.startPos.line, startCharacter: m.range.startPos.character, endLine: m.range.endPos.line, endCharacter: m.range.endPos.character, label: m.label })),
      firstMaskMs: previous?.firstMaskMs ?? (shown !== undefined && masks.length > 0 ? performance.now() - shown : undefined),
    });
  }

  dispose(): void {
    for (const d of this.subs) {
      d.dispose();
    }
  }
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i++) {
    out.push(i);
  }
  return out;
}
