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

/** Builds into dir/name/; returns the text of every .js file there (the activation bundle and the lazy ones). */
function build(dir: string, name: string, ...flags: string[]): string {
  const out = path.join(dir, name);
  execFileSync(process.execPath, ['esbuild.mjs', '--production', ...flags, '--outdir', out], { cwd: root, stdio: 'pipe' });
  return readBundles(out);
}

function readBundles(out: string): string {
  const files = fs.readdirSync(out).filter((f) => f.endsWith('.js'));
  assert.deepStrictEqual(files.sort(), ['extension.js', 'flows.js', 'http.js', 'main.js']);
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

  it('activation parses only the stand-ins: the rest, the client, its HTTP layer, the flows and the .env editor are in files loaded later', () => {
    build(dir, 'split');
    const read = (f: string) => fs.readFileSync(path.join(dir, 'split', f), 'utf8');
    const [door, main, http, flows] = [read('extension.js'), read('main.js'), read('http.js'), read('flows.js')];
    // The activation file requires the API and dist/main.js, nothing else (src/extension.ts).
    assert.deepStrictEqual(door.match(/require\("[^"]+"\)/g)?.sort(), ['require("./main.js")', 'require("vscode")']);
    // One require of each lazy file, by the path next to dist/main.js (src/lazy.ts).
    assert.deepStrictEqual(main.match(/require\("\.\/[a-z]+\.js"\)/g)?.sort(), ['require("./flows.js")', 'require("./http.js")']);
    // The HTTP layer's refusal of a URL that is not http(s), a question of the create flow, and the
    // .env editor's refusal of a value it cannot write (its other sentences are core messages, whose
    // table both files carry).
    const markers = { httpLayer: 'is not an HTTP URL', createFlow: 'An API key is already being created.', envEditor: 'cannot be written to a .env file so that it reads back unchanged' };
    assert.ok(http.includes(markers.httpLayer), 'the HTTP layer (src/core/api/nodeHttp.ts) is in http.js');
    // Node's http and https are required by http.js alone, and stay requires of Node's modules.
    const nodeHttpRequires = /require\("node:https?"\)/g;
    assert.deepStrictEqual(http.match(nodeHttpRequires)?.sort(), ['require("node:http")', 'require("node:https")']);
    assert.equal((door + main).match(nodeHttpRequires), null, 'neither extension.js nor main.js loads node:http or node:https');
    assert.ok(flows.includes(markers.createFlow) && flows.includes(markers.envEditor), 'the flows and the .env editor are in flows.js');
    for (const [what, marker] of Object.entries(markers)) assert.ok(!main.includes(marker) && !door.includes(marker), `${what} is not in main.js or extension.js`);
    // The tree, the services and the message table are in main.js, not in the activation file: a
    // tree tooltip, the token store's storage key, a core message.
    const started = { tree: 'Keys of this organization that were revoked or have expired.', tokenStore: 'vued.token', coreMessage: 'The request to Vued was cancelled.' };
    for (const [what, marker] of Object.entries(started)) {
      assert.ok(main.includes(marker), `${what} is in main.js`);
      assert.ok(!door.includes(marker), `${what} is not in extension.js`);
    }
    // The lazy files never load each other; from dist/main.js they take only the modules
    // src/shared.ts lists, which it exports.
    assert.ok(!/require\("\.\/(flows|http|extension)\.js"\)/.test(http + flows));
    const taken = [...(http + flows).matchAll(/require\("\.\/main\.js"\)(.{0,12})/g)].map((m) => m[1]);
    assert.ok(taken.length > 0 && taken.every((rest) => rest.startsWith('.shared[')), taken.join(' | '));
    const asked = new Set([...(http + flows).matchAll(/require\("\.\/main\.js"\)\.shared\["([^"]+)"\]/g)].map((m) => m[1]));
    const listed = [...fs.readFileSync(path.join(root, 'src/shared.ts'), 'utf8').matchAll(/^\s*'(src\/[^']+\.ts)':/gm)].map((m) => m[1]);
    assert.deepStrictEqual([...asked].sort(), [...listed].sort(), 'each shared module is taken, and only those');
    assert.ok(main.includes('shared:()=>'), 'dist/main.js exports `shared`');
    // A core message's English text ships once: the catalog of src/platform/l10n.ts is built on
    // the message table (esbuild.mjs, catalogFromMessages), and both are in main.js only.
    for (const sentence of ['Vued rejected the access token ({0}). Set a new token and try again.', 'The request to Vued was cancelled.']) {
      assert.equal(main.split(sentence).length - 1, 1, `"${sentence}" is in main.js once`);
      assert.ok(!(door + http + flows).includes(sentence), `"${sentence}" is only in main.js`);
    }
    // No node-fetch (nor its fetch-blob and formdata-polyfill) in any shipped file: its name, its
    // redirect error and the Blob and FormData classes it carried.
    for (const [file, text] of Object.entries({ 'extension.js': door, 'main.js': main, 'http.js': http, 'flows.js': flows })) {
      for (const gone of ['node-fetch', 'maximum redirect reached', "Failed to construct 'Blob'", "Failed to construct 'FormData'"]) {
        assert.ok(!text.includes(gone), `${file} holds no "${gone}"`);
      }
    }
  });

  it('neither activation nor dist/main.js parses the orphan check, the key journal or the sign-in questions: they come with the flows', () => {
    build(dir, 'deferred');
    const read = (f: string) => fs.readFileSync(path.join(dir, 'deferred', f), 'utf8');
    const [door, main, flows] = [read('extension.js'), read('main.js'), read('flows.js')];
    // The orphan check's button, the journal's storage key (read and written only by KeyJournal),
    // and the host question of signing in from the Accounts menu.
    const markers = { orphanCheck: 'Revoke It', keyJournal: 'vued.keyJournal', signInQuestion: 'Choose the Vued API host to sign in to' };
    for (const [what, marker] of Object.entries(markers)) {
      assert.ok(flows.includes(marker), `${what} is in flows.js`);
      assert.ok(!main.includes(marker) && !door.includes(marker), `${what} is not in main.js or extension.js`);
    }
  });
});
