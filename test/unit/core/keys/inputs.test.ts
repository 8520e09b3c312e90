/** The questions of the create flow: organization ID, key name and scopes, each refused with a sentence. */
import * as assert from 'node:assert/strict';
import { keyNameProblem as keyNameRule, normalizeOrgId, orgIdProblem as orgIdRule, parseScopes, scopesProblem as scopesRule } from '../../../../src/core/keys/inputs';
import { shortenId } from '../../../../src/core/common/text';
import { inEnglish } from '../../../support/messages';

const [orgIdProblem, keyNameProblem, scopesProblem] = [orgIdRule, keyNameRule, scopesRule].map(inEnglish);

describe('validation of the create inputs', () => {
  const table: Array<[string, (v: string) => string | undefined, string, RegExp | undefined]> = [
    ['org: a UUID', orgIdProblem, '5b0c2a4e-7f1d-4c8e-9a3b-2d6f8e1c0a97', undefined],
    ['org: upper-case UUID with spaces around', orgIdProblem, '  5B0C2A4E-7F1D-4C8E-9A3B-2D6F8E1C0A97 ', undefined],
    ['org: empty', orgIdProblem, '', /Enter the organization ID/],
    ['org: not a UUID', orgIdProblem, 'acme', /is a UUID/],
    ['org: UUID with a trailing character', orgIdProblem, '5b0c2a4e-7f1d-4c8e-9a3b-2d6f8e1c0a97x', /is a UUID/],
    ['org: path traversal', orgIdProblem, '../../admin', /is a UUID/],
    ['name: default', keyNameProblem, 'Public API key', undefined],
    ['name: unicode', keyNameProblem, 'Clé de déploiement ✓', undefined],
    ['name: empty', keyNameProblem, '', /Enter a name/],
    ['name: spaces only', keyNameProblem, '   ', /Enter a name/],
    ['name: a tab', keyNameProblem, 'a\tb', /control characters/],
    ['name: a line break', keyNameProblem, 'a\nb', /control characters/],
    ['name: a NUL', keyNameProblem, 'a\u0000b', /control characters/],
    ['name: U+2028', keyNameProblem, 'a\u2028b', /control characters/],
    ['name: 100 characters', keyNameProblem, 'x'.repeat(100), undefined],
    ['name: 101 characters', keyNameProblem, 'x'.repeat(101), /at most 100/],
    ['scopes: empty', scopesProblem, '', undefined],
    ['scopes: commas and spaces', scopesProblem, 'read, write  admin', undefined],
    ['scopes: a control character', scopesProblem, 'read\u0007', /control characters/],
    ['scopes: too many', scopesProblem, Array.from({ length: 51 }, (_, i) => `s${i}`).join(' '), /At most 50/],
    ['scopes: one too long', scopesProblem, 'x'.repeat(101), /at most 100/],
    ['scopes: identifiers with : / * . -', scopesProblem, 'keys:read audio/* org.admin web-hooks', undefined],
    ['scopes: a quote inside', scopesProblem, 'read "write"', /is not a scope/],
    ['scopes: a semicolon inside', scopesProblem, 'read;write', /is not a scope/],
    ['scopes: non-ASCII', scopesProblem, 'lecture·écriture', /is not a scope/],
  ];
  for (const [title, validate, input, expected] of table) {
    it(title, () => {
      const message = validate(input);
      if (expected === undefined) {
        assert.equal(message, undefined);
      } else {
        assert.ok(message, `"${input}" is rejected`);
        assert.match(message, expected);
      }
    });
  }

  it('parses scopes: trimmed, split on commas and white space, de-duplicated in order', () => {
    assert.deepEqual(parseScopes(' read,write ,, read\tadmin\n'), ['read', 'write', 'admin']);
    assert.deepEqual(parseScopes(''), []);
    assert.deepEqual(parseScopes(' , '), []);
  });

  it('normalises and shortens organization IDs', () => {
    assert.equal(normalizeOrgId(' 5B0C2A4E-7F1D-4C8E-9A3B-2D6F8E1C0A97 '), '5b0c2a4e-7f1d-4c8e-9a3b-2d6f8e1c0a97');
    assert.equal(shortenId('5b0c2a4e-7f1d-4c8e-9a3b-2d6f8e1c0a97'), '5b0c2a4e…0a97');
    assert.equal(shortenId('short'), 'short');
  });
});
