/**
 * The write path of src/platform/fileWrite.ts and its lock, on the real file system, with real
 * child processes that are killed mid-write or write concurrently.
 *
 * Prints `torn writes: 0 of 200` (crash safety), the same harness's figure for a plain
 * fs.writeFile (the write path before this module), and `two writers: …`.
 * VUED_CRASH_KILLS sets the number of kills (default 200).
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as dotenv from 'dotenv';
import { upsertEnvVariable } from '../../../src/core/dotenv';
import { UserFacingError } from '../../../src/core/common/errors';
import { appendLine, gitignorePatternFor } from '../../../src/core/dotenv/gitignore';
import { acquireFileLock, FileLockTimeoutError, LOCK_STALE_MS, lockPathFor } from '../../../src/platform/fileLock';
import { removeWriteLeftovers, UnsafeWriteError, updateFile } from '../../../src/platform/fileWrite';
import { generateEnv } from '../../bench/coreBench';
import { childScript } from '../../support/children';
import { git } from '../../support/git';
import { sleep } from '../../support/sleep';

const CHILD = childScript('fileWriter');
const KILLS = Number(process.env.VUED_CRASH_KILLS) || 200;

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'vued-filewrite-'));
}

/** Files the write path leaves beside the target (private folders, locks), by the names used now and before. */
function leftovers(dir: string): string[] {
  return fs.readdirSync(dir).filter((n) => n.includes('vued-'));
}

function startChild(args: string[], env: NodeJS.ProcessEnv = {}): { child: ChildProcess; ready: Promise<void>; exited: Promise<number | null>; until: (line: string) => Promise<void>; output: () => { out: string; err: string } } {
  const child = spawn(process.execPath, [CHILD, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let out = '';
  let err = '';
  const waiting: Array<{ line: string; resolve: () => void }> = [];
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    for (const w of waiting.filter((x) => out.includes(`${x.line}\n`))) w.resolve();
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  const until = (line: string) =>
    new Promise<void>((resolve, reject) => {
      if (out.includes(`${line}\n`)) return resolve();
      waiting.push({ line, resolve });
      void exited.then(() => reject(new Error(`child exited before "${line}": ${err}`)));
    });
  const ready = until('ready');
  ready.catch(() => undefined);
  return { child, ready, exited, until, output: () => ({ out, err }) };
}

interface CrashFigures {
  kills: number;
  torn: number;
  /** Kills that left a temporary file or lock behind: they landed inside a write. */
  midWrite: number;
}

/**
 * `lanes` targets side by side, each holding the old content A; for every kill, a child starts
 * flipping its target between B and A and is SIGKILLed after a random delay; then the target must
 * be exactly A or B.
 */
async function crashHarness(mode: 'atomic' | 'plain', kills: number, lanes = 4): Promise<CrashFigures & { dirs: string[]; a: Buffer; b: Buffer }> {
  const src = tempDir();
  const a = Buffer.from(generateEnv(100_000));
  const b = Buffer.concat([a, Buffer.from('VUED_API_KEY=vued_sk_Zx81kQpLmN0aB3cD4eF5gH6iJ7kL8mN9oP0qR1sT\n')]);
  fs.writeFileSync(path.join(src, 'a'), a);
  fs.writeFileSync(path.join(src, 'b'), b);
  const dirs = Array.from({ length: lanes }, () => tempDir());
  for (const d of dirs) {
    fs.writeFileSync(path.join(d, '.env'), a);
    fs.chmodSync(path.join(d, '.env'), 0o640);
  }
  const figures: CrashFigures = { kills: 0, torn: 0, midWrite: 0 };
  const lane = async (dir: string, count: number) => {
    const target = path.join(dir, '.env');
    for (let i = 0; i < count; i++) {
      const { child, ready, exited } = startChild(['flip', target, path.join(src, 'a'), path.join(src, 'b'), mode]);
      await ready;
      // Up to about three writes of the 2.6 MB file on this loaded machine.
      await sleep(Math.random() * 60);
      child.kill('SIGKILL');
      await exited;
      const now = fs.readFileSync(target);
      figures.kills++;
      if (!now.equals(a) && !now.equals(b)) figures.torn++;
      if (leftovers(dir).length) figures.midWrite++;
    }
  };
  const per = Math.ceil(kills / lanes);
  await Promise.all(dirs.map((d, i) => lane(d, Math.max(0, Math.min(per, kills - i * per)))));
  fs.rmSync(src, { recursive: true, force: true });
  return { ...figures, dirs, a, b };
}

describe('updateFile: crash safety (child processes killed mid-write)', function () {
  this.timeout(180_000);

  it(`leaves the old or the new content after each of ${KILLS} SIGKILLs, and nothing that blocks the next write`, async () => {
    const r = await crashHarness('atomic', KILLS);
    console.log(`      torn writes: ${r.torn} of ${r.kills} (${r.midWrite} kills landed inside a write)`);
    try {
      assert.equal(r.kills, KILLS);
      assert.equal(r.torn, 0);
      // The kills must have hit writes, or the figure would mean nothing.
      assert.ok(r.midWrite >= KILLS / 10, `only ${r.midWrite} kills landed inside a write`);
      for (const dir of r.dirs) {
        const target = path.join(dir, '.env');
        const written = await updateFile(target, (current) => ({ write: `${current}AFTER_CRASHES=1\n` }), { lock: { waitMs: 1_000 } });
        assert.equal(written.status, 'written');
        assert.deepEqual(leftovers(dir), [], 'the next write removes what killed writers left');
        assert.equal(fs.statSync(target).mode & 0o777, 0o640, 'the mode is kept across every replacement');
        assert.ok(dotenv.parse(fs.readFileSync(target)).AFTER_CRASHES === '1');
      }
    } finally {
      for (const d of r.dirs) fs.rmSync(d, { recursive: true, force: true });
    }
  });

  it('detects torn files: a plain fs.writeFile (the write path before) tears under the same kills', async () => {
    const kills = Number(process.env.VUED_CRASH_KILLS_PLAIN) || 20;
    const r = await crashHarness('plain', kills, 2);
    console.log(`      plain fs.writeFile, torn writes: ${r.torn} of ${r.kills}`);
    for (const d of r.dirs) fs.rmSync(d, { recursive: true, force: true });
    assert.ok(r.torn > 0, 'the harness saw no torn file even for a non-atomic write');
  });
});

describe('updateFile: two writers at once', function () {
  this.timeout(120_000);

  async function twoWriters(mode: 'locked' | 'unlocked') {
    const dir = tempDir();
    const target = path.join(dir, '.env');
    const original = generateEnv(20_000);
    fs.writeFileSync(target, original);
    const kids = ['ALPHA', 'BETA'].map((tag) => startChild(['insert', target, tag, '50', mode]));
    await Promise.all(kids.map((k) => k.ready));
    for (const k of kids) k.child.stdin!.write('go\n');
    const codes = await Promise.all(kids.map((k) => k.exited));
    const final = fs.readFileSync(target, 'utf8');
    const left = leftovers(dir);
    fs.rmSync(dir, { recursive: true, force: true });
    const was = dotenv.parse(original);
    const now = dotenv.parse(final);
    const inserted = ['ALPHA', 'BETA'].flatMap((t) => Array.from({ length: 50 }, (_, i) => [`${t}_${i}`, `${t.toLowerCase()}-value-${i}`]));
    const kept = inserted.filter(([n, v]) => now[n] === v).length;
    const originalKept = Object.keys(was).filter((n) => now[n] === was[n]).length;
    const originalLines = original.split('\n').length - 1;
    return { codes, final, original, left, kept, originalKept, originals: Object.keys(was).length, originalLines };
  }

  it('keeps all 100 inserted variables and every original line', async () => {
    const r = await twoWriters('locked');
    console.log(`      two writers: ${r.kept} of 100 variables kept, ${r.originalKept} of ${r.originals} original variables unchanged (dotenv)`);
    assert.deepEqual(r.codes, [0, 0]);
    assert.equal(r.kept, 100);
    assert.equal(r.originalKept, r.originals);
    assert.ok(r.final.startsWith(r.original), `all ${r.originalLines} original lines are kept byte for byte, in place`);
    assert.equal(r.final.split('\n').length - 1, r.originalLines + 100);
    assert.deepEqual(r.left, []);
  });

  if (process.env.VUED_FILEWRITE_CONTROLS) {
    // Records the figure without the lock (read, upsert, writeFile); run on demand, as it is not deterministic.
    it('control: without the lock, updates are lost', async () => {
      const r = await twoWriters('unlocked');
      console.log(`      two writers without the lock: ${r.kept} of 100 variables kept`);
      assert.ok(r.kept < 100);
    });
  }
});

describe('updateFile: the lock', () => {
  let dir: string;
  let target: string;
  beforeEach(() => {
    dir = tempDir();
    target = path.join(dir, '.env');
    fs.writeFileSync(target, 'A=1\n');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function writeLock(content: object, ageMs: number) {
    const lock = lockPathFor(target);
    fs.writeFileSync(lock, JSON.stringify(content));
    const t = (Date.now() - ageMs) / 1000;
    fs.utimesSync(lock, t, t);
    return lock;
  }

  it('waits for a live lock, then fails with a sentence, leaving the lock alone', async () => {
    const lock = writeLock({ pid: process.pid, host: os.hostname(), time: Date.now(), token: 'other' }, 0);
    const t0 = Date.now();
    await assert.rejects(updateFile(target, () => ({ write: 'B=2\n' }), { lock: { waitMs: 300 } }), (e: unknown) => {
      assert.ok(e instanceof FileLockTimeoutError);
      assert.match(e.message, /^\.env is being changed by another window or program, so it was not changed\./);
      return true;
    });
    assert.ok(Date.now() - t0 >= 300, 'it waited');
    assert.ok(fs.existsSync(lock));
    assert.equal(fs.readFileSync(target, 'utf8'), 'A=1\n');
  });

  it(`breaks a lock older than ${LOCK_STALE_MS} ms`, async () => {
    writeLock({ pid: process.pid, host: os.hostname(), time: Date.now() - LOCK_STALE_MS - 1_000, token: 'old' }, LOCK_STALE_MS + 1_000);
    const logged: string[] = [];
    const r = await updateFile(target, (c) => ({ write: `${c}B=2\n` }), { lock: { waitMs: 200 }, log: (m) => logged.push(m) });
    assert.equal(r.status, 'written');
    assert.equal(fs.readFileSync(target, 'utf8'), 'A=1\nB=2\n');
    assert.match(logged.join('\n'), /^Removed a stale lock beside \.env \(older than 5000 ms\)\.$/);
    assert.deepEqual(leftovers(dir), []);
  });

  it('does not break a lock younger than that', async () => {
    writeLock({ pid: process.pid, host: os.hostname(), time: Date.now() - LOCK_STALE_MS + 2_000, token: 'young' }, LOCK_STALE_MS - 2_000);
    await assert.rejects(updateFile(target, () => ({ write: 'B=2\n' }), { lock: { waitMs: 200 } }), FileLockTimeoutError);
  });

  it('breaks at once a lock whose process is gone', async () => {
    const gone = startChild(['insert', target, 'X', '0', 'locked']);
    await gone.ready;
    const pid = gone.child.pid!;
    gone.child.kill('SIGKILL');
    await gone.exited;
    writeLock({ pid, host: os.hostname(), time: Date.now(), token: 'dead' }, 0);
    const r = await updateFile(target, (c) => ({ write: `${c}B=2\n` }), { lock: { waitMs: 100 } });
    assert.equal(r.status, 'written');
  });

  it('is removed after a refusal, after a thrown error, and after a write', async () => {
    const refused = await updateFile(target, (c) => ({ refuse: `already ${c?.trim()}` }));
    assert.deepEqual(refused, { status: 'refused', reason: 'already A=1', current: 'A=1\n' });
    assert.deepEqual(leftovers(dir), []);
    await assert.rejects(
      updateFile(target, () => {
        throw new Error('plan failed');
      }),
      /plan failed/,
    );
    assert.deepEqual(leftovers(dir), []);
    assert.equal((await updateFile(target, () => ({ keep: true }))).status, 'kept');
    assert.deepEqual(leftovers(dir), []);
    await updateFile(target, (c) => ({ write: `${c}B=2\n` }));
    assert.deepEqual(leftovers(dir), []);
    assert.equal(fs.readFileSync(target, 'utf8'), 'A=1\nB=2\n');
  });

  it('serialises writers within one process too', async () => {
    const held = await acquireFileLock(target);
    let ran = false;
    const pending = updateFile(target, (c) => {
      ran = true;
      return { write: `${c}B=2\n` };
    });
    await sleep(100);
    assert.equal(ran, false, 'the second writer waits for the lock');
    await held.release();
    assert.equal((await pending).status, 'written');
  });
});

describe('updateFile: reading, planning and writing', () => {
  let dir: string;
  let target: string;
  beforeEach(() => {
    dir = tempDir();
    target = path.join(dir, '.env');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('hands the plan the bytes as they are (BOM, CRLF, no final newline) and writes exactly what it returns', async () => {
    const before = Buffer.from('\uFEFF# c\r\nA=1\r\nB="x y"', 'utf8');
    fs.writeFileSync(target, before);
    let seen: string | undefined;
    const r = await updateFile(target, (c) => {
      seen = c;
      return { write: upsertEnvVariable(c!, 'VUED_API_KEY', 'vued_sk_abc').text };
    });
    assert.equal(seen, before.toString('utf8'));
    assert.equal(r.status === 'written' && r.method, 'rename');
    assert.deepEqual(fs.readFileSync(target), Buffer.concat([before, Buffer.from('\r\nVUED_API_KEY=vued_sk_abc')]));
  });

  it('keeps the mode of an existing file (0640 stays 0640) and creates a new one 0600', async () => {
    fs.writeFileSync(target, 'A=1\n');
    fs.chmodSync(target, 0o640);
    await updateFile(target, (c) => ({ write: `${c}B=2\n` }));
    assert.equal(fs.statSync(target).mode & 0o777, 0o640);
    const fresh = path.join(dir, '.env.local');
    const r = await updateFile(fresh, (c) => ({ write: c === undefined ? 'NEW=1\n' : 'WRONG=1\n' }));
    assert.equal(r.status === 'written' && r.method, 'link');
    assert.equal(r.status === 'written' && r.created, true);
    assert.equal(fs.statSync(fresh).mode & 0o777, 0o600);
    assert.equal(fs.readFileSync(fresh, 'utf8'), 'NEW=1\n');
    assert.deepEqual(leftovers(dir), []);
  });

  it('never replaces a file that appeared meanwhile: it plans again on that file', async () => {
    const plans: Array<string | undefined> = [];
    const r = await updateFile(
      target,
      (c) => {
        plans.push(c);
        return { write: upsertEnvVariable(c ?? '', 'VUED_API_KEY', 'vued_sk_abc').text };
      },
      {
        fs: {
          link: async (from, to) => {
            if (plans.length === 1) fs.writeFileSync(to, 'ADDED_MEANWHILE=1\n'); // another program, just before our link
            await fs.promises.link(from, to);
          },
        },
      },
    );
    assert.deepEqual(plans, [undefined, 'ADDED_MEANWHILE=1\n']);
    assert.equal(r.status === 'written' && r.method, 'rename');
    assert.equal(fs.readFileSync(target, 'utf8'), 'ADDED_MEANWHILE=1\nVUED_API_KEY=vued_sk_abc\n');
  });

  it('a new-file plan that refuses an existing file leaves the file that appeared untouched', async () => {
    const r = await updateFile(target, (c) => (c === undefined ? { write: 'MINE=1\n' } : { refuse: 'the file exists now' }), {
      fs: {
        link: async (from, to) => {
          fs.writeFileSync(to, 'THEIRS=1\n');
          await fs.promises.link(from, to);
        },
      },
    });
    assert.deepEqual(r, { status: 'refused', reason: 'the file exists now', current: 'THEIRS=1\n' });
    assert.equal(fs.readFileSync(target, 'utf8'), 'THEIRS=1\n');
  });

  it('plans again when another program changes the file while the new text is being written', async () => {
    fs.writeFileSync(target, 'A=1\n');
    const plans: string[] = [];
    await updateFile(target, (c) => {
      plans.push(c!);
      if (plans.length === 1) fs.appendFileSync(target, 'ADDED_MEANWHILE=1\n'); // lands after our read
      return { write: upsertEnvVariable(c!, 'VUED_API_KEY', 'vued_sk_abc').text };
    });
    assert.equal(plans.length, 2);
    const final = fs.readFileSync(target, 'utf8');
    assert.equal(final, 'A=1\nADDED_MEANWHILE=1\nVUED_API_KEY=vued_sk_abc\n');
    assert.deepEqual(dotenv.parse(final), { A: '1', ADDED_MEANWHILE: '1', VUED_API_KEY: 'vued_sk_abc' });
  });

  it('refuses a symbolic link, a read-only file, a folder and a file outside the folder', async () => {
    fs.writeFileSync(target, 'A=1\n');
    const link = path.join(dir, '.env.link');
    fs.symlinkSync(target, link);
    await assert.rejects(updateFile(link, () => ({ write: 'X=1\n' })), (e: unknown) => e instanceof UnsafeWriteError && /symbolic link/.test(e.message));
    const ro = path.join(dir, '.env.ro');
    fs.writeFileSync(ro, 'A=1\n');
    fs.chmodSync(ro, 0o444);
    await assert.rejects(updateFile(ro, () => ({ write: 'X=1\n' })), (e: unknown) => e instanceof UnsafeWriteError && /read-only/.test(e.message));
    fs.mkdirSync(path.join(dir, '.env.dir'));
    await assert.rejects(updateFile(path.join(dir, '.env.dir'), () => ({ write: 'X=1\n' })), UnsafeWriteError);
    const inner = path.join(dir, 'ws');
    fs.mkdirSync(inner);
    await assert.rejects(updateFile(target, () => ({ write: 'X=1\n' }), { insideFolder: { path: inner, name: 'ws' } }), /: \.env resolves outside the workspace folder "ws", so it was not changed\.$/);
    assert.equal(fs.readFileSync(target, 'utf8'), 'A=1\n');
    assert.equal(fs.readFileSync(ro, 'utf8'), 'A=1\n');
    assert.deepEqual(leftovers(dir), []);
  });
});

describe('updateFile: where rename-over is not possible', () => {
  let dir: string;
  let target: string;
  beforeEach(() => {
    dir = tempDir();
    target = path.join(dir, '.env');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const errno of ['EXDEV', 'EPERM', 'EBUSY']) {
    it(`writes in place when rename fails with ${errno}, and says so in the log`, async () => {
      fs.writeFileSync(target, '# keep\r\nA=1\r\n');
      fs.chmodSync(target, 0o640);
      const ino = fs.statSync(target).ino;
      const logged: string[] = [];
      let renames = 0;
      const r = await updateFile(target, (c) => ({ write: upsertEnvVariable(c!, 'VUED_API_KEY', 'vued_sk_abc').text }), {
        log: (m) => logged.push(m),
        fs: {
          rename: async () => {
            renames++;
            throw Object.assign(new Error(`${errno}: simulated`), { code: errno });
          },
        },
      });
      assert.equal(renames, 1);
      assert.equal(r.status === 'written' && r.method, 'in-place');
      assert.equal(fs.readFileSync(target, 'utf8'), '# keep\r\nA=1\r\nVUED_API_KEY=vued_sk_abc\r\n');
      assert.equal(fs.statSync(target).ino, ino, 'the same file was written');
      assert.equal(fs.statSync(target).mode & 0o777, 0o640);
      assert.equal(logged.length, 1);
      assert.match(logged[0], new RegExp(`^\\.env was written in place, not replaced atomically: it could not be replaced by rename \\(${errno}\\)`));
      assert.doesNotMatch(logged[0], /vued_sk_abc/);
      assert.deepEqual(leftovers(dir), []);
    });
  }

  it('shortens a file in place correctly (a removal)', async () => {
    fs.writeFileSync(target, 'A=1\nSECRET=vued_sk_abc\nB=2\n');
    await updateFile(target, () => ({ write: 'A=1\nB=2\n' }), {
      fs: { rename: async () => Promise.reject(Object.assign(new Error('x'), { code: 'EXDEV' })) },
    });
    assert.equal(fs.readFileSync(target, 'utf8'), 'A=1\nB=2\n');
  });

  it('does not fall back on other rename errors', async () => {
    fs.writeFileSync(target, 'A=1\n');
    await assert.rejects(
      updateFile(target, () => ({ write: 'B=2\n' }), { fs: { rename: async () => Promise.reject(Object.assign(new Error('disk full'), { code: 'ENOSPC' })) } }),
      /disk full/,
    );
    assert.equal(fs.readFileSync(target, 'utf8'), 'A=1\n');
    assert.deepEqual(leftovers(dir), []);
  });

  it('creates a new file 0600 with an exclusive open where link() is not supported', async () => {
    let tempMode = 0;
    const logged: string[] = [];
    const r = await updateFile(target, () => ({ write: 'NEW=1\n' }), {
      log: (m) => logged.push(m),
      fs: {
        link: async (from) => {
          tempMode = fs.statSync(from).mode & 0o777;
          throw Object.assign(new Error('no links'), { code: 'EPERM' });
        },
      },
    });
    assert.equal(tempMode, 0o600, 'the temporary file is 0600');
    assert.equal(r.status === 'written' && r.method, 'exclusive-create');
    assert.equal(fs.statSync(target).mode & 0o777, 0o600);
    assert.equal(fs.readFileSync(target, 'utf8'), 'NEW=1\n');
    assert.match(logged.join('\n'), /link\(\) is not supported here \(EPERM\)/);
    assert.deepEqual(leftovers(dir), []);
  });
});

describe('updateFile: the edges (encoding, links, folders, locks)', function () {
  this.timeout(30_000);
  let dir: string;
  let target: string;
  beforeEach(() => {
    dir = tempDir();
    target = path.join(dir, '.env');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const insertKey = (c: string | undefined) => ({ write: upsertEnvVariable(c ?? '', 'VUED_API_KEY', 'vued_sk_abc').text });

  it('inserts into a Latin-1 file (not UTF-8), keeping every other byte', async () => {
    const before = Buffer.from('# caf\xe9, not UTF-8\r\nNAME=Jos\xe9\r\nQUOTED="a \xa7 b"\r\nLAST=\xff', 'latin1');
    fs.writeFileSync(target, before);
    const r = await updateFile(target, insertKey);
    assert.equal(r.status, 'written');
    const after = fs.readFileSync(target);
    assert.deepEqual(after, Buffer.concat([before, Buffer.from('\r\nVUED_API_KEY=vued_sk_abc')]));
    assert.equal(dotenv.parse(after).VUED_API_KEY, 'vued_sk_abc');
    assert.deepEqual(leftovers(dir), []);
  });

  it('replaces and removes a value in a Latin-1 file, keeping every other byte', async () => {
    fs.writeFileSync(target, Buffer.from('A=\xe9\nVUED_API_KEY=old\nB=\xe8\n', 'latin1'));
    await updateFile(target, (c) => ({ write: upsertEnvVariable(c!, 'VUED_API_KEY', 'vued_sk_new', { replace: true }).text }));
    assert.deepEqual(fs.readFileSync(target), Buffer.from('A=\xe9\nVUED_API_KEY=vued_sk_new\nB=\xe8\n', 'latin1'));
    await updateFile(target, (c) => ({ write: c!.replace('VUED_API_KEY=vued_sk_new\n', '') }));
    assert.deepEqual(fs.readFileSync(target), Buffer.from('A=\xe9\nB=\xe8\n', 'latin1'));
  });

  it('refuses to write what is not ASCII into a file that is not UTF-8, with a sentence naming the file', async () => {
    const before = Buffer.from('A=\xe9\n', 'latin1');
    fs.writeFileSync(target, before);
    await assert.rejects(updateFile(target, (c) => ({ write: `${c}B=\u00e9\u20ac\n` })), (e: unknown) => {
      assert.ok(e instanceof UnsafeWriteError);
      assert.match(e.message, /^\.env is not UTF-8 text, and what would be written into it is not plain ASCII/);
      return true;
    });
    assert.deepEqual(fs.readFileSync(target), before);
    assert.deepEqual(leftovers(dir), []);
  });

  it('refuses a UTF-16 file (an ASCII line would not be UTF-16)', async () => {
    const before = Buffer.from('\ufeffA=1\n', 'utf16le');
    fs.writeFileSync(target, before);
    await assert.rejects(updateFile(target, insertKey), (e: unknown) => e instanceof UnsafeWriteError && /^\.env is not UTF-8 text/.test(e.message));
    assert.deepEqual(fs.readFileSync(target), before);
  });

  it('refuses a file with another hard link, with a sentence, leaving both names as they were', async () => {
    fs.writeFileSync(target, 'A=1\n');
    const other = path.join(dir, 'shared.env');
    fs.linkSync(target, other);
    await assert.rejects(updateFile(target, insertKey), (e: unknown) => {
      assert.ok(e instanceof UnsafeWriteError);
      assert.match(e.message, /^\.env has another hard link/);
      return true;
    });
    assert.equal(fs.readFileSync(target, 'utf8'), 'A=1\n');
    assert.equal(fs.statSync(other).ino, fs.statSync(target).ino, 'the two names are still one file');
    assert.equal(fs.statSync(target).nlink, 2);
  });

  it('a workspace folder at the root of the file system holds every file below it', async () => {
    fs.writeFileSync(target, 'A=1\n');
    const r = await updateFile(target, insertKey, { insideFolder: { path: path.parse(dir).root, name: 'root' } });
    assert.equal(r.status, 'written');
  });

  it('breaks a lock stamped in the future once it has been seen for longer than the stale limit', async () => {
    fs.writeFileSync(target, 'A=1\n');
    const lock = lockPathFor(target);
    const future = Date.now() + 3_600_000;
    fs.writeFileSync(lock, JSON.stringify({ pid: 999_999_999, host: 'another-machine', time: future, token: 'ahead' }));
    fs.utimesSync(lock, future / 1000, future / 1000);
    const logged: string[] = [];
    const t0 = Date.now();
    const r = await updateFile(target, insertKey, { lock: { waitMs: 3_000, staleMs: 300 }, log: (m) => logged.push(m) });
    assert.equal(r.status, 'written');
    assert.ok(Date.now() - t0 >= 300, 'it waited the stale limit first');
    assert.match(logged.join('\n'), /Removed a stale lock beside \.env/);
  });

  it('a folder where the lock goes: a sentence naming it, not a raw EISDIR', async () => {
    fs.writeFileSync(target, 'A=1\n');
    fs.mkdirSync(lockPathFor(target));
    await assert.rejects(updateFile(target, insertKey, { lock: { waitMs: 200 } }), (e: unknown) => {
      assert.ok(e instanceof UserFacingError, `a sentence, not ${String(e)}`);
      assert.equal(e.message, '.env could not be locked for writing: .env-vued-lock-.env is not a file. Remove it, then try again.');
      return true;
    });
    assert.equal(fs.readFileSync(target, 'utf8'), 'A=1\n');
  });
});

/**
 * A folder the writer may not write to. As root, permissions do not apply, so the writer is a child
 * process that becomes `nobody` (VUED_CHILD_UID) and the file is given to that user; otherwise the
 * folder's write bits are simply taken away.
 */
describe('updateFile: a writable file in a folder the writer cannot write to', function () {
  this.timeout(60_000);
  const asRoot = process.getuid?.() === 0;
  const NOBODY = 65534;
  let dir: string;
  let target: string;
  beforeEach(function () {
    if (process.platform === 'win32') this.skip(); // no folder permissions of this kind there
    dir = tempDir();
    target = path.join(dir, '.env');
    fs.writeFileSync(target, 'A=1\n', { mode: 0o600 });
    if (asRoot) fs.chownSync(target, NOBODY, NOBODY);
    fs.chmodSync(dir, 0o555);
  });
  afterEach(() => {
    fs.chmodSync(dir, 0o700);
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const env = asRoot ? { VUED_CHILD_UID: String(NOBODY) } : {};

  it('writes the file in place, says so in the log, and leaves nothing behind', async () => {
    const ino = fs.statSync(target).ino;
    const kid = startChild(['insert', target, 'RO', '3', 'locked'], env);
    await kid.ready;
    kid.child.stdin!.write('go\n');
    const code = await kid.exited;
    const { out, err } = kid.output();
    assert.equal(code, 0, err);
    assert.equal(fs.readFileSync(target, 'utf8'), 'A=1\nRO_0=ro-value-0\nRO_1=ro-value-1\nRO_2=ro-value-2\n');
    assert.equal(fs.statSync(target).ino, ino, 'the same file was written');
    assert.match(out, /log: \.env was written in place, not replaced atomically: its folder cannot be written to/);
    assert.deepEqual(fs.readdirSync(dir), ['.env']);
  });

  it('two writers there still take turns (the lock is taken elsewhere)', async () => {
    const kids = ['ALPHA', 'BETA'].map((tag) => startChild(['insert', target, tag, '25', 'locked'], env));
    await Promise.all(kids.map((k) => k.ready));
    for (const k of kids) k.child.stdin!.write('go\n');
    const codes = await Promise.all(kids.map((k) => k.exited));
    assert.deepEqual(codes, [0, 0], kids.map((k) => k.output().err).join('\n'));
    const now = dotenv.parse(fs.readFileSync(target));
    const kept = ['ALPHA', 'BETA'].flatMap((t) => Array.from({ length: 25 }, (_, i) => now[`${t}_${i}`] === `${t.toLowerCase()}-value-${i}`)).filter(Boolean).length;
    assert.equal(kept, 50);
    assert.equal(now.A, '1');
  });

  it('a new file there: a sentence saying the folder cannot be written to', async () => {
    const kid = startChild(['insert', path.join(dir, '.env.local'), 'NEW', '1', 'locked'], env);
    await kid.ready;
    kid.child.stdin!.write('go\n');
    assert.equal(await kid.exited, 1);
    assert.match(kid.output().err, /^UnsafeWriteError: \.env\.local cannot be created: its folder cannot be written to/);
    assert.deepEqual(fs.readdirSync(dir), ['.env']);
  });
});

describe('updateFile: a writer killed between its temporary file and the rename', function () {
  this.timeout(60_000);
  let repo: string;
  beforeEach(() => {
    repo = tempDir();
    git(repo, 'init', '-q');
  });
  afterEach(() => fs.rmSync(repo, { recursive: true, force: true }));

  /** Every file below `dir` (not .git) whose bytes hold `needle`. */
  function filesHolding(dir: string, needle: string): string[] {
    const found: string[] = [];
    for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
      const full = path.join(e.parentPath ?? e.path, e.name);
      if (e.isFile() && !full.includes(`${path.sep}.git${path.sep}`) && fs.readFileSync(full).includes(needle)) found.push(path.relative(dir, full));
    }
    return found.sort();
  }

  it('leaves nothing that `git add -A` stages with the secret, when .gitignore holds only the line our git check adds', async () => {
    fs.writeFileSync(path.join(repo, '.gitignore'), appendLine('', gitignorePatternFor('.env')));
    const target = path.join(repo, '.env');
    fs.writeFileSync(target, 'A=1\n');
    const secret = `vued_sk_${randomBytes(16).toString('hex')}`;
    const kid = startChild(['hold', target, `A=1\nVUED_API_KEY=${secret}\n`]);
    await kid.until('renaming');
    kid.child.kill('SIGKILL');
    await kid.exited;
    assert.equal(fs.readFileSync(target, 'utf8'), 'A=1\n', 'the file itself was not changed');
    const holding = filesHolding(repo, secret);
    assert.equal(holding.length, 1, `the killed writer left its temporary file: ${holding.join(', ')}`);
    git(repo, 'add', '-A');
    const staged = git(repo, 'ls-files', '--cached', '-z').split('\0').filter(Boolean);
    const leaking = staged.filter((f) => git(repo, 'show', `:${f}`).includes(secret));
    assert.deepEqual(leaking, [], `staged files: ${staged.join(', ')}`);

    // The sweep at the next start, handed what the search for leftovers finds.
    const logged: string[] = [];
    await removeWriteLeftovers(filesBelow(repo), (m) => logged.push(m));
    assert.deepEqual(filesHolding(repo, secret), []);
    assert.deepEqual(fs.readdirSync(repo).sort(), ['.env', '.git', '.gitignore']);
    assert.equal(fs.readFileSync(target, 'utf8'), 'A=1\n');
    assert.ok(logged.some((m) => /^Removed \.env-vued-tmp-\d+-[0-9a-f]{8}-\.env, left beside \.env by a write that did not finish\.$/.test(m)), logged.join('\n'));
    assert.ok(logged.some((m) => /^Removed a stale lock beside \.env \(process \d+ is not running\)\.$/.test(m)), logged.join('\n'));
    assert.ok(!logged.join('\n').includes(secret));
  });

  it('the next write of the file removes what the killed writer left', async () => {
    const target = path.join(repo, '.env');
    fs.writeFileSync(target, 'A=1\n');
    const kid = startChild(['hold', target, 'A=2\n']);
    await kid.until('renaming');
    kid.child.kill('SIGKILL');
    await kid.exited;
    assert.equal(leftovers(repo).length, 2, 'a private folder and a lock');
    const logged: string[] = [];
    await updateFile(target, (c) => ({ write: `${c}B=2\n` }), { log: (m) => logged.push(m) });
    assert.deepEqual(leftovers(repo), []);
    assert.equal(fs.readFileSync(target, 'utf8'), 'A=1\nB=2\n');
    assert.equal(logged.length, 2, logged.join('\n'));
  });
});

/** Every file below `dir`, as a search for files (VS Code's findFiles) lists them. */
function filesBelow(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath ?? e.path, e.name));
}

/** The pid of a process that has ended. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((r) => child.on('exit', r));
  return child.pid!;
}

describe('removeWriteLeftovers: what killed writers left, at the next start', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => (dir = tempDir()));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  function privateFolder(name: string, files: Record<string, string>): string {
    const folder = path.join(dir, name);
    fs.mkdirSync(folder, { mode: 0o700 });
    for (const [n, text] of Object.entries(files)) fs.writeFileSync(path.join(folder, n), text);
    return folder;
  }

  it('removes the names used before too (a temporary file full of secrets, a lock, the parts of one)', async () => {
    const pid = await deadPid();
    fs.writeFileSync(path.join(dir, '.env'), 'A=1\n');
    fs.writeFileSync(path.join(dir, `.vued-tmp-${pid}-0123456789ab-.env`), 'A=1\nVUED_API_KEY=vued_sk_old_name\n');
    fs.writeFileSync(path.join(dir, '.vued-lock-.env'), JSON.stringify({ pid, host: os.hostname(), time: Date.now(), token: 't' }));
    fs.writeFileSync(path.join(dir, `.vued-lock-.env.${pid}.01234567.new`), '{}');
    fs.writeFileSync(path.join(dir, `.env-vued-lock-old-${pid}-89abcdef-.env.local`), '{}');
    const logged: string[] = [];
    await removeWriteLeftovers(filesBelow(dir), (m) => logged.push(m));
    assert.deepEqual(fs.readdirSync(dir), ['.env']);
    assert.equal(logged.length, 4, logged.join('\n'));
    assert.ok(!logged.join('\n').includes('vued_sk_old_name'));
  });

  it('leaves alone what a running writer is using, and what is not ours', async () => {
    fs.writeFileSync(path.join(dir, '.env'), 'A=1\n');
    const kid = startChild(['hold', path.join(dir, '.env'), 'A=2\n']);
    await kid.until('renaming');
    privateFolder('.env-vued-tmp-1-0123abcd-.env.local', { new: 'x', 'notes.txt': 'mine' }); // pid 1 runs; and a file we never write
    const before = leftovers(dir).sort();
    const logged: string[] = [];
    try {
      await removeWriteLeftovers(filesBelow(dir), (m) => logged.push(m), { waitMs: 200 });
      assert.deepEqual(leftovers(dir).sort(), before, logged.join("\n"));
      assert.match(logged.join('\n'), /Could not remove what a write left beside \.env: \.env is being changed by another window or program/);
    } finally {
      kid.child.kill('SIGKILL');
      await kid.exited;
    }
  });

  it('keeps the new content of a write in place that did not finish, and says where it is', async () => {
    const pid = await deadPid();
    fs.writeFileSync(path.join(dir, '.env'), 'A=1\nVUED_API'); // torn
    const folder = privateFolder(`.env-vued-tmp-${pid}-0123abcd-.env`, { '.gitignore': '*\n', new: 'A=1\nVUED_API_KEY=vued_sk_whole\n', 'in-place': '' });
    const logged: string[] = [];
    await removeWriteLeftovers(filesBelow(dir), (m) => logged.push(m));
    assert.ok(fs.existsSync(path.join(folder, 'new')));
    assert.match(logged.join('\n'), new RegExp(`^\\.env-vued-tmp-${pid}-0123abcd-\\.env/new holds what a write in place into \\.env was writing when it stopped; it is kept`));
    assert.ok(!logged.join('\n').includes('vued_sk_whole'));
    // Once the file holds that content, the copy goes.
    fs.writeFileSync(path.join(dir, '.env'), 'A=1\nVUED_API_KEY=vued_sk_whole\n');
    await removeWriteLeftovers(filesBelow(dir), () => undefined);
    assert.deepEqual(fs.readdirSync(dir), ['.env']);
  });
});
