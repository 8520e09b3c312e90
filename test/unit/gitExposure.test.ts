/**
 * Asking git about many files at once: the repository of each file, the questions per
 * repository, the verdicts from git's answers; then real git over real repositories, counting the
 * processes started.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chunkByLength, groupByRepository, RepositoryRoots, verdictsOf } from '../../src/core/common/gitExposure';
import { gitVerdict, gitVerdicts } from '../../src/platform/git';

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

describe('git questions: real repositories', () => {
  let dir: string;
  const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@127.0.0.1', ...args], { cwd, stdio: 'pipe' });

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vued-git-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('answers for 60 files in two repositories and a plain folder with two git processes per repository', async () => {
    const one = path.join(dir, 'one');
    const two = path.join(dir, 'two');
    const plain = path.join(dir, 'plain');
    for (const d of [one, two, plain]) fs.mkdirSync(d, { recursive: true });
    git(one, 'init', '-q');
    git(two, 'init', '-q');
    fs.writeFileSync(path.join(one, '.gitignore'), '.env\n');
    const expected = new Map<string, string>();
    for (let i = 0; i < 20; i++) {
      const pkg = path.join(one, 'packages', `p${i}`);
      fs.mkdirSync(pkg, { recursive: true });
      const env = path.join(pkg, '.env');
      const local = path.join(pkg, i % 2 ? '.env.local' : 'odd name\n.env.local');
      fs.writeFileSync(env, 'A=1\n');
      fs.writeFileSync(local, 'B=1\n');
      expected.set(env, 'ignored');
      expected.set(local, 'notIgnored');
      if (i % 5 === 0) {
        git(one, 'add', '-f', path.relative(one, env));
        expected.set(env, 'tracked');
      }
    }
    for (let i = 0; i < 10; i++) {
      const env = path.join(two, `s${i}`, '.env.test');
      fs.mkdirSync(path.dirname(env), { recursive: true });
      fs.writeFileSync(env, 'C=1\n');
      expected.set(env, 'notIgnored');
    }
    // A file that does not exist yet (the .env an insertion would create) is judged by the ignore rules.
    expected.set(path.join(one, 'later', '.env'), 'ignored');
    for (let i = 0; i < 9; i++) {
      const env = path.join(plain, `q${i}`, '.env');
      fs.mkdirSync(path.dirname(env), { recursive: true });
      fs.writeFileSync(env, 'D=1\n');
      expected.set(env, 'noRepository');
    }
    const spawned: string[] = [];
    let paced = 0;
    const got = await gitVerdicts([...expected.keys()], {
      onSpawn: (args) => spawned.push(args.filter((a) => !a.startsWith('-') && !a.includes('/') && !a.includes('.env')).join(' ')),
      pace: async () => {
        paced++;
      },
    });
    assert.deepEqual(Object.fromEntries(got), Object.fromEntries(expected));
    assert.deepEqual(spawned.sort(), ['check-ignore', 'check-ignore', 'ls-files', 'ls-files'], `two processes per repository, none for the plain folder: ${spawned.join(', ')}`);
    assert.equal(paced, expected.size, 'the sorting by repository can yield between files');
    // One file alone, as an insertion asks: the same verdicts.
    for (const file of [path.join(one, 'packages', 'p0', '.env'), path.join(one, 'packages', 'p1', '.env'), path.join(two, 's0', '.env.test'), path.join(plain, 'q0', '.env')]) {
      assert.equal(await gitVerdict(file), expected.get(file), file);
    }
  });

  it('a folder named like a repository that is none: no repository', async () => {
    const fake = path.join(dir, 'fake');
    fs.mkdirSync(path.join(fake, '.git'), { recursive: true });
    fs.writeFileSync(path.join(fake, '.env'), 'A=1\n');
    assert.equal(await gitVerdict(path.join(fake, '.env')), 'noRepository');
  });
});
