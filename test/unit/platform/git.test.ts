/** git's list of a workspace's files (tracked, and untracked but not ignored), run against a real repository made here. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gitListFiles } from '../../../src/platform/git';
import { git } from '../../support/git';

describe('workspace scan: git listing', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vued-scan-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists tracked and not-ignored files, not ignored ones; nothing outside a repository', async () => {
    assert.equal(await gitListFiles(dir), undefined, 'not a repository yet');
    git(dir, 'init', '-q');
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, '.gitignore'), 'build/\n*.log\n');
    fs.writeFileSync(path.join(dir, 'src', 'tracked.ts'), 'x');
    fs.writeFileSync(path.join(dir, 'src', 'new file.py'), 'x');
    fs.writeFileSync(path.join(dir, 'debug.log'), 'x');
    fs.mkdirSync(path.join(dir, 'build'));
    fs.writeFileSync(path.join(dir, 'build', 'out.js'), 'x');
    fs.writeFileSync(path.join(dir, 'forced.log'), 'x');
    git(dir, 'add', 'src/tracked.ts');
    git(dir, 'add', '-f', 'forced.log');
    const listed = (await gitListFiles(dir))?.map((p) => path.relative(dir, p).split(path.sep).join('/')).sort();
    assert.deepEqual(listed, ['.gitignore', 'forced.log', 'src/new file.py', 'src/tracked.ts']);
    const sub = (await gitListFiles(path.join(dir, 'src')))?.map((p) => path.relative(dir, p).split(path.sep).join('/')).sort();
    assert.deepEqual(sub, ['src/new file.py', 'src/tracked.ts'], 'a folder inside a repository lists its own files');
  });
});
