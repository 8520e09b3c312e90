import { promises as fs } from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { PublicApiKey } from '../core/api/types';
import { decodeEnvBytes, type KeyUsage, mapBounded, UsageCache } from '../core/dotenv/usages';
import type { Log } from '../platform/log';
import { findEnvFiles, isEnvFileName } from './find';

/** At most this many `.env` files are read for usages; past it the view says it stopped. */
export const MAX_ENV_FILES = 5000;

/** How many `.env` files are read at once: enough to keep the disk busy, few enough not to flood the host. */
export const ENV_READ_PARALLELISM = 32;

/** A usage with the file it is in, ready to open. */
export type LocatedUsage = KeyUsage & { uri: vscode.Uri };

/**
 * Which `.env` files hold which key, found by the keys' prefixes. The workspace is listed and read
 * lazily (the first time the view needs it, with bounded parallelism) and then kept up to date file
 * by file: a saved or changed `.env` is read again on its own, and only it is scanned again; a
 * created one is read when it appears, a deleted one forgotten. Nothing but the files' texts and,
 * per key set, key ids, paths, variable names and line numbers is kept.
 */
export class UsageIndex implements vscode.Disposable {
  private readonly cache = new UsageCache();
  /** path (as shown) → uri, and uri string → path, for the files in the cache. */
  private readonly uris = new Map<string, vscode.Uri>();
  private readonly paths = new Map<string, string>();
  /** uri string → the file as shown and why it could not be read, for the files the last reads failed on. */
  private readonly failed = new Map<string, { path: string; reason: string }>();
  private loaded: Promise<void> | undefined;
  /** Bumped by invalidate(): work started before it is dropped. */
  private generation = 0;
  private stopped = false;
  /** Files to read again (uri strings), and whether to list the workspace again (a file was created). */
  private readonly dirty = new Map<string, vscode.Uri>();
  private relist = false;
  private flushTimer: NodeJS.Timeout | undefined;
  private fireTimer: NodeJS.Timeout | undefined;
  /** The chain of updates; usagesOf waits for it so it never answers from texts known to be stale. */
  private updating: Promise<void> = Promise.resolve();
  private reads = 0;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly log: Log,
    private maxFiles = MAX_ENV_FILES,
  ) {
    const watcher = createEnvWatcher();
    this.disposables.push(
      watcher,
      watcher.onDidCreate(() => this.markRelist()),
      watcher.onDidChange((uri) => this.markChanged(uri)),
      watcher.onDidDelete((uri) => this.forget(uri)),
      vscode.workspace.onDidSaveTextDocument((d) => this.markChanged(d.uri)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.invalidate()),
    );
  }

  /** Forget every file; the next question lists and reads the workspace again. Listeners are told. */
  invalidate(): void {
    this.generation++;
    this.loaded = undefined;
    this.cache.clear();
    this.uris.clear();
    this.paths.clear();
    this.failed.clear();
    this.dirty.clear();
    this.relist = false;
    this.stopped = false;
    this.updating = Promise.resolve();
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
    }
    this.fireSoon();
  }

  /** The cap, when the last listing found more `.env` files than it (those beyond it are not read). */
  stoppedAfter(): number | undefined {
    return this.stopped ? this.maxFiles : undefined;
  }

  /** Sets the cap on `.env` files read (undefined restores MAX_ENV_FILES); everything is read again. */
  setMaxFiles(max: number | undefined): void {
    this.maxFiles = max ?? MAX_ENV_FILES;
    this.invalidate();
  }

  /** How many file reads the index has done (tests check that a save reads one file). */
  readCount(): number {
    return this.reads;
  }

  /**
   * The listed `.env` files whose last read failed (not for being gone), with why: they may hold
   * any key. Current as of the last question answered (usagesOf).
   */
  unreadable(): Array<{ path: string; reason: string }> {
    return [...this.failed.values()].map((f) => ({ ...f }));
  }

  async usagesOf(keys: ReadonlyArray<Pick<PublicApiKey, 'id' | 'keyPrefix'>>): Promise<LocatedUsage[]> {
    await this.current();
    // In path and line order, whatever order the files were found and read in.
    return this.cache
      .usagesOf(keys)
      .map((u) => ({ ...u, uri: this.uris.get(u.path)! }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
  }

  /** Resolves once the cache holds every file's latest known text. */
  private async current(): Promise<void> {
    for (;;) {
      const generation = this.generation;
      if (!this.loaded) {
        const loading = this.load(generation);
        this.loaded = loading;
        // A failed listing is not kept: the next question tries again.
        loading.catch(() => {
          if (this.loaded === loading) this.loaded = undefined;
        });
      }
      await this.loaded;
      if (this.flushTimer) {
        clearTimeout(this.flushTimer);
        this.flushTimer = undefined;
        this.flush();
      }
      await this.updating;
      if (generation === this.generation && !this.flushTimer) {
        return;
      }
    }
  }

  private async load(generation: number): Promise<void> {
    const started = Date.now();
    const uris = await this.list();
    if (generation !== this.generation) {
      return;
    }
    await this.readInto(uris, generation);
    this.log.debug(`Read ${this.cache.size} .env file(s) for key usages in ${Date.now() - started} ms${this.stopped ? ` (stopped at ${this.maxFiles})` : ''}.`);
  }

  /** The workspace's `.env` files up to the cap; notes whether there were more. */
  private async list(): Promise<vscode.Uri[]> {
    const found = (await findEnvFiles(this.maxFiles + 1)).filter(isEnvFile);
    this.stopped = found.length > this.maxFiles;
    return found.slice(0, this.maxFiles);
  }

  /** Reads files (at most ENV_READ_PARALLELISM at once) into the cache; true when any text changed. */
  private async readInto(uris: readonly vscode.Uri[], generation: number): Promise<boolean> {
    const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    const reads = await mapBounded(uris, ENV_READ_PARALLELISM, async (uri) => {
      this.reads++;
      return readEnvText(uri, open.get(uri.toString()));
    });
    if (generation !== this.generation) {
      return false;
    }
    let changed = false;
    uris.forEach((uri, i) => {
      const key = uri.toString();
      const read = reads[i];
      const known = this.paths.get(key);
      const shown = known ?? vscode.workspace.asRelativePath(uri, multiRoot);
      if ('error' in read) {
        changed = (known !== undefined && this.drop(key)) || changed;
        if (read.gone) {
          this.log.debug(`${shown} is gone; left out of key usages.`);
        } else {
          this.failed.set(key, { path: shown, reason: read.error });
          this.log.warn(`Could not read ${shown} for key usages (${read.error}); it is left out of them.`);
        }
        return;
      }
      this.failed.delete(key);
      if (read.bytewise) {
        this.log.info(`${shown} is not UTF-8 text: read byte for byte (as Latin-1) for key usages.`);
      }
      const text = read.text;
      if (known === undefined) {
        this.paths.set(key, shown);
        this.uris.set(shown, uri);
      }
      changed = this.cache.set(shown, text) || changed;
    });
    return changed;
  }

  private drop(key: string): boolean {
    this.failed.delete(key);
    const shown = this.paths.get(key);
    if (shown === undefined) {
      return false;
    }
    this.paths.delete(key);
    this.uris.delete(shown);
    return this.cache.delete(shown);
  }

  /** A saved or changed file: read again on its own, if it is one of the files read. */
  private markChanged(uri: vscode.Uri): void {
    if (!this.loaded || !isEnvFile(uri)) {
      return;
    }
    if (!this.paths.has(uri.toString())) {
      // A file not read yet: its create event may have been folded into this change by the watcher.
      this.markRelist();
      return;
    }
    this.dirty.set(uri.toString(), uri);
    this.scheduleFlush();
  }

  /** A created file: list again (the excludes and the cap decide whether it is read). */
  private markRelist(): void {
    if (!this.loaded) {
      return;
    }
    this.relist = true;
    this.scheduleFlush();
  }

  private forget(uri: vscode.Uri): void {
    if (!this.loaded) {
      return;
    }
    const key = uri.toString();
    this.dirty.delete(key);
    // A file under a deleted folder arrives as the folder's uri: forget everything under it.
    const prefix = key.endsWith('/') ? key : `${key}/`;
    let changed = false;
    for (const known of [...this.paths.keys()]) {
      if (known === key || known.startsWith(prefix)) {
        changed = this.drop(known) || changed;
      }
    }
    if (this.stopped) {
      // A place under the cap came free.
      this.relist = true;
      this.scheduleFlush();
    }
    if (changed) {
      this.fireSoon();
    }
  }

  /** Events of one burst (a save reports both a save and a change) are handled together. */
  private scheduleFlush(): void {
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, 0);
  }

  private flush(): void {
    const generation = this.generation;
    const relist = this.relist;
    const dirty = [...this.dirty.values()];
    this.relist = false;
    this.dirty.clear();
    const step = async (): Promise<void> => {
      await this.loaded;
      if (generation !== this.generation) {
        return;
      }
      const started = Date.now();
      let changed = false;
      let toRead = dirty;
      if (relist) {
        const listed = await this.list();
        if (generation !== this.generation) {
          return;
        }
        const keep = new Set(listed.map((u) => u.toString()));
        for (const known of [...this.paths.keys()]) {
          if (!keep.has(known)) {
            changed = this.drop(known) || changed;
          }
        }
        const dirtyKeys = new Set(dirty.map((u) => u.toString()));
        toRead = [...dirty, ...listed.filter((u) => !this.paths.has(u.toString()) && !dirtyKeys.has(u.toString()))];
      }
      changed = (await this.readInto(toRead, generation)) || changed;
      if (generation !== this.generation) {
        return;
      }
      this.log.debug(`Re-read ${toRead.length} .env file(s) for key usages in ${Date.now() - started} ms.`);
      if (changed) {
        this.changed.fire();
      }
    };
    this.updating = this.updating.then(step).catch((e: unknown) => {
      this.log.warn(`Could not update key usages: ${e instanceof Error ? e.message : String(e)}`);
    });
  }

  /** Tells listeners once for a burst of resets and deletions. */
  private fireSoon(): void {
    this.fireTimer ??= setTimeout(() => {
      this.fireTimer = undefined;
      this.changed.fire();
    }, 0);
  }

  dispose(): void {
    this.generation++;
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
    }
    if (this.fireTimer) {
      clearTimeout(this.fireTimer);
    }
    for (const d of this.disposables) {
      d.dispose();
    }
    this.changed.dispose();
  }
}

/** Watches every `.env` and `.env.*` of the workspace. */
export function createEnvWatcher(): vscode.FileSystemWatcher {
  return vscode.workspace.createFileSystemWatcher('**/{.env,.env.*}');
}

type EnvRead = { text: string; bytewise: boolean } | { error: string; gone: boolean };

/**
 * A `.env` file's text as the user sees it: the open editor's buffer, else the file (a local file
 * straight from disk, the bulk of a monorepo's reads). A file that is not valid UTF-8 (a Latin-1
 * comment saved by an old editor) is still read, as dotenv reads it: see decodeEnvBytes.
 */
async function readEnvText(uri: vscode.Uri, document: vscode.TextDocument | undefined): Promise<EnvRead> {
  if (document && !document.isClosed) {
    return { text: document.getText(), bytewise: false };
  }
  try {
    return decodeEnvBytes(uri.scheme === 'file' ? await fs.readFile(uri.fsPath) : await vscode.workspace.fs.readFile(uri));
  } catch (e) {
    const code = e instanceof vscode.FileSystemError ? e.code : (e as NodeJS.ErrnoException | undefined)?.code;
    return { error: code || (e instanceof Error ? e.message : String(e)), gone: code === 'ENOENT' || code === 'FileNotFound' };
  }
}

function isEnvFile(uri: vscode.Uri): boolean {
  return isEnvFileName(path.posix.basename(uri.path));
}
