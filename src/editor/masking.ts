import * as vscode from 'vscode';
import { MAX_EDITOR_CHARS, withoutIndices, type LineSpan, type MaskSet } from '../core/editor';
import type { EditorLog } from './deps';
import { documentLength, toRange, type DocumentFindings } from './findings';
import type { KeyState } from './keyState';

export const MASK_SETTING = 'maskSecretsInEditors';

/** What the last pass drew in one editor (for tests and the timing figure; no values). */
export interface MaskSnapshot {
  uri: string;
  ranges: Array<{ startLine: number; startCharacter: number; endLine: number; endCharacter: number; label: string }>;
  /** ms from the editor becoming visible to its masks being set (the first pass only). */
  firstMaskMs?: number;
  /** How many times the mask ranges of this editor's document were computed from its text. */
  computations: number;
  /** Masking is off for this document because of its size. */
  offForSize: boolean;
}

/** What one editor shows now: which set of masks, with which of them revealed by the cursors. */
interface Drawn {
  set: MaskSet | undefined;
  /** The revealed indices, joined: a cursor move that reveals the same ones draws nothing. */
  revealed: string;
  offForSize: boolean;
}

/**
 * Masks Vued secrets on screen: the secret's characters are not drawn (the decoration hides them)
 * and `••••••• (key name)` is drawn before them. The document is never changed. A line with a
 * cursor on it shows its secrets; `vued.maskSecretsInEditors` and the toggle command switch it all.
 *
 * The ranges are computed once per document version (DocumentFindings.masks); a cursor move asks
 * the cached set which ranges its lines touch and redraws only when that changed. Documents over
 * MAX_EDITOR_CHARS are not masked: one log line names each, and the hover says why.
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
  private readonly drawn = new Map<vscode.TextEditor, Drawn>();
  /** The decorations of each mask set, made once per set. */
  private readonly decorations = new WeakMap<MaskSet, vscode.DecorationOptions[]>();
  /** Documents whose size turned masking off, already named in the log (once per document). */
  private readonly loggedTooLarge = new Set<string>();
  /** A lower size cap set by the tests; undefined: MAX_EDITOR_CHARS. */
  maxChars: number | undefined;

  constructor(
    private readonly findings: DocumentFindings,
    private readonly keys: KeyState,
    private readonly log: EditorLog,
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
            this.drawn.delete(e);
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

  /** The size cap masking works under, in characters. */
  get charLimit(): number {
    return this.maxChars ?? MAX_EDITOR_CHARS;
  }

  /** Masking is on, and off for this document only because of its size. */
  offForSize(doc: vscode.TextDocument): boolean {
    return this.enabled && documentLength(doc) > this.charLimit;
  }

  /** Draws every visible editor again (a setting, the key list or the cap changed). */
  updateAll(): void {
    this.drawn.clear();
    for (const editor of vscode.window.visibleTextEditors) {
      this.update(editor);
    }
  }

  private update(editor: vscode.TextEditor): void {
    const doc = editor.document;
    let set: MaskSet | undefined;
    let offForSize = false;
    if (this.enabled) {
      const masks = this.findings.masks(doc, this.charLimit);
      if ('set' in masks) {
        set = masks.set;
      } else {
        offForSize = true;
        this.logTooLarge(doc, masks.chars);
      }
    }
    const revealedIndices = set ? set.revealedBy(editor.selections.map((s): LineSpan => ({ first: s.start.line, last: s.end.line }))) : [];
    const revealed = revealedIndices.join(',');
    const last = this.drawn.get(editor);
    if (last && last.set === set && last.revealed === revealed && last.offForSize === offForSize) {
      return; // the same masks with the same ones revealed: nothing to draw
    }
    this.drawn.set(editor, { set, revealed, offForSize });
    const shownRanges = set ? withoutIndices(set.masks, revealedIndices) : [];
    editor.setDecorations(this.type, set ? withoutIndices(this.decorationsOf(set), revealedIndices) : []);
    const previous = this.snapshots.get(editor);
    const shown = this.shownAt.get(editor);
    this.snapshots.set(editor, {
      uri: doc.uri.toString(),
      ranges: shownRanges.map((m) => ({ startLine: m.range.startPos.line, startCharacter: m.range.startPos.character, endLine: m.range.endPos.line, endCharacter: m.range.endPos.character, label: m.label })),
      firstMaskMs: previous?.firstMaskMs ?? (shown !== undefined && shownRanges.length > 0 ? performance.now() - shown : undefined),
      computations: this.findings.maskComputationCount(doc),
      offForSize,
    });
  }

  private decorationsOf(set: MaskSet): vscode.DecorationOptions[] {
    let made = this.decorations.get(set);
    if (!made) {
      const color = new vscode.ThemeColor('editorCodeLens.foreground');
      made = set.masks.map((m) => ({ range: toRange(m.range), renderOptions: { before: { contentText: m.label, color } } }));
      this.decorations.set(set, made);
    }
    return made;
  }

  private logTooLarge(doc: vscode.TextDocument, chars: number): void {
    const id = doc.uri.toString();
    if (!this.loggedTooLarge.has(id)) {
      this.loggedTooLarge.add(id);
      this.log.info(`Masking is off for ${vscode.workspace.asRelativePath(doc.uri)}: it has ${chars} characters, more than the ${this.charLimit} masking handles.`);
    }
  }

  dispose(): void {
    for (const d of this.subs) {
      d.dispose();
    }
  }
}
