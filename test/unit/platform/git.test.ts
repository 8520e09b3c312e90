/** git's list of a workspace's files (tracked, and untracked but not ignored), run against a real repository made here. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gitListFiles, gitVerdict, gitVerdicts } from '../../../src/platform/git';
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

describe('git questions: real repositories', () => {
  let dir: string;

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
