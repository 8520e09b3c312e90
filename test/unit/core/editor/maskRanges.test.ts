/**
 * The mask ranges of a text: each secret masked with its key's name, in .env and source files,
 * except on the cursor lines; and the ranges computed once (MaskSet), whose reveal by the cursor
 * lines is checked against a plain filter over every range on generated ranges and cursors.
 */
import assert from 'node:assert/strict';
import { msg, type Render } from '../../../../src/core/common/messages';
import {
  findEnvKeyFindings,
  maskLabel,
  maskRanges,
  maskRangesFromFindings,
  MaskSet,
  withoutIndices,
  type LineSpan,
  type MaskRange,
} from '../../../../src/core/editor';
import { apiKey, knownKey } from '../../../support/builders';
import { assertNoLeak } from '../../../support/editorOracles';

const SECRET = 'vued_sk_Ac7vQwErTyUiOpAsDfGhJkLzXcVb';
const OTHER = 'vued_sk_ZzZzMnBvCxZlKjHgFdSaPoIuYtRe';
const NOW = Date.UTC(2026, 11, 1, 12);
const PROD = knownKey(apiKey('k-act', { name: 'prod', keyPrefix: 'vued_sk_Ac7v', scopes: [], createdAt: NOW - 1e9 }));

function mask(startLine: number, endLine: number, i: number): MaskRange {
  return { range: { start: i * 10, end: i * 10 + 5, startPos: { line: startLine, character: 0 }, endPos: { line: endLine, character: 5 } }, label: `m${i}` };
}

/** A small deterministic generator, so a failure can be replayed. */
function lcg(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

describe('editor: mask set', () => {
  it('reveals exactly the ranges that touch a cursor line, as a filter over every range does', () => {
    const rnd = lcg(7);
    for (let round = 0; round < 300; round++) {
      const masks: MaskRange[] = [];
      let line = 0;
      const count = Math.floor(rnd() * 40);
      for (let i = 0; i < count; i++) {
        line += Math.floor(rnd() * 3); // several ranges may share a line
        const span = rnd() < 0.2 ? Math.floor(rnd() * 4) : 0; // a few span lines
        masks.push(mask(line, line + span, i));
      }
      const set = new MaskSet(masks);
      const spans: LineSpan[] = Array.from({ length: Math.floor(rnd() * 4) }, () => {
        const first = Math.floor(rnd() * (line + 3));
        return { first, last: first + (rnd() < 0.3 ? Math.floor(rnd() * 5) : 0) };
      });
      const expected = masks.flatMap((m, i) => (spans.some((s) => m.range.startPos.line <= s.last && m.range.endPos.line >= s.first) ? [i] : []));
      assert.deepEqual(set.revealedBy(spans), expected, JSON.stringify({ round, spans }));
      assert.deepEqual(set.visible(spans).map((m) => m.label), masks.filter((_m, i) => !expected.includes(i)).map((m) => m.label));
    }
  });

  it('a selection over several lines reveals every range on them; no cursor reveals none', () => {
    const set = new MaskSet([mask(0, 0, 0), mask(2, 2, 1), mask(2, 2, 2), mask(5, 5, 3), mask(9, 9, 4)]);
    assert.deepEqual(set.revealedBy([{ first: 1, last: 5 }]), [1, 2, 3]);
    assert.deepEqual(set.revealedBy([{ first: 9, last: 9 }, { first: 0, last: 0 }]), [0, 4]);
    assert.deepEqual(set.revealedBy([{ first: 2, last: 2 }, { first: 2, last: 5 }]), [1, 2, 3], 'no index twice');
    assert.deepEqual(set.revealedBy([]), []);
    assert.deepEqual(set.revealedBy([{ first: 3, last: 4 }]), []);
    assert.deepEqual(new MaskSet([]).revealedBy([{ first: 0, last: 100 }]), []);
    assert.deepEqual(withoutIndices(['a', 'b', 'c', 'd'], [0, 2]), ['b', 'd']);
  });
});

describe('editor: masking', () => {
  it('masks each secret with the key name, except on the cursor lines, in .env and source files', () => {
    const env = `A=${SECRET}\nB="${OTHER}"\nC=plain\n`;
    const masks = maskRanges(env, true, [PROD], NOW);
    assert.deepEqual(masks.map((m) => [env.slice(m.range.start, m.range.end), m.label]), [[SECRET, '••••••• (prod)'], [OTHER, '••••••• (Vued secret)']]);
    assert.deepEqual(maskRanges(env, true, [PROD], NOW, { revealLines: [0] }).map((m) => m.label), ['••••••• (Vued secret)']);
    assert.deepEqual(maskRangesFromFindings(findEnvKeyFindings(env, [PROD], NOW), { revealLines: [1] }).map((m) => m.keyId), ['k-act']);

    const src = `x = "${SECRET}"\ny = 1\nz = '${OTHER}'\n`;
    assert.deepEqual(maskRanges(src, false, [PROD], NOW, { revealLines: [1] }).map((m) => [m.range.startPos.line, m.label]), [[0, '••••••• (prod)'], [2, '••••••• (Vued secret)']]);
    assert.deepEqual(maskRanges(src, false, [PROD], NOW, { revealLines: [0, 2] }), []);
    assertNoLeak(masks.map((m) => m.label), [SECRET, OTHER]);
  });

  it('names a secret of no known key in the language it is given', () => {
    const shout: Render = (m) => (m.id === 'mask.unknownSecret' ? 'SECRET-VUED' : `?${m.id}`);
    const env = `A=${SECRET}\nB="${OTHER}"\n`;
    assert.deepEqual(maskRanges(env, true, [PROD], NOW, { render: shout }).map((m) => m.label), ['••••••• (prod)', '••••••• (SECRET-VUED)']);
    const src = `z = '${OTHER}'\n`;
    assert.deepEqual(maskRanges(src, false, [PROD], NOW, { render: shout }).map((m) => m.label), ['••••••• (SECRET-VUED)']);
    assert.equal(maskLabel(undefined), '••••••• (Vued secret)');
    assert.equal(maskLabel(undefined, shout), '••••••• (SECRET-VUED)');
    assert.equal(shout(msg('mask.unknownSecret')), 'SECRET-VUED');
  });

  it('masks the secret inside a multi-line value, and the cursor on its own line reveals it', () => {
    const env = `A="first line\n${SECRET}\nthird"\nB="x\\n${OTHER}"\n`;
    const masks = maskRanges(env, true, [PROD], NOW);
    assert.deepEqual(masks.map((m) => [env.slice(m.range.start, m.range.end), m.range.startPos.line]), [[SECRET, 1], [OTHER, 3]]);
    assert.equal(maskRanges(env, true, [PROD], NOW, { revealLines: [0] }).length, 2);
    assert.deepEqual(maskRanges(env, true, [PROD], NOW, { revealLines: [1] }).map((m) => m.label), ['••••••• (Vued secret)']);
  });
});
