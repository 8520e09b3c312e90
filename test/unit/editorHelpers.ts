/** Shared checks for the editor core's tests. */
import assert from 'node:assert/strict';

/** Where an editor puts `offset`: lines end at CRLF, LF or CR; a leading BOM is not shown. */
export function positionOracle(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  const last = before[before.length - 1];
  const bom = before.length === 1 && text.startsWith('\uFEFF') && offset > 0 ? 1 : 0;
  return { line: before.length - 1, character: last.length - bom };
}

/** No text holds a secret, nor any 8-character piece of one (the shared `vued_sk_` included). */
export function assertNoLeak(texts: readonly string[], secrets: readonly string[]): void {
  for (const secret of secrets) {
    for (let i = 0; i + 8 <= secret.length; i++) {
      const piece = secret.slice(i, i + 8);
      for (const t of texts) {
        assert.equal(t.includes(piece), false, `a text holds ${JSON.stringify(piece)} of a secret: ${t}`);
      }
    }
  }
}
