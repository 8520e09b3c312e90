/**
 * Offsets into a text, as an editor shows them: 0-based line and character (UTF-16 code units).
 * CRLF, LF and a lone CR each end a line; U+2028/U+2029 do not (an editor shows them inside a
 * line). A byte order mark at the start is not shown by an editor, so it does not count as a
 * character of line 0 (offsets still count it: they index the text as given).
 */

export interface Position {
  line: number;
  character: number;
}

/** [start, end) in the text as given, and the same as editor positions. */
export interface TextRange {
  start: number;
  end: number;
  startPos: Position;
  endPos: Position;
}

const LF = 0x0a;
const CR = 0x0d;

/** Line starts of a text, built once; positionAt is a binary search. */
export class LineIndex {
  private readonly starts: number[] = [0];
  private readonly bom: number;

  constructor(readonly text: string) {
    this.bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    const n = text.length;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === LF) {
        this.starts.push(i + 1);
      } else if (c === CR) {
        if (text.charCodeAt(i + 1) === LF) {
          i++;
        }
        this.starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset where 0-based `line` starts (clamped). */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    const character = o - this.starts[lo] - (lo === 0 ? Math.min(this.bom, o) : 0);
    return { line: lo, character };
  }

  /** The offset of an editor position (the inverse of positionAt; the character is clamped to its line). */
  offsetAt(pos: Position): number {
    const line = Math.max(0, Math.min(pos.line, this.starts.length - 1));
    const start = this.starts[line] + (line === 0 ? this.bom : 0);
    let end = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    while (end > start && (this.text.charCodeAt(end - 1) === LF || this.text.charCodeAt(end - 1) === CR) && line + 1 < this.starts.length) {
      end--;
    }
    return Math.min(start + Math.max(0, pos.character), end);
  }

  range(start: number, end: number): TextRange {
    return { start, end, startPos: this.positionAt(start), endPos: this.positionAt(end) };
  }
}

/**
 * Positions of increasing offsets, found by walking the text once from the start: for a few ranges
 * in a long text this costs one pass up to the last of them and no table of line starts. Offsets
 * may go back a little (to the start of the current line or later); anything further back starts
 * the walk again.
 */
export class ForwardPositions {
  private line = 0;
  private lineStart = 0;
  private at = 0;
  private readonly bom: number;
  /**
   * When every line break ends with LF (LF or CRLF, no lone CR), line breaks are found with indexOf
   * (native, many times faster than a loop over the characters).
   */
  private readonly lfOnly: boolean;

  constructor(readonly text: string) {
    this.bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    let lfOnly = true;
    for (let cr = text.indexOf('\r'); cr !== -1 && lfOnly; cr = text.indexOf('\r', cr + 1)) {
      lfOnly = text.charCodeAt(cr + 1) === LF;
    }
    this.lfOnly = lfOnly;
  }

  positionAt(offset: number): Position {
    const text = this.text;
    const o = Math.max(0, Math.min(offset, text.length));
    if (o < this.lineStart) {
      this.line = 0;
      this.lineStart = 0;
      this.at = 0;
    }
    let line = this.line;
    let lineStart = this.lineStart;
    let i = Math.max(this.at, lineStart);
    if (this.lfOnly) {
      for (let lf = text.indexOf('\n', i); lf !== -1 && lf < o; lf = text.indexOf('\n', lf + 1)) {
        line++;
        lineStart = lf + 1;
      }
      i = Math.max(i, o);
    }
    for (; i < o; i++) {
      const c = text.charCodeAt(i);
      if (c === LF) {
        line++;
        lineStart = i + 1;
      } else if (c === CR) {
        if (text.charCodeAt(i + 1) === LF) {
          if (i + 1 === o) {
            break; // between CR and LF: still on this line
          }
          i++;
        }
        line++;
        lineStart = i + 1;
      }
    }
    this.line = line;
    this.lineStart = lineStart;
    this.at = Math.max(i, lineStart);
    return { line, character: o - lineStart - (line === 0 ? Math.min(this.bom, o) : 0) };
  }

  range(start: number, end: number): TextRange {
    const startPos = this.positionAt(start);
    return { start, end, startPos, endPos: this.positionAt(end) };
  }
}
