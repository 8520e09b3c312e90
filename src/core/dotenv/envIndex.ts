/**
 * The VS Code-free half of the workspace's `.env` index (src/envFiles/envIndex.ts): which files the
 * last listing found (up to a cap), the text each of them read as, which could not be read and why,
 * and the key usages in those texts. The glue lists, reads and watches; this decides what a listing
 * or a read changes, so that each consumer (usage rows, Problems, rotation, clean-up) sees the same
 * files and texts.
 */
import type { PublicApiKey } from '../api/types';
import { type KeyUsage, UsageCache } from './usages';

/** One `.env` file as the index holds it. */
export interface EnvFile {
  /** The file's identity (the glue uses its URI as a string). */
  readonly id: string;
  /** As shown to the user: workspace-relative, `/`-separated, e.g. `apps/api/.env`. */
  readonly path: string;
  /** Its text: the open editor's buffer when it was read, else the bytes on disk (see decodeEnvBytes). */
  readonly text: string;
  /** The bytes were not UTF-8, so the text is one character per byte (see decodeEnvBytes). */
  readonly byteDecoded: boolean;
}

/** What reading one file gave: its text, or why not (`gone`: it does not exist any more). */
export type EnvFileRead = { text: string; byteDecoded: boolean } | { error: string; gone: boolean };

/** What a listing or a batch of reads changed, by file id. */
export interface EnvFileChanges {
  /** Files whose text is new (first read) or different from the one held. */
  readonly changed: readonly string[];
  /** Files no longer held: deleted, gone past the cap, unreadable now. */
  readonly removed: readonly string[];
}

/** What one read did to the set. */
export type ReadOutcome = 'changed' | 'unchanged' | 'removed' | 'none';

/** A usage with the id of the file it is in. */
export type FileUsage = KeyUsage & { fileId: string };

type KeyRef = Pick<PublicApiKey, 'id' | 'keyPrefix'>;

/**
 * The files of the last listing, their texts and the usages in them. A listing past `maxFiles`
 * keeps the first `maxFiles` files and remembers that it stopped. Changing one file drops only
 * that file's usage results (see UsageCache).
 */
export class EnvFileSet {
  /** Files by id, in the order they were first read. */
  private readonly files = new Map<string, EnvFile>();
  private readonly idsByPath = new Map<string, string>();
  /** Listed files whose last read failed (not for being gone), with why. */
  private readonly failed = new Map<string, { path: string; reason: string }>();
  private readonly usages = new UsageCache();
  private stopped = false;

  constructor(public maxFiles: number) {}

  get size(): number {
    return this.files.size;
  }

  get(id: string): EnvFile | undefined {
    return this.files.get(id);
  }

  /** Every file held, in the order they were first read. */
  all(): EnvFile[] {
    return [...this.files.values()];
  }

  /**
   * A listing of the workspace: the ids in the order found (more than `maxFiles` when there were
   * more). The files past the cap and those no longer listed are dropped. Returns the ids to read:
   * every listed one when `rereadAll`, else the ones not held yet.
   */
  applyListing(listed: readonly string[], rereadAll: boolean): { toRead: string[]; removed: string[] } {
    this.stopped = listed.length > this.maxFiles;
    const keep = listed.slice(0, this.maxFiles);
    const kept = new Set(keep);
    const removed: string[] = [];
    for (const id of [...this.files.keys()]) {
      if (!kept.has(id) && this.drop(id)) {
        removed.push(id);
      }
    }
    for (const id of [...this.failed.keys()]) {
      if (!kept.has(id)) {
        this.failed.delete(id);
      }
    }
    return { toRead: rereadAll ? [...keep] : keep.filter((id) => !this.files.has(id)), removed };
  }

  /**
   * What reading file `id` (shown as `path` when it is new) gave. A file that is gone is dropped; one
   * that cannot be read is dropped and remembered with why (it may hold any key).
   */
  applyRead(id: string, path: string, read: EnvFileRead): ReadOutcome {
    if ('error' in read) {
      if (read.gone) {
        this.failed.delete(id);
      } else {
        this.failed.set(id, { path: this.files.get(id)?.path ?? path, reason: read.error });
      }
      return this.drop(id) ? 'removed' : 'none';
    }
    this.failed.delete(id);
    const known = this.files.get(id);
    const shown = known?.path ?? path;
    if (known && known.text === read.text && known.byteDecoded === read.byteDecoded) {
      return 'unchanged';
    }
    this.files.set(id, { id, path: shown, text: read.text, byteDecoded: read.byteDecoded });
    this.idsByPath.set(shown, id);
    this.usages.set(shown, read.text);
    return 'changed';
  }

  /** Forgets a file, or every file under a folder (a deleted folder is one event); the ids dropped. */
  forget(id: string): string[] {
    const under = id.endsWith('/') ? id : `${id}/`;
    const gone: string[] = [];
    for (const known of [...this.files.keys()]) {
      if ((known === id || known.startsWith(under)) && this.drop(known)) {
        gone.push(known);
      }
    }
    for (const known of [...this.failed.keys()]) {
      if (known === id || known.startsWith(under)) {
        this.failed.delete(known);
      }
    }
    return gone;
  }

  /** Forgets every file (the workspace changed under the listing); the ids dropped. */
  clear(): string[] {
    const gone = [...this.files.keys()];
    gone.forEach((id) => this.drop(id));
    this.failed.clear();
    this.stopped = false;
    return gone;
  }

  /** The cap, when the last listing found more files than it (those beyond it are not held). */
  stoppedAfter(): number | undefined {
    return this.stopped ? this.maxFiles : undefined;
  }

  /** The listed files whose last read failed (not for being gone), with why. */
  unreadable(): Array<{ path: string; reason: string }> {
    return [...this.failed.values()].map((f) => ({ ...f }));
  }

  /**
   * Every occurrence of the keys' secrets in the files held (see scanEnvUsages: the longest prefix
   * among `keys` decides whose a secret is), in path and then line order, each with its file's id.
   * Only files not scanned for these keys since they changed are scanned.
   */
  usagesOf(keys: readonly KeyRef[]): FileUsage[] {
    return this.usages
      .usagesOf(keys)
      .map((u) => ({ ...u, fileId: this.idsByPath.get(u.path)! }))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
  }

  /**
   * Scans the files not scanned for these keys yet until `stop()` says so; true once all are (then
   * usagesOf scans nothing). Cuts a large first scan into slices.
   */
  prepareUsages(keys: readonly KeyRef[], stop: () => boolean): boolean {
    return this.usages.prepare(keys, stop);
  }

  private drop(id: string): boolean {
    const file = this.files.get(id);
    if (!file) {
      return false;
    }
    this.files.delete(id);
    this.idsByPath.delete(file.path);
    this.usages.delete(file.path);
    return true;
  }
}
