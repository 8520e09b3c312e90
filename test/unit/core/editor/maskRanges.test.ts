/**
 * The mask ranges of a text, computed once (MaskSet): which of them the cursor lines reveal, checked
 * against a plain filter over every range on generated ranges and cursors.
 */
import assert from 'node:assert/strict';
import { MaskSet, withoutIndices, type LineSpan, type MaskRange } from '../../../../src/core/editor';

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
