/** CONTRIBUTING.md's Layout is a map of the tree: one line per folder of src/ and test/, each folder once, none that is gone. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';

const root = path.resolve(__dirname, '../../..');

/** Every folder under `dir` (itself included), as `dir/sub/` paths relative to the repository. */
function folders(dir: string): string[] {
  const out = [`${dir}/`];
  for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
    // The integration workspace's own folders are its content, not the project's layout.
    if (e.isDirectory() && `${dir}/${e.name}` !== 'test/fixtures/workspace/.vscode') out.push(...folders(`${dir}/${e.name}`));
  }
  return out;
}

describe('CONTRIBUTING.md Layout', () => {
  it('lists each folder of src/ and test/ once, one line each, and only folders that exist', () => {
    const text = fs.readFileSync(path.join(root, 'CONTRIBUTING.md'), 'utf8');
    const block = /## Layout\n[^]*?```\n([^]*?)```/.exec(text);
    assert.ok(block, 'CONTRIBUTING.md has a Layout block');
    const listed = block[1].split('\n').filter(Boolean).map((line) => line.split(/\s+/)[0]);
    assert.deepStrictEqual([...listed].sort(), [...new Set(listed)].sort(), 'no folder is listed twice');
    const actual = [...folders('src'), ...folders('test')].filter((f) => !f.startsWith('test/fixtures/workspace/') || f === 'test/fixtures/workspace/');
    assert.deepStrictEqual([...listed].sort(), actual.sort());
  });
});
