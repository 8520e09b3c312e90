/** The .env reader, checked against dotenv itself on a corpus of tricky files and on dotenv's corners. */
import assert from 'node:assert/strict';
import { detectEol, envValues, isEnvWhitespace, parseEnv } from '../../../../src/core/dotenv/parse';
import { CORPUS, dotenvReads as oracle } from '../../../support/envOracle';

describe('dotenv: parse agrees with dotenv', () => {
  for (const file of CORPUS) {
    it(`${file.title}`, () => {
      assert.deepEqual(envValues(parseEnv(file.text)), oracle(file.text));
    });
  }

  it('reads the corners of dotenv the same way', () => {
    const texts = [
      'A:\nB=1', // a colon takes the next line as the value
      'A=\n\'x\'\nB=2', // an empty value followed by a quoted line takes that line
      'A\n=1', // the name and = may be on different lines
      'export\nA=1',
      "A='a'b'", // not a quoted value: the wrapping quotes are removed afterwards
      "A='abc\\'\nB=x'", // the closing quote follows a backslash: dotenv looks further
      'A="abc\nB=1', // unclosed quote: the rest of the line, quote included
      'A="a\\nb"\nB=\'a\\nb\'\nC=a\\nb\nD= "a\\nb" c',
      '# x\u2028A=1', // U+2028 starts a line for dotenv
      "A='x'\u2028b",
      'A=1\rB=2\r', // lone CR line breaks
      'export =1\nexport export=2',
    ];
    for (const text of texts) {
      assert.deepEqual(envValues(parseEnv(text)), oracle(text), JSON.stringify(text));
    }
  });

  it('reports offsets, quote, export and the lines of each definition', () => {
    const text = '\uFEFFA=1\r\n  export B = "x\r\ny" # c\r\nC=\'q\'\r\n';
    const [a, b, c] = parseEnv(text);
    assert.deepEqual(
      { name: a.name, lineStart: a.lineStart, lineEnd: a.lineEnd, value: a.value, quote: a.quote, hasExport: a.hasExport },
      { name: 'A', lineStart: 1, lineEnd: 4, value: '1', quote: null, hasExport: false },
    );
    assert.equal(text.slice(a.valueStart, a.valueEnd), '1');
    assert.equal(text.slice(b.lineStart, b.lineEnd), '  export B = "x\r\ny" # c');
    assert.equal(text.slice(b.nameStart, b.assignEnd), 'B =');
    assert.equal(text.slice(b.valueStart, b.valueEnd), '"x\r\ny"');
    assert.equal(b.value, 'x\ny');
    assert.equal(b.quote, '"');
    assert.equal(b.hasExport, true);
    assert.equal(text.slice(c.valueStart, c.valueEnd), "'q'");
    assert.equal(c.quote, "'");
  });

  it('treats exactly JavaScript whitespace as whitespace', () => {
    for (let c = 0; c <= 0xffff; c++) {
      assert.equal(isEnvWhitespace(c), /\s/.test(String.fromCharCode(c)), `U+${c.toString(16)}`);
    }
  });
});

describe('dotenv: detectEol', () => {
  it('finds the dominant line break', () => {
    assert.equal(detectEol(''), '\n');
    assert.equal(detectEol('A=1'), '\n');
    assert.equal(detectEol('A=1\r\n'), '\r\n');
    assert.equal(detectEol('A=1\nB=2\n'), '\n');
    assert.equal(detectEol('A=1\r\nB=2\r\nC=3\n'), '\r\n');
    assert.equal(detectEol('A=1\r\nB=2\nC=3\n'), '\n');
  });
});
