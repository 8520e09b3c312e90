import * as vscode from 'vscode';
import { committedFindings, findEnvKeyFindings, HARD_CODED_TEXT, MAX_EDITOR_CHARS, scanSourceForSecrets, type EnvKeyFinding, type FindingSeverity, type GitVerdict } from '../core/editor';
import { localize } from '../platform/l10n';
import { SECRET_PREFIX } from '../core/common/secretShape';
import type { EditorDeps } from './deps';
import { toRange } from './findings';
import type { KeyState } from './keyState';

export const DIAGNOSTIC_SOURCE = 'Vued';

/** The `code` of each Vued diagnostic: what the quick fixes key on. */
export const ProblemCodes = {
  revoked: 'revoked',
  expired: 'expired',
  expiring: 'expiring',
  unknownSecret: 'unknown-secret',
  committed: 'would-be-committed',
  hardCoded: 'hard-coded-secret',
} as const;

const DEBOUNCE_MS = 200;

const SEVERITY: Record<Exclude<FindingSeverity, 'none'>, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

/** The diagnostic code of a `.env` finding that is a problem. */
export function codeOf(f: EnvKeyFinding): string {
  return f.kind === 'unknownSecret' ? ProblemCodes.unknownSecret : ProblemCodes[f.status as 'revoked' | 'expired' | 'expiring'];
}

function diagnostic(range: vscode.Range, message: string, severity: vscode.DiagnosticSeverity, code: string): vscode.Diagnostic {
  const d = new vscode.Diagnostic(range, message, severity);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = code;
  return d;
}

/**
 * The Problems of Vued keys: every workspace `.env` / `.env.*` file (open or not, kept current by a
 * debounced watcher) and every source file that git would commit: open ones from their live text,
 * closed ones from disk once the workspace scan (workspaceScan.ts) switched `closedFiles` on. Recomputed when a file
 * changes, the key list changes, or the clock passes an expiry. Messages name variables and keys only.
 */
export class EditorProblems implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('vued');
  private readonly subs: vscode.Disposable[] = [];
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Incremented per scan of a file, so a slow scan never overwrites a newer one. */
  private readonly sequence = new Map<string, number>();
  private running: Promise<void> = Promise.resolve();
  private readonly idle = new vscode.EventEmitter<void>();
  private inFlight = 0;
  /**
   * Whether closed source files are read from disk (the workspace scan, trusted workspaces only);
   * until then only open documents are scanned.
   */
  closedFiles = false;

  constructor(
    private readonly deps: EditorDeps,
    private readonly keys: KeyState,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/{.env,.env.*}');
    this.subs.push(
      this.collection,
      this.idle,
      watcher,
      watcher.onDidCreate((u) => this.schedule(u)),
      watcher.onDidChange((u) => this.schedule(u)),
      watcher.onDidDelete((u) => this.forget(u)),
      vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && this.schedule(e.document.uri)),
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d.uri)),
      vscode.workspace.onDidCloseTextDocument((d) => (this.deps.isEnvFile(d.uri) || this.closedFiles ? this.schedule(d.uri) : this.forget(d.uri))),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.rescanAll()),
      keys.onDidChange(() => this.rescanAll()),
    );
  }

  /** Every `.env` file of the workspace and every open document, now. */
  rescanAll(): Promise<void> {
    this.running = this.running.then(() => this.track(this.scanAll()));
    return this.running;
  }

  /** Resolves once no scan is pending or running (for tests). */
  async settled(): Promise<void> {
    while (this.timers.size > 0 || this.inFlight > 0) {
      await new Promise<void>((resolve) => {
        const sub = this.idle.event(() => {
          sub.dispose();
          resolve();
        });
        setTimeout(resolve, 50);
      });
    }
    await this.running;
  }

  private async scanAll(): Promise<void> {
    const envs = await this.deps.findEnvFiles();
    const wanted = new Set(envs.map((u) => u.toString()));
    for (const doc of vscode.workspace.textDocuments) {
      if (doc.uri.scheme === 'file' && !wanted.has(doc.uri.toString())) {
        envs.push(doc.uri);
        wanted.add(doc.uri.toString());
      }
    }
    // Only what left the workspace: a file created while findFiles ran is not in `wanted` but may
    // have been scanned meanwhile. Deleted files are forgotten by the watcher, or by dropVanished
    // when it missed them.
    this.collection.forEach((uri) => {
      if (!wanted.has(uri.toString()) && vscode.workspace.getWorkspaceFolder(uri) === undefined) {
        this.collection.delete(uri);
      }
    });
    await this.dropVanished(wanted, (uri) => this.deps.isEnvFile(uri));
    for (const uri of envs) {
      await this.scan(uri);
    }
  }

  /**
   * After a full listing: the problems of a file that was not listed, is not open and is no longer
   * on disk go, in case the watcher never reported its deletion. `among` says which files the listing covered.
   */
  async dropVanished(listed: ReadonlySet<string>, among: (uri: vscode.Uri) => boolean): Promise<void> {
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    const candidates: vscode.Uri[] = [];
    this.collection.forEach((uri) => {
      if (uri.scheme === 'file' && !listed.has(uri.toString()) && !open.has(uri.toString()) && among(uri)) {
        candidates.push(uri);
      }
    });
    for (const uri of candidates) {
      const exists = await vscode.workspace.fs.stat(uri).then(() => true, () => false);
      if (!exists) {
        this.forget(uri);
      }
    }
  }

  /** Rescans one file after a short quiet time (several changes in a row give one scan). */
  schedule(uri: vscode.Uri): void {
    if (uri.scheme !== 'file') {
      return;
    }
    const id = uri.toString();
    const pending = this.timers.get(id);
    if (pending) {
      clearTimeout(pending);
    }
    this.timers.set(
      id,
      setTimeout(() => {
        this.timers.delete(id);
        void this.track(this.scan(uri));
      }, DEBOUNCE_MS),
    );
  }

  /** Drops a file's problems (it was deleted or left the workspace). */
  forget(uri: vscode.Uri): void {
    this.sequence.set(uri.toString(), (this.sequence.get(uri.toString()) ?? 0) + 1);
    this.collection.delete(uri);
  }

  /** Runs `p` as pending work: `settled()` waits for it, and a failure is logged, not thrown. */
  async track(p: Promise<void>): Promise<void> {
    this.inFlight++;
    try {
      await p;
    } catch (e) {
      this.deps.log.warn(`Could not update the Vued problems: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      this.inFlight--;
      this.idle.fire();
    }
  }

  /** Recomputes one file's problems. */
  async scan(uri: vscode.Uri): Promise<void> {
    const id = uri.toString();
    const seq = (this.sequence.get(id) ?? 0) + 1;
    this.sequence.set(id, seq);
    const isEnv = this.deps.isEnvFile(uri);
    const inWorkspace = vscode.workspace.getWorkspaceFolder(uri) !== undefined;
    let text: string;
    if (isEnv) {
      text = await this.deps.readText(uri).catch(() => '');
    } else {
      // An open document's unsaved text wins over the disk copy. A saved one is read from disk when
      // closed files are read at all: VS Code may not have caught up yet with a change made there.
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === id);
      const fromDisk = this.closedFiles && uri.scheme === 'file';
      if (!inWorkspace) {
        text = '';
      } else if (doc && (doc.isDirty || !fromDisk)) {
        text = doc.getText().length <= MAX_EDITOR_CHARS ? doc.getText() : '';
      } else {
        text = fromDisk ? ((await this.deps.readSourceFile(uri)) ?? '') : '';
      }
    }
    const now = Date.now();
    const diagnostics: vscode.Diagnostic[] = [];
    if (isEnv) {
      const findings = findEnvKeyFindings(text, this.keys.index, now);
      if (findings.length > 0 || text.includes(SECRET_PREFIX)) {
        // First need: load the key list once (silently; never when signed out).
        void this.deps.loadKeysOnce().catch(() => undefined);
      }
      for (const f of findings) {
        if (f.severity !== 'none') {
          diagnostics.push(diagnostic(toRange(f.anchor), localize(f.text), SEVERITY[f.severity], codeOf(f)));
        }
      }
      if (findings.length > 0) {
        for (const c of committedFindings(findings, await this.verdict(uri))) {
          diagnostics.push(diagnostic(toRange(c.range), localize(c.text), vscode.DiagnosticSeverity.Warning, ProblemCodes.committed));
        }
      }
    } else {
      const found = scanSourceForSecrets(text, this.keys.index.recognizer);
      if (found.length > 0) {
        const verdict = await this.verdict(uri);
        if (verdict === 'tracked' || verdict === 'notIgnored') {
          for (const s of found) {
            diagnostics.push(diagnostic(toRange(s.anchor), localize(HARD_CODED_TEXT), vscode.DiagnosticSeverity.Warning, ProblemCodes.hardCoded));
          }
        }
      }
    }
    if (this.sequence.get(id) !== seq) {
      return; // a newer scan of this file started meanwhile
    }
    diagnostics.sort((a, b) => a.range.start.compareTo(b.range.start));
    this.collection.set(uri, diagnostics);
  }

  private async verdict(uri: vscode.Uri): Promise<GitVerdict> {
    if (uri.scheme !== 'file') {
      return 'noRepository';
    }
    return this.deps.gitVerdict(uri).catch(() => 'noRepository' as const);
  }

  dispose(): void {
    this.timers.forEach((t) => clearTimeout(t));
    this.timers.clear();
    for (const d of this.subs) {
      d.dispose();
    }
  }
}
