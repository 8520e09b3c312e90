/** The .gitignore line that keeps a .env file out of git, and adding it without touching other bytes. */
import * as assert from 'node:assert/strict';
import { appendLine, gitignorePatternFor, hasGitignoreLine } from '../../../../src/core/dotenv/gitignore';

describe('.gitignore entries', () => {
  it('anchors the file name and escapes glob characters', () => {
    assert.equal(gitignorePatternFor('.env'), '/.env');
    assert.equal(gitignorePatternFor('.env.local'), '/.env.local');
    assert.equal(gitignorePatternFor('a[1]*.env'), '/a\\[1\\]\\*.env');
    assert.equal(gitignorePatternFor('#x'), '/\\#x');
  });
  it('appends one line, keeping every other byte and the file\'s line breaks', () => {
    assert.equal(appendLine('', '/.env'), '/.env\n');
    assert.equal(appendLine('node_modules/\n', '/.env'), 'node_modules/\n/.env\n');
    assert.equal(appendLine('node_modules/', '/.env'), 'node_modules/\n/.env\n');
    assert.equal(appendLine('# a\r\nnode_modules/\r\n', '/.env'), '# a\r\nnode_modules/\r\n/.env\r\n');
    assert.equal(appendLine('# a\r\nb', '/.env'), '# a\r\nb\r\n/.env\r\n');
    assert.equal(appendLine('\uFEFF', '/.env'), '\uFEFF/.env\n');
  });
  it('sees an existing entry', () => {
    assert.equal(hasGitignoreLine('a\r\n/.env\r\n', '/.env'), true);
    assert.equal(hasGitignoreLine('a\n# /.env\n', '/.env'), false);
  });
});
