/**
 * The start-up bench's reading of a V8 CPU profile (test/bench/cpuProfile.ts): profiles built from
 * stacks with known sample times for the arithmetic, and a real profile of this process, taken with
 * Node's inspector as the bench takes the extension host's, for the format.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import { Session } from 'inspector';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { inFolders, sampleDurations, scriptPath, watchedShare, type CallFrame, type CpuProfile } from '../../bench/cpuProfile';

const frame = (functionName: string, url: string, lineNumber = 0, columnNumber = 0): CallFrame => ({ functionName, url, lineNumber, columnNumber, scriptId: '0' });

const F = {
  program: frame('(program)', ''),
  gc: frame('(garbage collector)', ''),
  timers: frame('processImmediate', 'node:internal/timers', 400, 2),
  entry: frame('onTimer', 'file:///w/dist/main.js', 0, 10),
  api: frame('getConfiguration', 'file:///vscode/extHost.js', 5, 1),
  leaf: frame('parse', 'file:///w/dist/main.js', 0, 50),
  theirs: frame('theirs', 'file:///other/ext.js'),
  nested: frame('deep', 'file:///w/dist/sub/x.js'),
};
type Name = keyof typeof F;

/**
 * A profile whose i-th sample has the stack `stacks[i][0]` (root first) and lasts `stacks[i][1]` µs:
 * the next sample comes that much later (the last one, the profile's end). Stacks with the same
 * frames share nodes, as V8's call tree does.
 */
function profileOf(stacks: [Name[], number][]): CpuProfile {
  const nodes: CpuProfile['nodes'] = [{ id: 1, callFrame: frame('(root)', ''), children: [] }];
  const byPath = new Map<string, number>([['', 1]]);
  const samples: number[] = [];
  const timeDeltas: number[] = [];
  const startTime = 1_000;
  let previous = 10; // the first sample comes 10 µs after the start
  for (const [stack, us] of stacks) {
    let parent = 1;
    let key = '';
    for (const name of stack) {
      key += `/${name}`;
      let id = byPath.get(key);
      if (id === undefined) {
        id = nodes.length + 1;
        nodes.push({ id, callFrame: F[name], children: [] });
        nodes[parent - 1].children!.push(id);
        byPath.set(key, id);
      }
      parent = id;
    }
    samples.push(parent);
    timeDeltas.push(previous);
    previous = us;
  }
  const endTime = startTime + timeDeltas.reduce((a, b) => a + b, 0) + previous;
  return { nodes, startTime, endTime, samples, timeDeltas };
}

const ours = inFolders(['/w/dist']);

describe('bench: CPU profile share', () => {
  it('charges each sample with the time to the next one (the last with the time to the end)', () => {
    const p = profileOf([
      [['program'], 70],
      [['timers', 'entry'], 300],
      [['theirs'], 45],
    ]);
    assert.deepStrictEqual(sampleDurations(p), [70, 300, 45]);
  });

  it('counts a sample as ours when any frame of its stack is in a watched file, whatever is called above it', () => {
    const p = profileOf([
      [['program'], 200],
      [['timers', 'entry'], 300],
      [['timers', 'entry', 'api'], 50],
      [['timers', 'entry', 'api', 'leaf'], 100],
      [['theirs'], 1_500],
      // A file in a folder below dist/ is not one of the bundles.
      [['timers', 'nested'], 700],
      [['theirs', 'api'], 900],
    ]);
    const s = watchedShare(p, ours);
    assert.strictEqual(s.samples, 7);
    assert.strictEqual(s.watchedSamples, 3);
    assert.strictEqual(s.cpuMs, 0.45);
    assert.strictEqual(s.firstWatchedAtMs, (10 + 200) / 1000);
    assert.strictEqual(s.profileMs, (10 + 200 + 300 + 50 + 100 + 1_500 + 700 + 900) / 1000);
  });

  it('a run is consecutive samples of ours; a collection between two of them belongs to it, anything else ends it', () => {
    const p = profileOf([
      [['program'], 100],
      [['timers', 'entry'], 300],
      [['timers', 'entry', 'api', 'leaf'], 200],
      [['gc'], 400],
      [['timers', 'entry', 'api'], 100],
      [['program'], 50],
      [['timers', 'leaf'], 900],
      // A collection after our last sample is not ours: it ends the run when theirs comes next.
      [['gc'], 5_000],
      [['theirs'], 100],
      [['timers', 'entry'], 250],
    ]);
    const s = watchedShare(p, ours, { frameMs: 0.95 });
    // 300 + 200 + (400) + 100 = 1,000 µs from the second sample on.
    assert.strictEqual(s.longestRunMs, 1);
    assert.strictEqual(s.longestRunAtMs, (10 + 100) / 1000);
    assert.strictEqual(s.runsOverFrame, 1, 'the 1,000 µs run is over a 950 µs frame, the 900 µs one is not');
    // The collections are not our time.
    assert.strictEqual(s.cpuMs, (300 + 200 + 100 + 900 + 250) / 1000);
    // Every sample of the longest run entered our code through onTimer.
    assert.deepStrictEqual(s.longestRunEntry, F.entry);
  });

  it('self time goes to the leaf when it is ours; own time to our innermost frame, with what it called outside our files', () => {
    const p = profileOf([
      [['timers', 'entry'], 300],
      [['timers', 'entry', 'api'], 50],
      [['timers', 'entry', 'api', 'leaf'], 100],
      // parse called from another path: the same function, one entry.
      [['theirs', 'leaf'], 20],
      [['theirs', 'leaf', 'api'], 30],
    ]);
    const s = watchedShare(p, ours);
    const fns = s.functions.map((f) => ({ name: f.functionName, file: f.file, at: [f.lineNumber, f.columnNumber], selfMs: f.selfMs, ownMs: f.ownMs }));
    assert.deepStrictEqual(fns, [
      { name: 'onTimer', file: '/w/dist/main.js', at: [0, 10], selfMs: 0.3, ownMs: 0.35 },
      { name: 'parse', file: '/w/dist/main.js', at: [0, 50], selfMs: 0.12, ownMs: 0.15 },
    ]);
  });

  it('tells apart the time of samples that came after a long gap, and gives the median spacing', () => {
    const p = profileOf([
      [['timers', 'entry'], 100],
      [['timers', 'entry'], 2_500],
      [['theirs'], 3_000],
      [['timers', 'leaf'], 100],
      [['program'], 120],
    ]);
    const s = watchedShare(p, ours, { longSampleMs: 1 });
    assert.strictEqual(s.longSamplesMs, 2.5);
    assert.strictEqual(s.cpuMs, 2.7);
    assert.strictEqual(s.medianSampleUs, 120);
  });

  it('reads script URLs as paths, and watches only the .js files directly in the given folders', () => {
    assert.strictEqual(scriptPath('file:///tmp/a%20b/dist/main.js'), '/tmp/a b/dist/main.js');
    assert.strictEqual(scriptPath('/tmp/x/dist/main.js'), '/tmp/x/dist/main.js');
    assert.strictEqual(scriptPath('node:internal/timers'), '');
    assert.strictEqual(scriptPath(''), '');
    const watched = inFolders(['/ext/dist', '/real/ext/dist/']);
    assert.deepStrictEqual(
      ['/ext/dist/main.js', '/real/ext/dist/flows.js', '/ext/dist/main.js.map', '/ext/dist/sub/x.js', '/ext/distant/x.js', '/other/dist/main.js'].filter(watched),
      ['/ext/dist/main.js', '/real/ext/dist/flows.js'],
    );
  });

  describe('a real profile of this process (Node inspector)', () => {
    let dir: string;
    before(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vued-cpuprofile-'));
      fs.mkdirSync(path.join(dir, 'dist'));
      fs.mkdirSync(path.join(dir, 'other'));
      // Work by iterations, not by time: the test asserts where the samples are, never how long anything took.
      fs.writeFileSync(path.join(dir, 'dist/work.js'), "exports.spin = function spin(n) { let x = 0; for (let i = 0; i < n; i++) x = (x * 31 + i) % 1000003; return x; };\n");
      fs.writeFileSync(path.join(dir, 'other/work.js'), "exports.churn = function churn(n) { let x = 0; for (let i = 0; i < n; i++) x = (x * 17 + i) % 999983; return x; };\n");
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('finds the samples of the watched folder by their file: URLs, and names its function', async () => {
      const session = new Session();
      session.connect();
      const post = (method: string, params: object = {}) =>
        new Promise<unknown>((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));
      /* eslint-disable @typescript-eslint/no-require-imports -- the two files are written by the test */
      const { spin } = require(path.join(dir, 'dist/work.js')) as { spin: (n: number) => number };
      const { churn } = require(path.join(dir, 'other/work.js')) as { churn: (n: number) => number };
      /* eslint-enable @typescript-eslint/no-require-imports */
      let profile: CpuProfile;
      try {
        await post('Profiler.enable');
        await post('Profiler.setSamplingInterval', { interval: 100 });
        await post('Profiler.start');
        for (let round = 0; round < 10; round++) {
          spin(1_000_000);
          churn(1_000_000);
        }
        profile = ((await post('Profiler.stop')) as { profile: CpuProfile }).profile;
      } finally {
        session.disconnect();
      }
      const s = watchedShare(profile, inFolders([path.join(dir, 'dist')]));
      assert.ok(s.watchedSamples > 0, 'the watched file was sampled');
      assert.ok(s.cpuMs > 0 && s.cpuMs < s.profileMs);
      assert.deepStrictEqual([...new Set(s.functions.map((f) => f.functionName))], ['spin']);
      assert.strictEqual(s.functions[0].file, path.join(dir, 'dist/work.js'));
      assert.ok(profile.nodes.some((n) => n.callFrame.url === pathToFileURL(path.join(dir, 'dist/work.js')).href), 'V8 names the script by its file: URL');
      // The other folder's function was sampled too, and is not in the share.
      const theirs = watchedShare(profile, inFolders([path.join(dir, 'other')]));
      assert.ok(theirs.watchedSamples > 0);
      assert.deepStrictEqual([...new Set(theirs.functions.map((f) => f.functionName))], ['churn']);
    });
  });
});
