import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { ENV_FILE_GLOB } from '../constants';
import type { PublicApiKey } from '../core/api/types';
import { type EnvFile, type EnvFileChanges, type EnvFileRead, EnvFileSet } from '../core/dotenv/envIndex';
import { decodeEnvBytes, type KeyUsage } from '../core/dotenv/usages';
import { mapBounded, Slices } from '../core/common/pacing';
import type { Log } from '../platform/log';
import { findEnvFiles, isEnvFileName } from './find';

/** At most this many `.env` files are read; past it the view says it stopped. */
export const MAX_ENV_FILES = 5000;

/** How many `.env` files are read at once: enough to keep the disk busy, few enough not to flood the host. */
export const ENV_READ_PARALLELISM = 32;

/**
 * A listing older than this is taken again (in the background) when the files are asked about
 * again: a watcher event can come late or not at all (a file written into a folder made a moment
 * earlier, a loaded machine), and the next question should not miss the file for ever.
 */
export const RELIST_AFTER_MS = 3000;

/** A usage with the file it is in, ready to open. */
export type LocatedUsage = KeyUsage & { uri: vscode.Uri };

/** A `.env` file of the index, with its URI. */
export type IndexedEnvFile = EnvFile & { uri: vscode.Uri };

/**
 * The workspace's `.env` files, listed and read once for every consumer: the sidebar's usage rows,
 * the Problems of closed `.env` files, rotation, revocation's clean-up and Find Key Usages. One
 * watcher, one listing (the first MAX_ENV_FILES files), one text per file (see decodeEnvBytes: the
 * open editor's buffer, else the bytes on disk).
 *
 * Nothing is listed or read until someone asks (a question: usagesOf, files, uris); from then on
 * the index follows the workspace file by file: a saved or changed file is read again on its own, a
 * created one when the listing finds it, a deleted one forgotten; each change is told to listeners
 * (onDidChange) with the files it touched. Reads go at most ENV_READ_PARALLELISM at a time and the
 * scans yield between slices, so a large workspace never holds the extension host for long.
 */
export class EnvIndex implements vscode.Disposable {
  private readonly set: EnvFileSet;
  private readonly uris = new Map<string, vscode.Uri>();
  /** Someone asked: the watcher runs and events are followed. */
  private started = false;
  /** Every file is read again at the next question (never read yet, or invalidate()). */
  private needFull = true;
  /** List the workspace again at the next update (a file was created, or an event may be missing). */
  private relist = false;
  /** Files to read again (uri strings). */
  private readonly dirty = new Map<string, vscode.Uri>();
  /** The chain of updates: one runs at a time. */
  private chain: Promise<void> = Promise.resolve();
  /** Bumped when everything is forgotten (the workspace folders changed): work started before it is dropped. */
  private epoch = 0;
  private listedAt = -Infinity;
  private flushTimer: NodeJS.Timeout | undefined;
  private fireTimer: NodeJS.Timeout | undefined;
  private reads = 0;
  private readonly changed = new vscode.EventEmitter<EnvFileChanges>();
  /** Fires with the files a listing or a read changed; an empty change means "ask again" (the cap or the files were reset). */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly log: Log, maxFiles = MAX_ENV_FILES) {
    this.set = new EnvFileSet(maxFiles);
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidSaveTextDocument((d) => this.markChanged(d.uri)),
      // A buffer closed with unsaved changes: the file on disk is what counts again.
      vscode.workspace.onDidCloseTextDocument((d) => this.uris.has(d.uri.toString()) && this.markChanged(d.uri)),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.reset()),
    );
  }

  /** Whether the files have been asked about (and so are listed, read and followed). */
  get isLoaded(): boolean {
    return this.started;
  }

  /** How many file reads the index has done (tests check that a save reads one file, and start-up none). */
  readCount(): number {
    return this.reads;
  }

  /** The cap, when the last listing found more `.env` files than it (those beyond it are not read). */
  stoppedAfter(): number | undefined {
    return this.set.stoppedAfter();
  }

  /** Sets the cap on `.env` files read (undefined restores MAX_ENV_FILES); every file is read again. */
  setMaxFiles(max: number | undefined): void {
    this.set.maxFiles = max ?? MAX_ENV_FILES;
    this.invalidate();
  }

  /**
   * The listed `.env` files whose last read failed (not for being gone), with why: they may hold
   * any key. Current as of the last question answered.
   */
  unreadable(): Array<{ path: string; reason: string }> {
    return this.set.unreadable();
  }

  /**
   * List and read every file again at the next question (a refresh, before and after a rotation).
   * The texts held are kept until then, so listeners hear only of the files that changed.
   */
  invalidate(): void {
    this.needFull = true;
    this.fireSoon();
  }

  /** The file as the index holds it (undefined when it is not listed, or nobody asked yet). */
  file(uri: vscode.Uri): IndexedEnvFile | undefined {
    return this.withUri(this.set.get(uri.toString()));
  }

  /** A file of the last change event, by its id. */
  fileById(id: string): IndexedEnvFile | undefined {
    return this.withUri(this.set.get(id));
  }

  /** The URI of a file id of a change event. */
  uriOf(id: string): vscode.Uri {
    return this.uris.get(id) ?? vscode.Uri.parse(id);
  }

  /** The files held now, as they are (none until someone asked): nothing is listed or read. */
  held(): IndexedEnvFile[] {
    return this.set.all().map((f) => this.withUri(f)!);
  }

  /** Every `.env` file of the workspace with its text, listing and reading them first if nobody asked yet. */
  async files(): Promise<IndexedEnvFile[]> {
    await this.current();
    return this.set.all().map((f) => this.withUri(f)!);
  }

  /**
   * The workspace's `.env` files as they are now, for a question a person is about to answer (which
   * file gets the secret): a fresh listing of names, nothing read. A file the index does not hold
   * yet (its watcher event has not arrived) is listed all the same, and makes the index list again.
   */
  async list(): Promise<vscode.Uri[]> {
    const uris = (await this.listWorkspace()).slice(0, this.set.maxFiles);
    if (this.started && uris.some((uri) => this.set.get(uri.toString()) === undefined)) {
      this.markRelist();
    }
    return uris;
  }

  /** Where the keys' secrets are, in path and line order (see EnvFileSet.usagesOf). */
  async usagesOf(keys: ReadonlyArray<Pick<PublicApiKey, 'id' | 'keyPrefix'>>): Promise<LocatedUsage[]> {
    await this.current();
    // A first scan of thousands of files for these keys, cut into slices that yield.
    const slices = new Slices();
    while (!this.set.prepareUsages(keys, () => slices.due)) {
      await slices.pace();
    }
    return this.set.usagesOf(keys).map(({ fileId, ...u }): LocatedUsage => ({ ...u, uri: this.uriOf(fileId) }));
  }

  /**
   * A question answered from what is held (the usage rows shown again): when the listing is older
   * than RELIST_AFTER_MS, the workspace is listed again in the background, in case a watcher event
   * was missed; listeners hear of what that finds.
   */
  verifySoon(): void {
    if (!this.started || this.needFull || this.relist || this.set.stoppedAfter() !== undefined || performance.now() - this.listedAt < RELIST_AFTER_MS) {
      return;
    }
    this.relist = true;
    this.scheduleFlush();
  }

  /** Resolves once every file is listed and read, and no change known of is waiting. */
  private async current(): Promise<void> {
    this.start();
    for (;;) {
      if (this.pending()) {
        await this.enqueue();
      } else {
        await this.chain;
        if (!this.pending()) {
          return;
        }
      }
    }
  }

  private pending(): boolean {
    return this.needFull || this.relist || this.dirty.size > 0;
  }

  /** The first question: from now on the watcher's events are followed. */
  private start(): void {
    if (this.started) {
      return;
    }
    this.started = true;
    const watcher = vscode.workspace.createFileSystemWatcher(ENV_FILE_GLOB);
    this.disposables.push(
      watcher,
      watcher.onDidCreate(() => this.markRelist()),
      watcher.onDidChange((uri) => this.markChanged(uri)),
      watcher.onDidDelete((uri) => this.forget(uri)),
    );
  }

  /** Takes what is waiting and appends one update for it to the chain; the returned promise fails with it. */
  private enqueue(): Promise<void> {
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = undefined;
    }
    const full = this.needFull;
    const relist = this.relist || full;
    const dirty = [...this.dirty.values()];
    this.needFull = false;
    this.relist = false;
    this.dirty.clear();
    const step = this.chain.then(() => this.update(full, relist, dirty));
    this.chain = step.catch((e: unknown) => {
      // A failed listing is not kept: the next question tries again.
      if (full) this.needFull = true;
      else if (relist) this.relist = true;
      this.log.warn(`Could not list the .env files: ${e instanceof Error ? e.message : String(e)}`);
    });
    return step;
  }

  private async update(full: boolean, relist: boolean, dirty: readonly vscode.Uri[]): Promise<void> {
    const epoch = this.epoch;
    const started = performance.now();
    const changed = new Set<string>();
    const removed = new Set<string>();
    let toRead = dirty;
    if (relist) {
      const listed = await this.listWorkspace();
      if (epoch !== this.epoch) {
        return;
      }
      this.listedAt = performance.now();
      const byId = new Map(listed.map((u) => [u.toString(), u]));
      const plan = this.set.applyListing([...byId.keys()], full);
      plan.removed.forEach((id) => removed.add(id));
      const dirtyIds = new Set(dirty.map((u) => u.toString()));
      toRead = [...dirty, ...plan.toRead.filter((id) => !dirtyIds.has(id)).map((id) => byId.get(id)!)];
    }
    await this.readInto(toRead, epoch, changed, removed);
    if (epoch !== this.epoch) {
      return;
    }
    const what = full ? 'Read' : 'Re-read';
    this.log.debug(`${what} ${toRead.length} .env ${toRead.length === 1 ? 'file' : 'files'} in ${(performance.now() - started).toFixed(0)} ms${this.set.stoppedAfter() !== undefined ? ` (stopped at ${this.set.maxFiles})` : ''}.`);
    if (changed.size > 0 || removed.size > 0) {
      this.changed.fire({ changed: [...changed].filter((id) => !removed.has(id)), removed: [...removed] });
    }
  }

  /** The workspace's `.env` files (one more than the cap, to know it was passed). */
  private async listWorkspace(): Promise<vscode.Uri[]> {
    return (await findEnvFiles(this.set.maxFiles + 1)).filter((u) => isEnvFileName(path.posix.basename(u.path)));
  }

  /** Reads files (at most ENV_READ_PARALLELISM at once) into the set, noting what changed. */
  private async readInto(uris: readonly vscode.Uri[], epoch: number, changed: Set<string>, removed: Set<string>): Promise<void> {
    if (uris.length === 0) {
      return;
    }
    const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    // Reads that finish together are handled back to back on the extension host's one thread: once
    // a slice has run its time, the next file waits for a turn of its own.
    const slices = new Slices();
    await mapBounded(uris, ENV_READ_PARALLELISM, async (uri) => {
      this.reads++;
      const read = await readEnvText(uri, open.get(uri.toString()));
      await slices.pace();
      if (epoch !== this.epoch) {
        return;
      }
      const id = uri.toString();
      const shown = this.set.get(id)?.path ?? vscode.workspace.asRelativePath(uri, multiRoot);
      const outcome = this.set.applyRead(id, shown, read);
      if ('error' in read) {
        if (read.gone) {
          this.log.debug(`${shown} is gone; left out of the .env files.`);
        } else {
          this.log.warn(`Could not read ${shown} (${read.error}); it is left out of key usages and Problems.`);
        }
      } else if (read.byteDecoded && outcome === 'changed') {
        this.log.info(`${shown} is not UTF-8 text: read byte for byte (as Latin-1).`);
      }
      if (outcome === 'changed') {
        this.uris.set(id, uri);
        changed.add(id);
        removed.delete(id);
      } else if (outcome === 'removed') {
        this.uris.delete(id);
        removed.add(id);
        changed.delete(id);
      }
    });
  }

  /** A saved or changed file: read again on its own, if it is one of the files held. */
  private markChanged(uri: vscode.Uri): void {
    if (!this.started || !isEnvFileName(path.posix.basename(uri.path))) {
      return;
    }
    if (!this.set.get(uri.toString())) {
      // A file not read yet: its create event may have been folded into this change, or missed.
      this.markRelist();
      return;
    }
    this.dirty.set(uri.toString(), uri);
    this.scheduleFlush();
  }

  /** A created file: list again (the excludes and the cap decide whether it is read). */
  private markRelist(): void {
    if (!this.started) {
      return;
    }
    this.relist = true;
    this.scheduleFlush();
  }

  private forget(uri: vscode.Uri): void {
    if (!this.started) {
      return;
    }
    const id = uri.toString();
    this.dirty.delete(id);
    const gone = this.set.forget(id);
    gone.forEach((g) => this.uris.delete(g));
    if (this.set.stoppedAfter() !== undefined) {
      // A place under the cap came free.
      this.markRelist();
    }
    if (gone.length > 0) {
      this.changed.fire({ changed: [], removed: gone });
    }
  }

  /** The workspace folders changed: everything is forgotten, and listed again at the next question. */
  private reset(): void {
    this.epoch++;
    const gone = this.set.clear();
    this.uris.clear();
    this.dirty.clear();
    this.relist = false;
    this.needFull = true;
    this.changed.fire({ changed: [], removed: gone });
  }

  /** Events of one burst (a save reports both a save and a change) are handled together. */
  private scheduleFlush(): void {
    this.flushTimer ??= setTimeout(() => {
      this.flushTimer = undefined;
      void this.enqueue().catch(() => undefined);
    }, 0);
  }

  /** Tells listeners once for a burst of resets. */
  private fireSoon(): void {
    this.fireTimer ??= setTimeout(() => {
      this.fireTimer = undefined;
      this.changed.fire({ changed: [], removed: [] });
    }, 0);
  }

  private withUri(f: EnvFile | undefined): IndexedEnvFile | undefined {
    return f && { ...f, uri: this.uriOf(f.id) };
  }

  dispose(): void {
    this.epoch++;
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
    }
    if (this.fireTimer) {
      clearTimeout(this.fireTimer);
    }
    for (const d of this.disposables) {
      d.dispose();
    }
  }
}

/**
 * A `.env` file's text as the user sees it: the open editor's buffer, else the file (a local file
 * straight from disk, the bulk of a monorepo's reads). A file that is not valid UTF-8 (a Latin-1
 * comment saved by an old editor) is still read, as dotenv reads it: see decodeEnvBytes.
 */
async function readEnvText(uri: vscode.Uri, document: vscode.TextDocument | undefined): Promise<EnvFileRead> {
  if (document && !document.isClosed) {
    return { text: document.getText(), byteDecoded: false };
  }
  try {
    const decoded = decodeEnvBytes(uri.scheme === 'file' ? await readLocalFile(uri.fsPath) : await vscode.workspace.fs.readFile(uri));
    return { text: decoded.text, byteDecoded: decoded.bytewise };
  } catch (e) {
    const code = e instanceof vscode.FileSystemError ? e.code : (e as NodeJS.ErrnoException | undefined)?.code;
    return { error: code || (e instanceof Error ? e.message : String(e)), gone: code === 'ENOENT' || code === 'FileNotFound' };
  }
}

/**
 * A local file's bytes through Node's callback `fs.readFile`, which opens, reads and closes in one
 * request: the promise API wraps each file in a FileHandle, and for a thousand `.env` files that
 * bookkeeping alone held the extension host for some 30 ms.
 */
function readLocalFile(file: string): Promise<Buffer> {
  return new Promise((resolve, reject) => fs.readFile(file, (err, data) => (err ? reject(err) : resolve(data))));
}
