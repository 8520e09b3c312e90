/**
 * The one write path for files on disk: lock, read the file as it is now, plan the edit on that
 * text, write it atomically. Plain Node, no `vscode` import, so it is tested in plain Node against
 * the real file system and real child processes (test/unit/fileWrite.test.ts). Its pure half (which
 * folder holds a file, bytes to text and back, the names it uses) is src/core/fileWrite.ts.
 *
 * Atomic replace: the new content goes to a file in a fresh private folder beside the target
 * (`<name>.vued-tmp-<pid>-<hex>/new`; the folder 0700, the file 0600, so a secret is never readable
 * by others even for a moment). That folder's own `.gitignore` (`*`), written and flushed first,
 * makes git ignore it whatever the repository's .gitignore says, so a writer killed at any moment
 * leaves nothing `git add -A` would stage. The file is written, fsync'ed, given the target's mode
 * (and owner, where the process may), renamed over the target (one rename on the same file
 * system), and the target's folder fsync'ed where that is supported (not on Windows); then the
 * private folder is removed. A crash leaves the old file or the new one, never a mix; what it leaves
 * beside the file is removed by the next write of that file, and at the next start (see
 * removeWriteLeftovers).
 *
 * A new file is linked into place with link(): atomic, and it fails with EEXIST when a file appeared
 * meanwhile, which is then read and planned on like any other (a rename would replace it; an
 * exclusive open would show, and on a crash leave, a half-written file).
 *
 * Where rename-over is not possible, the file is written in place (see writeInPlace) and the logger
 * is told: EXDEV/EPERM/EBUSY/EACCES/ENOTSUP from rename on some network and FUSE file systems
 * (sshfs without `workaround=rename`, some SMB/CIFS and cloud-drive mounts); EPERM/EBUSY/EACCES on
 * Windows while another program has the target open without FILE_SHARE_DELETE; whenever the owner
 * of the target could not be kept (chown is for root only on Unix), so a rename would hand the file
 * to another user; and when the target's folder cannot be written to (the file itself can), where
 * the lock is taken in the temporary folder instead. Where link() is not supported (FAT, some FUSE
 * mounts), a new file is created with an exclusive open instead.
 *
 * Refused with a sentence (UnsafeWriteError): a symbolic link, anything but a regular file, a file
 * marked read-only, a file with another hard link (a rename would split the two names; a write in
 * place would change a file we cannot see, which may be outside the workspace or not ignored by
 * git), UTF-16 text, non-ASCII text for a file that is not UTF-8, a file outside the workspace folder.
 */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { UserFacingError } from '../core/common/errors';
import { decodeText, encodeText, isInsideFolder, parseWriteLeftover, tempFolderName, type TextEncoding, WRITE_NAMES } from '../core/common/fileWrite';
import { type Message, msg } from '../core/common/messages';
import { FOLDER_NOT_WRITABLE, LOCK_STALE_MS, type LockOptions, processIsAlive, removeStaleLock, withFileLock } from './fileLock';

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
 * text is the file's bytes as UTF-8, a byte order mark kept as U+FEFF and CRLF kept; a file that is
 * not UTF-8 is read one character per byte (see decodeText), and then only ASCII may be added. It
 * runs under the lock, so it must not wait for the user: to ask, return a refusal, ask, then call
 * updateFile again. It may run more than once if the file changes while the new text is being written.
 */
export type FilePlanner = (current: string | undefined) => FilePlan;

export type UpdateResult =
  | { status: 'written'; before: string | undefined; after: string; created: boolean; method: 'rename' | 'link' | 'exclusive-create' | 'in-place'; encoding: TextEncoding }
  | { status: 'refused'; reason: string; current: string | undefined }
  | { status: 'kept'; current: string | undefined };

/** The file-system calls used, so a test can make one fail. Defaults to Node's `fs.promises`. */
export interface FileSystemOps {
  rename(from: string, to: string): Promise<void>;
  link(existing: string, newPath: string): Promise<void>;
}

/** A workspace folder: its file-system path, and its name for messages. */
export interface FolderRef {
  path: string;
  name: string;
}

export interface UpdateFileOptions {
  /** Refuse a target whose real folder is not this folder or below it. */
  insideFolder?: FolderRef;
  /** Told, as one sentence without file contents, about fallbacks, stale locks and removed leftovers. */
  log?: (message: string) => void;
  lock?: Omit<LockOptions, 'log'>;
  fs?: Partial<FileSystemOps>;
}

/** How often a plan is redone when another program changed the file while ours was being written. */
const MAX_ATTEMPTS = 5;
const RENAME_FALLBACK_CODES = new Set(['EXDEV', 'EPERM', 'EBUSY', 'EACCES', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);
const LINK_UNSUPPORTED_CODES = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EACCES', 'EMLINK']);

const code = (e: unknown) => (e as NodeJS.ErrnoException | undefined)?.code;

/**
 * Reads `target`, lets `plan` decide on its current text, and writes the result atomically, all under
 * the target's lock. Throws UnsafeWriteError (see the header), a UserFacingError when something else
 * sits where the lock goes, FileLockTimeoutError, or the file system's own error.
 */
export async function updateFile(target: string, plan: FilePlanner, options: UpdateFileOptions = {}): Promise<UpdateResult> {
  target = path.resolve(target);
  const ops: FileSystemOps = { rename: fs.promises.rename, link: fs.promises.link, ...options.fs };
  const log = options.log ?? (() => undefined);
  if (options.insideFolder !== undefined) await assertInsideFolder(target, options.insideFolder);
  return withFileLock(
    target,
    async () => {
      await removeLeftoversOf(target, log);
      for (let attempt = 1; ; attempt++) {
        const read = await readCurrent(target);
        const decision = plan(read?.text);
        if ('refuse' in decision) return { status: 'refused', reason: decision.refuse, current: read?.text };
        if ('keep' in decision) return { status: 'kept', current: read?.text };
        const encoding = read?.encoding ?? 'utf8';
        const bytes = encodeText(read?.text ?? '', decision.write, encoding);
        if (!bytes) throw new UnsafeWriteError(msg('files.notUtf8NotAscii', path.basename(target)));
        const method = read ? await replaceFile(target, read.stat, bytes, ops, log) : await createFile(target, bytes, ops, log);
        if (method !== 'changed-meanwhile') {
          return { status: 'written', before: read?.text, after: decision.write, created: !read, method, encoding };
        }
        if (attempt >= MAX_ATTEMPTS) {
          throw new Error(`${path.basename(target)} kept changing while it was being written, so it was not changed.`);
        }
      }
    },
    { ...options.lock, log },
  );
}

/** Refuses a target whose real folder is not `folder` or below it (a folder at a file system's root holds everything on it). */
export async function assertInsideFolder(target: string, folder: FolderRef): Promise<void> {
  const realFolder = await fs.promises.realpath(folder.path);
  const realDir = await fs.promises.realpath(path.dirname(target));
  if (!isInsideFolder(realFolder, realDir, path)) {
    throw new UnsafeWriteError(msg('files.outsideFolder', path.basename(target), folder.name));
  }
}

/** Refuses what must not be written: a symbolic link, not a regular file, another hard link, marked read-only. */
function refuseUnsafe(stat: fs.Stats, name: string): void {
  if (stat.isSymbolicLink()) throw new UnsafeWriteError(msg('files.symlinkInsert', name));
  if (!stat.isFile()) throw new UnsafeWriteError(msg('files.notRegular', name));
  if (stat.nlink > 1) throw new UnsafeWriteError(msg('files.hardLink', name));
  // Respect a file marked read-only even where the process could write it anyway (root, say).
  if ((stat.mode & 0o222) === 0) throw new UnsafeWriteError(msg('files.readOnly', name));
}

/**
 * The checks of updateFile for a write that goes elsewhere (an editor's buffer): inside `folder`, and
 * a plain file that may be written (or none yet).
 */
export async function assertWritableTarget(target: string, folder: FolderRef): Promise<void> {
  await assertInsideFolder(target, folder);
  const stat = await fs.promises.lstat(target).catch((e: unknown) => (code(e) === 'ENOENT' ? undefined : Promise.reject(e as Error)));
  if (stat) refuseUnsafe(stat, path.basename(target));
}

interface Current {
  text: string;
  encoding: TextEncoding;
  stat: fs.Stats;
}

/** The file now, or undefined when there is none. Refuses what updateFile must not write. */
async function readCurrent(target: string): Promise<Current | undefined> {
  const name = path.basename(target);
  let handle: fs.promises.FileHandle;
  try {
    const lst = await fs.promises.lstat(target);
    if (lst.isSymbolicLink() || !lst.isFile()) refuseUnsafe(lst, name);
    handle = await fs.promises.open(target, fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0));
  } catch (e) {
    if (code(e) === 'ENOENT') return undefined;
    if (code(e) === 'ELOOP') throw new UnsafeWriteError(msg('files.symlink', name));
    throw e;
  }
  try {
    const stat = await handle.stat();
    refuseUnsafe(stat, name);
    const decoded = decodeText(await handle.readFile());
    if (!decoded) throw new UnsafeWriteError(msg('files.notUtf8', name));
    return { ...decoded, stat };
  } finally {
    await handle.close();
  }
}

/** Same file, same bytes as when it was read (as far as its inode, size and times tell). */
function unchangedSince(a: fs.Stats, b: fs.Stats): boolean {
  return a.ino === b.ino && a.dev === b.dev && a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs;
}

/** The new content, flushed, in its private folder beside the target; see the header. */
interface Staged {
  folder: string;
  file: string;
  handle: fs.promises.FileHandle;
}

/**
 * Makes the private folder beside `target` (0700), its `.gitignore` (flushed first, so that the new
 * content is never on disk without it), and the new content in it (0600, flushed). Undefined when
 * the folder of `target` cannot be written to.
 */
async function stage(target: string, bytes: Buffer): Promise<Staged | undefined> {
  const folder = path.join(path.dirname(target), tempFolderName(path.basename(target), process.pid, randomBytes(4).toString('hex')));
  try {
    await fs.promises.mkdir(folder, { mode: 0o700 });
  } catch (e) {
    if (FOLDER_NOT_WRITABLE.has(code(e) ?? '')) return undefined;
    throw e;
  }
  const file = path.join(folder, WRITE_NAMES.tempFile);
  let handle: fs.promises.FileHandle | undefined;
  try {
    const ignore = await fs.promises.open(path.join(folder, WRITE_NAMES.ignore), 'wx', 0o600);
    try {
      await ignore.writeFile(WRITE_NAMES.ignoreText);
      await ignore.sync();
    } finally {
      await ignore.close();
    }
    handle = await fs.promises.open(file, 'wx', 0o600);
    await handle.writeFile(bytes);
    await handle.sync();
    return { folder, file, handle };
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await removeStaged(folder);
    throw e;
  }
}

/** Removes a private folder and what a write puts in it. Never throws: what stays is removed later. */
async function removeStaged(folder: string): Promise<void> {
  for (const n of [WRITE_NAMES.tempFile, WRITE_NAMES.inPlaceMark, WRITE_NAMES.ignore]) {
    await fs.promises.unlink(path.join(folder, n)).catch(() => undefined);
  }
  await fs.promises.rmdir(folder).catch(() => undefined);
}

async function replaceFile(target: string, before: fs.Stats, bytes: Buffer, ops: FileSystemOps, log: (m: string) => void): Promise<'rename' | 'in-place' | 'changed-meanwhile'> {
  const name = path.basename(target);
  const staged = await stage(target, bytes);
  if (!staged) {
    if (!(await unchangedOnDisk(target, before))) return 'changed-meanwhile';
    log(`${name} was written in place, not replaced atomically: its folder cannot be written to.`);
    await writeInPlace(target, bytes);
    return 'in-place';
  }
  let fallback: string | undefined;
  try {
    try {
      await staged.handle.chmod(before.mode & 0o7777);
      if (typeof process.getuid === 'function' && (before.uid !== process.getuid() || before.gid !== process.getgid?.())) {
        try {
          await staged.handle.chown(before.uid, before.gid);
        } catch (e) {
          fallback = `its owner (uid ${before.uid}) could not be kept (${code(e) ?? 'error'})`;
        }
      }
    } finally {
      await staged.handle.close();
    }
    if (!(await unchangedOnDisk(target, before))) return 'changed-meanwhile';
    if (!fallback) {
      try {
        await ops.rename(staged.file, target);
        await syncFolder(target);
        return 'rename';
      } catch (e) {
        if (!RENAME_FALLBACK_CODES.has(code(e) ?? '')) throw e;
        fallback = `it could not be replaced by rename (${code(e)})`;
      }
    }
    // Marks the content as that of a write in place: if this one does not finish, the next start keeps it.
    await fs.promises.writeFile(path.join(staged.folder, WRITE_NAMES.inPlaceMark), '', { flag: 'wx' }).catch(() => undefined);
    log(`${name} was written in place, not replaced atomically: ${fallback}. Until it has finished, the new content is also in ${path.basename(staged.folder)}.`);
    await writeInPlace(target, bytes);
    return 'in-place';
  } finally {
    await removeStaged(staged.folder);
  }
}

/** The target is still the file read (inode, size and times), so writing over it loses nothing. */
async function unchangedOnDisk(target: string, before: fs.Stats): Promise<boolean> {
  const now = await fs.promises.lstat(target).catch(() => undefined);
  return now !== undefined && unchangedSince(before, now);
}

/**
 * The fallback: the file is rewritten through its own inode (keeping mode, owner and hard links),
 * then truncated and flushed. While this runs, the complete new content sits flushed in the private
 * folder (when there is one), which the caller removes only afterwards; the log names it. When the
 * new text only appends to the old, only the appended bytes are written, so the old bytes are never
 * rewritten at all.
 */
async function writeInPlace(target: string, bytes: Buffer): Promise<void> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(target, fs.constants.O_RDWR | (fs.constants.O_NOFOLLOW ?? 0));
  } catch (e) {
    if (FOLDER_NOT_WRITABLE.has(code(e) ?? '')) throw new UnsafeWriteError(msg('files.readOnly', path.basename(target)));
    throw e;
  }
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
  const staged = await stage(target, bytes);
  if (!staged) throw new UnsafeWriteError(msg('files.folderNotWritable', path.basename(target)));
  await staged.handle.close();
  try {
    await ops.link(staged.file, target);
    await syncFolder(target);
    return 'link';
  } catch (e) {
    if (code(e) === 'EEXIST') return 'changed-meanwhile'; // a file appeared: plan on it
    if (!LINK_UNSUPPORTED_CODES.has(code(e) ?? '')) throw e;
    log(`${path.basename(target)} was created with an exclusive open, not linked into place: link() is not supported here (${code(e)}).`);
  } finally {
    await removeStaged(staged.folder);
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

/** A writer that is not this process and is gone: its pid does not run here, or what it left is older than the stale limit. */
function writerGone(pid: number, mtimeMs: number): boolean {
  return pid !== process.pid && (!processIsAlive(pid) || Date.now() - mtimeMs > LOCK_STALE_MS);
}

/**
 * Removes what killed writers of `target` left beside it: private folders, the parts of a lock
 * being taken or broken, temporary files and stale locks of the names used before. One log line per
 * thing removed, naming it (never its content). Called under the target's lock, so no live writer
 * of this target is using any of them; a private folder of a write in place whose new content is
 * not what the target holds is kept (it may be the only whole copy), and said so.
 */
async function removeLeftoversOf(target: string, log: (m: string) => void): Promise<void> {
  const dir = path.dirname(target);
  const base = path.basename(target);
  let names: string[];
  try {
    names = await fs.promises.readdir(dir);
  } catch {
    return;
  }
  for (const n of names) {
    const left = parseWriteLeftover(n);
    if (!left || left.target !== base || left.kind === 'lock') continue;
    const full = path.join(dir, n);
    try {
      if (left.kind === 'legacyLock') {
        const why = await removeStaleLock(full, target);
        if (why) log(`Removed ${n}, a lock left beside ${base} (${why}).`);
        continue;
      }
      const stat = await fs.promises.lstat(full);
      if (!writerGone(left.pid, stat.mtimeMs)) continue;
      if (left.kind === 'tempFolder') {
        if (stat.isDirectory() && (await removeTempFolder(full, target, log))) log(`Removed ${n}, left beside ${base} by a write that did not finish.`);
      } else if (stat.isFile()) {
        await fs.promises.unlink(full);
        log(`Removed ${n}, left beside ${base} by a write that did not finish.`);
      }
    } catch (e) {
      if (code(e) !== 'ENOENT') log(`Could not remove ${n} beside ${base} (${code(e) ?? 'error'}).`);
    }
  }
}

/** Removes a private folder a killed writer left; false when it holds anything else, or the only whole copy of a write in place. */
async function removeTempFolder(folder: string, target: string, log: (m: string) => void): Promise<boolean> {
  const entries = await fs.promises.readdir(folder);
  const known = new Set<string>([WRITE_NAMES.tempFile, WRITE_NAMES.inPlaceMark, WRITE_NAMES.ignore]);
  if (entries.some((e) => !known.has(e))) return false;
  if (entries.includes(WRITE_NAMES.inPlaceMark) && entries.includes(WRITE_NAMES.tempFile)) {
    const [saved, now] = await Promise.all([fs.promises.readFile(path.join(folder, WRITE_NAMES.tempFile)), fs.promises.readFile(target).catch(() => undefined)]);
    if (!now?.equals(saved)) {
      log(`${path.basename(folder)}/${WRITE_NAMES.tempFile} holds what a write in place into ${path.basename(target)} was writing when it stopped; it is kept: compare the two, then delete the folder.`);
      return false;
    }
  }
  await removeStaged(folder);
  return true;
}

/**
 * Removes what killed writers left, found by a search for the names they use (WRITE_LEFTOVER_GLOB):
 * for each file named, the target it belongs to is locked and everything its writers left is
 * removed (see removeLeftoversOf). Never throws; the log says what was removed, or could not be.
 */
export async function removeWriteLeftovers(found: readonly string[], log: (message: string) => void, lock: Omit<LockOptions, 'log'> = { waitMs: 1_000 }): Promise<void> {
  const targets = new Set<string>();
  for (const p of found) {
    const own = parseWriteLeftover(path.basename(p));
    const parent = parseWriteLeftover(path.basename(path.dirname(p)));
    if (own) targets.add(path.join(path.dirname(p), own.target));
    else if (parent?.kind === 'tempFolder') targets.add(path.join(path.dirname(path.dirname(p)), parent.target));
  }
  for (const target of targets) {
    try {
      await withFileLock(target, () => removeLeftoversOf(target, log), { ...lock, log });
      // A lock of the current name left by a killed writer was broken (and logged) to take it.
    } catch (e) {
      log(`Could not remove what a write left beside ${path.basename(target)}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
