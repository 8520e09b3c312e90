/**
 * Property tests for the .env editor, with dotenv itself as the oracle.
 *
 * Runs: VUED_PROPERTY_RUNS (default 10,000) per property. The main property prints
 * `dotenv property: N generated cases` when it is done.
 *
 * The main property generates files dotenv reads unambiguously, so that "dotenv reads the same
 * values as before" is a meaningful check. Left out, because dotenv then lets one line change the
 * meaning of another (its regular expression skips line breaks in places), or because the result
 * depends on details other .env readers disagree on:
 * - lines whose first non-blank character is a quote or `=`: after `NAME=` with nothing else on
 *   the line, dotenv takes a following quoted line as the value; a line starting with `=` joins the
 *   name on the line above;
 * - `NAME:` separators (`NAME:` then a line break takes the whole next line as the value), and
 *   `export` alone on a line (it applies to the name on the next line);
 * - quoted values containing their own quote (even after a backslash), ending with a backslash, or
 *   never closed: dotenv then searches further down the file for a closing quote;
 * - unquoted values starting with a quote;
 * - lone CR line breaks and U+2028/U+2029 (dotenv treats them as line breaks too);
 * Names like `__proto__`, `constructor` and the other names of Object.prototype are generated:
 * dotenv collects values in a plain object and never loads `__proto__`, so the parser is compared
 * with dotenv on the names dotenv can load (`envNameProblem` refuses the others, and a
 * property checks that it refuses exactly those).
 * Two further properties throw arbitrary text with all of those in it at the parser and the editor.
 */
import assert from 'node:assert/strict';
import * as dotenv from 'dotenv';
import * as fc from 'fast-check';
import {
  EnvEditError,
  EnvVariableExistsError,
  findDefinitions,
  formatEnvValue,
  removeEnvVariable,
  upsertEnvVariable,
  type EnvEditResult,
} from '../../../../src/core/dotenv/edit';
import { detectEol, type EnvEntry, envValues, parseEnv, reparseAfterEdit } from '../../../../src/core/dotenv/parse';
import { envNameProblem } from '../../../../src/core/dotenv/names';
import { assertOnlyEditChanged } from '../../../support/envOracle';

const RUNS = (() => {
  const n = Number(process.env.VUED_PROPERTY_RUNS);
  return Number.isInteger(n) && n > 0 ? n : 10_000;
})();

const TARGET = 'VUED_API_KEY';

function oracle(text: string): Map<string, string> {
  return new Map(Object.entries(dotenv.parse(text)));
}

/** What the parser reads, for the names dotenv can load (the ones a user may choose). */
function loadable(values: Map<string, string>): Map<string, string> {
  return new Map([...values].filter(([k]) => envNameProblem(k) === undefined));
}

/** Names that are properties of every plain object, where a reader built on `{}` can go wrong. */
const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf'];

function join(parts: fc.Arbitrary<string[]>): fc.Arbitrary<string> {
  return parts.map((a) => a.join(''));
}

function stringFrom(pool: readonly string[], minLength: number, maxLength: number): fc.Arbitrary<string> {
  return join(fc.array(fc.constantFrom(...pool), { minLength, maxLength }));
}

const LETTERS = [...'ABCXYZabcxyz0189_'];
const SAFE = [...LETTERS, ...'./:@+-=~,%'];
/** Characters for quoted values and comments (each quote kind is added where allowed). */
const TEXT = [...LETTERS, ' ', ' ', '\t', '#', '=', '\\', 'n', 'r', '$', '{', '}', 'é', '🔑', ':', '.'];

const indent = fc.constantFrom('', '', '', '  ', '\t');
const spacing = fc.constantFrom('', '', '', ' ', '\t');
const name = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(TARGET, TARGET, 'A', 'DB_URL', 'lower_case', 'X1', 'dotted.name', 'dash-name', 'export') },
  { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES) },
);

/** A quoted value's content, without its quote and not ending with a backslash. */
function quotedContent(quote: string, maxLength: number): fc.Arbitrary<string> {
  const others = ["'", '"', '`'].filter((q) => q !== quote);
  return stringFrom([...TEXT, ...others], 0, maxLength).map((s) => (s.endsWith('\\') ? `${s}x` : s));
}

/** Lines inside a multi-line value, including some that would mean something outside quotes. */
function continuationLine(quote: string): fc.Arbitrary<string> {
  return fc.oneof(
    quotedContent(quote, 12),
    fc.constantFrom(`${TARGET}=inside-a-value`, '# not a comment', 'export A=inside', '', '   '),
  );
}

/** The value as written, given the file's line break. */
function writtenValue(eol: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant('') },
    {
      weight: 4,
      arbitrary: fc
        .tuple(fc.constantFrom(...SAFE), stringFrom([...SAFE, ' ', "'", '"', '`', '\\', 'é'], 0, 16))
        .map(([a, b]) => a + b),
    },
    { weight: 2, arbitrary: quotedContent("'", 16).map((s) => `'${s}'`) },
    { weight: 2, arbitrary: quotedContent('"', 16).map((s) => `"${s}"`) },
    { weight: 1, arbitrary: quotedContent('`', 16).map((s) => `\`${s}\``) },
    {
      weight: 2,
      arbitrary: fc
        .constantFrom('"', "'", '`')
        .chain((q) => fc.array(continuationLine(q), { minLength: 2, maxLength: 4 }).map((ls) => `${q}${ls.join(eol)}${q}`)),
    },
  );
}

const trailing = fc.oneof(
  { weight: 6, arbitrary: fc.constant('') },
  { weight: 1, arbitrary: fc.constantFrom(' ', '\t', '  ') },
  { weight: 2, arbitrary: stringFrom([...TEXT, "'", '"', '`'], 0, 12).map((c) => ` # ${c}`) },
  { weight: 1, arbitrary: stringFrom([...TEXT, "'", '"'], 0, 8).map((c) => `#${c}`) },
);

function definition(eol: string): fc.Arbitrary<string> {
  return fc
    .record({
      indent,
      exported: fc.oneof({ weight: 3, arbitrary: fc.constant('') }, { weight: 1, arbitrary: fc.constantFrom('export ', 'export  ', 'export\t') }),
      name,
      before: spacing,
      after: spacing,
      value: writtenValue(eol),
      trailing,
    })
    .map((d) => `${d.indent}${d.exported}${d.name}${d.before}=${d.after}${d.value}${d.trailing}`);
}

const comment = fc
  .tuple(indent, stringFrom([...TEXT, "'", '"', '`'], 0, 16), fc.constantFrom('', '', `${TARGET}=commented-out `, 'export A=1 '))
  .map(([i, text, def]) => `${i}#${def}${text}`);

const blank = fc.constantFrom('', '', ' ', '\t', '   ');

/** Lines dotenv does not read as definitions. */
const ignored = fc.constantFrom('just some words', 'ÄPFEL=1', '[section]', '-- not a name --');

interface GeneratedFile {
  text: string;
  eolMode: 'lf' | 'crlf' | 'mixed';
}

const envFile: fc.Arbitrary<GeneratedFile> = fc
  .record({
    eolMode: fc.constantFrom<GeneratedFile['eolMode']>('lf', 'crlf', 'mixed'),
    bom: fc.boolean(),
    finalNewline: fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
    crlfBreaks: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
  })
  .chain((f) => {
    const eol = f.eolMode === 'crlf' ? '\r\n' : '\n';
    const line = fc.oneof(
      { weight: 6, arbitrary: definition(eol) },
      { weight: 2, arbitrary: comment },
      { weight: 2, arbitrary: blank },
      { weight: 1, arbitrary: ignored },
    );
    return fc.array(line, { maxLength: 20, size: 'medium' }).map((lines) => {
      const breakAt = (i: number) =>
        f.eolMode === 'mixed' ? (f.crlfBreaks[i % f.crlfBreaks.length] ? '\r\n' : '\n') : eol;
      let text = f.bom ? '\uFEFF' : '';
      lines.forEach((l, i) => {
        text += l;
        if (i < lines.length - 1 || f.finalNewline) {
          text += breakAt(i);
        }
      });
      return { text, eolMode: f.eolMode };
    });
  });

/** Mostly realistic keys; some with quotes, `#`, spaces, backslashes and line breaks. */
const secret = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom('vued_sk_', 'sk-', ''), stringFrom([...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'], 8, 48))
      .map(([p, s]) => p + s),
  },
  {
    weight: 1,
    arbitrary: stringFrom([...'aZ09_-', "'", '"', '#', ' ', '\\', 'n', '\n', '=', '$'], 0, 24).map((s) =>
      s.endsWith('\\') ? `${s}z` : s,
    ),
  },
);

function assertOthersUnchanged(before: Map<string, string>, after: Map<string, string>, except: string): void {
  for (const key of new Set([...before.keys(), ...after.keys()])) {
    if (key !== except) {
      assert.equal(after.get(key), before.get(key), `${key} is unchanged`);
    }
  }
}

describe('dotenv: property tests against dotenv', function () {
  this.timeout(300_000);
  let cases = 0;

  after(() => {
    console.log(`dotenv property: ${cases} generated cases`);
  });

  it('upsert writes the secret, changes nothing else, and remove undoes it', () => {
    fc.assert(
      fc.property(envFile, secret, ({ text, eolMode }, value) => {
        cases++;
        const before = oracle(text);
        assert.deepEqual(loadable(envValues(parseEnv(text))), before, 'the parser reads the file as dotenv does');
        const defs = findDefinitions(text, TARGET);
        const exists = before.has(TARGET);
        assert.equal(defs.length > 0, exists);
        if (exists) {
          assert.throws(() => upsertEnvVariable(text, TARGET, value), EnvVariableExistsError);
        }

        const r = upsertEnvVariable(text, TARGET, value, { replace: true });
        assertOnlyEditChanged(text, r);
        const after = oracle(r.text);
        assert.equal(after.get(TARGET), value, 'dotenv reads the new secret');
        assertOthersUnchanged(before, after, TARGET);
        assert.deepEqual(loadable(envValues(parseEnv(r.text))), after, 'the parser reads the result as dotenv does');
        assert.equal(r.replaced, exists);
        if (text.startsWith('\uFEFF')) {
          assert.ok(r.text.startsWith('\uFEFF') && !r.text.startsWith('\uFEFF\uFEFF'), 'the BOM stays at byte 0');
        }

        if (exists) {
          // Only the last definition changes, from its name to the end of its value (or of its line):
          // `export `, the line and a trailing " # comment" stay.
          const last = defs[defs.length - 1];
          const keepsComment = /^[ \t]+#/.test(text.slice(last.valueEnd, last.lineEnd));
          assert.equal(r.edit.offset, last.nameStart);
          assert.equal(r.edit.offset + r.edit.deleteLength, keepsComment ? last.valueEnd : last.lineEnd);
          const now = findDefinitions(r.text, TARGET);
          assert.equal(now.length, defs.length);
          assert.equal(now[now.length - 1].lineStart, last.lineStart);
          assert.equal(now[now.length - 1].hasExport, last.hasExport);
        } else {
          assert.equal(r.edit.offset, text.length);
          assert.equal(r.edit.deleteLength, 0);
          const eol = detectEol(text);
          const line = `${TARGET}=${formatEnvValue(value, eol)}`;
          if (text === '' || text === '\uFEFF') {
            assert.equal(r.edit.insertText, `${line}\n`);
          } else if (/[\r\n]$/.test(text)) {
            assert.equal(r.edit.insertText, `${line}${eol}`);
          } else {
            assert.equal(r.edit.insertText, `${eol}${line}`);
          }
          if (eolMode === 'crlf' && text.includes('\n')) {
            assert.ok(!/(^|[^\r])\n/.test(r.edit.insertText), 'a CRLF file gets CRLF');
          }
          if (eolMode === 'lf') {
            assert.ok(!r.edit.insertText.includes('\r'), 'an LF file gets LF');
          }
        }

        const removed = removeEnvVariable(r.text, TARGET);
        assert.ok(removed);
        assertOnlyEditChanged(r.text, removed);
        if (!exists) {
          assert.equal(removed.text, text, 'removing what was appended restores the file');
        } else {
          const left = oracle(removed.text);
          assertOthersUnchanged(after, left, TARGET);
          assert.equal(left.get(TARGET), oracle(r.text.slice(0, removed.edit.offset)).get(TARGET));
        }
      }),
      { numRuns: RUNS },
    );
    assert.ok(cases >= RUNS);
  });

  /** Fragments that exercise every corner of dotenv's reading, including the excluded ones. */
  const SOUP = [
    'A', 'B', 'K', 'x', 'AB', '.', '-', 'n', 'r', 'a b', '=', '=', ':', ' ', '\t', '\v', '\u00a0', '#',
    "'", '"', '`', '\\', '\n', '\n', '\r\n', '\r', '\u2028', '\u2029', '\uFEFF', 'export', 'export ',
    'export\n', 'A=', 'K=', '\nA=', '\nK=', '\nexport K=', "='", '="', '=`', '\n__proto__=', '\nconstructor=', 'toString',
  ];
  const soup = fc.array(fc.constantFrom(...SOUP), { minLength: 1, maxLength: 60, size: 'medium' }).map((a) => a.join(''));

  it('the parser reads arbitrary text exactly as dotenv does', () => {
    fc.assert(
      fc.property(soup, (text) => {
        assert.deepEqual(loadable(envValues(parseEnv(text))), oracle(text));
      }),
      { numRuns: RUNS },
    );
  });

  it('on arbitrary text, upsert and remove are correct or refuse with EnvEditError', () => {
    let done = 0;
    fc.assert(
      fc.property(soup, secret, (text, value) => {
        let r: EnvEditResult;
        try {
          r = upsertEnvVariable(text, 'K', value, { replace: true });
        } catch (e) {
          assert.ok(e instanceof EnvEditError, String(e));
          return;
        }
        done++;
        assertOnlyEditChanged(text, r);
        const before = oracle(text);
        const after = oracle(r.text);
        assert.equal(after.get('K'), value);
        assertOthersUnchanged(before, after, 'K');
        let removed: EnvEditResult | null;
        try {
          removed = removeEnvVariable(r.text, 'K');
        } catch (e) {
          assert.ok(e instanceof EnvEditError, String(e));
          return;
        }
        assert.ok(removed);
        assertOnlyEditChanged(r.text, removed);
        assertOthersUnchanged(after, oracle(removed.text), 'K');
      }),
      { numRuns: RUNS },
    );
    assert.ok(done >= RUNS / 2, `most edits go through (${done} of ${RUNS})`);
  });

  it('a variable name is refused exactly when dotenv does not load it (prototype names included)', () => {
    const names = fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES), stringFrom([...LETTERS, '.', '-', '_', '$', ' ', 'é', ':'], 1, 12));
    fc.assert(
      fc.property(names, (n) => {
        const read = dotenv.parse(`${n}=v1\n`);
        const loaded = Object.prototype.hasOwnProperty.call(read, n) && read[n] === 'v1';
        assert.equal(envNameProblem(n) === undefined, loaded, n);
      }),
      { numRuns: RUNS },
    );
  });

  it('re-parsing after an edit from the last unaffected definition equals a full parse (arbitrary text, arbitrary edits)', () => {
    const shape = (e: EnvEntry) => [e.name, e.nameStart, e.assignEnd, e.valueStart, e.valueEnd, e.lineStart, e.lineEnd, e.hasExport, e.quote, e.value];
    fc.assert(
      fc.property(soup, soup, fc.nat(), fc.nat(), (text, inserted, at, length) => {
        const offset = at % (text.length + 1);
        const deleteLength = length % (text.length - offset + 1);
        const after = text.slice(0, offset) + inserted + text.slice(offset + deleteLength);
        const reused = reparseAfterEdit(text, after, offset).map(shape);
        assert.deepEqual(reused, parseEnv(after).map(shape));
      }),
      { numRuns: RUNS },
    );
  });
});
