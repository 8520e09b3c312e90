import * as vscode from 'vscode';
import {
  findEnvKeyFindings,
  maskRanges,
  maskRangesFromFindings,
  MaskSet,
  scanSourceForSecrets,
  type EnvKeyFinding,
  type HardCodedSecret,
  type TextRange,
} from '../core/editor';
import { localize } from '../platform/l10n';
import type { EditorDeps } from './deps';
import type { KeyState } from './keyState';

interface Cached<T> {
  version: number;
  generation: number;
  value: T;
}

/** The masks of a document version: the ranges, or that it is over the size cap (and its size). */
export type DocumentMasks = { set: MaskSet } | { tooLarge: true; chars: number };

/** The editor range of a core range (core positions already leave a byte order mark out, as editors do). */
export function toRange(r: TextRange): vscode.Range {
  return new vscode.Range(r.startPos.line, r.startPos.character, r.endPos.line, r.endPos.character);
}

/** How many characters a document holds, without building its text. */
export function documentLength(doc: vscode.TextDocument): number {
  return doc.offsetAt(doc.lineAt(doc.lineCount - 1).range.end);
}

/**
 * What each open document holds, computed once per document version and key-list generation and
 * shared by hover, code actions and masking, so a hover or a cursor move answers from memory.
 */
export class DocumentFindings implements vscode.Disposable {
  private generation = 0;
  private readonly env = new Map<string, Cached<EnvKeyFinding[]>>();
  private readonly source = new Map<string, Cached<HardCodedSecret[]>>();
  private readonly masked = new Map<string, Cached<DocumentMasks> & { maxChars: number }>();
  /** How many times each document's masks were computed (for the tests: a cursor move computes none). */
  private readonly maskComputations = new Map<string, number>();
  private readonly subs: vscode.Disposable[];

  constructor(
    private readonly deps: EditorDeps,
    private readonly keys: KeyState,
  ) {
    this.subs = [
      keys.onDidChange(() => this.generation++),
      vscode.workspace.onDidCloseTextDocument((d) => {
        const id = d.uri.toString();
        this.env.delete(id);
        this.source.delete(id);
        this.masked.delete(id);
        this.maskComputations.delete(id);
      }),
    ];
  }

  isEnv(doc: vscode.TextDocument): boolean {
    return this.deps.files.isEnvFile(doc.uri);
  }

  /** Findings of a `.env` document, active keys included. */
  envFindings(doc: vscode.TextDocument): EnvKeyFinding[] {
    return this.cached(this.env, doc, () => findEnvKeyFindings(doc.getText(), this.keys.index, Date.now()));
  }

  /** Vued secrets hard-coded in a document that is not a `.env` file. */
  hardCoded(doc: vscode.TextDocument): HardCodedSecret[] {
    return this.cached(this.source, doc, () => scanSourceForSecrets(doc.getText(), this.keys.index.recognizer));
  }

  /**
   * The mask ranges of a document, computed once per version and key-list generation: from its
   * findings in a `.env` file, from the recogniser elsewhere; none computed over `maxChars`.
   */
  masks(doc: vscode.TextDocument, maxChars: number): DocumentMasks {
    const id = doc.uri.toString();
    const hit = this.masked.get(id);
    if (hit && hit.version === doc.version && hit.generation === this.generation && hit.maxChars === maxChars) {
      return hit.value;
    }
    const chars = documentLength(doc);
    let value: DocumentMasks;
    if (chars > maxChars) {
      value = { tooLarge: true, chars };
    } else {
      this.maskComputations.set(id, (this.maskComputations.get(id) ?? 0) + 1);
      const ranges = this.isEnv(doc)
        ? maskRangesFromFindings(this.envFindings(doc), { render: localize })
        : maskRanges(doc.getText(), false, this.keys.index, Date.now(), { render: localize });
      value = { set: new MaskSet(ranges) };
    }
    this.masked.set(id, { version: doc.version, generation: this.generation, maxChars, value });
    return value;
  }

  /** How many times the document's masks were computed since it was opened. */
  maskComputationCount(doc: vscode.TextDocument): number {
    return this.maskComputations.get(doc.uri.toString()) ?? 0;
  }

  private cached<T>(map: Map<string, Cached<T>>, doc: vscode.TextDocument, compute: () => T): T {
    const id = doc.uri.toString();
    const hit = map.get(id);
    if (hit && hit.version === doc.version && hit.generation === this.generation) {
      return hit.value;
    }
    const value = compute();
    map.set(id, { version: doc.version, generation: this.generation, value });
    return value;
  }

  dispose(): void {
    for (const d of this.subs) {
      d.dispose();
    }
  }
}
