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

/** Builds into dir/name/; returns the text of the one bundle there. */
function build(dir: string, name: string, ...flags: string[]): string {
  const out = path.join(dir, name);
  execFileSync(process.execPath, ['esbuild.mjs', '--production', ...flags, '--outdir', out], { cwd: root, stdio: 'pipe' });
  return readBundles(out);
}

function readBundles(out: string): string {
  const files = fs.readdirSync(out).filter((f) => f.endsWith('.js'));
  assert.deepStrictEqual(files, ['extension.js'], 'one bundle: nothing else is loaded later');
  return files.map((f) => fs.readFileSync(path.join(out, f), 'utf8')).join('\n');
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

  it('is one file that requires only the VS Code API and Node\'s own modules, with each core message\'s text once', () => {
    const bundle = build(dir, 'one');
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
