import * as vscode from 'vscode';
import { findEnvKeyFindings, scanSourceForSecrets, type EnvKeyFinding, type HardCodedSecret, type TextRange } from '../core/editor';
import type { EditorDeps } from './deps';
import type { KeyState } from './keyState';

interface Cached<T> {
  version: number;
  generation: number;
  value: T;
}

/** The editor range of a core range (core positions already leave a byte order mark out, as editors do). */
export function toRange(r: TextRange): vscode.Range {
  return new vscode.Range(r.startPos.line, r.startPos.character, r.endPos.line, r.endPos.character);
}

/**
 * What each open document holds, computed once per document version and key-list generation and
 * shared by hover, code actions and masking, so a hover answers from memory.
 */
export class DocumentFindings implements vscode.Disposable {
  private generation = 0;
  private readonly env = new Map<string, Cached<EnvKeyFinding[]>>();
  private readonly source = new Map<string, Cached<HardCodedSecret[]>>();
  private readonly subs: vscode.Disposable[];

  constructor(
    private readonly deps: EditorDeps,
    private readonly keys: KeyState,
  ) {
    this.subs = [
      keys.onDidChange(() => this.generation++),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.env.delete(d.uri.toString());
        this.source.delete(d.uri.toString());
      }),
    ];
  }

  isEnv(doc: vscode.TextDocument): boolean {
    return this.deps.isEnvFile(doc.uri);
  }

  /** Findings of a `.env` document, active keys included. */
  envFindings(doc: vscode.TextDocument): EnvKeyFinding[] {
    return this.cached(this.env, doc, (text) => findEnvKeyFindings(text, this.keys.index, Date.now()));
  }

  /** Vued secrets hard-coded in a document that is not a `.env` file. */
  hardCoded(doc: vscode.TextDocument): HardCodedSecret[] {
    return this.cached(this.source, doc, (text) => scanSourceForSecrets(text));
  }

  private cached<T>(map: Map<string, Cached<T>>, doc: vscode.TextDocument, compute: (text: string) => T): T {
    const id = doc.uri.toString();
    const hit = map.get(id);
    if (hit && hit.version === doc.version && hit.generation === this.generation) {
      return hit.value;
    }
    const value = compute(doc.getText());
    map.set(id, { version: doc.version, generation: this.generation, value });
    return value;
  }

  dispose(): void {
    for (const d of this.subs) {
      d.dispose();
    }
  }
}
