/**
 * A short-lived lock beside a file, so two writers (two VS Code windows, a window and a CLI using the
 * same module) never read-plan-write the same file at the same time. Plain Node, no `vscode` import.
 *
 * Mechanism: a lock file created with O_CREAT|O_EXCL (`wx`) next to the target, holding the owner's
 * pid, host, time and a random token. Creating a file exclusively is atomic on every local file
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
 * is broken at once (a killed window does not make the next write wait five seconds).
 */
import { randomBytes } from 'crypto';
import { promises as fsp } from 'fs';
import * as os from 'os';
import * as path from 'path';

export const LOCK_STALE_MS = 5_000;
/** How long acquireFileLock waits for another writer, in all. */
export const LOCK_WAIT_MS = 10_000;

/** The lock could not be taken in time. Its message is the sentence to show. */
export class FileLockTimeoutError extends Error {
  constructor(
    readonly target: string,
    readonly lockPath: string,
  ) {
    super(`${path.basename(target)} is being changed by another window or program, so it was not changed. Try again in a moment (if this persists, delete ${path.basename(lockPath)} beside it).`);
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
  time: number;
  token: string;
}

/** `.vued-lock-.env` for `.env`: beside the target, and not matching the `.env.*` pattern the workspace scans. */
export function lockPathFor(target: string): string {
  return path.join(path.dirname(target), `.vued-lock-${path.basename(target)}`);
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

async function readLock(lockPath: string): Promise<{ raw: string; content?: LockContent; mtimeMs: number } | undefined> {
  try {
    const [raw, stat] = await Promise.all([fsp.readFile(lockPath, 'utf8'), fsp.stat(lockPath)]);
    let content: LockContent | undefined;
    try {
      const v = JSON.parse(raw) as Partial<LockContent>;
      if (typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.time === 'number' && typeof v.token === 'string') {
        content = v as LockContent;
      }
    } catch {
      // A lock file being written right now, or not ours: judged by its age only.
    }
    return { raw, content, mtimeMs: stat.mtimeMs };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function staleReason(lock: { content?: LockContent; mtimeMs: number }, staleMs: number, now: number): string | undefined {
  const since = lock.content ? Math.max(lock.content.time, lock.mtimeMs) : lock.mtimeMs;
  if (now - since > staleMs) return `older than ${staleMs} ms`;
  if (lock.content && lock.content.host === os.hostname() && lock.content.pid !== process.pid && !processIsAlive(lock.content.pid)) {
    return `process ${lock.content.pid} is not running`;
  }
  return undefined;
}

/**
 * Breaks a lock judged stale. It is first renamed to a unique name (only one breaker can win that
 * rename), then checked to be the very lock judged stale; if another writer took the lock between
 * the check and the rename, it is linked back. Best effort: never throws.
 */
async function breakLock(lockPath: string, judgedRaw: string): Promise<boolean> {
  const aside = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}.broken`;
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
 * `waitMs`; then throws FileLockTimeoutError. Other errors (a read-only folder, say) are thrown as they are.
 */
export async function acquireFileLock(target: string, options: LockOptions = {}): Promise<FileLock> {
  const lockPath = lockPathFor(target);
  const waitMs = options.waitMs ?? LOCK_WAIT_MS;
  const staleMs = options.staleMs ?? LOCK_STALE_MS;
  const deadline = Date.now() + waitMs;
  let delay = 5;
  for (;;) {
    const content: LockContent = { pid: process.pid, host: os.hostname(), time: Date.now(), token: randomBytes(8).toString('hex') };
    const raw = JSON.stringify(content);
    try {
      await createLockFile(lockPath, raw);
      return { lockPath, release: () => releaseLock(lockPath, content.token) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const held = await readLock(lockPath);
    if (held) {
      const why = staleReason(held, staleMs, Date.now());
      if (why && (await breakLock(lockPath, held.raw))) {
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
 * (`.vued-lock-<name>.<pid>.<hex>.new`), which is then linked to the lock's name. link() fails with
 * EEXIST when the lock exists, like an exclusive open, but a writer killed half-way can never leave
 * an empty lock that others would have to wait out (it leaves at most its `.new` file, which the
 * next writer removes). Where the file system has no hard links, an exclusive open is used.
 */
async function createLockFile(lockPath: string, raw: string): Promise<void> {
  const staged = `${lockPath}.${process.pid}.${randomBytes(4).toString('hex')}.new`;
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

async function releaseLock(lockPath: string, token: string): Promise<void> {
  try {
    const held = await readLock(lockPath);
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
