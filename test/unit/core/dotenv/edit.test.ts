/**
 * The .env editor, checked against dotenv itself (the library applications use to load these
 * files) on a corpus of tricky files.
 */
import assert from 'node:assert/strict';
import * as dotenv from 'dotenv';
import {
  EnvEditError,
  EnvVariableExistsError,
  findDefinitions,
  findValuesStartingWith,
  formatEnvValue,
  removeEnvVariable,
  upsertEnvVariable,
  type EnvEditResult,
} from '../../../../src/core/dotenv/edit';
import { assertOnlyEditChanged, CORPUS, dotenvReads as oracle } from '../../../support/envOracle';

/** Upserts and checks both properties: dotenv reads the new secret, nothing else changed. */
function checkedUpsert(text: string, name: string, secret: string): EnvEditResult {
  const before = oracle(text);
  const r = upsertEnvVariable(text, name, secret, { replace: true });
  assertOnlyEditChanged(text, r);
  const after = oracle(r.text);
  assert.equal(after.get(name), secret, `dotenv reads the new value of ${name}`);
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    if (key !== name) {
      assert.equal(after.get(key), before.get(key), `${key} is unchanged`);
    }
  }
  assert.equal(r.replaced, before.has(name));
  if (text.startsWith('\uFEFF')) {
    assert.ok(r.text.startsWith('\uFEFF'), 'the byte order mark stays at byte 0');
    assert.notEqual(r.text.charCodeAt(1), 0xfeff);
  }
  return r;
}

/** Removes and checks: every other name reads the same, nothing outside the edit changed. */
function checkedRemove(text: string, name: string): EnvEditResult {
  const r = removeEnvVariable(text, name);
  assert.ok(r, `${name} is found`);
  assertOnlyEditChanged(text, r);
  assert.equal(r.edit.insertText, '');
  const before = oracle(text);
  const after = oracle(r.text);
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    if (key !== name) {
      assert.equal(after.get(key), before.get(key), `${key} is unchanged`);
    }
  }
  // The lines after the removed one do not define the name, so what is left is what came before.
  assert.equal(after.get(name), oracle(text.slice(0, r.edit.offset)).get(name), `${name} falls back to an earlier definition`);
  return r;
}

const SECRETS = [
  'vued_sk_live_0123456789abcdefABCDEF',
  'with spaces and # hash',
  "it's \"both\" quotes",
  'backslash-n literal \\n and \\r',
  'real\nnewline',
  'real\nnewline with \\n literal and \'single\'',
  'trailing backslash\\',
  '',
  '  padded  ',
  'ünïcødé 🔑',
  '=starts-with-equals',
  '`backtick`',
];

describe('dotenv: upsert on the corpus', function () {
  this.timeout(120_000);
  for (const file of CORPUS) {
    const secrets = file.text.length > 100_000 ? [SECRETS[5]] : SECRETS;
    it(`${file.title}: VUED_API_KEY (new or replaced) and a new name, then removed`, () => {
      for (const secret of secrets) {
        const replaced = checkedUpsert(file.text, 'VUED_API_KEY', secret);
        checkedRemove(replaced.text, 'VUED_API_KEY');
        const added = checkedUpsert(file.text, 'BRAND_NEW_NAME', secret);
        assert.equal(checkedRemove(added.text, 'BRAND_NEW_NAME').text, file.text, 'removing what was added restores the file');
      }
    });
  }
});

describe('dotenv: upsert', () => {
  it('replaces in place, keeping `export `, the line position and the inline comment', () => {
    const text = 'A=1\nexport VUED_API_KEY=old-value # old\nB=2\n';
    const r = checkedUpsert(text, 'VUED_API_KEY', 'new-value');
    assert.equal(r.text, 'A=1\nexport VUED_API_KEY=new-value # old\nB=2\n');
    assert.equal(r.edit.deleteLength, 'VUED_API_KEY=old-value'.length, 'the edit ends where the old value ends');
    assert.equal(r.edit.offset, text.indexOf('VUED_API_KEY'));
    assert.equal(r.replaced, true);
  });

  it('keeps the inline comment after a quoted value, and one after a value that needs quoting', () => {
    assert.equal(checkedUpsert('K="a b"   # note\r\n', 'K', 'x').text, 'K=x   # note\r\n');
    assert.equal(checkedUpsert("K='old'\t# note", 'K', 'a b').text, "K='a b'\t# note");
    assert.equal(checkedUpsert('K=old#not-kept\n', 'K', 'x').text, 'K=x\n');
  });

  it('replaces the last of several definitions (the one dotenv uses)', () => {
    const text = 'K=first\nA=1\nexport K="second"\n';
    const r = checkedUpsert(text, 'K', 'third');
    assert.equal(r.text, 'K=first\nA=1\nexport K=third\n');
  });

  it('replaces a multi-line value with one line, leaving the next line alone', () => {
    const r = checkedUpsert('A=1\r\nK="one\r\ntwo"\r\nB=2\r\n', 'K', 'x');
    assert.equal(r.text, 'A=1\r\nK=x\r\nB=2\r\n');
  });

  it('appends to a CRLF file with CRLF', () => {
    const r = checkedUpsert('A=1\r\nB=2\r\n', 'K', 'v');
    assert.equal(r.text, 'A=1\r\nB=2\r\nK=v\r\n');
    assert.deepEqual(r.edit, { offset: 10, deleteLength: 0, insertText: 'K=v\r\n' });
    assert.equal(r.replaced, false);
  });

  it('adds exactly one separator to a file without a final newline, and none after', () => {
    assert.equal(checkedUpsert('A=1', 'K', 'v').text, 'A=1\nK=v');
    assert.equal(checkedUpsert('A=1\r\nB=2', 'K', 'v').text, 'A=1\r\nB=2\r\nK=v');
    assert.equal(checkedUpsert('A=1\n', 'K', 'v').text, 'A=1\nK=v\n');
    assert.equal(checkedUpsert('A=1\n\n', 'K', 'v').text, 'A=1\n\nK=v\n');
  });

  it('writes NAME=value and a newline into an empty file, after a lone byte order mark', () => {
    assert.equal(checkedUpsert('', 'K', 'v').text, 'K=v\n');
    assert.equal(checkedUpsert('\uFEFF', 'K', 'v').text, '\uFEFFK=v\n');
    assert.equal(checkedUpsert('  ', 'K', 'v').text, '  \nK=v');
  });

  it('keeps a byte order mark at byte 0 when replacing the first line', () => {
    const r = checkedUpsert('\uFEFFK=old\n', 'K', 'new');
    assert.equal(r.text, '\uFEFFK=new\n');
  });

  it('quotes what needs quoting, in the file\'s line break style', () => {
    assert.equal(checkedUpsert('A=1\n', 'K', 'a b').text, "A=1\nK='a b'\n");
    assert.equal(checkedUpsert('A=1\r\n', 'K', "x'\ny\\n").text, 'A=1\r\nK=`x\'\r\ny\\n`\r\n');
  });

  it('throws EnvVariableExistsError when the name exists and replace is not set', () => {
    const text = 'K=1\nexport K=2\n';
    for (const opts of [undefined, {}, { replace: false }]) {
      assert.throws(
        () => upsertEnvVariable(text, 'K', 'v', opts),
        (e: unknown) => e instanceof EnvVariableExistsError && e.variableName === 'K' && e.definitions === 2,
      );
    }
  });

  it('replaces a dotted or dashed name with a quoted rewrite, keeping every other byte', () => {
    const text = 'A=1\r\nPOSTGRESQL.BASE.USER=old # the user\r\nmy-key=x\r\nB=2';
    const dotted = upsertEnvVariable(text, 'POSTGRESQL.BASE.USER', 'a b#c', { replace: true });
    assert.equal(dotted.text, "A=1\r\nPOSTGRESQL.BASE.USER='a b#c' # the user\r\nmy-key=x\r\nB=2");
    assert.deepEqual([...oracle(dotted.text)], [['A', '1'], ['POSTGRESQL.BASE.USER', 'a b#c'], ['my-key', 'x'], ['B', '2']]);
    const dashed = upsertEnvVariable(dotted.text, 'my-key', "it's", { replace: true });
    assert.equal(oracle(dashed.text).get('my-key'), "it's");
    assert.equal(dashed.text.replace('my-key="it\'s"', 'my-key=x'), dotted.text);
  });

  it('rejects invalid names and unwritable values', () => {
    assert.throws(() => upsertEnvVariable('', 'BAD NAME', 'v'), /not a variable name dotenv can read/);
    assert.throws(() => upsertEnvVariable('', '__proto__', 'v'), /never loaded/);
    assert.throws(() => upsertEnvVariable('', 'K', '#\\'), /cannot be written/);
  });

  it('refuses an edit that would change how another line reads', () => {
    // `A:` at the end of a file takes the next line as its value: appending would change A.
    assert.throws(() => upsertEnvVariable('A:', 'K', 'v'), EnvEditError);
    // An unclosed quote that would close on the new line.
    assert.throws(() => upsertEnvVariable("A='x\n", 'K', "y '#"), EnvEditError);
    assert.equal(oracle("A='x\n").get('A'), "'x");
  });
});

describe('dotenv: removeEnvVariable', () => {
  it('removes the line and its line break', () => {
    assert.equal(checkedRemove('A=1\nK=v # c\nB=2\n', 'K').text, 'A=1\nB=2\n');
    assert.equal(checkedRemove('A=1\r\nexport K=v\r\nB=2\r\n', 'K').text, 'A=1\r\nB=2\r\n');
  });

  it('removes every line of a multi-line value', () => {
    assert.equal(checkedRemove('A=1\nK="x\ny\nz"\nB=2\n', 'K').text, 'A=1\nB=2\n');
  });

  it('on the last line without a final newline, removes the line break before it', () => {
    assert.equal(checkedRemove('A=1\r\nK=v', 'K').text, 'A=1');
    assert.equal(checkedRemove('K=v', 'K').text, '');
  });

  it('keeps a byte order mark', () => {
    assert.equal(checkedRemove('\uFEFFK=v\nA=1\n', 'K').text, '\uFEFFA=1\n');
    assert.equal(checkedRemove('\uFEFFK=v', 'K').text, '\uFEFF');
  });

  it('removes the last definition; an earlier one takes effect', () => {
    const r = checkedRemove('K=first\nA=1\nK=second\n', 'K');
    assert.equal(r.text, 'K=first\nA=1\n');
    assert.equal(oracle(r.text).get('K'), 'first');
  });

  it('returns null when the name is not defined (comments do not count)', () => {
    assert.equal(removeEnvVariable('# K=1\nA=1\n', 'K'), null);
  });

  it('undoes an append exactly', () => {
    for (const text of ['', '\uFEFF', 'A=1', 'A=1\n', 'A=1\r\nB=2', 'A=1\r\nB=2\r\n']) {
      const added = upsertEnvVariable(text, 'K', 'v');
      assert.equal(removeEnvVariable(added.text, 'K')?.text, text, JSON.stringify(text));
    }
  });
});

describe('dotenv: findDefinitions and findValuesStartingWith', () => {
  const text = '# K=commented\nK=one\nexport K="vued_sk_two"\nOTHER=\'vued_sk_three\'\nX=vued_s\n';

  it('finds active definitions in order, with and without export', () => {
    const defs = findDefinitions(text, 'K');
    assert.deepEqual(
      defs.map((d) => [d.value, d.hasExport, text.slice(d.lineStart, d.lineEnd)]),
      [
        ['one', false, 'K=one'],
        ['vued_sk_two', true, 'export K="vued_sk_two"'],
      ],
    );
    assert.deepEqual(findDefinitions(text, 'MISSING'), []);
  });

  it('finds decoded values by prefix, including overridden ones', () => {
    assert.deepEqual(
      findValuesStartingWith(text, 'vued_sk_').map((e) => e.name),
      ['K', 'OTHER'],
    );
    assert.deepEqual(findValuesStartingWith(text, 'one').map((e) => e.value), ['one']);
    assert.deepEqual(findValuesStartingWith(text, ''), []);
  });
});

describe('dotenv: formatEnvValue', function () {
  this.timeout(120_000);

  /** The documented cases formatEnvValue refuses. */
  function unwritable(v: string): boolean {
    const unescaped = (q: string) => [...v].some((c, i) => c === q && (i === 0 || v[i - 1] !== '\\'));
    if (/^[A-Za-z0-9_./:@+\-=~,%]+$/.test(v)) {
      return false;
    }
    // Bare, as dotenv reads an unquoted value: up to a `#`, trimmed, not opening a quote.
    const bare = v !== '' && !v.includes('#') && !/[\r\n\u2028\u2029]/.test(v) && !/^[\s'"`]/.test(v) && !/\s$/.test(v);
    if (v.endsWith('\\')) {
      return !bare;
    }
    const breaks = /[\r\n]/.test(v);
    const single = !breaks && !unescaped("'");
    const double = !/\\[nr]/.test(v) && !unescaped('"');
    const multi = !v.includes('\r') && (!unescaped("'") || !unescaped('`'));
    return !single && !double && !multi && !bare;
  }

  /** dotenv reads the value back, alone and between other lines that must not change. */
  function roundTrips(v: string, eol: '\n' | '\r\n' = '\n'): void {
    let written: string;
    try {
      written = formatEnvValue(v, eol);
    } catch (e) {
      assert.ok(unwritable(v), `${JSON.stringify(v)} should be writable: ${(e as Error).message}`);
      return;
    }
    assert.ok(!unwritable(v), `${JSON.stringify(v)} was written as ${JSON.stringify(written)}`);
    assert.equal(dotenv.parse(`K=${written}`).K, v, JSON.stringify(written));
    const text = `A='a'${eol}K=${written} # note${eol}B="b'"${eol}C=c`;
    const parsed = dotenv.parse(text);
    assert.deepEqual(
      [parsed.A, parsed.K, parsed.B, parsed.C],
      ['a', v, "b'", 'c'],
      JSON.stringify(text),
    );
  }

  const printable: string[] = [];
  for (let c = 0x20; c <= 0x7e; c++) {
    printable.push(String.fromCharCode(c));
  }
  const specials = ['\n', '\r', '\t', '\r\n'];

  it('chooses the documented form', () => {
    assert.equal(formatEnvValue('vued_sk_AZaz09-._~+/=:@,%'), 'vued_sk_AZaz09-._~+/=:@,%');
    assert.equal(formatEnvValue('a b'), "'a b'");
    assert.equal(formatEnvValue(''), "''");
    assert.equal(formatEnvValue('a#b'), "'a#b'");
    assert.equal(formatEnvValue('\\n'), "'\\n'");
    assert.equal(formatEnvValue("it's"), '"it\'s"');
    assert.equal(formatEnvValue('a\nb'), '"a\\nb"');
    assert.equal(formatEnvValue('a\rb'), '"a\\rb"');
    assert.equal(formatEnvValue('a\nb\\n'), "'a\nb\\n'");
    assert.equal(formatEnvValue('a\nb\\n', '\r\n'), "'a\r\nb\\n'");
    assert.equal(formatEnvValue('\'"'), '`\'"`');
    assert.equal(formatEnvValue('a b\\'), 'a b\\');
    // All three quotes, none escaped: no quoted form fits, and dotenv reads it back bare.
    assert.equal(formatEnvValue('a\'b"c`d'), 'a\'b"c`d');
    assert.equal(dotenv.parse('K=a\'b"c`d').K, 'a\'b"c`d');
    assert.throws(() => formatEnvValue('\'b"c`d'), /all three kinds of quote/);
    assert.throws(() => formatEnvValue('# \\'), /ends with a backslash/);
    assert.throws(() => formatEnvValue('\'"`\n'), /all three kinds of quote/);
    assert.throws(() => formatEnvValue('"\r'), /carriage return/);
  });

  it('round-trips every printable ASCII character and pair', () => {
    for (const a of [...printable, ...specials]) {
      roundTrips(a);
      roundTrips(`x${a}y`);
      roundTrips(`${a}${a}${a}`);
      for (const b of [...printable, ...specials]) {
        roundTrips(a + b);
      }
    }
  });

  it('round-trips values mixing the hard characters, with LF and CRLF files', () => {
    const hard = ["'", '"', '`', '\\', 'n', 'r', '#', ' ', '\n', '\r', '=', 'x'];
    for (const a of hard) {
      for (const b of hard) {
        for (const c of hard) {
          roundTrips(`${a}${b}${c}`);
          roundTrips(`k${a}${b}${c}`, '\r\n');
          roundTrips(`${a}${b}${c}k${a}`, '\r\n');
        }
      }
    }
  });

  it('round-trips unicode', () => {
    for (const v of ['héllo', '日本語', '🔑 key', '\u00a0nbsp\u00a0', '\uFEFFbom', 'ls\u2028ps\u2029', 'ünï\ncødé', 'é\'"`\n']) {
      roundTrips(v);
    }
  });

  it('refuses exactly the documented unwritable values', () => {
    for (const v of ['# \\', ' \\', '\'\\', 'a\n\\', '\'"`\n', '\'"`\\n', '"\r', '\\n\r']) {
      assert.ok(unwritable(v), JSON.stringify(v));
      assert.throws(() => formatEnvValue(v), Error, JSON.stringify(v));
    }
  });
});
