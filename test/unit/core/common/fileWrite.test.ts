/**
 * The pure half of the write path (src/core/common/fileWrite.ts): folder containment under POSIX and
 * Windows rules, bytes to text and back, and the names a write leaves for a moment — checked against
 * real `git check-ignore` with the patterns people ignore `.env` files with.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  decodeText, encodeText, isEnvFileName, isInsideFolder, lockFileName, lockStageName, parseWriteLeftover, tempFolderName, WRITE_NAMES,
} from '../../../../src/core/common/fileWrite';
import { git } from '../../../support/git';

describe('isInsideFolder', () => {
  const posix = (folder: string, dir: string) => isInsideFolder(folder, dir, path.posix);
  const win = (folder: string, dir: string) => isInsideFolder(folder, dir, path.win32);

  it('POSIX: the folder itself and what is below it, nothing else', () => {
    assert.equal(posix('/ws', '/ws'), true);
    assert.equal(posix('/ws', '/ws/a/b'), true);
    assert.equal(posix('/ws/', '/ws/a'), true);
    assert.equal(posix('/ws', '/ws2'), false, 'a sibling that starts with the same letters');
    assert.equal(posix('/ws', '/'), false);
    assert.equal(posix('/ws', '/WS/a'), false, 'case matters');
  });

  it('POSIX: a folder at the root holds everything', () => {
    assert.equal(posix('/', '/'), true);
    assert.equal(posix('/', '/a'), true);
    assert.equal(posix('/', '/home/me/project/.env.d'), true);
  });

  it('POSIX: `..` tricks', () => {
    assert.equal(posix('/ws', '/ws/../etc'), false);
    assert.equal(posix('/ws', '/ws/a/../../ws2'), false);
    assert.equal(posix('/ws', '/ws/a/..'), true);
    assert.equal(posix('/ws', '/ws/..data'), true, 'a folder whose name starts with two dots');
    assert.equal(posix('/ws', '/ws/...'), true);
  });

  it('Windows: drives, case, roots', () => {
    assert.equal(win('C:\\ws', 'C:\\ws\\a'), true);
    assert.equal(win('C:\\ws', 'c:\\WS\\a'), true, 'case does not matter');
    assert.equal(win('C:\\ws', 'C:\\ws2'), false);
    assert.equal(win('C:\\ws', 'D:\\ws\\a'), false, 'another drive');
    assert.equal(win('C:\\', 'C:\\'), true);
    assert.equal(win('C:\\', 'C:\\a\\b'), true);
    assert.equal(win('D:\\', 'd:\\usb stick\\.env.d'), true);
    assert.equal(win('C:\\', 'D:\\a'), false);
    assert.equal(win('C:\\ws', 'C:/ws/a'), true, 'forward slashes');
  });

  it('Windows: UNC shares', () => {
    assert.equal(win('\\\\server\\share\\', '\\\\server\\share\\a'), true);
    assert.equal(win('\\\\server\\share', '\\\\SERVER\\Share\\a'), true);
    assert.equal(win('\\\\server\\share\\', '\\\\server\\other\\a'), false);
    assert.equal(win('\\\\server\\share\\', '\\\\other\\share\\a'), false);
    assert.equal(win('\\\\server\\share\\ws', '\\\\server\\share\\ws\\..\\x'), false);
  });

  it('Windows: `..` tricks', () => {
    assert.equal(win('C:\\ws', 'C:\\ws\\..\\Windows'), false);
    assert.equal(win('C:\\ws', 'C:\\ws\\a\\..\\..\\ws2'), false);
    assert.equal(win('C:\\ws', 'C:\\ws\\..data'), true);
  });
});

describe('decodeText and encodeText', () => {
  it('UTF-8 stays UTF-8 (a byte order mark kept as U+FEFF)', () => {
    const bytes = Buffer.from('\uFEFFA=é\r\n', 'utf8');
    assert.deepEqual(decodeText(bytes), { text: '\uFEFFA=é\r\n', encoding: 'utf8' });
    assert.deepEqual(encodeText('A=é\n', 'A=é\nB=€\n', 'utf8'), Buffer.from('A=é\nB=€\n', 'utf8'));
  });

  it('bytes that are not UTF-8 are read one character per byte and written back the same', () => {
    const bytes = Buffer.from([0x41, 0x3d, 0xe9, 0x0a, 0x80, 0xff, 0x0d, 0x0a]);
    const read = decodeText(bytes);
    assert.equal(read?.encoding, 'bytes');
    assert.deepEqual(encodeText(read.text, read.text, 'bytes'), bytes);
    assert.deepEqual(encodeText(read.text, `${read.text}KEY=vued_sk_1\n`, 'bytes'), Buffer.concat([bytes, Buffer.from('KEY=vued_sk_1\n')]));
    assert.deepEqual(encodeText(read.text, read.text.replace('\xe9', 'x'), 'bytes'), Buffer.from([0x41, 0x3d, 0x78, 0x0a, 0x80, 0xff, 0x0d, 0x0a]));
  });

  it('what an edit adds to a file that is not UTF-8 must be ASCII', () => {
    const before = decodeText(Buffer.from([0x41, 0x3d, 0xe9, 0x0a]))!.text;
    assert.equal(encodeText(before, `${before}B=\u00e9\n`, 'bytes'), undefined, 'é exists in Latin-1, but not as this byte in every encoding');
    assert.equal(encodeText(before, `${before}B=\u20ac\n`, 'bytes'), undefined);
    assert.equal(encodeText(before, `B=\u00e9\n${before}`, 'bytes'), undefined, 'at the start too');
    assert.ok(encodeText(before, before.replace('A=\xe9\n', ''), 'bytes'), 'removing a line with a Latin-1 byte');
    assert.equal(encodeText(before, `${before}${before}`, 'bytes'), undefined, 'a copy of a Latin-1 byte is added text too');
  });

  it('UTF-16 and text with zero bytes are not read', () => {
    assert.equal(decodeText(Buffer.from('\uFEFFA=1\n', 'utf16le')), undefined);
    assert.equal(decodeText(Buffer.from([0xfe, 0xff, 0x00, 0x41])), undefined);
    assert.equal(decodeText(Buffer.from([0x41, 0x00, 0xe9])), undefined);
  });
});

describe('the names a write leaves for a moment', () => {
  const pid = 12345;
  const names = (target: string) => [
    tempFolderName(target, pid, '0a1b2c3d'),
    lockFileName(target),
    lockStageName(target, pid, '0a1b2c3d', 'new'),
    lockStageName(target, pid, '0a1b2c3d', 'old'),
  ];

  it('are read back, with their target and pid', () => {
    assert.deepEqual(names('.env').map(parseWriteLeftover), [
      { kind: 'tempFolder', target: '.env', pid },
      { kind: 'lock', target: '.env' },
      { kind: 'lockStage', target: '.env', pid },
      { kind: 'lockStage', target: '.env', pid },
    ]);
    assert.deepEqual(parseWriteLeftover(tempFolderName('.env.production.local', 7, 'ffffffff')), { kind: 'tempFolder', target: '.env.production.local', pid: 7 });
    assert.deepEqual(parseWriteLeftover(lockFileName('.gitignore')), { kind: 'lock', target: '.gitignore' });
    assert.deepEqual(parseWriteLeftover('.vued-tmp-42-0123456789ab-.env.local'), { kind: 'legacyTemp', target: '.env.local', pid: 42 });
    assert.deepEqual(parseWriteLeftover('.vued-lock-.env'), { kind: 'legacyLock', target: '.env' });
    assert.deepEqual(parseWriteLeftover('.vued-lock-.env.42.01234567.new'), { kind: 'legacyLockStage', target: '.env', pid: 42 });
    for (const other of ['.env', '.env.local', '.env.vued', '.env-vued', 'vued-lock', '.env-vued-tmp-1-xyz-.env', '.gitignore']) {
      assert.equal(parseWriteLeftover(other), undefined, other);
    }
  });

  it('are never taken for .env files (nor matched by the watchers\' `.env.*`)', () => {
    for (const n of [...names('.env'), ...names('.env.local'), '.vued-tmp-42-0123456789ab-.env', '.vued-lock-.env']) {
      assert.equal(isEnvFileName(n), false, n);
      assert.ok(!n.startsWith('.env.'), n);
    }
    for (const n of ['.env', '.env.local', '.env.production', '.env.vued', '.env.example']) {
      assert.equal(isEnvFileName(n), true, n);
    }
    for (const n of ['env', '.envrc', 'x.env', '.env.']) {
      assert.equal(isEnvFileName(n), false, n);
    }
  });

  /** Which of `paths` git ignores under a .gitignore holding `patterns` (real `git check-ignore`). */
  function ignoredBy(repo: string, patterns: string, paths: string[]): string[] {
    fs.writeFileSync(path.join(repo, '.gitignore'), `${patterns}\n`);
    try {
      return git({ cwd: repo, input: paths.join('\n') }, 'check-ignore', '--no-index', '--stdin').split('\n').filter(Boolean);
    } catch (e) {
      if ((e as { status?: number }).status === 1) return []; // none ignored
      throw e;
    }
  }

  it('are ignored by git wherever .env*, or a pattern that ignores the file by its end, ignores the file', () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'vued-names-'));
    try {
      git(repo, 'init', '-q');
      const cases: Array<[string, string]> = [
        ['.env', '.env*'],
        ['.env', '/.env*'],
        ['.env', '**/.env*'],
        ['.env', '.env*\n!.env.example'],
        ['.env', '*.env'],
        ['.env.local', '.env*'],
        ['.env.local', '.env*.local'],
        ['.env.local', '*.local'],
        ['.env.production', '.env*'],
      ];
      for (const [target, patterns] of cases) {
        assert.deepEqual(ignoredBy(repo, patterns, [target]), [target], `${patterns} ignores ${target} itself`);
        assert.deepEqual(ignoredBy(repo, patterns, names(target)), names(target), `${JSON.stringify(patterns)} for ${target}`);
      }
      // What these patterns cannot reach: the line "Add to .gitignore" adds, and `.env.*`.
      assert.deepEqual(ignoredBy(repo, '/.env', names('.env')), []);
      assert.deepEqual(ignoredBy(repo, '.env\n.env.*', names('.env')), []);
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });

  it('whatever .gitignore says, the private folder\'s own .gitignore hides what is in it', () => {
    const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'vued-names-'));
    try {
      git(repo, 'init', '-q');
      fs.writeFileSync(path.join(repo, '.gitignore'), '/.env\n');
      const folder = path.join(repo, tempFolderName('.env', pid, '0a1b2c3d'));
      fs.mkdirSync(folder);
      fs.writeFileSync(path.join(folder, WRITE_NAMES.ignore), WRITE_NAMES.ignoreText);
      fs.writeFileSync(path.join(folder, WRITE_NAMES.tempFile), 'SECRET=1\n');
      git(repo, 'add', '-A');
      const staged = git(repo, 'ls-files', '--cached');
      assert.deepEqual(staged.split('\n').filter(Boolean), ['.gitignore'], 'nothing of the private folder');
    } finally {
      fs.rmSync(repo, { recursive: true, force: true });
    }
  });
});
