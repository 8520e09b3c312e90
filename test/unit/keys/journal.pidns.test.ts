/**
 * The orphan journal of src/keys/journal.ts as two windows of one machine see it: real processes
 * sharing one store (a JSON file standing for globalState), one of them in a PID namespace of its
 * own, as a container's or a remote's extension host is. `unshare` must be there (it is on Linux,
 * run as root, as .ci/run does): without it this test fails, it never passes by skipping.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JOURNAL_STATE_KEY } from '../../../src/core/keys/journal';
import { childScript } from '../../support/children';

const WINDOW = childScript('journalWindow');

interface Judged {
  pid: number;
  pidNamespace?: string;
  here: { pid: number; place: { hostName: string; pidNamespace?: string } };
  orphans: string[];
  stale: string[];
}

/** A window whose flow wrote an entry and is still running; resolves once the entry is stored. */
function liveWindow(store: string, keyName: string): Promise<{ child: ChildProcess; entry: { id: string; hostPid?: number; place?: { pidNamespace?: string } } }> {
  const child = spawn(process.execPath, [WINDOW, 'begin', store, keyName], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve({ child, entry: JSON.parse(out) });
    });
    child.on('exit', (code) => reject(new Error(`the writing window exited (${code}) before its entry was stored: ${err}`)));
  });
}

function judge(store: string, opts: { ownPidNamespace?: boolean; daysLater?: number } = {}): Judged {
  const args = [WINDOW, 'judge', store, ...(opts.daysLater === undefined ? [] : [String(opts.daysLater)])];
  const out = opts.ownPidNamespace
    ? execFileSync('unshare', ['--pid', '--fork', '--mount-proc', process.execPath, ...args], { encoding: 'utf8' })
    : execFileSync(process.execPath, args, { encoding: 'utf8' });
  return JSON.parse(out) as Judged;
}

function stored(store: string): Array<{ id: string }> {
  return (JSON.parse(fs.readFileSync(store, 'utf8')) as Record<string, Array<{ id: string }>>)[JOURNAL_STATE_KEY];
}

describe('keyJournal: windows of one machine in different PID namespaces', () => {
  let dir: string;
  let store: string;
  let writer: ChildProcess | undefined;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vued-journal-'));
    store = path.join(dir, 'globalState.json');
  });

  afterEach(async () => {
    if (writer && writer.exitCode === null && writer.signalCode === null) {
      const exited = new Promise((r) => writer!.once('exit', r));
      writer.kill();
      await exited;
    }
    writer = undefined;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("a window in its own PID namespace does not take a live window's entry for an orphan", async () => {
    const live = await liveWindow(store, 'Live key');
    writer = live.child;
    assert.equal(live.entry.hostPid, writer.pid, 'the entry names its window');
    const ours = fs.readlinkSync('/proc/self/ns/pid');
    const judged = judge(store, { ownPidNamespace: true });
    assert.notEqual(judged.pidNamespace, ours, `the judging window runs in a PID namespace of its own (${judged.pidNamespace})`);
    assert.notEqual(judged.pid, writer.pid);
    assert.deepEqual(judged.orphans, [], 'the live window\'s entry is not an orphan');
    assert.deepEqual(judged.stale, [], 'nor named to the user yet');
    assert.deepEqual(stored(store).map((e) => e.id), [live.entry.id], 'and it is still stored');
  });

  it('records the PID namespace each window runs in', async () => {
    const live = await liveWindow(store, 'Live key');
    writer = live.child;
    assert.equal(live.entry.place?.pidNamespace, fs.readlinkSync('/proc/self/ns/pid'));
    const judged = judge(store, { ownPidNamespace: true });
    assert.equal(judged.here.place.pidNamespace, judged.pidNamespace);
    assert.equal(judged.here.pid, 1, 'the first process of its namespace');
  });

  it('a week later, the other namespace names the entry to the user (never as an orphan); the same namespace still sees it running', async () => {
    const live = await liveWindow(store, 'Live key');
    writer = live.child;
    const elsewhere = judge(store, { ownPidNamespace: true, daysLater: 8 });
    assert.deepEqual(elsewhere.orphans, []);
    assert.deepEqual(elsewhere.stale, [live.entry.id]);
    const same = judge(store, { daysLater: 8 });
    assert.deepEqual([same.orphans, same.stale], [[], []], 'the same namespace asks the pid, which runs');
    assert.deepEqual(judge(store, { ownPidNamespace: true, daysLater: 6 }).stale, [], 'six days: still left alone');
  });

  it('a window in the same namespace leaves a live window\'s entry alone, and takes it once that window is gone', async () => {
    const live = await liveWindow(store, 'Live key');
    writer = live.child;
    assert.deepEqual(judge(store).orphans, []);
    const exited = new Promise((r) => writer!.once('exit', r));
    writer.kill('SIGKILL');
    await exited;
    assert.deepEqual(judge(store).orphans, [live.entry.id], 'the window died: its entry is an orphan');
  });
});
