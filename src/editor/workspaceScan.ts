import * as path from 'path';
import * as vscode from 'vscode';
import { inSkippedFolder, MAX_SCANNED_FILES } from '../core/editor';
import type { EditorDeps } from './deps';
import type { KeyState } from './keyState';
import type { EditorProblems } from './problems';

/** What one full scan did (counts and time only; no path, no text). */
export interface WorkspaceScanReport {
  listed: number;
  capped: boolean;
  ms: number;
}

/**
 * Hard-coded secrets in files nobody has open, when the user asks (Scan Workspace for Secrets):
 * lists what git tracks or does not ignore in each workspace folder (excludes applied where there
 * is no repository), then has `EditorProblems` read and scan each file in slices that yield, and
 * keeps the result current with a file watcher (a changed, created or deleted file is rescanned
 * alone). Only in a trusted workspace; git and the disk are all it touches, never the network.
 * The known keys' prefixes are part of what it looks for, so once it ran, a key list that brings
 * new prefixes (the first load, a key created here) scans the closed files again.
 */
export class WorkspaceSourceScan implements vscode.Disposable {
  private readonly subs: vscode.Disposable[] = [];
  private disposed = false;
  /** The user asked for a scan (in an untrusted workspace too: it runs once trust is granted). */
  private asked = false;
  private current: Promise<WorkspaceScanReport> | undefined;
  /** The known prefixes the last scan looked for. */
  private prefixes: string;

  constructor(
    private readonly deps: EditorDeps,
    private readonly problems: EditorProblems,
    private readonly keys: KeyState,
  ) {
    this.prefixes = this.knownPrefixes();
    this.subs.push(
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.asked && void this.run()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.problems.closedFiles && void this.run()),
      keys.onDidChange(() => {
        const now = this.knownPrefixes();
        if (now !== this.prefixes) {
          this.prefixes = now;
          if (this.problems.closedFiles) {
            void this.run();
          }
        }
      }),
    );
  }

  private knownPrefixes(): string {
    return [...this.keys.index.recognizer.prefixes].sort().join('\n');
  }

  /** Scans every listed file now (one scan at a time; a call during a scan waits for it and starts another). */
  run(): Promise<WorkspaceScanReport> {
    this.asked = true;
    if (!vscode.workspace.isTrusted || this.disposed) {
      return Promise.resolve({ listed: 0, capped: false, ms: 0 });
    }
    const previous = this.current ?? Promise.resolve(undefined);
    const next = previous.catch(() => undefined).then(() => this.scanAll());
    this.current = next;
    void this.problems.track(next.then(() => undefined));
    return next;
  }

  private async scanAll(): Promise<WorkspaceScanReport> {
    const started = performance.now();
    this.enable();
    const { uris, capped } = await this.deps.files.listWorkspaceFiles(MAX_SCANNED_FILES);
    if (capped) {
      this.deps.log.info(`The scan for hard-coded Vued secrets stopped at ${MAX_SCANNED_FILES} files; files past that are checked when they change or are opened.`);
    }
    const wanted = uris.filter((u) => this.wanted(u));
    await this.problems.dropVanished(new Set(wanted.map((u) => u.toString())), (u) => this.wanted(u));
    await this.problems.scanAll(wanted);
    const ms = performance.now() - started;
    this.deps.log.info(`Scanned ${wanted.length} workspace files for hard-coded Vued secrets in ${ms.toFixed(0)} ms.`);
    return { listed: wanted.length, capped, ms };
  }

  /** Closed files count from now on, and each change on disk rescans that file alone. */
  private enable(): void {
    if (this.problems.closedFiles) {
      return;
    }
    this.problems.closedFiles = true;
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    this.subs.push(
      watcher,
      watcher.onDidCreate((u) => this.wanted(u) && this.problems.schedule(u)),
      watcher.onDidChange((u) => this.wanted(u) && this.problems.schedule(u)),
      watcher.onDidDelete((u) => this.forgetUnder(u)),
    );
  }

  /** A workspace file on disk that is neither a `.env*` file (they have their own problems) nor in `.git`/`node_modules`. */
  private wanted(uri: vscode.Uri): boolean {
    if (uri.scheme !== 'file' || this.deps.files.isEnvFile(uri)) {
      return false;
    }
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder !== undefined && !inSkippedFolder(path.posix.relative(folder.uri.path, uri.path));
  }

  /** A deleted file, or every file of a deleted folder (one event for the folder), loses its source-file problems. */
  private forgetUnder(uri: vscode.Uri): void {
    const gone: vscode.Uri[] = [];
    this.problems.collection.forEach((u) => {
      if (!this.deps.files.isEnvFile(u) && (u.toString() === uri.toString() || u.toString().startsWith(`${uri.toString()}/`))) {
        gone.push(u);
      }
    });
    gone.forEach((u) => this.problems.forget(u));
  }

  dispose(): void {
    this.disposed = true;
    for (const d of this.subs) {
      d.dispose();
    }
  }
}
