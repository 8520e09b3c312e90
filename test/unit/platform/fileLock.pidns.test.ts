/**
 * The write lock of src/platform/fileLock.ts as two windows of one machine see it when one of them
 * runs in a PID namespace of its own (a container's or a sandboxed extension host): a pid means
 * nothing across namespaces, so the other window must wait for the lock, not break it as "its
 * process is not running". `unshare` must be there (it is on Linux, run as root, as .ci/run does):
 * without it this test fails, it never passes by skipping.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { acquireFileLock } from '../../../src/platform/fileLock';

const FILE_LOCK = require.resolve('../../../src/platform/fileLock');

/** Tries to take the lock of `target` from a new PID namespace; resolves to what happened there. */
function tryFromOwnNamespace(target: string): Promise<{ outcome: string; ns: string }> {
  const script = `
    const { acquireFileLock } = require(${JSON.stringify(FILE_LOCK)});
    const ns = require('fs').readlinkSync('/proc/self/ns/pid');
    acquireFileLock(${JSON.stringify(target)}, { waitMs: 1500 }).then(
      async (lock) => { await lock.release(); console.log(JSON.stringify({ outcome: 'acquired', ns })); },
      (e) => console.log(JSON.stringify({ outcome: e.name, ns })),
    );`;
  return new Promise((resolve, reject) => {
    execFile('unshare', ['--pid', '--fork', '--mount-proc', process.execPath, '-e', script], { encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) reject(new Error(`unshare failed: ${err.message} ${stderr}`));
      else resolve(JSON.parse(stdout) as { outcome: string; ns: string });
    });
  });
}

describe('fileLock: a writer in another PID namespace', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vued-lock-ns-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("waits for a live writer's lock instead of breaking it as the lock of a process it cannot see", async () => {
    const target = path.join(dir, '.env');
    fs.writeFileSync(target, 'A=1\n');
    const lock = await acquireFileLock(target);
    try {
      const seen = await tryFromOwnNamespace(target);
      assert.notEqual(seen.ns, fs.readlinkSync('/proc/self/ns/pid'), 'the child ran in a PID namespace of its own');
      assert.equal(seen.outcome, 'FileLockTimeoutError', 'the other namespace took a lock that is still held');
      assert.ok(fs.existsSync(lock.lockPath), 'the held lock is still in place');
    } finally {
      await lock.release();
    }
  });

  it('still breaks at once the lock of a dead writer of its own namespace', async () => {
    const target = path.join(dir, '.env');
    fs.writeFileSync(target, 'A=1\n');
    const child = execFile(process.execPath, ['-e', `require(${JSON.stringify(FILE_LOCK)}).acquireFileLock(${JSON.stringify(target)}).then(() => { console.log('held'); setInterval(() => {}, 1000); })`]);
    await new Promise<void>((resolve) => child.stdout!.on('data', (d: Buffer) => String(d).includes('held') && resolve()));
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    const lock = await acquireFileLock(target, { waitMs: 1000, staleMs: 60_000 });
    await lock.release();
  });
});
