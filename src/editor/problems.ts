import * as vscode from 'vscode';
import { committedFindings, findEnvKeyFindings, HARD_CODED_TEXT, MAX_EDITOR_CHARS, SCAN_PARALLELISM, scanSourceForSecrets, type EnvKeyFinding, type FindingSeverity, type GitVerdict } from '../core/editor';
import { mapBounded, Slices, yieldToOthers } from '../core/common/pacing';
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

/** How many files one round of the worker takes (their texts are held until the round ends). */
const BATCH_FILES = 500;

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

/** One file's problems as computed before git is asked: what git's verdict adds to them. */
interface Computed {
  uri: vscode.Uri;
  /** The request this answers (see `sequence`). */
  seq: number;
  /** undefined: the file has no problems to show (closed and not followed); its entry goes. */
  diagnostics: vscode.Diagnostic[] | undefined;
  env?: EnvKeyFinding[];
  hardCoded?: vscode.Range[];
}

/**
 * The Problems of Vued keys. Open documents are scanned from their live text as they open and
 * change. Closed files count only once the user asked for them (Scan Workspace for Secrets): then
 * closed `.env` files come from the workspace's `.env` index (every file it holds, and each one it
 * reads again), and, in a trusted workspace, closed source files are read from disk
 * (`closedFiles`, switched on by workspaceScan.ts). Files are scanned by a worker in slices that yield, and git is asked
 * about a round's files at once (a few processes per repository). Recomputed when a file changes,
 * the key list changes, or the clock passes an expiry. Messages name variables and keys only.
 */
export class EditorProblems implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('vued');
  private readonly subs: vscode.Disposable[] = [];
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Files waiting for the worker, by URI string. */
  private readonly queue = new Map<string, vscode.Uri>();
  /** Incremented per request for a file, so a slow scan never overwrites a newer one. */
  private readonly sequence = new Map<string, number>();
  private worker: Promise<void> | undefined;
  private readonly idle = new vscode.EventEmitter<void>();
  private inFlight = 0;
  /**
   * Whether closed source files are read from disk (the workspace scan, trusted workspaces only);
   * until then only open documents are scanned.
   */
  closedFiles = false;
  /**
   * Whether closed `.env` files get Problems: once the user asked for them (Scan Workspace for
   * Secrets). The index reads them for the sidebar or a flow; that alone asks for no Problems.
   */
  closedEnvFiles = false;

  constructor(
    private readonly deps: EditorDeps,
    private readonly keys: KeyState,
  ) {
    const envFiles = deps.files.envFiles;
    this.subs.push(
      this.collection,
      this.idle,
      vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length > 0 && this.schedule(e.document.uri)),
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d.uri)),
      vscode.workspace.onDidCloseTextDocument((d) => ((this.isEnv(d.uri) && this.closedEnvFiles) || this.closedFiles ? this.schedule(d.uri) : this.forget(d.uri))),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.rescanAll()),
      keys.onDidChange(() => void this.rescanAll()),
      // The index read a file again, found one, or lost one: its problems follow, once closed files count.
      envFiles.onDidChange(({ changed, removed }) => {
        if (!this.closedEnvFiles) {
          return;
        }
        for (const id of removed) {
          const uri = envFiles.uriOf(id);
          if (!this.isOpen(uri)) {
            this.forget(uri);
          }
        }
        changed.forEach((id) => this.request(envFiles.uriOf(id)));
        if (changed.length > 0) {
          void this.drain();
        }
      }),
    );
  }

  /** Every open document, and every `.env` file the index holds once closed ones count, now. */
  rescanAll(): Promise<void> {
    for (const doc of vscode.workspace.textDocuments) {
      this.request(doc.uri);
    }
    if (this.closedEnvFiles) {
      for (const f of this.deps.files.envFiles.held()) {
        this.request(f.uri);
      }
    }
    // A `.env` file that is neither open nor held any more (the workspace folders changed).
    this.collection.forEach((uri) => {
      if (this.isEnv(uri) && !this.isOpen(uri) && (!this.closedEnvFiles || !this.deps.files.envFiles.file(uri))) {
        this.forget(uri);
      }
    });
    return this.drain();
  }

  /** Resolves once no scan is pending or running (for tests and the scan command). */
  async settled(): Promise<void> {
    while (this.timers.size > 0 || this.inFlight > 0 || this.queue.size > 0 || this.worker) {
      await new Promise<void>((resolve) => {
        const sub = this.idle.event(() => {
          sub.dispose();
          resolve();
        });
        setTimeout(resolve, 50);
      });
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
        this.request(uri);
        void this.drain();
      }, DEBOUNCE_MS),
    );
  }

  /** Drops a file's problems (it was deleted, left the workspace, or is closed and not followed). */
  forget(uri: vscode.Uri): void {
    const id = uri.toString();
    this.sequence.set(id, (this.sequence.get(id) ?? 0) + 1);
    this.queue.delete(id);
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

  /** Recomputes one file's problems now (a quick fix changed what git says of it). */
  scan(uri: vscode.Uri): Promise<void> {
    return this.scanAll([uri]);
  }

  /** Recomputes these files' problems; resolves when they are done. */
  scanAll(uris: Iterable<vscode.Uri>): Promise<void> {
    for (const uri of uris) {
      this.request(uri);
    }
    return this.drain();
  }

  /** Puts a file in the worker's queue; a request made meanwhile for the same file outdates a running one. */
  private request(uri: vscode.Uri): void {
    if (uri.scheme !== 'file') {
      return;
    }
    const id = uri.toString();
    this.sequence.set(id, (this.sequence.get(id) ?? 0) + 1);
    this.queue.set(id, uri);
  }

  /** Starts the worker unless it runs; resolves when the queue is empty. */
  private drain(): Promise<void> {
    if (!this.worker) {
      const worker = this.track(this.work()).finally(() => {
        this.worker = undefined;
        this.idle.fire();
      });
      this.worker = worker;
    }
    return this.worker;
  }

  /** Takes the queue a round at a time: texts, findings, one git question for the round, then the problems shown. */
  private async work(): Promise<void> {
    // Start after the caller's task (activation, an event): a macrotask of its own.
    await yieldToOthers();
    const slices = new Slices();
    while (this.queue.size > 0) {
      const round: vscode.Uri[] = [];
      for (const [id, uri] of this.queue) {
        this.queue.delete(id);
        round.push(uri);
        if (round.length >= BATCH_FILES) {
          break;
        }
      }
      const seqs = round.map((u) => this.sequence.get(u.toString()) ?? 0);
      const texts = await mapBounded(round, SCAN_PARALLELISM, (uri) => this.textOf(uri));
      slices.restart();
      const now = Date.now();
      const computed: Computed[] = [];
      let wantKeys = false;
      for (let i = 0; i < round.length; i++) {
        await slices.pace();
        const c = this.compute(round[i], seqs[i], texts[i], now);
        wantKeys ||= c.wantKeys;
        computed.push(c.computed);
      }
      if (wantKeys) {
        // First need: load the key list once (silently; never when signed out).
        void this.deps.loadKeysOnce().catch(() => undefined);
      }
      const asked = computed.filter((c) => (c.env?.length ?? 0) > 0 || (c.hardCoded?.length ?? 0) > 0).map((c) => c.uri);
      // Starting git is a run of its own (spawning a process holds the thread for a few milliseconds).
      if (asked.length > 0) {
        await yieldToOthers();
      }
      const verdicts = asked.length > 0 ? await this.deps.files.gitVerdicts(asked, () => slices.pace()).catch(() => new Map<string, GitVerdict>()) : new Map<string, GitVerdict>();
      slices.restart();
      for (const c of computed) {
        await slices.pace();
        this.show(c, verdicts.get(c.uri.toString()) ?? 'noRepository');
      }
    }
  }

  private isOpen(uri: vscode.Uri): boolean {
    return this.openDocument(uri) !== undefined;
  }

  private openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
    const id = uri.toString();
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === id && !d.isClosed);
  }

  private isEnv(uri: vscode.Uri): boolean {
    return this.deps.files.isEnvFile(uri);
  }

  /**
   * The text a file's problems are computed from, or undefined when it has none to show: an open
   * document's live text; a closed `.env` file's text in the index (none while the index was not
   * asked for); a closed source file from disk once closed files count.
   */
  private async textOf(uri: vscode.Uri): Promise<string | undefined> {
    const doc = this.openDocument(uri);
    if (this.isEnv(uri)) {
      return doc ? doc.getText() : this.closedEnvFiles ? this.deps.files.envFiles.file(uri)?.text : undefined;
    }
    if (vscode.workspace.getWorkspaceFolder(uri) === undefined) {
      return undefined;
    }
    // An open document's unsaved text wins over the disk copy. A saved one is read from disk when
    // closed files are read at all: VS Code may not have caught up yet with a change made there.
    const fromDisk = this.closedFiles && uri.scheme === 'file';
    if (doc && (doc.isDirty || !fromDisk)) {
      return doc.getText().length <= MAX_EDITOR_CHARS ? doc.getText() : '';
    }
    return fromDisk ? ((await this.deps.files.readSourceFile(uri)) ?? '') : undefined;
  }

  /** A file's problems from its text, before git is asked about it. */
  private compute(uri: vscode.Uri, seq: number, text: string | undefined, now: number): { computed: Computed; wantKeys: boolean } {
    if (text === undefined) {
      return { computed: { uri, seq, diagnostics: undefined }, wantKeys: false };
    }
    const diagnostics: vscode.Diagnostic[] = [];
    if (this.isEnv(uri)) {
      const findings = findEnvKeyFindings(text, this.keys.index, now);
      for (const f of findings) {
        if (f.severity !== 'none') {
          diagnostics.push(diagnostic(toRange(f.anchor), localize(f.text), SEVERITY[f.severity], codeOf(f)));
        }
      }
      return { computed: { uri, seq, diagnostics, env: findings }, wantKeys: findings.length > 0 || text.includes(SECRET_PREFIX) };
    }
    const found = scanSourceForSecrets(text, this.keys.index.recognizer);
    return { computed: { uri, seq, diagnostics, hardCoded: found.map((s) => toRange(s.anchor)) }, wantKeys: false };
  }

  /** Shows a file's problems, with what git's verdict adds, unless a newer request for the file came meanwhile. */
  private show(c: Computed, verdict: GitVerdict): void {
    if (this.sequence.get(c.uri.toString()) !== c.seq) {
      return; // a newer request for this file is queued
    }
    if (c.diagnostics === undefined) {
      this.collection.delete(c.uri);
      return;
    }
    const diagnostics = [...c.diagnostics];
    if (c.env && c.env.length > 0) {
      for (const f of committedFindings(c.env, verdict)) {
        diagnostics.push(diagnostic(toRange(f.range), localize(f.text), vscode.DiagnosticSeverity.Warning, ProblemCodes.committed));
      }
    }
    if (c.hardCoded && (verdict === 'tracked' || verdict === 'notIgnored')) {
      for (const range of c.hardCoded) {
        diagnostics.push(diagnostic(range, localize(HARD_CODED_TEXT), vscode.DiagnosticSeverity.Warning, ProblemCodes.hardCoded));
      }
    }
    diagnostics.sort((a, b) => a.range.start.compareTo(b.range.start));
    this.collection.set(c.uri, diagnostics);
  }

  dispose(): void {
    this.timers.forEach((t) => clearTimeout(t));
    this.timers.clear();
    this.queue.clear();
    for (const d of this.subs) {
      d.dispose();
    }
  }
}
