/**
 * The shipped bundle holds no test code: `node esbuild.mjs --production` is built into a temp
 * folder and searched for the markers scripts/check-vsix.mjs looks for. The same minified build
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

function build(dir: string, name: string, ...flags: string[]): string {
  const out = path.join(dir, name);
  execFileSync(process.execPath, ['esbuild.mjs', '--production', ...flags, '--outfile', out], { cwd: root, stdio: 'pipe' });
  return fs.readFileSync(out, 'utf8');
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
    assert.deepStrictEqual(check.testCodeIn(build(dir, 'extension.js')), []);
  });

  it('the check finds the test API when a build keeps it', () => {
    const found = check.testCodeIn(build(dir, 'with-test-api.js', '--test-api'));
    // replaceStorageForTests is gone from the code altogether; it is searched for so it stays gone.
    const expected = check.TEST_ONLY_MARKERS.filter((m) => m !== 'replaceStorageForTests');
    assert.deepStrictEqual(found, expected);
  });
});
