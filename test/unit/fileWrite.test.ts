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
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as dotenv from 'dotenv';
import { upsertEnvVariable } from '../../src/core/dotenv';
import { acquireFileLock, FileLockTimeoutError, LOCK_STALE_MS, lockPathFor } from '../../src/platform/fileLock';
import { UnsafeWriteError, updateFile } from '../../src/platform/fileWrite';
import { generateEnv } from '../bench/coreBench';

const CHILD = path.join(__dirname, 'fixtures', 'fileWriteChild.js');
const KILLS = Number(process.env.VUED_CRASH_KILLS) || 200;

function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'vued-filewrite-'));
}

/** Files the write path leaves beside the target (temporary files, locks). */
function leftovers(dir: string): string[] {
  return fs.readdirSync(dir).filter((n) => n.startsWith('.vued-'));
}

function startChild(args: string[]): { child: ChildProcess; ready: Promise<void>; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [CHILD, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('ready\n')) resolve();
    });
    child.on('exit', () => reject(new Error(`child exited before it was ready: ${err}`)));
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  ready.catch(() => undefined);
  return { child, ready, exited };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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

  it('refuses a symbolic link, a read-only file, a folder, non-UTF-8 bytes and a file outside the folder', async () => {
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
    const latin1 = path.join(dir, '.env.latin1');
    fs.writeFileSync(latin1, Buffer.from([0x41, 0x3d, 0xe9, 0x0a]));
    await assert.rejects(updateFile(latin1, () => ({ write: 'X=1\n' })), /not UTF-8/);
    const inner = path.join(dir, 'ws');
    fs.mkdirSync(inner);
    await assert.rejects(updateFile(target, () => ({ write: 'X=1\n' }), { insideFolder: inner }), /outside the workspace folder/);
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
