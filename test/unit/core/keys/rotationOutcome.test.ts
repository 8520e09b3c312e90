/**
 * What the outcome of a rotation means for revoking the old key: which files were written, and
 * what reading every file again found.
 */
import assert from 'node:assert/strict';
import { planRotation, type RotationPlan } from '../../../../src/core/keys/rotation';
import { type LookAgain, rotationOutcome } from '../../../../src/core/keys/rotationOutcome';
import { tagged } from '../../../support/messages';

const OLD_PREFIX = 'vued_sk_OldO';
const OLD_SECRET = 'vued_sk_OldOk3yS3cretValue1234abcdefghijklmn';
const NEW_SECRET = 'vued_sk_NewNfr3shS3cretValue5678abcdefghijk';
const OLD_KEY = { id: 'key-old', name: 'CI deploy' };
const NEW_KEY = { id: 'key-new', name: 'CI deploy (rotated)' };
/** Nothing found when every file was read again. */
const CLEAN: LookAgain = { holding: [], unreadable: [] };

function assertNoSecret(text: string): void {
  assert.ok(!text.includes(OLD_SECRET) && !text.includes(NEW_SECRET) && !text.includes(OLD_PREFIX), `no secret in: ${text}`);
  assert.ok(!text.includes('vued_sk_'), `no key material in: ${text}`);
}

describe('rotationOutcome', () => {
  const api = `VUED_API_KEY=${OLD_SECRET}\n`;
  const web = `export VUED_KEY="${OLD_SECRET}"\n# old: ${OLD_SECRET}\n`;
  const plan = planRotation(
    [
      { path: 'apps/api/.env', text: api },
      { path: 'apps/web/.env', text: web },
    ],
    OLD_PREFIX,
    NEW_SECRET,
  );
  const bothWritten = [{ path: 'apps/api/.env', ok: true }, { path: 'apps/web/.env', ok: true }];

  it('offers revoking the old key when every file was written and no file holds it any more', () => {
    assert.equal(plan.edits.length, 2);
    const o = rotationOutcome(plan, bothWritten, CLEAN, OLD_KEY, NEW_KEY);
    assert.equal(o.revokeOld, 'offer');
    assert.deepEqual(o.written, ['apps/api/.env', 'apps/web/.env']);
    assert.deepEqual(o.holdingNew, ['apps/api/.env', 'apps/web/.env']);
    assert.deepEqual(o.failed, []);
    assert.deepEqual(o.holdingOld, []);
    assert.equal(o.summary, 'Replaced the old key "CI deploy" with the new key "CI deploy (rotated)" in apps/api/.env, apps/web/.env. Also in comments: apps/web/.env line 2.');
    assertNoSecret(o.summary);
  });

  it('blocks revoking when a write failed and says which file holds which key', () => {
    const o = rotationOutcome(plan, [bothWritten[0], { path: 'apps/web/.env', ok: false, error: 'EACCES: permission denied' }], CLEAN, OLD_KEY, NEW_KEY);
    assert.equal(o.revokeOld, 'blocked');
    assert.deepEqual(o.failed, ['apps/web/.env']);
    assert.deepEqual(o.written, ['apps/api/.env']);
    assert.deepEqual(o.holdingOld, ['apps/web/.env']);
    assert.deepEqual(o.holdingNew, ['apps/api/.env']);
    assert.equal(
      o.summary,
      'Not every file holds the new key "CI deploy (rotated)", so keep the old key "CI deploy" until they do: ' +
        'apps/api/.env holds the new key; apps/web/.env still holds the old key (EACCES: permission denied).',
    );
    assertNoSecret(o.summary);
  });

  it('counts a file with no reported write as not written', () => {
    const o = rotationOutcome(plan, [bothWritten[0]], CLEAN, OLD_KEY, NEW_KEY);
    assert.equal(o.revokeOld, 'blocked');
    assert.deepEqual(o.failed, ['apps/web/.env']);
    assert.ok(o.summary.includes('apps/web/.env still holds the old key (it was not written)'), o.summary);
  });

  it('blocks revoking when a file could not be changed safely, even if every write succeeded', () => {
    const p = planRotation([{ path: 'a/.env', text: api }, { path: 'b/.env', text: `K=${OLD_SECRET},x${OLD_SECRET}\n` }], OLD_PREFIX, NEW_SECRET);
    const o = rotationOutcome(p, [{ path: 'a/.env', ok: true }], CLEAN, OLD_KEY, NEW_KEY);
    assert.equal(o.revokeOld, 'blocked');
    assert.deepEqual([o.holdingNew, o.holdingOld, o.failed], [['a/.env'], ['b/.env'], []]);
    assert.ok(o.summary.includes('b/.env still holds the old key (K would not read as before with only the old key replaced'), o.summary);
  });

  it('blocks revoking when reading every file again finds the old key, a file it cannot read, or more files than it reads', () => {
    const found = rotationOutcome(plan, bothWritten, { holding: ['apps/new/.env'], unreadable: [] }, OLD_KEY, NEW_KEY);
    assert.equal(found.revokeOld, 'blocked');
    assert.deepEqual(found.holdingOld, ['apps/new/.env']);
    assert.ok(found.summary.includes('apps/new/.env still holds the old key (the old key was found in it when the files were read again)'), found.summary);
    // A planned file found holding it again is not counted as holding the new key.
    const again = rotationOutcome(plan, bothWritten, { holding: ['apps/web/.env'], unreadable: [] }, OLD_KEY, NEW_KEY);
    assert.deepEqual([again.revokeOld, again.holdingNew, again.holdingOld], ['blocked', ['apps/api/.env'], ['apps/web/.env']]);

    const unreadable = rotationOutcome(plan, bothWritten, { holding: [], unreadable: [{ path: 'locked/.env', reason: 'EACCES' }] }, OLD_KEY, NEW_KEY);
    assert.equal(unreadable.revokeOld, 'blocked');
    assert.ok(unreadable.summary.includes('locked/.env still holds the old key (it could not be read to check it (EACCES))'), unreadable.summary);

    const capped = rotationOutcome(plan, bothWritten, { holding: [], unreadable: [], stoppedAfter: 5000 }, OLD_KEY, NEW_KEY);
    assert.equal(capped.revokeOld, 'blocked');
    assert.deepEqual(capped.holdingOld, []);
    assert.ok(capped.summary.endsWith('the .env files past the first 5,000 were not read, so they may still hold the old key.'), capped.summary);
  });

  it('blocks revoking when a file refused before planning held the old key (not UTF-8, say)', () => {
    const p: RotationPlan = { edits: [], skipped: [{ path: 'legacy/.env', reason: 'legacy/.env is not UTF-8 text, so it was not changed.', holdsOldKey: true }] };
    const o = rotationOutcome(p, [], CLEAN, OLD_KEY, NEW_KEY);
    assert.equal(o.revokeOld, 'blocked');
    assert.ok(o.summary.includes('legacy/.env still holds the old key (legacy/.env is not UTF-8 text, so it was not changed.)'), o.summary);
  });

  it('still offers revoking when the only skipped files no longer held the old key, and names them', () => {
    const p = planRotation([{ path: 'apps/api/.env', text: api }, { path: 'apps/old/.env', text: 'KEY=changed-by-hand\n' }], OLD_PREFIX, NEW_SECRET);
    const o = rotationOutcome(p, [{ path: 'apps/api/.env', ok: true }], CLEAN, OLD_KEY, NEW_KEY);
    assert.equal(o.revokeOld, 'offer');
    assert.deepEqual(o.holdingOld, []);
    assert.equal(o.summary, 'Replaced the old key "CI deploy" with the new key "CI deploy (rotated)" in apps/api/.env. Left unchanged: apps/old/.env: it no longer holds the old key.');
    const none: RotationPlan = { edits: [], skipped: [] };
    assert.equal(rotationOutcome(none, [], CLEAN, OLD_KEY, { id: 'key-new', name: ' ' }).summary, 'No file needed the new key "key-new".');
  });

  it('builds every sentence of the summary from messages, in the language it is given', () => {
    const o = rotationOutcome(plan, [bothWritten[0]], CLEAN, OLD_KEY, NEW_KEY, tagged);
    assert.equal(
      o.summary,
      '<rotation.blocked|"CI deploy (rotated)"|"CI deploy"|<rotation.fileNew|apps/api/.env>; <rotation.fileOld|apps/web/.env| (<rotation.notWritten|>)>>',
    );
    const failed = rotationOutcome(plan, [{ path: 'apps/api/.env', ok: false }, bothWritten[1]], CLEAN, OLD_KEY, NEW_KEY, tagged);
    assert.match(failed.summary, /<rotation\.fileOld\|apps\/api\/\.env\| \(<rotation\.writeFailed\|>\)>/);
    const all = rotationOutcome(plan, bothWritten, CLEAN, OLD_KEY, NEW_KEY, tagged);
    assert.equal(all.summary, '<rotation.alsoInComments|<rotation.replaced|"CI deploy"|"CI deploy (rotated)"|apps/api/.env, apps/web/.env>|<usage.lineOf|apps/web/.env|2>>');
    const p = planRotation([{ path: '.env', text: `K=${OLD_SECRET},x${OLD_SECRET}\n` }, { path: 'old/.env', text: 'K=1\n' }], OLD_PREFIX, NEW_SECRET);
    assert.equal(
      rotationOutcome(p, [], { holding: [], unreadable: [{ path: 'x/.env', reason: 'EIO' }], stoppedAfter: 3 }, OLD_KEY, NEW_KEY, tagged).summary,
      '<rotation.leftUnchanged|<rotation.blocked|"CI deploy (rotated)"|"CI deploy"|<rotation.fileOld|.env| (<rotation.unsafe|K>)>; ' +
        '<rotation.fileOld|x/.env| (<rotation.unreadable|EIO>)>; <rotation.notAllRead|3>>|old/.env: <rotation.noLongerHolds|>>',
    );
    assert.equal(rotationOutcome({ edits: [], skipped: [] }, [], CLEAN, OLD_KEY, NEW_KEY, tagged).summary, '<rotation.noFile|"CI deploy (rotated)">');
  });
});
