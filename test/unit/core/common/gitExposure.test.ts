/**
 * Asking git about many files at once, the pure part: the repository of each file, the questions
 * per repository, the verdicts from git's answers. Real git over real repositories is in
 * test/unit/platform/git.test.ts.
 */
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { chunkByLength, groupByRepository, RepositoryRoots, verdictsOf } from '../../../../src/core/common/gitExposure';

describe('git questions: pure parts', () => {
  it('finds each folder\'s repository as git does (the nearest .git above), looking at each folder once', () => {
    const withGit = new Set(['/w/repo', '/w/repo/vendor/inner']);
    const looked: string[] = [];
    const roots = new RepositoryRoots((dir) => {
      looked.push(dir);
      return withGit.has(dir);
    }, path.posix);
    assert.equal(roots.rootOf('/w/repo/packages/a'), '/w/repo');
    assert.equal(roots.rootOf('/w/repo/packages/b'), '/w/repo');
    assert.equal(roots.rootOf('/w/repo/vendor/inner/src'), '/w/repo/vendor/inner', 'a repository inside another is its own');
    assert.equal(roots.rootOf('/w/plain/x'), undefined);
    assert.equal(roots.rootOf('/w/plain/y'), undefined);
    assert.deepEqual(looked, [
      '/w/repo/packages/a', '/w/repo/packages', '/w/repo',
      '/w/repo/packages/b',
      '/w/repo/vendor/inner/src', '/w/repo/vendor/inner',
      '/w/plain/x', '/w/plain', '/w', '/',
      '/w/plain/y',
    ], 'every folder looked at once, the walk stopping at a folder already known');
  });

  it('groups files by repository with `/`-separated relative paths; the rest are in none', () => {
    const roots = new RepositoryRoots((dir) => dir === '/r1' || dir === '/r2', path.posix);
    const { questions, outside } = groupByRepository(['/r1/a/.env', '/r2/.env', '/r1/b c/.env.local', '/x/.env', '/r1/a/.env'], roots, path.posix);
    assert.deepEqual(questions, [
      { root: '/r1', files: [{ file: '/r1/a/.env', relative: 'a/.env' }, { file: '/r1/b c/.env.local', relative: 'b c/.env.local' }] },
      { root: '/r2', files: [{ file: '/r2/.env', relative: '.env' }] },
    ]);
    assert.deepEqual(outside, ['/x/.env']);
    const win = new RepositoryRoots((dir) => dir === 'C:\\r', path.win32);
    assert.deepEqual(groupByRepository(['C:\\r\\apps\\api\\.env'], win, path.win32).questions[0].files, [{ file: 'C:\\r\\apps\\api\\.env', relative: 'apps/api/.env' }]);
  });

  it('cuts long path lists into command lines under a length', () => {
    assert.deepEqual(chunkByLength(['aaaa', 'bbbb', 'cccc', 'dd'], 10), [['aaaa', 'bbbb'], ['cccc', 'dd']]);
    assert.deepEqual(chunkByLength(['a-very-long-path'], 5), [['a-very-long-path']]);
    assert.deepEqual(chunkByLength([], 5), []);
  });

  it('reads the verdicts from git\'s answers; no answer is no repository, as for one file', () => {
    const q = { root: '/r', files: ['t', 'i', 'n'].map((x) => ({ file: `/r/${x}`, relative: x })) };
    assert.deepEqual([...verdictsOf(q, new Set(['t']), new Set(['i']))], [['/r/t', 'tracked'], ['/r/i', 'ignored'], ['/r/n', 'notIgnored']]);
    assert.deepEqual([...verdictsOf(q, undefined, undefined)].map(([, v]) => v), ['noRepository', 'noRepository', 'noRepository']);
    assert.deepEqual([...verdictsOf(q, new Set(['t']), undefined)].map(([, v]) => v), ['tracked', 'noRepository', 'noRepository']);
  });
});
