/** The rule for a typed access token: what is refused, and that the sentence never repeats the token. */
import * as assert from 'node:assert/strict';
import { tokenProblem as tokenRule } from '../../../../src/core/api/token';
import { inEnglish } from '../../../support/messages';

const tokenProblem = inEnglish(tokenRule);

describe('validation of an access token', () => {
  const table: Array<[string, string, RegExp | undefined]> = [
    ['a token of visible ASCII', 'vt_Q7mZ2xK9pL4wR8nB3cV6yT1hJ5gF0dS2aE7uIo', undefined],
    ['ASCII symbols', 'a.b-c_d~e+f/g=h:i!j', undefined],
    ['spaces around (trimmed)', '  vt_abc  ', undefined],
    ['empty', '   ', /Paste your Vued access token/],
    ['a euro sign', 'vt_abc€def', /outside visible ASCII \(U\+20AC\)/],
    ['a no-break space inside', 'vt_abc\u00a0def', /spaces, line breaks/],
    ['a zero-width space', 'vt_abc\u200bdef', /outside visible ASCII \(U\+200B\)/],
    ['a space inside', 'vt_abc def', /spaces, line breaks/],
    ['a line break inside', 'vt_abc\ndef', /spaces, line breaks/],
    ['8,193 characters', 'x'.repeat(8193), /longer than any/],
  ];
  for (const [title, value, problem] of table) {
    it(title, () => {
      const got = tokenProblem(value);
      if (problem === undefined) assert.equal(got, undefined);
      else assert.match(got ?? '', problem);
    });
  }
  it('never repeats the token in its sentence', () => {
    const token = 'vt_Q7mZ2xK9pL4wR8€nB3cV6yT1hJ5gF0dS2aE7uIo';
    const said = tokenProblem(token) ?? '';
    assert.ok(said !== '');
    for (let i = 0; i + 4 <= token.length; i++) assert.ok(!said.includes(token.slice(i, i + 4)), token.slice(i, i + 4));
  });
});
