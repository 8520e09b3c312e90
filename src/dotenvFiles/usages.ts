import * as vscode from 'vscode';
import type { PublicApiKey } from '../core/api/types';
import { loadFlows } from '../lazy';
import type { Log } from '../platform/log';
import type { LocatedUsage, UsageIndex } from './usageIndex';

/** Watches every `.env` and `.env.*` of the workspace (the same pattern as usageIndex.ts). */
const ENV_FILES = '**/{.env,.env.*}';

/**
 * Which `.env` files hold which key: what the views and commands hold. The index that lists, reads
 * and scans the files (UsageIndex, with the .env parser) is in dist/flows.js and is made on the
 * first question (src/lazy.ts), so activation parses none of it. Until then there is nothing read
 * and nothing to keep up to date; the index watches the files from the moment it exists.
 */
export class Usages implements vscode.Disposable {
  private index: UsageIndex | undefined;
  private maxFiles: number | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private watcher: vscode.FileSystemWatcher | undefined;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(private readonly log: Log) {
    // Made right after activate() returns (or with the first question, if that comes first), so
    // that a file created before the first question still reaches the index.
    const soon = setTimeout(() => this.watch(), 0);
    this.disposables.push({ dispose: () => clearTimeout(soon) });
  }

  private watch(): vscode.FileSystemWatcher {
    if (!this.watcher) {
      this.watcher = vscode.workspace.createFileSystemWatcher(ENV_FILES);
      this.disposables.push(this.watcher);
    }
    return this.watcher;
  }

  private get loaded(): UsageIndex {
    if (!this.index) {
      const index = new (loadFlows().UsageIndex)(this.log, this.maxFiles, this.watch());
      this.disposables.push(index, index.onDidChange(() => this.changed.fire()));
      this.index = index;
    }
    return this.index;
  }

  /** Forget every file; the next question lists and reads the workspace again. Listeners are told. */
  invalidate(): void {
    if (this.index) this.index.invalidate();
    else this.changed.fire();
  }

  /** The cap, when the last listing found more `.env` files than it (those beyond it are not read). */
  stoppedAfter(): number | undefined {
    return this.index?.stoppedAfter();
  }

  /** Sets the cap on `.env` files read (undefined restores the default); everything is read again. */
  setMaxFiles(max: number | undefined): void {
    this.maxFiles = max;
    if (this.index) this.index.setMaxFiles(max);
    else this.changed.fire();
  }

  /** How many file reads the index has done (tests check that a save reads one file). */
  readCount(): number {
    return this.index?.readCount() ?? 0;
  }

  /** The listed `.env` files the last reads could not read, with why (see UsageIndex.unreadable). */
  unreadable(): Array<{ path: string; reason: string }> {
    return this.index?.unreadable() ?? [];
  }

  usagesOf(keys: ReadonlyArray<Pick<PublicApiKey, 'id' | 'keyPrefix'>>): Promise<LocatedUsage[]> {
    return this.loaded.usagesOf(keys);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
