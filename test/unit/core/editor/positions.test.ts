/** Editor positions of offsets: lines end at CRLF, LF or a lone CR; a leading BOM is not shown. */
import assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { LineIndex } from '../../../../src/core/editor';
import { ForwardPositions } from '../../../../src/core/editor/positions';
import { positionOracle } from '../../../support/editorOracles';

const piece = fc.constantFrom('a', 'b', ' ', '\n', '\r\n', '\r', '\u2028', '"', '\uFEFF', 'é');

describe('editor: positions', () => {
  it('agrees with an independent line count on generated texts, and offsetAt inverts positionAt', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(piece, { maxLength: 40 }), (bom, parts) => {
        const text = (bom ? '\uFEFF' : '') + parts.join('');
        const index = new LineIndex(text);
        const forward = new ForwardPositions(text);
        assert.equal(index.lineCount, text.split(/\r\n|\r|\n/).length);
        for (let o = 0; o <= text.length; o++) {
          if (text[o - 1] === '\r' && text[o] === '\n') {
            continue; // between the two halves of a CRLF: no editor position
          }
          const pos = index.positionAt(o);
          assert.deepEqual(pos, positionOracle(text, o), `offset ${o} of ${JSON.stringify(text)}`);
          assert.deepEqual(forward.positionAt(o), pos, `forward walk at ${o} of ${JSON.stringify(text)}`);
          if (o % 3 === 2) {
            // A step back (to the start) restarts the walk and still answers right.
            assert.deepEqual(forward.positionAt(0), index.positionAt(0));
            assert.deepEqual(forward.positionAt(o), pos);
          }
          if (!(text.startsWith('\uFEFF') && o === 0)) {
            assert.equal(index.offsetAt(pos), o, `offsetAt(positionAt(${o})) of ${JSON.stringify(text)}`);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('clamps characters past the end of a line to the line end, before its line break', () => {
    const index = new LineIndex('ab\r\ncd\nef');
    assert.equal(index.offsetAt({ line: 0, character: 99 }), 2);
    assert.equal(index.offsetAt({ line: 1, character: 99 }), 6);
    assert.equal(index.offsetAt({ line: 2, character: 99 }), 9);
    assert.equal(index.offsetAt({ line: 7, character: 0 }), 7);
  });
});
