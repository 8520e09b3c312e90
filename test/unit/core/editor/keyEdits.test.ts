/**
 * Replace with a new key…: the new secret goes over exactly the old secret's characters wherever
 * they are, checked against dotenv (the variable reads its old value with old → new, every other
 * variable as before) and byte for byte (nothing else in the file changes).
 */
import assert from 'node:assert/strict';
import * as dotenv from 'dotenv';
import { findEnvKeyFindings, planSecretReplacement } from '../../../../src/core/editor';
import { EnvEditError } from '../../../../src/core/dotenv';
import { applyEdit } from '../../../../src/core/common/textEdit';
import { apiKey, knownKey } from '../../../support/builders';

const NOW = Date.UTC(2026, 11, 1, 12);
const OLD = 'vued_sk_Ol7qQwErTyUiOpAsDfGhJkLzXcVb';
const OTHER = 'vued_sk_Zz9qMnBvCxZlKjHgFdSaPoIuYtRe';
const NEW = 'vued_sk_Nw3x-AbCdEf_GhIjKl-MnOpQr_StUv';
const OLD_KEY = knownKey(apiKey('k-old', { name: 'old', keyPrefix: 'vued_sk_Ol7q', scopes: [], createdAt: NOW - 1e9, expiresAt: NOW - 1e6 }));

/** Replaces the `nth` occurrence of OLD that the findings give (0-based) and checks the result. */
function replaceAndCheck(text: string, nth = 0, variable?: string): string {
  const findings = findEnvKeyFindings(text, [OLD_KEY], NOW).filter((f) => f.key?.key.id === 'k-old');
  const f = findings[nth];
  assert.ok(f, `occurrence ${nth} found in ${JSON.stringify(text)}`);
  assert.equal(text.slice(f.range.start, f.range.end), OLD);
  assert.equal(f.variable, variable);
  const edit = planSecretReplacement(text, f.range, NEW);
  const after = applyEdit(text, edit);
  // Every other byte kept: only the old secret's characters changed.
  assert.equal(after, text.slice(0, f.range.start) + NEW + text.slice(f.range.end));
  const before = dotenv.parse(text);
  const now = dotenv.parse(after);
  const expected = { ...before };
  if (variable !== undefined) {
    // The old value with this one occurrence of the old key replaced (counted the same way in the decoded value).
    const parts = before[variable].split(OLD);
    const k = findings.filter((x) => x.variable === variable).indexOf(f);
    expected[variable] = parts.slice(0, k + 1).join(OLD) + NEW + parts.slice(k + 1).join(OLD);
  }
  assert.deepEqual(now, expected, JSON.stringify(text));
  return after;
}

describe('editor: Replace with a new key…', () => {
  it('writes over one key of a list, and keeps the other byte for byte', () => {
    const text = `KEYS=${OLD},${OTHER}\nB=2\n`;
    assert.equal(replaceAndCheck(text, 0, 'KEYS'), `KEYS=${NEW},${OTHER}\nB=2\n`);
    assert.equal(dotenv.parse(replaceAndCheck(`KEYS="${OTHER}, ${OLD}"`, 0, 'KEYS')).KEYS, `${OTHER}, ${NEW}`);
  });

  it('keeps a suffix, a URL around the key, Bearer, JSON, a leading space, quotes, export, CRLF and a BOM', () => {
    assert.equal(dotenv.parse(replaceAndCheck(`\uFEFFexport ORG_KEY=${OLD}:org_42 # note\r\nX=1\r\n`, 0, 'ORG_KEY')).ORG_KEY, `${NEW}:org_42`);
    replaceAndCheck(`DB=https://u:${OLD}@db.example.com/v1\n`, 0, 'DB');
    replaceAndCheck(`AUTH="Bearer ${OLD}"\r\n`, 0, 'AUTH');
    replaceAndCheck(`JSON='{"key":"${OLD}","n":1}'`, 0, 'JSON');
    replaceAndCheck(`SPACED=" ${OLD}"\nNEXT=x`, 0, 'SPACED');
    replaceAndCheck(`TICK=\`${OLD}\`\n`, 0, 'TICK');
  });

  it('in a multi-line value: the occurrence on its line, real line breaks or \\n escapes, CRLF kept', () => {
    replaceAndCheck(`A="line one\r\n${OLD}\r\nline three"\r\nB=2\r\n`, 0, 'A');
    replaceAndCheck(`A="one\\n${OLD}\\ntwo"\n`, 0, 'A');
    replaceAndCheck(`A='one\n  ${OLD}, ${OTHER}\n'\n`, 0, 'A');
  });

  it('the second of two equal keys in one value is the one replaced', () => {
    assert.equal(dotenv.parse(replaceAndCheck(`KEYS=${OLD},${OLD}\n`, 1, 'KEYS')).KEYS, `${OLD},${NEW}`);
    assert.equal(dotenv.parse(replaceAndCheck(`A=${OLD}\nKEYS="${OLD} ${OLD}"\n`, 2, 'KEYS')).KEYS, `${OLD} ${NEW}`);
  });

  it('in a comment, whole-line or after a value: no variable changes', () => {
    assert.equal(replaceAndCheck(`# old: ${OLD}\nA=1\n`, 0), `# old: ${NEW}\nA=1\n`);
    assert.equal(replaceAndCheck(`A=1 # was ${OLD}\n`, 0), `A=1 # was ${NEW}\n`);
  });

  it('refuses a new secret that would change how the file reads, naming the line, never a value', () => {
    const cases: Array<[string, string]> = [
      [`A=${OLD}\n`, 'bad #comment'],
      [`# ${OLD}\n`, 'x\nB=1'],
      [`A="pre ${OLD} post" # c\n`, 'x" # y'],
      [`A=x\n# ${OLD}\n`, ''],
    ];
    for (const [text, bad] of cases) {
      const f = findEnvKeyFindings(text, [OLD_KEY], NOW)[0];
      assert.throws(() => planSecretReplacement(text, f.range, bad), (e: unknown) => {
        assert.ok(e instanceof EnvEditError);
        assert.match(e.message, /on line \d+ without changing how the file reads/);
        assert.ok(!e.message.includes(OLD) && (bad === '' || !e.message.includes(bad)));
        return true;
      }, JSON.stringify([text, bad]));
    }
  });
});
