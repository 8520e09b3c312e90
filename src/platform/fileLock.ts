/**
 * A short-lived lock beside a file, so two writers (two VS Code windows, a window and a CLI using the
 * same module) never read-plan-write the same file at the same time. Plain Node, no `vscode` import.
 *
 * Mechanism: a lock file created with O_CREAT|O_EXCL (`wx`) next to the target (`.env-vued-lock-<name>`,
 * see src/core/fileWrite.ts for why that name), holding the owner's pid, host, time and a random
 * token. Where the target's folder cannot be written to (the file itself can: it is then written
 * in place), the lock is `vued-lock-<hash of the file's real path>` in the temporary folder
 * instead, so two windows still take turns. Creating a file exclusively is atomic on every local file
 * system and on NFSv3+ and SMB, and is in Node's API on every platform.
 * - Not flock()/LockFileEx: Node has no API for them (it would need a native module), and advisory
 *   locks are not honoured across NFS/SMB the way an exclusive create is.
 * - Not mkdir(): it is just as atomic, but a crash leaves a directory behind that other tools list
 *   and that cannot hold who owns it; a file can.
 *
 * Staleness: a lock older than LOCK_STALE_MS is broken. Five seconds, because the work done under
 * the lock is one read, one plan (no user interaction: that happens before, outside the lock) and
 * one write; for a 100,000-line `.env` that is well under 50 ms (see `npm run bench`), so a lock
 * that old belongs to a writer that died or hung. On the same host, a lock whose pid is not running
 * is broken at once (a killed window does not make the next write wait five seconds). A lock stamped
 * in the future (another machine's clock is ahead) is as old as the time since this writer first saw
 * it unchanged.
 */
import { createHash, randomBytes } from 'crypto';
import { constants as fsc, promises as fsp, readlinkSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { UserFacingError } from '../core/common/errors';
import { lockFileName, lockStageName } from '../core/common/fileWrite';
import { msg } from '../core/common/messages';

export const LOCK_STALE_MS = 5_000;
/** How long acquireFileLock waits for another writer, in all. */
export const LOCK_WAIT_MS = 10_000;

/** The lock could not be taken in time. Its message is the sentence to show. */
export class FileLockTimeoutError extends Error {
  constructor(
    readonly target: string,
    readonly lockPath: string,
  ) {
    const where = path.dirname(lockPath) === path.dirname(target) ? `${path.basename(lockPath)} beside it` : lockPath;
    super(`${path.basename(target)} is being changed by another window or program, so it was not changed. Try again in a moment (if this persists, delete ${where}).`);
    this.name = 'FileLockTimeoutError';
  }
}

export interface LockOptions {
  /** Upper bound of the wait for another writer (default LOCK_WAIT_MS). */
  waitMs?: number;
  /** Age after which a lock is broken (default LOCK_STALE_MS). */
  staleMs?: number;
  /** Told when a stale lock is broken. */
  log?: (message: string) => void;
}

export interface FileLock {
  readonly lockPath: string;
  /** Removes the lock if it is still ours. Never throws. */
  release(): Promise<void>;
}

interface LockContent {
  pid: number;
  host: string;
  /** Linux: the writer's PID namespace (a container or another window's sandbox has its own). */
  pidns?: string;
  time: number;
  token: string;
}

/**
 * This process's PID namespace on Linux (`pid:[4026531836]`, as /proc/self/ns/pid reads), else
 * undefined. A pid means something only inside its namespace: two processes of one host name in two
 * namespaces (a container, `unshare`) cannot see each other's pids.
 */
export function pidNamespace(): string | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return undefined;
  }
}

const OWN_PIDNS = pidNamespace();

/** `.env-vued-lock-.env` for `.env`: beside the target. */
export function lockPathFor(target: string): string {
  return path.join(path.dirname(target), lockFileName(path.basename(target)));
}

/** Errors that say a folder cannot be written to (by this process). */
export const FOLDER_NOT_WRITABLE = new Set(['EACCES', 'EPERM', 'EROFS']);

/** Where the lock is when the target's folder cannot be written to: one name per real path, in the temporary folder. */
async function lockPathElsewhere(target: string): Promise<string> {
  const dir = await fsp.realpath(path.dirname(target)).catch(() => path.dirname(target));
  const real = path.join(dir, path.basename(target));
  const key = process.platform === 'win32' || process.platform === 'darwin' ? real.toLowerCase() : real;
  return path.join(os.tmpdir(), `vued-lock-${createHash('sha256').update(key).digest('hex').slice(0, 32)}`);
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** True when `pid` runs on this machine (EPERM: it runs, as another user). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const errno = (e: unknown) => (e as NodeJS.ErrnoException | undefined)?.code;

/**
 * The lock as it is now, or undefined when there is none. Something else where the lock goes (a
 * folder, a link, a pipe) is refused with a sentence: it would never be released.
 */
async function readLock(lockPath: string, target: string): Promise<HeldLock | undefined> {
  const inTheWay = () => new UserFacingError(msg('files.lockNotFile', path.basename(target), path.dirname(lockPath) === path.dirname(target) ? path.basename(lockPath) : lockPath));
  let handle: fsp.FileHandle;
  try {
    handle = await fsp.open(lockPath, fsc.O_RDONLY | (fsc.O_NOFOLLOW ?? 0) | (fsc.O_NONBLOCK ?? 0));
  } catch (e) {
    if (errno(e) === 'ENOENT') return undefined;
    if (errno(e) === 'ELOOP' || errno(e) === 'EISDIR') throw inTheWay();
    throw e;
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw inTheWay();
    const raw = (await handle.readFile()).toString('utf8');
    let content: LockContent | undefined;
    try {
      const v = JSON.parse(raw) as Partial<LockContent>;
      if (typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.time === 'number' && typeof v.token === 'string') {
        content = { pid: v.pid, host: v.host, time: v.time, token: v.token, ...(typeof v.pidns === 'string' ? { pidns: v.pidns } : {}) };
      }
    } catch {
      // A lock file being written right now, or not ours: judged by its age only.
    }
    return { raw, content, mtimeMs: stat.mtimeMs };
  } finally {
    await handle.close();
  }
}

interface HeldLock {
  raw: string;
  content?: LockContent;
  mtimeMs: number;
}

/**
 * Why the lock is stale, or undefined. Its age counts from its stamp (the later of the time it holds
 * and its file's mtime) or, when that is in the future, from `firstSeen`, when this writer first
 * saw this very lock.
 */
function staleReason(lock: HeldLock, staleMs: number, now: number, firstSeen = now): string | undefined {
  const stamp = lock.content ? Math.max(lock.content.time, lock.mtimeMs) : lock.mtimeMs;
  if (now - Math.min(stamp, firstSeen) > staleMs) return stamp > now ? `stamped in the future, and seen for over ${staleMs} ms` : `older than ${staleMs} ms`;
  // A pid is looked up only where it means something: the same host and the same PID namespace (a
  // lock that names none was written by an earlier version, which judged by the host alone).
  const sameSpace = lock.content?.pidns === undefined || lock.content.pidns === OWN_PIDNS;
  if (lock.content && lock.content.host === os.hostname() && sameSpace && lock.content.pid !== process.pid && !processIsAlive(lock.content.pid)) {
    return `process ${lock.content.pid} is not running`;
  }
  return undefined;
}

/**
 * Removes the lock of `target` at `lockPath` if it is stale (its process gone from this machine, or
 * older than `staleMs`), as a writer would break it. Returns why it was removed, or undefined when
 * it was not. For what a killed writer left behind.
 */
export async function removeStaleLock(lockPath: string, target: string, staleMs = LOCK_STALE_MS): Promise<string | undefined> {
  const held = await readLock(lockPath, target);
  if (!held) return undefined;
  const why = staleReason(held, staleMs, Date.now());
  return why && (await breakLock(lockPath, target, held.raw)) ? why : undefined;
}

/**
 * Breaks a lock judged stale. It is first renamed to a unique name (only one breaker can win that
 * rename), then checked to be the very lock judged stale; if another writer took the lock between
 * the check and the rename, it is linked back. Best effort: never throws.
 */
async function breakLock(lockPath: string, target: string, judgedRaw: string): Promise<boolean> {
  const aside = path.join(path.dirname(lockPath), lockStageName(path.basename(target), process.pid, randomBytes(4).toString('hex'), 'old'));
  try {
    await fsp.rename(lockPath, aside);
  } catch {
    return false; // gone already, or another breaker won
  }
  const raw = await fsp.readFile(aside, 'utf8').catch(() => undefined);
  if (raw !== judgedRaw) {
    await fsp.link(aside, lockPath).catch(() => undefined);
  }
  await fsp.unlink(aside).catch(() => undefined);
  return raw === judgedRaw;
}

/**
 * Takes the lock for `target`, waiting with a short, growing backoff (5 ms → 100 ms) up to
 * `waitMs`; then throws FileLockTimeoutError. Where the target's folder cannot be written to, the
 * lock is taken in the temporary folder instead. Other errors are thrown as they are.
 */
export async function acquireFileLock(target: string, options: LockOptions = {}): Promise<FileLock> {
  let lockPath = lockPathFor(target);
  let beside = true;
  const waitMs = options.waitMs ?? LOCK_WAIT_MS;
  const staleMs = options.staleMs ?? LOCK_STALE_MS;
  const deadline = Date.now() + waitMs;
  /** When each lock content was first seen: a lock stamped in the future ages from then. */
  const firstSeen = new Map<string, number>();
  let delay = 5;
  for (;;) {
    const content: LockContent = { pid: process.pid, host: os.hostname(), ...(OWN_PIDNS ? { pidns: OWN_PIDNS } : {}), time: Date.now(), token: randomBytes(8).toString('hex') };
    const raw = JSON.stringify(content);
    try {
      await createLockFile(lockPath, target, raw);
      const taken = lockPath;
      return { lockPath: taken, release: () => releaseLock(taken, target, content.token) };
    } catch (e) {
      if (beside && FOLDER_NOT_WRITABLE.has(errno(e) ?? '')) {
        lockPath = await lockPathElsewhere(target);
        beside = false;
        continue;
      }
      if (errno(e) !== 'EEXIST') throw e;
    }
    const held = await readLock(lockPath, target);
    if (held) {
      const now = Date.now();
      if (!firstSeen.has(held.raw)) firstSeen.set(held.raw, now);
      const why = staleReason(held, staleMs, now, firstSeen.get(held.raw));
      if (why && (await breakLock(lockPath, target, held.raw))) {
        options.log?.(`Removed a stale lock beside ${path.basename(target)} (${why}).`);
        continue;
      }
    } else {
      continue; // released between our create and our read: try at once
    }
    if (Date.now() >= deadline) throw new FileLockTimeoutError(target, lockPath);
    await sleep(Math.min(delay, Math.max(1, deadline - Date.now())) * (0.5 + Math.random()));
    delay = Math.min(delay * 2, 100);
  }
}

/**
 * Creates the lock file with its content in one step: the content is written to a file of our own
 * (`.env-vued-lock-new-<pid>-<hex>-<name>`), which is then linked to the lock's name. link() fails with
 * EEXIST when the lock exists, like an exclusive open, but a writer killed half-way can never leave
 * an empty lock that others would have to wait out (it leaves at most that staging file, which the
 * next writer removes). Where the file system has no hard links, an exclusive open is used.
 */
async function createLockFile(lockPath: string, target: string, raw: string): Promise<void> {
  const staged = path.join(path.dirname(lockPath), lockStageName(path.basename(target), process.pid, randomBytes(4).toString('hex'), 'new'));
  await fsp.writeFile(staged, raw, { mode: 0o600, flag: 'wx' });
  try {
    await fsp.link(staged, lockPath);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw e;
    const handle = await fsp.open(lockPath, 'wx', 0o600);
    try {
      await handle.writeFile(raw);
    } finally {
      await handle.close();
    }
  } finally {
    await fsp.unlink(staged).catch(() => undefined);
  }
}

async function releaseLock(lockPath: string, target: string, token: string): Promise<void> {
  try {
    const held = await readLock(lockPath, target);
    if (held?.content?.token === token) await fsp.unlink(lockPath);
  } catch {
    // Nothing more to do: a lock left behind is stale within LOCK_STALE_MS.
  }
}

/** Runs `fn` holding the lock for `target`; the lock is released on every exit path. */
export async function withFileLock<T>(target: string, fn: () => Promise<T>, options: LockOptions = {}): Promise<T> {
  const lock = await acquireFileLock(target, options);
  try {
    return await fn();
  } finally {
    await lock.release();
  }
}
