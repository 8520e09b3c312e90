/**
 * The shipped bundles hold no test code: `node esbuild.mjs --production` is built into a temp
 * folder and every .js file it writes is searched for the markers scripts/check-vsix.mjs looks for. The same minified build
 * with the test-mode API kept (--test-api) must hold them, so the search would see test code if
 * the define stopped dropping it.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';

const root = path.resolve(__dirname, '../../..');

interface CheckVsix {
  TEST_ONLY_MARKERS: string[];
  testCodeIn(bundle: string): string[];
}

/** Builds into dir/name/; returns the text of both bundles there, the entry's and the features'. */
function build(dir: string, name: string, ...flags: string[]): string {
  const { entry, features } = buildEach(dir, name, ...flags);
  return `${entry}\n${features}`;
}

function buildEach(dir: string, name: string, ...flags: string[]): { entry: string; features: string } {
  const out = path.join(dir, name);
  execFileSync(process.execPath, ['esbuild.mjs', '--production', ...flags, '--outdir', out], { cwd: root, stdio: 'pipe' });
  const files = fs.readdirSync(out).filter((f) => f.endsWith('.js'));
  assert.deepStrictEqual(files, ['extension.js', 'features.js'], 'the entry and the features it loads on first need');
  return { entry: fs.readFileSync(path.join(out, 'extension.js'), 'utf8'), features: fs.readFileSync(path.join(out, 'features.js'), 'utf8') };
}

describe('production bundle', function () {
  this.timeout(60_000);
  let dir: string;
  let check: CheckVsix;
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vued-bundle-'));
    check = (await import(pathToFileURL(path.join(root, 'scripts/check-vsix.mjs')).href)) as CheckVsix;
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('holds none of the test-only names and strings', () => {
    assert.deepStrictEqual(check.testCodeIn(build(dir, 'shipped')), []);
  });

  it('the check finds the test API when a build keeps it', () => {
    const found = check.testCodeIn(build(dir, 'with-test-api', '--test-api'));
    // replaceStorageForTests is gone from the code altogether; it is searched for so it stays gone.
    const expected = check.TEST_ONLY_MARKERS.filter((m) => m !== 'replaceStorageForTests');
    assert.deepStrictEqual(found, expected);
  });

  it('the entry holds only the registrations: no sentence of the features, and it loads them by path', () => {
    const { entry } = buildEach(dir, 'entry');
    assert.ok(!entry.includes('Vued rejected the access token'), 'no core message in the entry');
    assert.ok(!entry.includes('createDiagnosticCollection'), 'no editor feature in the entry');
    assert.match(entry, /"features\.js"/, 'the entry names the features file');
  });

  it('the features require only the VS Code API and Node\'s own modules, with each core message\'s text once', () => {
    const bundle = buildEach(dir, 'features').features;
    const required = new Set([...bundle.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]));
    assert.ok(required.has('vscode') && required.has('node:https'), [...required].join(', '));
    for (const r of required) {
      assert.ok(r === 'vscode' || /^(node:)?[a-z_]+$/.test(r) && !r.startsWith('.'), `requires only vscode and Node's modules, not ${r}`);
    }
    // A core message's English text ships once: the catalog of src/platform/l10n.ts is built on
    // the message table (esbuild.mjs, catalogFromMessages).
    for (const sentence of ['Vued rejected the access token ({0}). Set a new token and try again.', 'The request to Vued was cancelled.']) {
      assert.equal(bundle.split(sentence).length - 1, 1, `"${sentence}" is in the bundle once`);
    }
    // No node-fetch (nor its fetch-blob and formdata-polyfill): its name, its redirect error and the
    // Blob and FormData classes it carried.
    for (const gone of ['node-fetch', 'maximum redirect reached', "Failed to construct 'Blob'", "Failed to construct 'FormData'"]) {
      assert.ok(!bundle.includes(gone), `the bundle holds no "${gone}"`);
    }
  });
});
