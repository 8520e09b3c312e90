import * as vscode from 'vscode';
import { MAX_EDITOR_CHARS, withoutIndices, type FindingSeverity, type MaskSet } from '../core/editor';
import type { EditorLog } from './deps';
import { documentLength, toRange, type DocumentFindings } from './findings';
import type { KeyState } from './keyState';
import { DIAGNOSTIC_SOURCE, ProblemCodes } from './problems';

/** How bad a masked value's problem is; `none` draws no underline. */
type Problem = Exclude<FindingSeverity, 'none'>;

const UNDERLINE: Record<Problem, string> = {
  error: 'underline wavy var(--vscode-editorError-foreground)',
  warning: 'underline wavy var(--vscode-editorWarning-foreground)',
  information: 'underline wavy var(--vscode-editorInfo-foreground)',
};

const RANK: Record<FindingSeverity, number> = { none: 0, information: 1, warning: 2, error: 3 };

function worse(a: FindingSeverity, b: FindingSeverity): FindingSeverity {
  return RANK[b] > RANK[a] ? b : a;
}

export const MASK_SETTING = 'maskSecretsInEditors';

/** What the last pass drew in one editor (for tests and the timing figure; no values). */
export interface MaskSnapshot {
  uri: string;
  ranges: Array<{ startLine: number; startCharacter: number; endLine: number; endCharacter: number; label: string; problem?: Problem }>;
  /** ms from the editor becoming visible to its masks being set (the first pass only). */
  firstMaskMs?: number;
  /** How many times the mask ranges of this editor's document were computed from its text. */
  computations: number;
  /** Masking is off for this document because of its size. */
  offForSize: boolean;
}

/** What one editor shows now: which set of masks, which of them revealed, which problems drawn on them. */
interface Drawn {
  set: MaskSet | undefined;
  /** The revealed index, if any: a cursor move that keeps it draws nothing. */
  revealed: number | undefined;
  /** The problem of each mask, joined. */
  problems: string;
  offForSize: boolean;
}

/** The one value Reveal Value unmasked in an editor: its offsets when last drawn. */
interface Revealed {
  start: number;
  end: number;
}

/**
 * Masks Vued secrets on screen: the secret's characters are not drawn (the decoration hides them)
 * and `••••••• (key name)` is drawn before them, with a wavy underline in the colour of its problem
 * when it has one (the Problem itself sits beside the secret, never on it). The document is never
 * changed. A cursor does not show a secret: Reveal Value (command, hover link) shows one value of
 * one editor until no cursor of that editor is in it any more, the editor loses focus to another,
 * or another value is revealed. `vued.maskSecretsInEditors` and the toggle command switch it all.
 *
 * The ranges are computed once per document version (DocumentFindings.masks); a cursor move only
 * checks whether the revealed value still holds a cursor. Documents over MAX_EDITOR_CHARS are not
 * masked: one log line names each, and the hover says why.
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
  private readonly revealed = new Map<vscode.TextEditor, Revealed>();
  /** The decorations of each mask set, made once per set and set of problems. */
  private readonly decorations = new WeakMap<MaskSet, { problems: string; made: vscode.DecorationOptions[] }>();
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
            this.revealed.delete(e);
          }
        }
        this.updateAll();
      }),
      vscode.window.onDidChangeTextEditorSelection((e) => this.update(e.textEditor)),
      vscode.window.onDidChangeActiveTextEditor((active) => {
        for (const editor of [...this.revealed.keys()]) {
          if (editor !== active) {
            this.revealed.delete(editor);
            this.update(editor);
          }
        }
      }),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const changed = new Set(e.uris.map((u) => u.toString()));
        for (const editor of vscode.window.visibleTextEditors) {
          if (changed.has(editor.document.uri.toString())) {
            this.update(editor);
          }
        }
      }),
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
    this.revealed.clear();
    this.updateAll();
    return this.enabled;
  }

  /**
   * Vued: Reveal Value — unmasks the one masked value at `position` of `editor` (the cursor's when
   * not given). The cursor goes to the value's start unless it is already in it, so the value stays
   * shown while the cursor is there. False when no masked value is there.
   */
  reveal(editor: vscode.TextEditor, position: vscode.Position = editor.selection.active): boolean {
    const set = this.setOf(editor);
    const index = set?.indexAt(editor.document.offsetAt(position));
    if (!set || index === undefined) {
      return false;
    }
    const { start, end } = set.masks[index].range;
    this.revealed.set(editor, { start, end });
    if (!this.holdsCursor(editor, start, end)) {
      const at = editor.document.positionAt(start);
      editor.selection = new vscode.Selection(at, at);
    }
    this.update(editor);
    return true;
  }

  snapshot(uri: vscode.Uri): MaskSnapshot | undefined {
    for (const [editor, snap] of this.snapshots) {
      if (editor.document.uri.toString() === uri.toString()) {
        return snap;
      }
    }
    return undefined;
  }

  /**
   * Masking hides the value starting at `offset` of `doc` in some visible editor (masking is on for
   * the document and the value is not the one revealed there).
   */
  isMasked(doc: vscode.TextDocument, offset: number): boolean {
    const editors = vscode.window.visibleTextEditors.filter((e) => e.document === doc);
    const set = editors.length > 0 ? this.setOf(editors[0]) : undefined;
    const index = set?.indexAt(offset);
    if (!set || index === undefined) {
      return false;
    }
    return editors.some((e) => this.drawn.get(e)?.revealed !== index);
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

  /** The masks of the editor's document, or undefined when masking is off (for it). */
  private setOf(editor: vscode.TextEditor): MaskSet | undefined {
    if (!this.enabled) {
      return undefined;
    }
    const masks = this.findings.masks(editor.document, this.charLimit);
    return 'set' in masks ? masks.set : undefined;
  }

  /** Some cursor of `editor` is in [start, end] (its ends included). */
  private holdsCursor(editor: vscode.TextEditor, start: number, end: number): boolean {
    return editor.selections.some((s) => {
      const at = editor.document.offsetAt(s.active);
      return start <= at && at <= end;
    });
  }

  /**
   * The index of the revealed value in `set`, if it is still revealed: a mask that holds a cursor
   * and overlaps the value as last drawn (an edit inside the value keeps it shown).
   */
  private revealedIndex(editor: vscode.TextEditor, set: MaskSet | undefined): number | undefined {
    const was = this.revealed.get(editor);
    if (!was) {
      return undefined;
    }
    for (const s of set ? editor.selections : []) {
      const i = set!.indexAt(editor.document.offsetAt(s.active));
      const r = i === undefined ? undefined : set!.masks[i].range;
      if (i !== undefined && r && r.start <= was.end && was.start <= r.end) {
        this.revealed.set(editor, { start: r.start, end: r.end });
        return i;
      }
    }
    this.revealed.delete(editor);
    return undefined;
  }

  /**
   * The problem drawn on each mask: its own (a `.env` finding's severity), or a Vued Problem of the
   * file that covers it: a tracked `.env` file's warning covers every secret of the file; a
   * hard-coded secret's sits on the literal's opening quote or right before the secret.
   */
  private problemsOf(doc: vscode.TextDocument, set: MaskSet): FindingSeverity[] {
    const ours = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
    const committed = ours.some((d) => d.code === ProblemCodes.committed);
    const hardCoded = new Set(ours.filter((d) => d.code === ProblemCodes.hardCoded).map((d) => doc.offsetAt(d.range.start)));
    return set.masks.map((m) => {
      let p: FindingSeverity = m.severity ?? 'none';
      if (committed || hardCoded.has(m.range.start) || hardCoded.has(m.range.start - 1)) {
        p = worse(p, 'warning');
      }
      return p;
    });
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
    const revealed = this.revealedIndex(editor, set);
    const revealedIndices = revealed === undefined ? [] : [revealed];
    const severities = set ? this.problemsOf(doc, set) : [];
    const problems = severities.join(',');
    const last = this.drawn.get(editor);
    if (last && last.set === set && last.revealed === revealed && last.problems === problems && last.offForSize === offForSize) {
      return; // the same masks with the same one revealed and the same problems: nothing to draw
    }
    this.drawn.set(editor, { set, revealed, problems, offForSize });
    const shownRanges = set ? withoutIndices(set.masks.map((m, i) => ({ m, p: severities[i] })), revealedIndices) : [];
    editor.setDecorations(this.type, set ? withoutIndices(this.decorationsOf(set, severities, problems), revealedIndices) : []);
    const previous = this.snapshots.get(editor);
    const shown = this.shownAt.get(editor);
    this.snapshots.set(editor, {
      uri: doc.uri.toString(),
      ranges: shownRanges.map(({ m, p }) => ({
        startLine: m.range.startPos.line,
        startCharacter: m.range.startPos.character,
        endLine: m.range.endPos.line,
        endCharacter: m.range.endPos.character,
        label: m.label,
        ...(p === 'none' ? {} : { problem: p }),
      })),
      firstMaskMs: previous?.firstMaskMs ?? (shown !== undefined && shownRanges.length > 0 ? performance.now() - shown : undefined),
      computations: this.findings.maskComputationCount(doc),
      offForSize,
    });
  }

  private decorationsOf(set: MaskSet, severities: readonly FindingSeverity[], problems: string): vscode.DecorationOptions[] {
    const hit = this.decorations.get(set);
    if (hit?.problems === problems) {
      return hit.made;
    }
    const color = new vscode.ThemeColor('editorCodeLens.foreground');
    const made = set.masks.map((m, i): vscode.DecorationOptions => {
      const p = severities[i];
      const before = p === 'none' ? { contentText: m.label, color } : { contentText: m.label, color, textDecoration: UNDERLINE[p] };
      return { range: toRange(m.range), renderOptions: { before } };
    });
    this.decorations.set(set, { problems, made });
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
