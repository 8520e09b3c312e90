/**
 * The editor's view of a `.env` text: which variable holds which key, in what state, where the
 * value is, and what is said about it. dotenv is the oracle for what the file means; every message
 * and hover is scanned for the values.
 */
import assert from 'node:assert/strict';
import * as dotenv from 'dotenv';
import {
  committedFindings,
  findEnvKeyFindings,
  findingAt,
  keyHoverMarkdown,
  type EnvKeyFinding,
  type TextRange,
} from '../../../../src/core/editor';
import { planRemoval } from '../../../../src/core/editor';
import { applyEdit } from '../../../../src/core/common/textEdit';
import { ACME_KEYS, ACME_NOW, ACME_ORG, acmeKey, DAY } from '../../../support/builders';
import { assertNoLeak, positionOracle } from '../../../support/editorOracles';

const NOW = ACME_NOW;
const BODY = 'QwErTyUiOpAsDfGhJkLzXcVb';
const ORG = ACME_ORG;
const { revoked: REVOKED, expired: EXPIRED, expiring: EXPIRING, active: ACTIVE } = ACME_KEYS;
const KEYS = [REVOKED, EXPIRED, EXPIRING, ACTIVE];

const S_REV = `vued_sk_Rv0k${BODY}`;
const S_EXP = `vued_sk_Ex9d${BODY}`;
const S_SOON = `vued_sk_Es3n${BODY}`;
const S_ACT = `vued_sk_Ac7v${BODY}`;
const S_UNKNOWN = 'vued_sk_MnBvCxZlKjHgFdSaPoIuYtRe';
const SECRETS = [S_REV, S_EXP, S_SOON, S_ACT, S_UNKNOWN];

const COMMANDS = { revealInSidebar: 'vued.revealKey', rotate: 'vued.rotateApiKey', copyKeyId: 'vued.copyKeyId' };

function slice(text: string, r: TextRange): string {
  return text.slice(r.start, r.end);
}

/** The range's positions are where an independent line count puts its offsets. */
function assertPositions(text: string, r: TextRange): void {
  assert.deepEqual(r.startPos, positionOracle(text, r.start), `start of ${JSON.stringify(slice(text, r))}`);
  assert.deepEqual(r.endPos, positionOracle(text, r.end), `end of ${JSON.stringify(slice(text, r))}`);
}

function summary(fs: readonly EnvKeyFinding[]) {
  return fs.map((f) => ({ variable: f.variable, kind: f.kind, keyId: f.key?.key.id, status: f.status, severity: f.severity }));
}

describe('editor: .env key findings', () => {
  const text = [
    '# deploy settings',
    `VUED_API_KEY=${S_REV}`,
    `export OLD_KEY="${S_EXP}"`,
    `STAGING_KEY='${S_SOON}'   # rotates weekly`,
    `PROD_KEY=${S_ACT} # inline comment`,
    `# COMMENTED=${S_REV}`,
    `STRANGER=${S_UNKNOWN}`,
    'PLACEHOLDER=vued_sk_short',
    'PORT=3000',
    '',
  ].join('\n');

  it('matches each value to its key and status, and a secret of no key as information (never an error)', () => {
    const found = findEnvKeyFindings(text, KEYS, NOW, { utc: true });
    assert.deepEqual(summary(found), [
      { variable: 'VUED_API_KEY', kind: 'key', keyId: 'k-rev', status: 'revoked', severity: 'error' },
      { variable: 'OLD_KEY', kind: 'key', keyId: 'k-exp', status: 'expired', severity: 'error' },
      { variable: 'STAGING_KEY', kind: 'key', keyId: 'k-soon', status: 'expiring', severity: 'warning' },
      { variable: 'PROD_KEY', kind: 'key', keyId: 'k-act', status: 'active', severity: 'none' },
      { variable: undefined, kind: 'key', keyId: 'k-rev', status: 'revoked', severity: 'error' },
      { variable: 'STRANGER', kind: 'unknownSecret', keyId: undefined, status: 'unknown', severity: 'information' },
    ]);
    // Every finding in a value names a variable dotenv loads, whose value here is exactly the secret.
    const loaded = dotenv.parse(text);
    for (const f of found) {
      assert.ok(slice(text, f.range).startsWith(f.key?.key.keyPrefix ?? 'vued_sk_'));
      assertPositions(text, f.range);
      if (f.variable !== undefined) {
        assert.equal(slice(text, f.range), loaded[f.variable], `range of ${f.variable} is the secret`);
      }
    }
    assert.deepEqual(found.map((f) => [f.place, f.line]), [['value', 2], ['value', 3], ['value', 4], ['value', 5], ['comment', 6], ['value', 7]]);
    assert.equal(findEnvKeyFindings(text, KEYS, NOW, { includeActive: false }).some((f) => f.severity === 'none'), false);
  });

  it('words the problems as the issue does, naming variable and key, never the value', () => {
    const found = findEnvKeyFindings(text, KEYS, NOW, { utc: true });
    assert.deepEqual(found.map((f) => f.message), [
      'VUED_API_KEY holds the revoked key "ci-deploy" (revoked on 2026-11-20)',
      'OLD_KEY holds the expired key "old-batch" (expired on 2026-11-25)',
      'STAGING_KEY holds the key "staging", which expires in 3 days (2026-12-04)',
      'PROD_KEY holds the key "prod" (active)',
      'A comment on line 6 holds the revoked key "ci-deploy" (revoked on 2026-11-20)',
      'STRANGER holds a Vued secret that is not a key of your organizations, or created elsewhere',
    ]);
    const hovers = found.map((f) => keyHoverMarkdown(f, COMMANDS, { utc: true }));
    const committed = committedFindings(found, 'tracked').map((c) => c.message);
    assertNoLeak([...found.map((f) => f.message), ...found.map((f) => f.statusText), ...hovers, ...committed], SECRETS);
  });

  it('finds values quoted, exported, in CRLF files, spanning lines, and after a byte order mark', () => {
    const crlf = `\uFEFFexport A="${S_REV}"\r\nB=${S_ACT}\r\n\r\nC="${S_SOON}\r\nsecond line"\r\nD=\`${S_UNKNOWN}\`\r\nE=plain\r\n`;
    const found = findEnvKeyFindings(crlf, KEYS, NOW);
    assert.deepEqual(found.map((f) => [f.variable, f.hasExport]), [['A', true], ['B', false], ['C', false], ['D', false]]);
    const loaded = dotenv.parse(crlf);
    for (const f of found) {
      assertPositions(crlf, f.range);
      assert.ok(loaded[f.variable!].startsWith(slice(crlf, f.range)), f.variable);
    }
    // The BOM is not a character an editor shows: `export A="` is 10 characters on line 0.
    assert.deepEqual(found[0].range.startPos, { line: 0, character: 10 });
    assert.equal(found[0].range.start, 11);
    // The secret at the start of the multi-line value: its characters on line 3, not the line after.
    assert.deepEqual([found[2].range.startPos, found[2].range.endPos], [{ line: 3, character: 3 }, { line: 3, character: 3 + S_SOON.length }]);
    assertNoLeak(found.map((f) => f.message), SECRETS);
  });

  it('lets the longest prefix win, and of keys sharing one prefix the least alarming', () => {
    const general = acmeKey('k-gen', 'general', 'vued_sk_Ac');
    const twinRevoked = acmeKey('k-twin', 'twin', 'vued_sk_Ac7v', { revokedAt: NOW - DAY });
    const found = findEnvKeyFindings(`X=${S_ACT}\nY=vued_sk_AcZZ${BODY}\n`, [general, twinRevoked, ACTIVE], NOW);
    assert.deepEqual(found.map((f) => [f.variable, f.key?.key.id, f.severity]), [['X', 'k-act', 'none'], ['Y', 'k-gen', 'none']]);
    assert.deepEqual(found[0].keyIds.sort(), ['k-act', 'k-twin']);
  });

  it('gives nothing for files without a key or a secret, and ignores prefixes too short to mean anything', () => {
    assert.deepEqual(findEnvKeyFindings('A=1\nB="two"\n', KEYS, NOW), []);
    assert.deepEqual(findEnvKeyFindings('A=vued_x_123456789\n', [acmeKey('k-short', 'short', 'vued_')], NOW), []);
    assert.deepEqual(findEnvKeyFindings('', KEYS, NOW), []);
  });

  it('"Remove this line" deletes the definition holding exactly the revoked key, or its comment line; every other variable as dotenv reads it', () => {
    const cases: Array<[string, boolean]> = [
      [text, true],
      [text.replace(/\n/g, '\r\n'), true],
      [`A=1\nVUED_API_KEY=${S_REV}`, true],
      [`VUED_API_KEY=${S_REV}`, true],
      [`\uFEFFVUED_API_KEY='${S_REV}' # old\r\nB=2`, true],
      [`A=1\n  # VUED_API_KEY=${S_REV}\nB=2\n`, true],
      // Not when the line holds more than the key: a multi-line value, a list, a URL, a comment after a value.
      [`A=1\nVUED_API_KEY="${S_REV}\nline two"\nB=2\n`, false],
      [`VUED_API_KEY=${S_REV},${S_ACT}\n`, false],
      [`VUED_API_KEY=https://u:${S_REV}@h\n`, false],
      [`B=2 # was ${S_REV}\n`, false],
    ];
    for (const [t, removable] of cases) {
      const f = findEnvKeyFindings(t, KEYS, NOW).find((x) => x.status === 'revoked');
      assert.ok(f, JSON.stringify(t));
      const edit = planRemoval(t, f);
      assert.equal(edit !== undefined, removable, JSON.stringify(t));
      if (!edit) {
        continue;
      }
      const after = applyEdit(t, edit);
      const expected = dotenv.parse(t);
      if (f.variable !== undefined) {
        delete expected[f.variable];
      }
      assert.deepEqual(dotenv.parse(after), expected, JSON.stringify(t));
      assert.equal(after.includes(S_REV), t.split(S_REV).length > 2, 'the key went');
      assert.equal(after.startsWith('\uFEFF'), t.startsWith('\uFEFF'), 'a byte order mark stays');
      if (after !== '' && after !== '\uFEFF') {
        assert.equal(after.endsWith('\n'), t.endsWith('\n'), 'a final line break stays as it was');
      }
    }
    // A comment line next to definitions: only that line goes.
    const t = `A=1\n# ${S_REV}\nB=2\n`;
    assert.equal(applyEdit(t, planRemoval(t, findEnvKeyFindings(t, KEYS, NOW)[0])!), 'A=1\nB=2\n');
  });

  it('warns "would be committed" for tracked and not-ignored files only', () => {
    const found = findEnvKeyFindings(text, KEYS, NOW);
    assert.equal(committedFindings(found, 'tracked').length, found.length);
    assert.equal(committedFindings(found, 'notIgnored').length, found.length);
    assert.equal(committedFindings(found, 'ignored').length, 0);
    assert.equal(committedFindings(found, 'noRepository').length, 0);
    assert.equal(committedFindings(found, 'notIgnored')[0].message, 'VUED_API_KEY holds a Vued secret that would be committed: git does not ignore this file');
  });

  it('finds the finding under an offset, value ends included, nothing between values', () => {
    const found = findEnvKeyFindings(text, KEYS, NOW);
    for (const f of found) {
      assert.equal(findingAt(found, f.range.start), f);
      assert.equal(findingAt(found, f.range.end), f);
      assert.equal(findingAt(found, f.range.start - 1), undefined);
    }
    assert.equal(findingAt(found, 0), undefined);
  });
});

describe('editor: key hover', () => {
  const found = findEnvKeyFindings(`VUED_API_KEY=${S_SOON}\nOLD=${S_REV}\nX=${S_UNKNOWN}\n`, KEYS, NOW, { utc: true });

  it('shows name, organization, scopes, status, dates and the three command links', () => {
    const md = keyHoverMarkdown(found[0], COMMANDS, { utc: true });
    for (const part of ['**staging**', 'Acme Robotics', '`keys:read`', '`deploy:*`', 'expires in 3 days (2026-12-04)', 'Created: 2026-06-02 09:30 UTC', 'Last used: 2026-11-30 08:15 UTC']) {
      assert.ok(md.includes(part), `hover has ${part}:\n${md}`);
    }
    const args = encodeURIComponent(JSON.stringify([{ keyId: 'k-soon', orgId: ORG }]));
    for (const [label, id] of [['Reveal in Sidebar', 'vued.revealKey'], ['Rotate', 'vued.rotateApiKey'], ['Copy Key ID', 'vued.copyKeyId']]) {
      assert.ok(md.includes(`[${label}](command:${id}?${args})`), `${label} link in:\n${md}`);
    }
  });

  it('offers no Rotate for a revoked key, and explains a secret of no known key', () => {
    assert.equal(keyHoverMarkdown(found[1], COMMANDS).includes('vued.rotateApiKey'), false);
    assert.ok(keyHoverMarkdown(found[1], COMMANDS).includes('revoked on'));
    assert.ok(keyHoverMarkdown(found[2], COMMANDS).includes('Not a key of your organizations, or created elsewhere'));
    assertNoLeak(found.map((f) => keyHoverMarkdown(f, COMMANDS)), SECRETS);
  });
});

describe('editor: every occurrence in a .env text', () => {
  /** A file where no secret starts a value: a comment, a URL, Bearer, a list, JSON, a leading space, a suffix, an inline comment. */
  const lines = [
    `# old: ${S_REV}`,
    `DATABASE_URL=https://u:${S_ACT}@db.example.com/v1`,
    `AUTH_HEADER="Bearer ${S_EXP}"`,
    `KEYS=${S_REV},${S_UNKNOWN}`,
    `JSON_CONFIG='{"key":"${S_SOON}","n":1}'`,
    `SPACED=" ${S_ACT}"`,
    `WITH_ORG=${S_ACT}:org_42 # was ${S_EXP}`,
    'PORT=3000',
  ];

  it('finds each one, with the secret\'s characters as its range (LF, CRLF, BOM)', () => {
    for (const [eol, bom] of [['\n', ''], ['\r\n', ''], ['\r\n', '\uFEFF']]) {
      const text = bom + lines.join(eol) + eol;
      const found = findEnvKeyFindings(text, KEYS, NOW, { utc: true });
      assert.deepEqual(
        found.map((f) => [slice(text, f.range), f.variable ?? null, f.severity]),
        [
          [S_REV, null, 'error'],
          [S_ACT, 'DATABASE_URL', 'none'],
          [S_EXP, 'AUTH_HEADER', 'error'],
          [S_REV, 'KEYS', 'error'],
          [S_UNKNOWN, 'KEYS', 'information'],
          [S_SOON, 'JSON_CONFIG', 'warning'],
          [S_ACT, 'SPACED', 'none'],
          [S_ACT, 'WITH_ORG', 'none'],
          [S_EXP, null, 'error'],
        ],
        JSON.stringify(eol + bom),
      );
      for (const f of found) {
        assertPositions(text, f.range);
      }
      // Each variable named is one dotenv loads, and its value holds the secret found in it.
      const loaded = dotenv.parse(text);
      for (const f of found.filter((x) => x.variable)) {
        assert.ok(loaded[f.variable!].includes(slice(text, f.range)), f.variable);
      }
      assert.deepEqual(found[0].range.startPos, { line: 0, character: 7 });
    }
  });

  it('names the variable, or the line of a comment, never the value', () => {
    const text = lines.join('\n');
    const found = findEnvKeyFindings(text, KEYS, NOW, { utc: true });
    assert.equal(found[0].message, 'A comment on line 1 holds the revoked key "ci-deploy" (revoked on 2026-11-20)');
    assert.equal(found[3].message, 'KEYS holds the revoked key "ci-deploy" (revoked on 2026-11-20)');
    assert.equal(found[8].message, 'A comment on line 7 holds the expired key "old-batch" (expired on 2026-11-25)');
    assert.equal(committedFindings(found, 'tracked')[0].message, 'A comment on line 1 holds a Vued secret that would be committed: git tracks this file');
    assertNoLeak([...found.map((f) => f.message), ...found.map((f) => keyHoverMarkdown(f, COMMANDS)), ...committedFindings(found, 'tracked').map((c) => c.message)], SECRETS);
  });

  it('puts each Problem beside its secret, never on it: the name of a value, the # of a comment, else an empty range before it', () => {
    const text = [
      '\uFEFF# old one: ' + S_REV + '\r\n',
      'export LIST="' + S_EXP + ',' + S_SOON + '" # was ' + S_UNKNOWN + '\r\n',
      "MULTI='first line\n" + S_REV + "'\n",
      '  ' + S_ACT + '\n',
    ].join('');
    const found = findEnvKeyFindings(text, KEYS, NOW);
    assert.deepEqual(found.map((f) => [f.place, slice(text, f.anchor)]), [
      ['comment', '#'],
      ['value', 'LIST'],
      ['value', 'LIST'],
      ['comment', '#'],
      ['value', 'MULTI'],
      ['line', ''],
    ]);
    for (const f of found) {
      assertPositions(text, f.anchor);
      assert.ok(f.anchor.end <= f.range.start, 'the anchor ends before the secret starts');
      assert.ok(!slice(text, f.anchor).includes('vued_sk_'), 'no character of a secret');
    }
    assert.equal(found[3].anchor.start, text.indexOf('# was'), 'the # after the value, not one inside it');
    assert.equal(found[5].anchor.start, found[5].range.start, 'an empty range right before a secret on a line that defines nothing');
    assert.deepEqual(committedFindings(found, 'tracked').map((c) => c.range), found.map((f) => f.anchor), 'the committed warning sits with the finding');
  });
});
