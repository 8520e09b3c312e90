/**
 * The VS Code-free half of the workspace's `.env` index: what a listing (with its cap) and each
 * read change, which files are unreadable, and the usages over the texts held.
 */
import assert from 'node:assert/strict';
import { EnvFileSet } from '../../../../src/core/dotenv/envIndex';
import { scanEnvUsages } from '../../../../src/core/dotenv/usages';

const K1 = { id: 'k1', keyPrefix: 'vued_sk_AbCd' };
const K2 = { id: 'k2', keyPrefix: 'vued_sk_AbCdEf' };
const S1 = 'vued_sk_AbCdXyz0123456789';
const S2 = 'vued_sk_AbCdEfGh987654321';

const id = (p: string) => `file:///ws/${p}`;
const ok = (text: string, byteDecoded = false) => ({ text, byteDecoded });

describe('EnvFileSet', () => {
  it('a first listing asks for every file; a later one only for files not held, and drops the ones gone', () => {
    const set = new EnvFileSet(10);
    const first = set.applyListing([id('a/.env'), id('b/.env')], false);
    assert.deepEqual(first, { toRead: [id('a/.env'), id('b/.env')], removed: [] });
    assert.equal(set.applyRead(id('a/.env'), 'a/.env', ok(`A=${S1}\n`)), 'changed');
    assert.equal(set.applyRead(id('b/.env'), 'b/.env', ok('B=1\n')), 'changed');
    const second = set.applyListing([id('b/.env'), id('c/.env')], false);
    assert.deepEqual(second, { toRead: [id('c/.env')], removed: [id('a/.env')] });
    assert.equal(set.get(id('a/.env')), undefined);
    assert.deepEqual(set.applyListing([id('b/.env')], true).toRead, [id('b/.env')], 'rereadAll: every listed file');
  });

  it('a read of the same text is no change; a new text is; the shown path stays the first one', () => {
    const set = new EnvFileSet(10);
    set.applyListing([id('a/.env')], false);
    assert.equal(set.applyRead(id('a/.env'), 'a/.env', ok('X=1\n')), 'changed');
    assert.equal(set.applyRead(id('a/.env'), 'elsewhere', ok('X=1\n')), 'unchanged');
    assert.equal(set.applyRead(id('a/.env'), 'elsewhere', ok('X=2\n')), 'changed');
    assert.equal(set.get(id('a/.env'))?.path, 'a/.env');
    assert.equal(set.applyRead(id('a/.env'), 'a/.env', ok('X=2\n', true)), 'changed', 'the same characters read byte for byte are a different reading');
    assert.equal(set.get(id('a/.env'))?.byteDecoded, true);
  });

  it('past the cap, keeps the first files and says where it stopped', () => {
    const set = new EnvFileSet(2);
    const plan = set.applyListing([id('1/.env'), id('2/.env'), id('3/.env')], false);
    assert.deepEqual(plan.toRead, [id('1/.env'), id('2/.env')]);
    assert.equal(set.stoppedAfter(), 2);
    set.applyListing([id('1/.env')], false);
    assert.equal(set.stoppedAfter(), undefined);
  });

  it('an unreadable file is dropped and named with why; a gone one is dropped quietly', () => {
    const set = new EnvFileSet(10);
    set.applyListing([id('a/.env'), id('b/.env')], false);
    set.applyRead(id('a/.env'), 'a/.env', ok(`A=${S1}\n`));
    set.applyRead(id('b/.env'), 'b/.env', ok('B=1\n'));
    assert.equal(set.applyRead(id('a/.env'), 'a/.env', { error: 'EACCES', gone: false }), 'removed');
    assert.deepEqual(set.unreadable(), [{ path: 'a/.env', reason: 'EACCES' }]);
    assert.deepEqual(set.usagesOf([K1]), [], 'an unreadable file holds no usage the index can show');
    assert.equal(set.applyRead(id('b/.env'), 'b/.env', { error: 'ENOENT', gone: true }), 'removed');
    assert.equal(set.applyRead(id('b/.env'), 'b/.env', { error: 'ENOENT', gone: true }), 'none');
    assert.deepEqual(set.unreadable(), [{ path: 'a/.env', reason: 'EACCES' }]);
    set.applyRead(id('a/.env'), 'a/.env', ok('A=1\n'));
    assert.deepEqual(set.unreadable(), [], 'readable again');
    set.applyRead(id('a/.env'), 'a/.env', { error: 'EACCES', gone: false });
    set.applyListing([], false);
    assert.deepEqual(set.unreadable(), [], 'a file no longer listed is not named');
  });

  it('forgets a file, or every file under a deleted folder', () => {
    const set = new EnvFileSet(10);
    const ids = [id('app/.env'), id('app/sub/.env.local'), id('application/.env'), id('other/.env')];
    set.applyListing(ids, false);
    ids.forEach((i) => set.applyRead(i, i, ok('A=1\n')));
    assert.deepEqual(set.forget(id('app')), [id('app/.env'), id('app/sub/.env.local')]);
    assert.deepEqual(set.forget(id('other/.env')), [id('other/.env')]);
    assert.deepEqual(set.all().map((f) => f.id), [id('application/.env')]);
    assert.deepEqual(set.clear(), [id('application/.env')]);
    assert.equal(set.size, 0);
  });

  it('gives the usages a full scan gives, in path and line order, with each file\'s id', () => {
    const set = new EnvFileSet(10);
    const texts: Record<string, string> = {
      'z/.env': `Z=${S1}\n`,
      'a/.env': `# ${S2}\nA=${S1}\nB=${S2}\n`,
      'm/.env': 'NONE=1\n',
    };
    set.applyListing(Object.keys(texts).map(id), false);
    for (const [p, text] of Object.entries(texts)) set.applyRead(id(p), p, ok(text));
    const got = set.usagesOf([K1, K2]);
    const full = scanEnvUsages(Object.entries(texts).map(([path, text]) => ({ path, text })), [K1, K2]);
    assert.deepEqual(got.map(({ fileId: _fileId, ...u }) => u), [...full].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line)));
    assert.deepEqual(got.map((u) => [u.path, u.line, u.keyId, u.fileId]), [
      ['a/.env', 0, 'k2', id('a/.env')],
      ['a/.env', 1, 'k1', id('a/.env')],
      ['a/.env', 2, 'k2', id('a/.env')],
      ['z/.env', 0, 'k1', id('z/.env')],
    ]);
  });

  it('cuts the first scan of many files into slices: prepare stops when told, and the answer is the same', () => {
    const set = new EnvFileSet(1000);
    const paths = Array.from({ length: 300 }, (_, i) => `p${i}/.env`);
    set.applyListing(paths.map(id), false);
    paths.forEach((p, i) => set.applyRead(id(p), p, ok(i % 3 === 0 ? `KEY=${S1}\n` : 'X=1\n')));
    let calls = 0;
    let rounds = 0;
    // Stop after every 50 files scanned.
    while (!set.prepareUsages([K1], () => ++calls % 50 === 0)) {
      rounds++;
    }
    assert.equal(rounds, 6, 'a stop after each 50 files, then nothing left');
    assert.equal(calls, 300, 'each file scanned once');
    const after = set.usagesOf([K1]);
    assert.equal(after.length, 100);
    assert.equal(set.prepareUsages([K1], () => assert.fail('nothing left to scan')), true);
  });
});
