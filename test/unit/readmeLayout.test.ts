/** The README's Layout map names every entry of src/ (and test/support/, test/fixtures/), and nothing that is gone. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '../../..');

describe('README Layout', () => {
  it('lists each entry of src/ once, one line each, and only entries that exist', () => {
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    const block = /Layout[^\n]*\n\n```\n([^]*?)```/.exec(readme);
    assert.ok(block, 'the README has a Layout block');
    const listed = block[1].split('\n').filter(Boolean).map((line) => line.split(/\s+/)[0]);
    const actual = fs.readdirSync(path.join(root, 'src'), { withFileTypes: true }).map((e) => `src/${e.name}${e.isDirectory() ? '/' : ''}`);
    assert.deepStrictEqual(listed.filter((l) => l.startsWith('src/')).sort(), actual.sort());
    for (const l of listed) {
      assert.ok(fs.existsSync(path.join(root, l)), `${l} exists`);
    }
  });
});
