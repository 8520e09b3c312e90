import * as assert from 'node:assert/strict';
import { parseCustomDate, presetExpiry, sameLifetime } from '../../../../src/core/keys/expiry';
import { appendLine, gitignorePatternFor, hasGitignoreLine } from '../../../../src/core/dotenv/gitignore';
import * as dotenv from 'dotenv';
import { envNameProblem as envNameRule, newEnvNameProblem as newEnvNameRule } from '../../../../src/core/dotenv/names';
import { keyNameProblem as keyNameRule, normalizeOrgId, orgIdProblem as orgIdRule, parseScopes, scopesProblem as scopesRule } from '../../../../src/core/keys/inputs';
import { shortenId } from '../../../../src/core/common/text';
import { tokenProblem as tokenRule } from '../../../../src/core/api/token';
import { english, type Message } from '../../../../src/core/common/messages';

/** A rule's problem in English, as the unit tests read it. */
const inEnglish = (rule: (value: string) => Message | undefined) => (value: string): string | undefined => {
  const problem = rule(value);
  return problem && english(problem);
};
const [orgIdProblem, keyNameProblem, scopesProblem, tokenProblem, envNameProblem, newEnvNameProblem] = [orgIdRule, keyNameRule, scopesRule, tokenRule, envNameRule, newEnvNameRule].map(inEnglish);

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

describe('expiry', () => {
  const now = new Date('2026-11-26T10:00:00.000Z');
  it('presets count from now in UTC; never is null', () => {
    assert.equal(presetExpiry('never', now), null);
    assert.equal(presetExpiry('30d', now), '2026-12-26T10:00:00.000Z');
    assert.equal(presetExpiry('90d', now), '2027-02-24T10:00:00.000Z');
    assert.equal(presetExpiry('1y', now), '2027-11-26T10:00:00.000Z');
  });
  it('a custom date is the end of that day, UTC, and must be in the future', () => {
    assert.deepEqual(parseCustomDate('2027-01-31', now), { ok: true, iso: '2027-01-31T23:59:59.999Z' });
    assert.deepEqual(parseCustomDate(' 2026-11-26 ', now), { ok: true, iso: '2026-11-26T23:59:59.999Z' });
    const rejected: Array<[string, RegExp]> = [
      ['2026-11-25', /future/],
      ['2020-01-01', /future/],
      ['2027-02-30', /not a real date/],
      ['2027-13-01', /not a real date/],
      ['27-01-01', /YYYY-MM-DD/],
      ['2027/01/01', /YYYY-MM-DD/],
      ['tomorrow', /YYYY-MM-DD/],
      ['', /YYYY-MM-DD/],
    ];
    for (const [input, reason] of rejected) {
      const r = parseCustomDate(input, now);
      assert.equal(r.ok, false, input);
      assert.match((r as { reason: string }).reason, reason, input);
    }
  });
  it('the same lifetime again from now, or never', () => {
    const created = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(sameLifetime(created, undefined, now), null);
    assert.equal(sameLifetime(created, created + 30 * 86400_000, now), '2026-12-26T10:00:00.000Z');
  });
});

describe('.gitignore entries', () => {
  it('anchors the file name and escapes glob characters', () => {
    assert.equal(gitignorePatternFor('.env'), '/.env');
    assert.equal(gitignorePatternFor('.env.local'), '/.env.local');
    assert.equal(gitignorePatternFor('a[1]*.env'), '/a\\[1\\]\\*.env');
    assert.equal(gitignorePatternFor('#x'), '/\\#x');
  });
  it('appends one line, keeping every other byte and the file\'s line breaks', () => {
    assert.equal(appendLine('', '/.env'), '/.env\n');
    assert.equal(appendLine('node_modules/\n', '/.env'), 'node_modules/\n/.env\n');
    assert.equal(appendLine('node_modules/', '/.env'), 'node_modules/\n/.env\n');
    assert.equal(appendLine('# a\r\nnode_modules/\r\n', '/.env'), '# a\r\nnode_modules/\r\n/.env\r\n');
    assert.equal(appendLine('# a\r\nb', '/.env'), '# a\r\nb\r\n/.env\r\n');
    assert.equal(appendLine('\uFEFF', '/.env'), '\uFEFF/.env\n');
  });
  it('sees an existing entry', () => {
    assert.equal(hasGitignoreLine('a\r\n/.env\r\n', '/.env'), true);
    assert.equal(hasGitignoreLine('a\n# /.env\n', '/.env'), false);
  });
});

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

describe('validation of a .env variable name against what dotenv loads', () => {
  const names = [
    'VUED_API_KEY', 'a', 'dotted.name', 'POSTGRESQL.BASE.USER', 'dash-name', '1LEADING_DIGIT', 'export',
    '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__', 'isPrototypeOf',
    'has space', 'é', 'a$b', 'a:b', '',
  ];
  for (const name of names) {
    it(`${JSON.stringify(name)}: refused exactly when dotenv does not load it`, () => {
      const loaded = Object.prototype.hasOwnProperty.call(dotenv.parse(`${name}=value-of-it\n`), name) && dotenv.parse(`${name}=value-of-it\n`)[name] === 'value-of-it';
      const problem = envNameProblem(name);
      assert.equal(problem === undefined, loaded, problem ?? 'accepted');
      if (problem !== undefined) assert.match(problem, name === '' ? /Enter a variable name/ : /cannot be read|never loaded/);
    });
  }
  it('says why __proto__ is refused', () => {
    assert.match(envNameProblem('__proto__') ?? '', /never loaded from a \.env file/);
  });
});

describe('validation of a name typed for a new variable', () => {
  it('accepts portable names that dotenv loads, and says why it refuses the others', () => {
    for (const ok of ['VUED_API_KEY', 'a', '_x9', 'constructor', 'toString']) {
      assert.equal(newEnvNameProblem(ok), undefined, ok);
      assert.equal(dotenv.parse(`${ok}=v`)[ok], 'v', `dotenv loads ${ok}`);
    }
    assert.match(newEnvNameProblem('__proto__') ?? '', /never loaded from a \.env file/);
    assert.match(newEnvNameProblem('') ?? '', /Enter a variable name/);
    for (const bad of ['1BAD', 'BAD-NAME', 'dotted.name', 'A B', 'é']) {
      assert.match(newEnvNameProblem(bad) ?? '', /letters, digits and _/, bad);
    }
  });
});
