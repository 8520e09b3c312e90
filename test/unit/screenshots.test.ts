/**
 * The README's pictures are this build's: each is in docs/screenshots.json (written by
 * `npm run screenshots` from the UI walk's own manifest) with the hash of its committed file, and
 * the manifest's build is the current tree's (src/, package.json, package.nls.json). When src/
 * changes, run the walk and `npm run screenshots` again.
 */
import * as assert from 'assert';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { repoRoot } from '../support/harness/paths';

const root = repoRoot();

interface Screenshots {
  buildHash(repo?: string): string;
  markdownImages(text: string): string[];
  DOCS_MANIFEST: string;
}

interface DocsManifest {
  build: string;
  vscode?: string;
  screenshots: { step: string; png: string; sha256: string; webp?: string; webpSha256?: string }[];
}

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(path.join(root, file))).digest('hex');

describe('screenshots: the README shows this build', () => {
  let shots: Screenshots;
  before(async () => {
    shots = (await import(pathToFileURL(path.join(root, 'scripts/screenshots.mjs')).href)) as Screenshots;
  });

  it('every image the README links is in docs/screenshots.json with the hash of its committed file, and so is its full-size original', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, shots.DOCS_MANIFEST), 'utf8')) as DocsManifest;
    const images = shots.markdownImages(fs.readFileSync(path.join(root, 'README.md'), 'utf8'));
    assert.ok(images.length > 0, 'the README has pictures');
    for (const src of images) {
      const entry = manifest.screenshots.find((s) => s.webp === src);
      assert.ok(entry, `${src} is one of the walk's pictures in ${shots.DOCS_MANIFEST}`);
      assert.strictEqual(sha256(src), entry.webpSha256, `${src} is the file npm run screenshots wrote`);
      assert.strictEqual(sha256(entry.png), entry.sha256, `${entry.png} is the picture the walk took`);
    }
    for (const entry of manifest.screenshots) {
      assert.ok(entry.step.length > 0, `${entry.png} names the step of the walk that took it`);
      assert.strictEqual(sha256(entry.png), entry.sha256, `${entry.png} is the picture the walk took`);
    }
  });

  it("the manifest's build is the current tree's", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(root, shots.DOCS_MANIFEST), 'utf8')) as DocsManifest;
    assert.strictEqual(
      manifest.build,
      shots.buildHash(root),
      'src/, package.json or package.nls.json changed since the pictures were taken: run `npx tsc -p . && node esbuild.mjs && node out/test/e2e/uiWalk.js`, then `npm run screenshots`',
    );
  });

  it('the build hash follows every file of src/ and the manifest, and ignores line endings and what is outside them', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vued-buildhash-'));
    try {
      fs.mkdirSync(path.join(tmp, 'src/core'), { recursive: true });
      fs.writeFileSync(path.join(tmp, 'src/extension.ts'), 'export function activate() {}\n');
      fs.writeFileSync(path.join(tmp, 'src/core/a.ts'), 'export const a = 1;\n');
      fs.writeFileSync(path.join(tmp, 'package.json'), '{ "name": "x" }\n');
      fs.writeFileSync(path.join(tmp, 'package.nls.json'), '{}\n');
      const first = shots.buildHash(tmp);
      assert.match(first, /^[0-9a-f]{64}$/);
      fs.writeFileSync(path.join(tmp, 'README.md'), 'not part of the build\n');
      fs.writeFileSync(path.join(tmp, 'src/core/a.ts'), 'export const a = 1;\r\n');
      assert.strictEqual(shots.buildHash(tmp), first, 'README.md and CRLF change nothing');
      const changed = (file: string, text: string) => {
        const before = fs.readFileSync(path.join(tmp, file), 'utf8');
        fs.writeFileSync(path.join(tmp, file), text);
        const h = shots.buildHash(tmp);
        fs.writeFileSync(path.join(tmp, file), before);
        return h;
      };
      assert.notStrictEqual(changed('src/core/a.ts', 'export const a = 2;\n'), first, 'a source file');
      assert.notStrictEqual(changed('package.json', '{ "name": "y" }\n'), first, 'package.json');
      assert.notStrictEqual(changed('package.nls.json', '{ "t": "Title" }\n'), first, 'package.nls.json');
      fs.writeFileSync(path.join(tmp, 'src/core/b.ts'), '');
      assert.notStrictEqual(shots.buildHash(tmp), first, 'a new, empty source file');
      fs.rmSync(path.join(tmp, 'src/core/b.ts'));
      fs.renameSync(path.join(tmp, 'src/core/a.ts'), path.join(tmp, 'src/a.ts'));
      assert.notStrictEqual(shots.buildHash(tmp), first, 'a file moved');
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
