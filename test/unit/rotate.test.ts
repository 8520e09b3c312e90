/**
 * Rotating a key across .env files: the planned edits (checked against dotenv) and what the
 * outcome of writing them means for revoking the old key.
 */
import assert from 'node:assert/strict';
import * as dotenv from 'dotenv';
import type { TextEdit } from '../../src/core/textEdit';
import {
  NO_LONGER_HOLDS_OLD_KEY,
  planRotation,
  spanningEdit,
  type PlannedEdit,
  type RotationPlan,
  type RotationTarget,
} from '../../src/core/rotate';
import { renderArgs, type Render } from '../../src/core/messages';
import { rotationOutcome } from '../../src/core/rotationOutcome';

const OLD_PREFIX = 'vued_sk_OldO';
const OLD_SECRET = 'vued_sk_OldOk3yS3cretValue1234';
const NEW_SECRET = 'vued_sk_NewNfr3shS3cretValue5678';
const OLD_KEY = { id: 'key-old', name: 'CI deploy' };
const NEW_KEY = { id: 'key-new', name: 'CI deploy (rotated)' };

/** A render that shows which message said what: any sentence not built from messages shows up as plain text. */
const tagged: Render = (m) => `<${m.id}|${renderArgs(m, tagged).join('|')}>`;

function apply(text: string, edit: TextEdit): string {
  return text.slice(0, edit.offset) + edit.insertText + text.slice(edit.offset + edit.deleteLength);
}

function editFor(plan: RotationPlan, path: string): PlannedEdit {
  const e = plan.edits.find((x) => x.path === path);
  assert.ok(e, `an edit is planned for ${path}`);
  return e;
}

/** dotenv reads `variables` as the new secret and every other name as before. */
function assertDotenvReadsNewSecret(before: string, after: string, variables: readonly string[]): void {
  const was = dotenv.parse(before);
  const now = dotenv.parse(after);
  assert.deepEqual(Object.keys(now).sort(), Object.keys(was).sort());
  for (const name of Object.keys(was)) {
    assert.equal(now[name], variables.includes(name) ? NEW_SECRET : was[name], `dotenv reads ${name}`);
  }
}

function assertNoSecret(text: string): void {
  assert.ok(!text.includes(OLD_SECRET) && !text.includes(NEW_SECRET) && !text.includes(OLD_PREFIX), `no secret in: ${text}`);
  assert.ok(!text.includes('vued_sk_'), `no key material in: ${text}`);
}

describe('planRotation', () => {
  const api = `# api\r\nDB_URL=postgres://db\r\nVUED_API_KEY="${OLD_SECRET}"\r\nOTHER=1\r\n`;
  const web = `export VUED_KEY=${OLD_SECRET} # the deploy key\nNEXT_PUBLIC_X=2\n`;
  const docs = `VUED_API_KEY=vued_sk_ZZZZsomethingElse\n`;
  const targets: RotationTarget[] = [
    { path: 'apps/api/.env', variable: 'VUED_API_KEY', text: api },
    { path: 'apps/web/.env', variable: 'VUED_KEY', text: web },
    { path: 'apps/docs/.env', variable: 'VUED_API_KEY', text: docs },
  ];

  it('replaces only the bytes of the old secret in a CRLF file and an export line', () => {
    const plan = planRotation(targets, OLD_PREFIX, NEW_SECRET);
    assert.deepEqual(plan.edits.map((e) => e.path), ['apps/api/.env', 'apps/web/.env']);
    for (const [path, before, variable] of [['apps/api/.env', api, 'VUED_API_KEY'], ['apps/web/.env', web, 'VUED_KEY']]) {
      const e = editFor(plan, path);
      assert.equal(e.variable, variable);
      assert.deepEqual(e.variables, [variable]);
      // Every byte but the secret's is the same: quotes, CRLF, `export`, the comment.
      assert.equal(e.newText, before.replace(OLD_SECRET, NEW_SECRET));
      assert.equal(apply(before, e.edit), e.newText, 'the edit turns the text into newText');
      const at = before.indexOf(OLD_SECRET);
      assert.ok(e.edit.offset >= at && e.edit.offset + e.edit.deleteLength <= at + OLD_SECRET.length, 'the edit stays inside the old secret');
      assertDotenvReadsNewSecret(before, e.newText, [variable]);
    }
    assert.ok(editFor(plan, 'apps/api/.env').newText.includes('\r\n') && !/[^\r]\n/.test(editFor(plan, 'apps/api/.env').newText));
    assert.deepEqual(plan.skipped, [
      { path: 'apps/docs/.env', variable: 'VUED_API_KEY', reason: NO_LONGER_HOLDS_OLD_KEY, holdsOldKey: false },
    ]);
  });

  it('combines two variables of one file into one edit', () => {
    const before = `A=${OLD_SECRET}\nMIDDLE=keep me\nB='${OLD_SECRET}'\nC=untouched\n`;
    const plan = planRotation(
      [
        { path: '.env', variable: 'A', text: before },
        { path: '.env', variable: 'B', text: before },
        { path: '.env', variable: 'A', text: before },
      ],
      OLD_PREFIX,
      NEW_SECRET,
    );
    assert.equal(plan.edits.length, 1);
    assert.deepEqual(plan.skipped, []);
    const e = plan.edits[0];
    assert.deepEqual(e.variables, ['A', 'B']);
    assert.equal(e.variable, 'A, B');
    assert.equal(e.newText, `A=${NEW_SECRET}\nMIDDLE=keep me\nB='${NEW_SECRET}'\nC=untouched\n`);
    assert.equal(apply(before, e.edit), e.newText);
    // From the first changed character of A's value to the last changed one of B's.
    assert.ok(e.edit.offset >= 2 && e.edit.offset < 2 + OLD_SECRET.length);
    const bEnd = before.lastIndexOf(OLD_SECRET) + OLD_SECRET.length;
    assert.ok(e.edit.offset + e.edit.deleteLength > before.lastIndexOf(OLD_SECRET) && e.edit.offset + e.edit.deleteLength <= bEnd);
    assertDotenvReadsNewSecret(before, e.newText, ['A', 'B']);
  });

  it('skips a variable whose value dotenv reads no longer holds the old key', () => {
    const overridden = `K=${OLD_SECRET}\nK=something-else\n`;
    const gone = 'OTHER=1\n';
    const done = `K=${NEW_SECRET}\n`;
    const plan = planRotation(
      [
        { path: 'a/.env', variable: 'K', text: overridden },
        { path: 'b/.env', variable: 'K', text: gone },
        { path: 'c/.env', variable: 'K', text: done },
      ],
      OLD_PREFIX,
      NEW_SECRET,
    );
    assert.deepEqual(plan.edits, []);
    assert.deepEqual(plan.skipped, [
      { path: 'a/.env', variable: 'K', reason: NO_LONGER_HOLDS_OLD_KEY, holdsOldKey: false },
      { path: 'b/.env', variable: 'K', reason: NO_LONGER_HOLDS_OLD_KEY, holdsOldKey: false },
      { path: 'c/.env', variable: 'K', reason: 'already holds the new key', holdsOldKey: false },
    ]);
  });

  it('replaces the last definition only, and a multi-line value with a one-line one', () => {
    const before = `K=${OLD_SECRET}\nexport K="${OLD_SECRET}\nline two"\nAFTER=1\n`;
    const e = planRotation([{ path: '.env', variable: 'K', text: before }], OLD_PREFIX, NEW_SECRET).edits[0];
    assert.equal(e.newText, `K=${OLD_SECRET}\nexport K="${NEW_SECRET}"\nAFTER=1\n`);
    assertDotenvReadsNewSecret(before, e.newText, ['K']);
  });

  it('rewrites the definition when the new secret does not fit the old quoting', () => {
    const odd = `${OLD_PREFIX}has # hash`;
    const before = `K=${OLD_SECRET}\n`;
    const e = planRotation([{ path: '.env', variable: 'K', text: before }], OLD_PREFIX, odd).edits[0];
    assert.equal(dotenv.parse(e.newText).K, odd);
    assert.equal(apply(before, e.edit), e.newText);
  });

  it('rewrites dotted and dashed names too, when the new secret does not fit the old quoting', () => {
    const odd = `${OLD_PREFIX}has # hash`;
    const before = `A=1\nPOSTGRESQL.BASE.USER=${OLD_SECRET}\nmy-key=${OLD_SECRET} # note\nB=2\n`;
    const plan = planRotation(
      [
        { path: '.env', variable: 'POSTGRESQL.BASE.USER', text: before },
        { path: '.env', variable: 'my-key', text: before },
      ],
      OLD_PREFIX,
      odd,
    );
    assert.deepEqual(plan.skipped, []);
    assert.equal(plan.edits.length, 1);
    const read = dotenv.parse(plan.edits[0].newText);
    assert.deepEqual(read, { A: '1', 'POSTGRESQL.BASE.USER': odd, 'my-key': odd, B: '2' });
    assert.equal(apply(before, plan.edits[0].edit), plan.edits[0].newText);
  });

  it('skips, without repeating the secret, a value that cannot be written safely', () => {
    const unwritable = `vued_sk_New'"\`\nx`;
    const before = `K=${OLD_SECRET}\n`;
    const plan = planRotation([{ path: '.env', variable: 'K', text: before }], OLD_PREFIX, unwritable);
    assert.deepEqual(plan.edits, []);
    assert.equal(plan.skipped.length, 1);
    assert.equal(plan.skipped[0].holdsOldKey, true);
    assert.match(plan.skipped[0].reason, /cannot be written/);
    assertNoSecret(plan.skipped[0].reason);
  });

  it('refuses a prefix too short to recognise the old key, or an empty secret', () => {
    assert.throws(() => planRotation(targets, 'vued_', NEW_SECRET), /at least 6/);
    assert.throws(() => planRotation(targets, '', NEW_SECRET));
    assert.throws(() => planRotation(targets, OLD_PREFIX, ''));
  });
});

describe('spanningEdit', () => {
  it('covers every change and never splits a CRLF or a surrogate pair', () => {
    const cases: Array<[string, string]> = [
      ['K=ab\r\nZ', 'K=ab\nZ'],
      ['K=ab\nZ', 'K=ab\r\nZ'],
      ['v=\u{1F600}a', 'v=\u{1F603}a'],
      ['same', 'same'],
      ['', 'X=1\n'],
      ['A=1\nB=2\n', 'A=9\nB=8\n'],
    ];
    for (const [before, after] of cases) {
      const edit = spanningEdit(before, after);
      assert.equal(apply(before, edit), after, JSON.stringify([before, after]));
      const end = edit.offset + edit.deleteLength;
      for (const at of [edit.offset, end]) {
        assert.ok(!(before[at - 1] === '\r' && before[at] === '\n'), `${at} is not inside a CRLF`);
        const c = before.charCodeAt(at);
        assert.ok(!(c >= 0xdc00 && c <= 0xdfff), `${at} is not inside a surrogate pair`);
      }
    }
    assert.deepEqual(spanningEdit('K=ab\r\nZ', 'K=ab\nZ'), { offset: 4, deleteLength: 2, insertText: '\n' });
    assert.deepEqual(spanningEdit('v=\u{1F600}a', 'v=\u{1F603}a'), { offset: 2, deleteLength: 2, insertText: '\u{1F603}' });
    assert.deepEqual(spanningEdit('same', 'same'), { offset: 4, deleteLength: 0, insertText: '' });
    assert.deepEqual(spanningEdit('A=1\nB=2\n', 'A=9\nB=8\n'), { offset: 2, deleteLength: 5, insertText: '9\nB=8' });
  });
});

describe('rotationOutcome', () => {
  const api = `VUED_API_KEY=${OLD_SECRET}\n`;
  const web = `export VUED_KEY="${OLD_SECRET}"\n`;
  const plan = planRotation(
    [
      { path: 'apps/api/.env', variable: 'VUED_API_KEY', text: api },
      { path: 'apps/web/.env', variable: 'VUED_KEY', text: web },
    ],
    OLD_PREFIX,
    NEW_SECRET,
  );

  it('offers revoking the old key when every file was written', () => {
    assert.equal(plan.edits.length, 2);
    const o = rotationOutcome(plan, [{ path: 'apps/api/.env', ok: true }, { path: 'apps/web/.env', ok: true }], OLD_KEY, NEW_KEY);
    assert.equal(o.revokeOld, 'offer');
    assert.deepEqual(o.written, ['apps/api/.env', 'apps/web/.env']);
    assert.deepEqual(o.holdingNew, ['apps/api/.env', 'apps/web/.env']);
    assert.deepEqual(o.failed, []);
    assert.deepEqual(o.holdingOld, []);
    assert.match(o.summary, /apps\/api\/\.env, apps\/web\/\.env/);
    assert.match(o.summary, /"CI deploy"/);
    assertNoSecret(o.summary);
  });

  it('blocks revoking when a write failed and says which file holds which key', () => {
    const o = rotationOutcome(
      plan,
      [{ path: 'apps/api/.env', ok: true }, { path: 'apps/web/.env', ok: false, error: 'EACCES: permission denied' }],
      OLD_KEY,
      NEW_KEY,
    );
    assert.equal(o.revokeOld, 'blocked');
    assert.deepEqual(o.failed, ['apps/web/.env']);
    assert.deepEqual(o.written, ['apps/api/.env']);
    assert.deepEqual(o.holdingOld, ['apps/web/.env']);
    assert.deepEqual(o.holdingNew, ['apps/api/.env']);
    assert.ok(o.summary.includes('apps/api/.env holds the new key'), o.summary);
    assert.ok(o.summary.includes('apps/web/.env still holds the old key (EACCES: permission denied)'), o.summary);
    assert.ok(o.summary.includes('"CI deploy"') && o.summary.includes('"CI deploy (rotated)"'), o.summary);
    assertNoSecret(o.summary);
  });

  it('counts a file with no reported write as not written', () => {
    const o = rotationOutcome(plan, [{ path: 'apps/api/.env', ok: true }], OLD_KEY, NEW_KEY);
    assert.equal(o.revokeOld, 'blocked');
    assert.deepEqual(o.failed, ['apps/web/.env']);
    assert.ok(o.summary.includes('apps/web/.env still holds the old key (it was not written)'), o.summary);
  });

  it('blocks revoking when a variable could not be changed safely, even if every write succeeded', () => {
    const text = `A=${OLD_SECRET}\nB=${OLD_SECRET}\n`;
    const p: RotationPlan = planRotation([{ path: '.env', variable: 'A', text }], OLD_PREFIX, NEW_SECRET);
    p.skipped.push({ path: '.env', variable: 'B', reason: 'B cannot be written safely here', holdsOldKey: true });
    const o = rotationOutcome(p, [{ path: '.env', ok: true }], OLD_KEY, NEW_KEY);
    assert.equal(o.revokeOld, 'blocked');
    assert.deepEqual(o.holdingNew, ['.env']);
    assert.deepEqual(o.holdingOld, ['.env']);
    assert.deepEqual(o.failed, []);
    assert.ok(o.summary.includes('.env holds the new key in A but still holds the old key in B (B cannot be written safely here)'), o.summary);
  });

  it('still offers revoking when the only skipped files no longer held the old key, and names them', () => {
    const p = planRotation(
      [
        { path: 'apps/api/.env', variable: 'VUED_API_KEY', text: api },
        { path: 'apps/old/.env', variable: 'KEY', text: 'KEY=changed-by-hand\n' },
      ],
      OLD_PREFIX,
      NEW_SECRET,
    );
    const o = rotationOutcome(p, [{ path: 'apps/api/.env', ok: true }], OLD_KEY, NEW_KEY);
    assert.equal(o.revokeOld, 'offer');
    assert.deepEqual(o.holdingOld, []);
    assert.ok(o.summary.includes(`apps/old/.env (KEY): ${NO_LONGER_HOLDS_OLD_KEY}`), o.summary);
  });

  it('writes the English summaries word for word', () => {
    const both = rotationOutcome(plan, [{ path: 'apps/api/.env', ok: true }, { path: 'apps/web/.env', ok: true }], OLD_KEY, NEW_KEY);
    assert.equal(both.summary, 'Replaced the old key "CI deploy" with the new key "CI deploy (rotated)" in apps/api/.env, apps/web/.env.');
    const one = rotationOutcome(plan, [{ path: 'apps/api/.env', ok: true }, { path: 'apps/web/.env', ok: false }], OLD_KEY, NEW_KEY);
    assert.equal(
      one.summary,
      'Not every file holds the new key "CI deploy (rotated)", so keep the old key "CI deploy" until they do: ' +
        'apps/api/.env holds the new key; apps/web/.env still holds the old key (the write failed).',
    );
    const text = `A=${OLD_SECRET}\nB=${OLD_SECRET}\n`;
    const p: RotationPlan = planRotation([{ path: '.env', variable: 'A', text }], OLD_PREFIX, NEW_SECRET);
    p.skipped.push({ path: '.env', variable: 'B', reason: 'B cannot be written safely here', holdsOldKey: true });
    p.skipped.push({ path: 'old/.env', variable: 'K', reason: 'gone', holdsOldKey: false });
    assert.equal(
      rotationOutcome(p, [{ path: '.env', ok: true }], OLD_KEY, NEW_KEY).summary,
      'Not every file holds the new key "CI deploy (rotated)", so keep the old key "CI deploy" until they do: ' +
        '.env holds the new key in A but still holds the old key in B (B cannot be written safely here). Left unchanged: old/.env (K): gone.',
    );
    const none: RotationPlan = { edits: [], skipped: [] };
    assert.equal(rotationOutcome(none, [], OLD_KEY, { id: 'key-new', name: ' ' }).summary, 'No file needed the new key "key-new".');
  });

  it('builds every sentence of the summary from messages, in the language it is given', () => {
    const o = rotationOutcome(plan, [{ path: 'apps/api/.env', ok: true }], OLD_KEY, NEW_KEY, tagged);
    assert.equal(
      o.summary,
      '<rotation.blocked|"CI deploy (rotated)"|"CI deploy"|<rotation.fileNew|apps/api/.env>; <rotation.fileOld|apps/web/.env| (<rotation.notWritten|>)>>',
    );
    const failed = rotationOutcome(plan, [{ path: 'apps/api/.env', ok: false }, { path: 'apps/web/.env', ok: true }], OLD_KEY, NEW_KEY, tagged);
    assert.match(failed.summary, /<rotation\.fileOld\|apps\/api\/\.env\| \(<rotation\.writeFailed\|>\)>/);
    const all = rotationOutcome(plan, [{ path: 'apps/api/.env', ok: true }, { path: 'apps/web/.env', ok: true }], OLD_KEY, NEW_KEY, tagged);
    assert.equal(all.summary, '<rotation.replaced|"CI deploy"|"CI deploy (rotated)"|apps/api/.env, apps/web/.env>');
    const text = `A=${OLD_SECRET}\nB=${OLD_SECRET}\n`;
    const p: RotationPlan = planRotation([{ path: '.env', variable: 'A', text }], OLD_PREFIX, NEW_SECRET);
    p.skipped.push({ path: '.env', variable: 'B', reason: 'why', holdsOldKey: true });
    p.skipped.push({ path: 'old/.env', variable: 'K', reason: 'gone', holdsOldKey: false });
    assert.equal(
      rotationOutcome(p, [{ path: '.env', ok: true }], OLD_KEY, NEW_KEY, tagged).summary,
      '<rotation.leftUnchanged|<rotation.blocked|"CI deploy (rotated)"|"CI deploy"|<rotation.fileBoth|.env|A|B| (why)>>|old/.env (K): gone>',
    );
    assert.equal(rotationOutcome({ edits: [], skipped: [] }, [], OLD_KEY, NEW_KEY, tagged).summary, '<rotation.noFile|"CI deploy (rotated)">');
  });
});
