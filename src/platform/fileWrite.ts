/**
 * The one write path for files on disk: lock, read the file as it is now, plan the edit on that
 * text, write it atomically. Plain Node, no `vscode` import, so it is tested in plain Node against
 * the real file system and real child processes (test/unit/fileWrite.test.ts).
 *
 * Atomic replace: a temporary file in the same folder (mode 0600, so a secret is never readable by
 * others even for a moment), written, fsync'ed, given the target's mode (and owner, where the
 * process may), renamed over the target, and the folder fsync'ed where that is supported (not on
 * Windows). A crash at any moment leaves the old file or the new one, never a mix.
 *
 * A new file is linked into place with link(): atomic, and it fails with EEXIST when a file appeared
 * meanwhile, which is then read and planned on like any other (a rename would replace it; an
 * exclusive open would show, and on a crash leave, a half-written file).
 *
 * Where rename-over is not possible, the file is written in place (see writeInPlace) and the logger
 * is told: EXDEV/EPERM/EBUSY/EACCES/ENOTSUP from rename on some network and FUSE file systems
 * (sshfs without `workaround=rename`, some SMB/CIFS and cloud-drive mounts); EPERM/EBUSY/EACCES on
 * Windows while another program has the target open without FILE_SHARE_DELETE; and whenever the
 * owner of the target could not be kept (chown is for root only on Unix), so a rename would hand
 * the file to another user. Where link() is not supported (FAT, some FUSE mounts), a new file is
 * created with an exclusive open instead.
 */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { UserFacingError } from '../core/errors';
import { type Message, msg } from '../core/messages';
import { type LockOptions, processIsAlive, withFileLock } from './fileLock';

/** The target cannot be written safely (outside the folder, a link, not UTF-8, read-only); the message is the sentence to show. */
export class UnsafeWriteError extends UserFacingError {
  constructor(message: string | Message) {
    super(message);
    this.name = 'UnsafeWriteError';
  }
}

/** What a plan returns: the whole new text, a refusal (a sentence for the user), or nothing to do. */
export type FilePlan = { write: string } | { refuse: string } | { keep: true };

/**
 * Decides the new text from the text on disk right now (`undefined`: the file does not exist). The
 * text is the file's bytes as UTF-8, a byte order mark kept as U+FEFF and CRLF kept; the new text is
 * written as UTF-8 as given. It runs under the lock, so it must not wait for the user: to ask, return
 * a refusal, ask, then call updateFile again. It may run more than once if the file changes while
 * the new text is being written.
 */
export type FilePlanner = (current: string | undefined) => FilePlan;

export type UpdateResult =
  | { status: 'written'; before: string | undefined; after: string; created: boolean; method: 'rename' | 'link' | 'exclusive-create' | 'in-place' }
  | { status: 'refused'; reason: string; current: string | undefined }
  | { status: 'kept'; current: string | undefined };

/** The file-system calls used, so a test can make one fail. Defaults to Node's `fs.promises`. */
export interface FileSystemOps {
  rename(from: string, to: string): Promise<void>;
  link(existing: string, newPath: string): Promise<void>;
}

export interface UpdateFileOptions {
  /** Refuse a target whose real folder is not this folder or below it (a workspace folder's fs path). */
  insideFolder?: string;
  /** Told, as one sentence without file contents, about fallbacks and stale locks. */
  log?: (message: string) => void;
  lock?: Omit<LockOptions, 'log'>;
  fs?: Partial<FileSystemOps>;
}

/** How often a plan is redone when another program changed the file while ours was being written. */
const MAX_ATTEMPTS = 5;
const RENAME_FALLBACK_CODES = new Set(['EXDEV', 'EPERM', 'EBUSY', 'EACCES', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);
const LINK_UNSUPPORTED_CODES = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EACCES', 'EMLINK']);

const code = (e: unknown) => (e as NodeJS.ErrnoException | undefined)?.code;

/** `.vued-tmp-<pid>-<random>-.env`: beside the target, not matching the `.env.*` pattern the workspace scans. */
function tempPathFor(target: string): string {
  return path.join(path.dirname(target), `.vued-tmp-${process.pid}-${randomBytes(6).toString('hex')}-${path.basename(target)}`);
}

/**
 * Reads `target`, lets `plan` decide on its current text, and writes the result atomically, all under
 * the lock beside the target. Throws UnsafeWriteError (symbolic link, not a regular file, read-only,
 * not UTF-8, outside `insideFolder`), FileLockTimeoutError, or the file system's own error.
 */
export async function updateFile(target: string, plan: FilePlanner, options: UpdateFileOptions = {}): Promise<UpdateResult> {
  target = path.resolve(target);
  const ops: FileSystemOps = { rename: fs.promises.rename, link: fs.promises.link, ...options.fs };
  const log = options.log ?? (() => undefined);
  if (options.insideFolder !== undefined) await assertInsideFolder(target, options.insideFolder);
  return withFileLock(
    target,
    async () => {
      await removeLeftoverTemps(target);
      for (let attempt = 1; ; attempt++) {
        const read = await readCurrent(target);
        const decision = plan(read?.text);
        if ('refuse' in decision) return { status: 'refused', reason: decision.refuse, current: read?.text };
        if ('keep' in decision) return { status: 'kept', current: read?.text };
        const bytes = Buffer.from(decision.write, 'utf8');
        const method = read ? await replaceFile(target, read.stat, bytes, ops, log) : await createFile(target, bytes, ops, log);
        if (method !== 'changed-meanwhile') {
          return { status: 'written', before: read?.text, after: decision.write, created: !read, method };
        }
        if (attempt >= MAX_ATTEMPTS) {
          throw new Error(`${path.basename(target)} kept changing while it was being written, so it was not changed.`);
        }
      }
    },
    { ...options.lock, log },
  );
}

interface Current {
  text: string;
  stat: fs.Stats;
}

/** The file now, or undefined when there is none. Refuses what updateFile must not write. */
async function readCurrent(target: string): Promise<Current | undefined> {
  const name = path.basename(target);
  let handle: fs.promises.FileHandle;
  try {
    const lst = await fs.promises.lstat(target);
    if (lst.isSymbolicLink()) {
      throw new UnsafeWriteError(msg('files.symlinkInsert', name));
    }
    if (!lst.isFile()) throw new UnsafeWriteError(msg('files.notRegular', name));
    handle = await fs.promises.open(target, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
  } catch (e) {
    if (code(e) === 'ENOENT') return undefined;
    if (code(e) === 'ELOOP') throw new UnsafeWriteError(msg('files.symlink', name));
    throw e;
  }
  try {
    const stat = await handle.stat();
    if ((stat.mode & 0o222) === 0) {
      // Respect a file marked read-only even where the process could write it anyway (root, say).
      throw new UnsafeWriteError(msg('files.readOnly', name));
    }
    const bytes = await handle.readFile();
    const text = bytes.toString('utf8'); // a BOM stays as U+FEFF
    if (!Buffer.from(text, 'utf8').equals(bytes)) throw new UnsafeWriteError(msg('files.notUtf8', name));
    return { text, stat };
  } finally {
    await handle.close();
  }
}

/** Same file, same bytes as when it was read (as far as its inode, size and times tell). */
function unchangedSince(a: fs.Stats, b: fs.Stats): boolean {
  return a.ino === b.ino && a.dev === b.dev && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}

/** Writes `bytes` to a new 0600 temporary file beside `target` and flushes it to disk. */
async function writeTemp(target: string, bytes: Buffer): Promise<{ tmp: string; handle: fs.promises.FileHandle }> {
  const tmp = tempPathFor(target);
  const handle = await fs.promises.open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } catch (e) {
    await handle.close().catch(() => undefined);
    await fs.promises.unlink(tmp).catch(() => undefined);
    throw e;
  }
  return { tmp, handle };
}

async function replaceFile(target: string, before: fs.Stats, bytes: Buffer, ops: FileSystemOps, log: (m: string) => void): Promise<'rename' | 'in-place' | 'changed-meanwhile'> {
  const name = path.basename(target);
  const { tmp, handle } = await writeTemp(target, bytes);
  let fallback: string | undefined;
  try {
    await handle.chmod(before.mode & 0o7777);
    if (typeof process.getuid === 'function' && (before.uid !== process.getuid() || before.gid !== process.getgid?.())) {
      try {
        await handle.chown(before.uid, before.gid);
      } catch (e) {
        fallback = `its owner (uid ${before.uid}) could not be kept (${code(e) ?? 'error'})`;
      }
    }
  } finally {
    await handle.close();
  }
  try {
    const now = await fs.promises.lstat(target).catch(() => undefined);
    if (!now || !unchangedSince(before, now)) {
      await fs.promises.unlink(tmp).catch(() => undefined);
      return 'changed-meanwhile';
    }
    if (!fallback) {
      try {
        await ops.rename(tmp, target);
        await syncFolder(target);
        return 'rename';
      } catch (e) {
        if (!RENAME_FALLBACK_CODES.has(code(e) ?? '')) throw e;
        fallback = `it could not be replaced by rename (${code(e)})`;
      }
    }
    log(`${name} was written in place, not replaced atomically: ${fallback}. Until it has finished, the new content is also in ${path.basename(tmp)}.`);
    await writeInPlace(target, bytes);
    return 'in-place';
  } finally {
    await fs.promises.unlink(tmp).catch(() => undefined);
  }
}

/**
 * The fallback: the file is rewritten through its own inode (keeping mode and owner), then truncated
 * and flushed. While this runs, the complete new content sits flushed in the temporary file (0600),
 * which the caller removes only afterwards; the log names it. When the new text only appends to the old, only the appended bytes are written, so the old bytes
 * are never rewritten at all.
 */
async function writeInPlace(target: string, bytes: Buffer): Promise<void> {
  const handle = await fs.promises.open(target, fs.constants.O_RDWR | (fs.constants.O_NOFOLLOW ?? 0));
  try {
    const old = await handle.readFile();
    const start = bytes.length >= old.length && bytes.subarray(0, old.length).equals(old) ? old.length : 0;
    await handle.write(bytes, start, bytes.length - start, start);
    await handle.truncate(bytes.length);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function createFile(target: string, bytes: Buffer, ops: FileSystemOps, log: (m: string) => void): Promise<'link' | 'exclusive-create' | 'changed-meanwhile'> {
  const { tmp, handle } = await writeTemp(target, bytes);
  await handle.close();
  try {
    await ops.link(tmp, target);
    await syncFolder(target);
    return 'link';
  } catch (e) {
    if (code(e) === 'EEXIST') return 'changed-meanwhile'; // a file appeared: plan on it
    if (!LINK_UNSUPPORTED_CODES.has(code(e) ?? '')) throw e;
    log(`${path.basename(target)} was created with an exclusive open, not linked into place: link() is not supported here (${code(e)}).`);
  } finally {
    await fs.promises.unlink(tmp).catch(() => undefined);
  }
  let out: fs.promises.FileHandle;
  try {
    out = await fs.promises.open(target, 'wx', 0o600);
  } catch (e) {
    if (code(e) === 'EEXIST') return 'changed-meanwhile';
    throw e;
  }
  try {
    await out.writeFile(bytes);
    await out.sync();
  } finally {
    await out.close();
  }
  await syncFolder(target);
  return 'exclusive-create';
}

/** Flushes the folder entry of a rename or link. Windows cannot open a folder for this; nothing to do there. */
async function syncFolder(target: string): Promise<void> {
  if (process.platform === 'win32') return;
  let dir: fs.promises.FileHandle | undefined;
  try {
    dir = await fs.promises.open(path.dirname(target), 'r');
    await dir.sync();
  } catch {
    // Some file systems (and some FUSE mounts) refuse fsync on a folder: the rename still happened.
  } finally {
    await dir?.close().catch(() => undefined);
  }
}

/**
 * Removes what a killed writer of this target left (its pid is not running on this machine): its
 * temporary files (`.vued-tmp-<pid>-<hex>-<name>`) and a lock it was breaking
 * (`.vued-lock-<name>.<pid>.<hex>.broken`) or was creating (`….new`). Called under the lock, so no live writer of this target
 * owns one.
 */
async function removeLeftoverTemps(target: string): Promise<void> {
  const dir = path.dirname(target);
  const base = path.basename(target);
  let names: string[];
  try {
    names = await fs.promises.readdir(dir);
  } catch {
    return;
  }
  for (const n of names) {
    let pid: number | undefined;
    if (n.startsWith('.vued-tmp-') && n.endsWith(`-${base}`)) {
      const m = /^\.vued-tmp-(\d+)-[0-9a-f]{12}-/.exec(n);
      if (m && n.length === m[0].length + base.length) pid = Number(m[1]);
    } else if (n.startsWith(`.vued-lock-${base}.`)) {
      const m = /^\.(\d+)\.[0-9a-f]{8}\.(?:broken|new)$/.exec(n.slice(`.vued-lock-${base}`.length));
      if (m) pid = Number(m[1]);
    }
    if (pid !== undefined && pid !== process.pid && !processIsAlive(pid)) {
      await fs.promises.unlink(path.join(dir, n)).catch(() => undefined);
    }
  }
}

/** Refuses a target whose real folder is not `folder` or inside it. */
export async function assertInsideFolder(target: string, folder: string): Promise<void> {
  const realFolder = await fs.promises.realpath(folder);
  const realDir = await fs.promises.realpath(path.dirname(target));
  if (realDir !== realFolder && !realDir.startsWith(realFolder + path.sep)) {
    throw new UnsafeWriteError(msg('files.outside', path.basename(target)));
  }
}
