/**
 * The pure parts of the workspace scan for hard-coded secrets: the binary check, git's NUL list,
 * the folders never read. git's listing itself is in
 * test/unit/platform/git.test.ts.
 */
import assert from 'node:assert/strict';
import { BINARY_SNIFF_BYTES, inSkippedFolder, looksBinary, splitNulList } from '../../../../src/core/editor';

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
