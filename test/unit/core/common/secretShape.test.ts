import { strict as assert } from 'assert';
import {
  findSecrets, isSecretShaped, MIN_KNOWN_REST, MIN_SECRET_BODY, replaceSecrets, SECRET_PREFIX, SecretRecognizer, tokenEnd,
} from '../../../../src/core/common/secretShape';

describe('secret shape', () => {
  const secret = `${SECRET_PREFIX}${'Ab3'.repeat(14)}`;

  it('recognises a whole secret and rejects near misses', () => {
    assert.equal(isSecretShaped(secret), true);
    assert.equal(isSecretShaped(`${SECRET_PREFIX}short`), false);
    assert.equal(isSecretShaped(`${secret}!`), false);
    assert.equal(isSecretShaped(`x${secret}`), false);
  });

  it('finds secrets in text by offsets, not inside longer identifiers', () => {
    const text = `a = "${secret}"; b = my${secret}; c = ${secret}`;
    const found = findSecrets(text).map((r) => text.slice(r.start, r.end));
    assert.deepEqual(found, [secret, secret]);
    assert.deepEqual(findSecrets('nothing to see'), []);
  });

  it('the shape rule needs 16 letters or digits after vued_sk_, so placeholders are not secrets', () => {
    assert.equal(isSecretShaped(`${SECRET_PREFIX}your_key_here_please_thanks`), false);
    assert.equal(isSecretShaped(`${SECRET_PREFIX}${'x'.repeat(MIN_SECRET_BODY - 1)}`), false);
    assert.equal(isSecretShaped(`${SECRET_PREFIX}${'x'.repeat(MIN_SECRET_BODY)}`), true);
  });

  it('a shape-rule secret runs on over - and _ and over . ~ + between token characters', () => {
    const long = `${secret}-tail_2.x~y+z`;
    assert.equal(isSecretShaped(long), true);
    const text = `see ${secret}. Then ${secret}+ and ${secret}..`;
    assert.deepEqual(findSecrets(text).map((r) => text.slice(r.start, r.end)), [secret, secret, secret]);
  });

  it('ends at the delimiters that surround keys in real values: , : @ / space quotes = ;', () => {
    for (const [before, after] of [['', ',other'], ['', ':org_42'], ['https://u:', '@host/p'], ['Bearer ', ' x'], ['{"k":"', '"}'], ['a=', ';b'], ['[', ']']]) {
      const text = `${before}${secret}${after}`;
      const found = findSecrets(text);
      assert.equal(found.length, 1, text);
      assert.equal(text.slice(found[0].start, found[0].end), secret, text);
    }
  });

  it('tokenEnd stops before a trailing . ~ or +', () => {
    assert.equal(tokenEnd('abc.def.', 0), 7);
    assert.equal(tokenEnd('abc~', 0), 3);
    assert.equal(tokenEnd('ab+c d', 0), 4);
    assert.equal(tokenEnd('', 0), 0);
    assert.equal(tokenEnd('abcdef', 0, 3), 3);
  });

  describe('known prefixes', () => {
    const prefix = 'vued_sk_Q7x-';
    const dashed = `${prefix}aa-bb_cc-dd_ee`;
    const other = 'acme_live_';
    const otherSecret = `${other}Zz9-Yy8_Xx7`;

    it('a known key whose secret holds - or _ is found whole (the shape rule alone would miss it)', () => {
      assert.deepEqual(findSecrets(`k=${dashed}`), []);
      const r = new SecretRecognizer([prefix]);
      const text = `k=${dashed}\n`;
      assert.deepEqual(r.find(text), [{ start: 2, end: 2 + dashed.length, prefix }]);
      assert.equal(r.isSecret(dashed), true);
    });

    it('finds a known prefix that does not start with vued_sk_', () => {
      const r = new SecretRecognizer([other]);
      const text = `KEYS=${secret},${otherSecret}`;
      assert.deepEqual(r.find(text).map((s) => [text.slice(s.start, s.end), s.prefix]), [[secret, undefined], [otherSecret, other]]);
      assert.equal(r.mayMatch('acme_l'), true);
      assert.equal(new SecretRecognizer().mayMatch(otherSecret), false);
    });

    it('the prefix alone, as the extension shows it, is not a secret', () => {
      const r = new SecretRecognizer([prefix]);
      assert.deepEqual(r.find(`key ${prefix}… expires`), []);
      assert.deepEqual(r.find(`key ${prefix}${'a'.repeat(MIN_KNOWN_REST - 1)} x`), []);
      assert.equal(r.find(`key ${prefix}${'a'.repeat(MIN_KNOWN_REST)} x`).length, 1);
    });

    it('the longest known prefix wins, and prefixes shorter than 6 or starting with punctuation are ignored', () => {
      const r = new SecretRecognizer(['vued_sk_', prefix, 'vued', '.abcdefg']);
      assert.deepEqual(r.prefixes, [prefix, 'vued_sk_']);
      assert.equal(r.find(dashed)[0].prefix, prefix);
    });

    it('starts after a \\n, \\r or \\t escape (the next line of a quoted value), not after other letters', () => {
      const r = new SecretRecognizer([other]);
      for (const esc of ['\\n', '\\r', '\\t']) {
        const text = `A="first${esc}${otherSecret}"`;
        assert.deepEqual(r.find(text).map((s) => text.slice(s.start, s.end)), [otherSecret], esc);
        assert.equal(findSecrets(`"x${esc}${secret}"`).length, 1, esc);
      }
      assert.deepEqual(r.find(`A="first\\x${otherSecret}"`), []);
      assert.deepEqual(r.find(`A="firstn${otherSecret}"`), []);
    });

    it('not inside a longer identifier', () => {
      const r = new SecretRecognizer([other]);
      assert.deepEqual(r.find(`my${otherSecret}`), []);
      assert.deepEqual(r.find(`_${otherSecret}`), []);
      assert.equal(r.find(`-${otherSecret}`).length, 1);
    });

    it('replace swaps every secret and nothing else', () => {
      const r = new SecretRecognizer([prefix]);
      const text = `# old: ${dashed}\nA=${dashed},${secret}:x\n`;
      assert.equal(r.replace(text, '[redacted]'), '# old: [redacted]\nA=[redacted],[redacted]:x\n');
      assert.equal(replaceSecrets(text, '#'), `# old: ${dashed}\nA=${dashed},#:x\n`);
    });
  });
});
