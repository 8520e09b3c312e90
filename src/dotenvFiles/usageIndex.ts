import * as path from 'path';
import * as vscode from 'vscode';
import type { PublicApiKey } from '../core/api/types';
import { type EnvFileText, type KeyUsage, scanEnvUsages } from '../core/usage';
import type { Log } from '../platform/log';
import { readTextSource } from '../platform/textFiles';
import { findEnvFiles, isEnvFileName } from './findEnvFiles';

const MAX_FILES = 5000;

/** A usage with the file it is in, ready to open. */
export interface LocatedUsage extends KeyUsage {
  uri: vscode.Uri;
}

/**
 * Which `.env` files hold which key, found by the keys' prefixes. The workspace is read lazily (the
 * first time the view needs it) and kept until a .env file is saved, created or deleted; nothing
 * but key ids, paths, variable names and line numbers is kept.
 */
export class UsageIndex implements vscode.Disposable {
  private texts: Promise<Array<EnvFileText & { uri: vscode.Uri }>> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];
  private pending: NodeJS.Timeout | undefined;

  constructor(private readonly log: Log) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/{.env,.env.*}');
    this.disposables.push(
      watcher,
      watcher.onDidCreate(() => this.invalidate()),
      watcher.onDidChange(() => this.invalidate()),
      watcher.onDidDelete(() => this.invalidate()),
      vscode.workspace.onDidSaveTextDocument((d) => isEnvFile(d.uri) && this.invalidate()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.invalidate()),
    );
  }

  /** Forget the cached files; listeners re-read (debounced, so a burst of saves scans once). */
  invalidate(): void {
    this.texts = undefined;
    if (this.pending) {
      clearTimeout(this.pending);
    }
    this.pending = setTimeout(() => {
      this.pending = undefined;
      this.changed.fire();
    }, 150);
  }

  async usagesOf(keys: ReadonlyArray<Pick<PublicApiKey, 'id' | 'keyPrefix'>>): Promise<LocatedUsage[]> {
    const files = await this.files();
    const byPath = new Map(files.map((f) => [f.path, f.uri]));
    return scanEnvUsages(files, keys).map((u) => ({ ...u, uri: byPath.get(u.path)! }));
  }

  private files(): Promise<Array<EnvFileText & { uri: vscode.Uri }>> {
    this.texts ??= this.read();
    return this.texts;
  }

  private async read(): Promise<Array<EnvFileText & { uri: vscode.Uri }>> {
    const started = Date.now();
    const uris = (await findEnvFiles(MAX_FILES)).filter(isEnvFile);
    const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    const out: Array<EnvFileText & { uri: vscode.Uri }> = [];
    for (const uri of uris) {
      const source = await readTextSource(uri).catch(() => undefined);
      if (source) {
        out.push({ uri, path: vscode.workspace.asRelativePath(uri, multiRoot), text: source.text });
      }
    }
    this.log.debug(`Read ${out.length} .env file(s) for key usages in ${Date.now() - started} ms.`);
    return out;
  }

  dispose(): void {
    if (this.pending) {
      clearTimeout(this.pending);
    }
    for (const d of this.disposables) {
      d.dispose();
    }
    this.changed.dispose();
  }
}

function isEnvFile(uri: vscode.Uri): boolean {
  return isEnvFileName(path.posix.basename(uri.path));
}
