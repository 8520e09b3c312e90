/**
 * Rotating a key across .env files: the planned edits, checked against dotenv, on real text and
 * real bytes. What the outcome of writing them means is in rotationOutcome.test.ts.
 */
import assert from 'node:assert/strict';
import * as dotenv from 'dotenv';
import type { TextEdit } from '../../../../src/core/common/textEdit';
import { planRotation, spanningEdit, type PlannedEdit, type RotationPlan, type RotationTarget } from '../../../../src/core/keys/rotation';
import { english } from '../../../../src/core/common/messages';
import { decodeEnvBytes } from '../../../../src/core/dotenv/usages';

const OLD_PREFIX = 'vued_sk_OldO';
const OLD_SECRET = 'vued_sk_OldOk3yS3cretValue1234abcdefghijklmn';
const NEW_SECRET = 'vued_sk_NewNfr3shS3cretValue5678abcdefghijk';
/** Another key's secret: a rotation of the old key must leave it byte for byte. */
const OTHER = 'vued_sk_Oth3rK3yThatMustSurvive0123456789ab';

function apply(text: string, edit: TextEdit): string {
  return text.slice(0, edit.offset) + edit.insertText + text.slice(edit.offset + edit.deleteLength);
}

function editFor(plan: RotationPlan, path: string): PlannedEdit {
  const e = plan.edits.find((x) => x.path === path);
  assert.ok(e, `an edit is planned for ${path}`);
  return e;
}

function reason(plan: RotationPlan, path: string): string {
  const k = plan.skipped.find((x) => x.path === path);
  assert.ok(k, `${path} is skipped`);
  return typeof k.reason === 'object' ? english(k.reason) : String(k.reason);
}

/** The one file's text after the rotation, checked: the edit gives it, and it is `before` with old → new exactly. */
function rotated(before: string, newSecret = NEW_SECRET, others: string[] = []): PlannedEdit {
  const plan = planRotation([{ path: '.env', text: before }], OLD_PREFIX, newSecret, others);
  assert.deepEqual(plan.skipped, [], 'nothing skipped');
  const e = editFor(plan, '.env');
  assert.equal(apply(before, e.edit), e.newText, 'the edit turns the text into newText');
  return e;
}

/** Every byte but the old secret's is the same, and dotenv reads every variable with only old → new. */
function assertExact(before: string, others: string[] = []): PlannedEdit {
  const e = rotated(before, NEW_SECRET, others);
  assert.equal(e.newText, before.split(OLD_SECRET).join(NEW_SECRET), 'only the old secret\'s characters changed');
  const was = dotenv.parse(before);
  const now = dotenv.parse(e.newText);
  assert.deepEqual(Object.keys(now), Object.keys(was));
  for (const k of Object.keys(was)) {
    assert.equal(now[k], was[k].split(OLD_SECRET).join(NEW_SECRET), `dotenv reads ${k} with only the key replaced`);
  }
  return e;
}

function assertNoSecret(text: string): void {
  assert.ok(!text.includes(OLD_SECRET) && !text.includes(NEW_SECRET) && !text.includes(OLD_PREFIX), `no secret in: ${text}`);
  assert.ok(!text.includes('vued_sk_'), `no key material in: ${text}`);
}

describe('planRotation', () => {
  // Each of these failed on the whole-value rotation (3c04b7f): the value was overwritten whole, or
  // the occurrence was not found at all.
  describe('replaces exactly the old secret\'s characters, wherever it stands', () => {
    it('in a comma-separated list: the other key survives byte for byte', () => {
      const e = assertExact(`VUED_API_KEYS=${OLD_SECRET},${OTHER}\n`);
      assert.equal(dotenv.parse(e.newText).VUED_API_KEYS, `${NEW_SECRET},${OTHER}`);
      assertExact(`VUED_API_KEYS="${OTHER}, ${OLD_SECRET}"\n`);
    });

    it('with a suffix, or a prefix inside quotes', () => {
      assert.equal(dotenv.parse(assertExact(`K=${OLD_SECRET}:org_42\n`).newText).K, `${NEW_SECRET}:org_42`);
      assertExact(`AUTH='Bearer ${OLD_SECRET}'\n`);
      assertExact(`URL=https://user:${OLD_SECRET}@api.example.com/v1 # the deploy key\n`);
    });

    it('on the first line of a multi-line value, and on a later one, keeping the other lines', () => {
      const e = assertExact(`K="${OLD_SECRET}\nline two"\nB=1\n`);
      assert.equal(e.newText, `K="${NEW_SECRET}\nline two"\nB=1\n`);
      assertExact(`K='first\r\n${OLD_SECRET}\r\nlast'\r\n`);
      // After a \n escape in double quotes, dotenv reads a line break: the secret starts a line.
      assertExact(`K="first\\n${OLD_SECRET}"\n`);
    });

    it('with spaces inside the quotes', () => {
      assertExact(`K=" ${OLD_SECRET} "\n`);
      assertExact(`K=\`  ${OLD_SECRET}\`\n`);
    });

    it('in every definition of a variable, not only the last', () => {
      const e = assertExact(`K=${OLD_SECRET}\nA=1\nexport K='${OLD_SECRET}'\n`);
      assert.deepEqual(e.variables, ['K']);
      assert.equal(e.occurrences, 2);
    });

    it('on commented-out lines and in trailing comments, listed apart', () => {
      const e = assertExact(`# K=${OLD_SECRET}\nK=${OLD_SECRET} # was ${OLD_SECRET}\n\n#${OLD_SECRET}\n`);
      assert.deepEqual(e.variables, ['K']);
      assert.deepEqual(e.commentLines, [0, 1, 3]);
      assert.equal(e.occurrences, 4);
      const only = assertExact(`# OLD=${OLD_SECRET}\nA=1\n`);
      assert.deepEqual([only.variables, only.commentLines], [[], [0]]);
    });

    it('in a CRLF file with a byte order mark and export', () => {
      const e = assertExact(`\uFEFFexport A=${OLD_SECRET}\r\n# was ${OLD_SECRET}\r\nB="x"\r\n`);
      assert.ok(e.newText.startsWith('\uFEFF') && !/[^\r]\n/.test(e.newText), 'the BOM and every CRLF stay');
    });

    it('in a file that is not UTF-8, read byte for byte: every other byte stays', () => {
      const bytes = Buffer.concat([
        Buffer.from('# Configuraci\xf3n del servicio\nVUED_API_KEY=', 'latin1'),
        Buffer.from(`${OLD_SECRET}\nCIUDAD=M\xe1laga\n`, 'latin1'),
      ]);
      const read = decodeEnvBytes(bytes);
      assert.equal(read.bytewise, true, 'not valid UTF-8');
      const e = assertExact(read.text);
      const after = Buffer.from(e.newText, 'latin1');
      const at = bytes.indexOf(OLD_SECRET);
      assert.ok(after.subarray(0, at).equals(bytes.subarray(0, at)), 'the bytes before the secret');
      assert.ok(after.subarray(at + NEW_SECRET.length).equals(bytes.subarray(at + OLD_SECRET.length)), 'the bytes after it');
      assert.equal(dotenv.parse(after).VUED_API_KEY, NEW_SECRET, 'dotenv reads the new key from the bytes');
    });

    it('leaves a longer known prefix\'s secret to its own key', () => {
      const longer = `${OLD_PREFIX}Zz`;
      const theirs = `${longer}9876543210abcdefghijklmnopqr`;
      const e = assertExact(`LIST=${theirs},${OLD_SECRET}\n`, [longer]);
      assert.equal(dotenv.parse(e.newText).LIST, `${theirs},${NEW_SECRET}`);
    });

    it('replaces CRLF and export exactly in several files at once', () => {
      const api = `# api\r\nDB_URL=postgres://db\r\nVUED_API_KEY="${OLD_SECRET}"\r\nOTHER=1\r\n`;
      const web = `export VUED_KEY=${OLD_SECRET} # the deploy key\nNEXT_PUBLIC_X=2\n`;
      const docs = 'VUED_API_KEY=vued_sk_ZZZZsomethingElse0123456789\n';
      const targets: RotationTarget[] = [
        { path: 'apps/api/.env', text: api },
        { path: 'apps/web/.env', text: web },
        { path: 'apps/docs/.env', text: docs },
        { path: 'apps/api/.env', text: api },
      ];
      const plan = planRotation(targets, OLD_PREFIX, NEW_SECRET);
      assert.deepEqual(plan.edits.map((e) => [e.path, e.variables]), [['apps/api/.env', ['VUED_API_KEY']], ['apps/web/.env', ['VUED_KEY']]]);
      for (const [path, before] of [['apps/api/.env', api], ['apps/web/.env', web]]) {
        const e = editFor(plan, path);
        assert.equal(e.newText, before.replace(OLD_SECRET, NEW_SECRET));
        const at = before.indexOf(OLD_SECRET);
        assert.ok(e.edit.offset >= at && e.edit.offset + e.edit.deleteLength <= at + OLD_SECRET.length, 'the edit stays inside the old secret');
      }
      assert.deepEqual(plan.skipped.map((k) => [k.path, k.holdsOldKey]), [['apps/docs/.env', false]]);
      assert.equal(reason(plan, 'apps/docs/.env'), 'it no longer holds the old key');
    });
  });

  it('gives one edit per file, from the first changed character to the last', () => {
    const before = `A=${OLD_SECRET}\nMIDDLE=keep me\nB='${OLD_SECRET}'\nC=untouched\n`;
    const e = assertExact(before);
    assert.deepEqual(e.variables, ['A', 'B']);
    assert.ok(e.edit.offset >= 2 && e.edit.offset < 2 + OLD_SECRET.length);
    const bEnd = before.lastIndexOf(OLD_SECRET) + OLD_SECRET.length;
    assert.ok(e.edit.offset + e.edit.deleteLength > before.lastIndexOf(OLD_SECRET) && e.edit.offset + e.edit.deleteLength <= bEnd);
  });

  it('does not take a secret inside a longer token, or the prefix alone, for the old key', () => {
    const plan = planRotation(
      [
        { path: 'a/.env', text: `K=x${OLD_SECRET}\nP=${OLD_PREFIX}\nQ=${OLD_PREFIX}abc\n` },
        { path: 'b/.env', text: 'OTHER=1\n' },
        { path: 'c/.env', text: `K=${NEW_SECRET}\n` },
      ],
      OLD_PREFIX,
      NEW_SECRET,
    );
    assert.deepEqual(plan.edits, []);
    assert.deepEqual(plan.skipped.map((k) => [k.path, k.holdsOldKey]), [['a/.env', false], ['b/.env', false], ['c/.env', false]]);
    assert.equal(reason(plan, 'c/.env'), 'it already holds the new key');
  });

  it('skips, as still holding the old key, a file where a value holds the secret also inside a longer token', () => {
    // dotenv reads K as holding the old secret twice; only one is a token: replacing it alone would leave K half old.
    const plan = planRotation([{ path: '.env', text: `K=${OLD_SECRET},x${OLD_SECRET}\n` }], OLD_PREFIX, NEW_SECRET);
    assert.deepEqual(plan.edits, []);
    assert.equal(plan.skipped[0].holdsOldKey, true);
    assert.equal(reason(plan, '.env'), 'K would not read as before with only the old key replaced, so the file was left as it was');
    // The same when the token stands in another variable than the one holding it inside a longer token.
    const apart = planRotation([{ path: '.env', text: `A=${OLD_SECRET}\nB=1\nK='x${OLD_SECRET}'\n` }], OLD_PREFIX, NEW_SECRET);
    assert.deepEqual(apart.edits, []);
    assert.equal(reason(apart, '.env'), 'K would not read as before with only the old key replaced, so the file was left as it was');
  });

  it('skips, as still holding the old key, a file with two different secrets of the old prefix', () => {
    const twin = `${OLD_PREFIX}AnotherSecretWithTheSamePrefix0`;
    const plan = planRotation([{ path: '.env', text: `A=${OLD_SECRET}\nB=${twin}\n` }], OLD_PREFIX, NEW_SECRET);
    assert.deepEqual(plan.edits, []);
    assert.equal(plan.skipped[0].holdsOldKey, true);
    assert.match(reason(plan, '.env'), /^it holds 2 different secrets that start with the old key's prefix/);
  });

  it('catches a new secret whose characters would change how a value reads', () => {
    for (const [before, odd, name] of [
      [`K=${OLD_SECRET}\n`, `${OLD_PREFIX}has#hash`, 'K'],
      [`LIST=${OLD_SECRET},${OTHER} # note\n`, `${OLD_PREFIX}x # y`, 'LIST'],
      [`K='${OLD_SECRET}\nline two'\n`, `${OLD_PREFIX}it's`, 'K'],
      [`K="${OLD_SECRET}"\n`, `${OLD_PREFIX}a\\nb`, 'K'],
    ]) {
      const plan = planRotation([{ path: '.env', text: before }], OLD_PREFIX, odd);
      assert.deepEqual(plan.edits, [], JSON.stringify(odd));
      assert.equal(plan.skipped[0].holdsOldKey, true);
      const why = reason(plan, '.env');
      assert.ok(why.includes(name) || why.startsWith('the file would not define'), why);
      assertNoSecret(why);
    }
    // A comment that the new secret would turn into a definition.
    const plan = planRotation([{ path: '.env', text: `A=1\n#${OLD_SECRET}\n` }], OLD_PREFIX, `${OLD_PREFIX}x\nB=2`);
    assert.equal(reason(plan, '.env'), 'the file would not define the same variables once the old key was replaced, so it was left as it was');
  });

  it('plans a path given twice with different texts on the first text', () => {
    const plan = planRotation(
      [
        { path: '.env', text: `A=${OLD_SECRET}\n` },
        { path: '.env', text: `A=${OLD_SECRET}\nB=2\n` },
      ],
      OLD_PREFIX,
      NEW_SECRET,
    );
    assert.equal(plan.edits[0].newText, `A=${NEW_SECRET}\n`);
    assert.deepEqual(plan.skipped.map((k) => k.holdsOldKey), [true]);
    assert.match(reason(plan, '.env'), /changed while the rotation was being prepared/);
  });

  it('refuses a prefix too short to recognise the old key, or an empty secret', () => {
    const targets = [{ path: '.env', text: `A=${OLD_SECRET}\n` }];
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
