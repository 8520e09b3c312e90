/**
 * The pure parts of the workspace scan for hard-coded secrets: the binary check, git's NUL list and
 * the folders never read. The listing itself runs against a real git repository made here.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { BINARY_SNIFF_BYTES, inSkippedFolder, looksBinary, splitNulList } from '../../src/core/editor';
import { gitListFiles } from '../../src/platform/git';

describe('workspace scan: pure parts', () => {
  it('calls a file binary only for a NUL byte in its first 8 KB', () => {
    assert.equal(looksBinary(Buffer.from('const a = 1;\n')), false);
    assert.equal(looksBinary(Buffer.from('PNG\0\x01')), true);
    const late = Buffer.alloc(BINARY_SNIFF_BYTES + 10, 0x61);
    late[BINARY_SNIFF_BYTES + 5] = 0;
    assert.equal(looksBinary(late), false, 'a NUL past 8 KB is not looked at');
    late[BINARY_SNIFF_BYTES - 1] = 0;
    assert.equal(looksBinary(late), true);
    assert.equal(looksBinary(Buffer.from('é ü 中文', 'utf8')), false, 'UTF-8 text is text');
  });

  it('reads git -z output: names with spaces, newlines and quotes kept as they are', () => {
    assert.deepEqual(splitNulList('a.ts\0dir/b c.py\0we"ird\nname\0'), ['a.ts', 'dir/b c.py', 'we"ird\nname']);
    assert.deepEqual(splitNulList(''), []);
  });

  it('never reads .git or node_modules, and only those', () => {
    assert.equal(inSkippedFolder('.git/config'), true);
    assert.equal(inSkippedFolder('sub/.git/HEAD'), true);
    assert.equal(inSkippedFolder('node_modules/x/index.js'), true);
    assert.equal(inSkippedFolder('a/node_modules/x.js'), true);
    assert.equal(inSkippedFolder('src/.gitignore'), false);
    assert.equal(inSkippedFolder('src/my_node_modules/x.js'), false);
    assert.equal(inSkippedFolder('src/app.ts'), false);
  });
});

describe('workspace scan: git listing', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vued-scan-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists tracked and not-ignored files, not ignored ones; nothing outside a repository', async () => {
    assert.equal(await gitListFiles(dir), undefined, 'not a repository yet');
    execFileSync('git', ['init', '-q'], { cwd: dir });
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, '.gitignore'), 'build/\n*.log\n');
    fs.writeFileSync(path.join(dir, 'src', 'tracked.ts'), 'x');
    fs.writeFileSync(path.join(dir, 'src', 'new file.py'), 'x');
    fs.writeFileSync(path.join(dir, 'debug.log'), 'x');
    fs.mkdirSync(path.join(dir, 'build'));
    fs.writeFileSync(path.join(dir, 'build', 'out.js'), 'x');
    fs.writeFileSync(path.join(dir, 'forced.log'), 'x');
    execFileSync('git', ['add', 'src/tracked.ts'], { cwd: dir });
    execFileSync('git', ['add', '-f', 'forced.log'], { cwd: dir });
    const listed = (await gitListFiles(dir))?.map((p) => path.relative(dir, p).split(path.sep).join('/')).sort();
    assert.deepEqual(listed, ['.gitignore', 'forced.log', 'src/new file.py', 'src/tracked.ts']);
    const sub = (await gitListFiles(path.join(dir, 'src')))?.map((p) => path.relative(dir, p).split(path.sep).join('/')).sort();
    assert.deepEqual(sub, ['src/new file.py', 'src/tracked.ts'], 'a folder inside a repository lists its own files');
  });
});
