/**
 * The grammar of `.env` text as dotenv reads it (see parse.ts for the rules): character classes,
 * value decoding, and the Scanner that reads one definition at a time. A Scanner is made per parse;
 * its fields describe the definition just read, so reading a large file allocates nothing per line
 * until a definition is asked for as an object.
 */

export const LF = 0x0a;
export const CR = 0x0d;
const LS = 0x2028;
const PS = 0x2029;
const HASH = 0x23;
const EQUALS = 0x3d;
const COLON = 0x3a;
const BACKSLASH = 0x5c;
export const BOM = 0xfeff;

/** Same set as the `\s` class of JavaScript regular expressions (and `String#trim`). */
export function isEnvWhitespace(c: number): boolean {
  if (c <= 0x20) {
    return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  }
  if (c < 0xa0) {
    return false;
  }
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === LS || c === PS ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === BOM
  );
}

/** Characters at which a line ends for dotenv's `^`, `$` and `.`. */
export function isLineTerminator(c: number): boolean {
  return c === LF || c === CR || c === LS || c === PS;
}

function isNameChar(c: number): boolean {
  return (
    (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) ||
    c === 0x5f || c === 0x2e || c === 0x2d
  );
}

function isQuote(c: number): boolean {
  return c === 0x22 || c === 0x27 || c === 0x60;
}

/** Offset of the line terminator that ends the line containing `from` (or the text's length). */
export function endOfLine(text: string, from: number): number {
  let i = from;
  while (i < text.length && !isLineTerminator(text.charCodeAt(i))) {
    i++;
  }
  return i;
}

/** Given the offset of a line terminator (or the end), the offset where the next line starts. */
export function nextLineStart(text: string, eol: number): number {
  if (eol >= text.length) {
    return text.length;
  }
  if (text.charCodeAt(eol) === CR && text.charCodeAt(eol + 1) === LF) {
    return eol + 2;
  }
  return eol + 1;
}

/**
 * [start, end) of the lines from `lineStart` to `lineEnd` (a definition's, say) with their line
 * break, as removing them should take it: for a last line without a line break, the line break
 * before it instead (CRLF or any single line terminator), so a file that did not end with one still
 * does not. A byte order mark stays.
 */
export function linesWithBreak(text: string, lineStart: number, lineEnd: number): { start: number; end: number } {
  let start = lineStart;
  let end = lineEnd;
  if (end < text.length) {
    end = nextLineStart(text, end);
  } else {
    const bom = text.charCodeAt(0) === BOM ? 1 : 0;
    if (start > bom) {
      start -= text.charCodeAt(start - 1) === LF && text.charCodeAt(start - 2) === CR ? 2 : 1;
    }
  }
  return { start, end };
}

/**
 * Removes wrapping quotes the way dotenv does: on every line (LF, U+2028, U+2029) that starts with a
 * quote, the text from that quote to the furthest same quote that ends a line loses both quotes.
 */
function stripWrappingQuotes(s: string): string {
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i);
    if (isQuote(c) && (i === 0 || isLineTerminator(s.charCodeAt(i - 1)))) {
      let close = -1;
      for (let k = s.length - 1; k > i; k--) {
        if (s.charCodeAt(k) === c && (k + 1 === s.length || isLineTerminator(s.charCodeAt(k + 1)))) {
          close = k;
          break;
        }
      }
      if (close !== -1) {
        out += s.slice(copied, i) + s.slice(i + 1, close);
        i = close + 1;
        copied = i;
        continue;
      }
    }
    i++;
  }
  return out + s.slice(copied);
}

/** Decodes a value as written (already without surrounding whitespace). */
export function decodeValue(written: string): string {
  if (written === '') {
    return '';
  }
  const normalized = written.includes('\r') ? written.replace(/\r\n?/g, '\n') : written;
  let value = stripWrappingQuotes(normalized);
  if (normalized.startsWith('"')) {
    value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
  }
  return value;
}


/** Reads definitions of one text; created for each parse, so no parse shares state with another. */
export class Scanner {
  /**
   * How far into the text the parser has looked (exclusive) while reading the current definition.
   * A definition whose reach ends before an edit reads the same after it (see reparseAfterEdit).
   */
  reach = 0;
  // The definition just read.
  nameEnd = 0;
  assignEnd = 0;
  valueStart = 0;
  valueEnd = 0;
  lineEnd = 0;
  /** 0 none, else the quote's char code. */
  quote = 0;
  hasExport = false;

  constructor(readonly text: string) {}

  private saw(index: number): void {
    if (index + 1 > this.reach) {
      this.reach = index + 1;
    }
  }

  /** First offset at or after `from` that is not whitespace (line breaks count as whitespace). */
  private skipWhitespace(from: number): number {
    let i = from;
    while (i < this.text.length && isEnvWhitespace(this.text.charCodeAt(i))) {
      i++;
    }
    this.saw(i);
    return i;
  }

  /** Offset of the line terminator that ends the line containing `from` (or the text's length). */
  private endOfLine(from: number): number {
    let i = from;
    while (i < this.text.length && !isLineTerminator(this.text.charCodeAt(i))) {
      i++;
    }
    this.saw(i);
    return i;
  }

  /**
   * True when what follows a closing quote at `from` is acceptable: optional whitespace, then a `#`
   * comment or the end of the line.
   */
  private closingQuoteTailOk(from: number): boolean {
    for (let i = from; i < this.text.length; i++) {
      const c = this.text.charCodeAt(i);
      if (isLineTerminator(c) || !isEnvWhitespace(c)) {
        this.saw(i);
        return isLineTerminator(c) || c === HASH;
      }
    }
    this.saw(this.text.length);
    return true;
  }

  /**
   * The closing quote for a value opened at `open`, or -1. Candidates are the quotes of the same kind
   * up to and including the first one not preceded by a backslash; the furthest acceptable one wins.
   */
  private findClosingQuote(open: number): number {
    const quote = this.text[open];
    const candidates: number[] = [];
    let i = this.text.indexOf(quote, open + 1);
    while (i !== -1) {
      candidates.push(i);
      if (this.text.charCodeAt(i - 1) !== BACKSLASH) {
        break;
      }
      i = this.text.indexOf(quote, i + 1);
    }
    this.saw(i === -1 ? this.text.length : i);
    for (let k = candidates.length - 1; k >= 0; k--) {
      if (this.closingQuoteTailOk(candidates[k] + 1)) {
        return candidates[k];
      }
    }
    return -1;
  }

  /** Reads the value that starts right after the separator, at `from`. Always succeeds. */
  private readValue(from: number): void {
    const first = this.skipWhitespace(from);
    if (first < this.text.length && isQuote(this.text.charCodeAt(first))) {
      const close = this.findClosingQuote(first);
      if (close !== -1) {
        this.valueStart = first;
        this.valueEnd = close + 1;
        this.lineEnd = this.endOfLine(close + 1);
        this.quote = this.text.charCodeAt(first);
        return;
      }
    }
    // Unquoted: the rest of the line up to the first `#` (U+2028/U+2029 do not stop it).
    let end = from;
    while (end < this.text.length) {
      const c = this.text.charCodeAt(end);
      if (c === HASH || c === LF || c === CR) {
        break;
      }
      end++;
    }
    this.saw(end);
    let start = from;
    while (start < end && isEnvWhitespace(this.text.charCodeAt(start))) {
      start++;
    }
    let stop = end;
    while (stop > start && isEnvWhitespace(this.text.charCodeAt(stop - 1))) {
      stop--;
    }
    this.lineEnd = end < this.text.length && this.text.charCodeAt(end) === HASH ? this.endOfLine(end) : end;
    if (start === stop) {
      this.valueStart = from;
      this.valueEnd = from;
      this.quote = 0;
      return;
    }
    const c0 = this.text.charCodeAt(start);
    this.valueStart = start;
    this.valueEnd = stop;
    this.quote = stop - start >= 2 && isQuote(c0) && this.text.charCodeAt(stop - 1) === c0 ? c0 : 0;
  }

  /** Reads a definition whose name starts at `at` into the fields; false when there is none. */
  private readAssignment(at: number, exported: boolean): boolean {
    let nameEnd = at;
    while (nameEnd < this.text.length && isNameChar(this.text.charCodeAt(nameEnd))) {
      nameEnd++;
    }
    this.saw(nameEnd + 2); // the separator checks below look up to two characters past the name
    if (nameEnd === at) {
      return false;
    }
    let assignEnd: number;
    const sep = this.skipWhitespace(nameEnd);
    if (sep < this.text.length && this.text.charCodeAt(sep) === EQUALS) {
      assignEnd = sep + 1;
    } else if (
      this.text.charCodeAt(nameEnd) === COLON && nameEnd + 1 < this.text.length && isEnvWhitespace(this.text.charCodeAt(nameEnd + 1))
    ) {
      // `NAME: value` — the colon takes exactly one whitespace character (a CRLF counts as one).
      assignEnd = this.text.charCodeAt(nameEnd + 1) === CR && this.text.charCodeAt(nameEnd + 2) === LF ? nameEnd + 3 : nameEnd + 2;
    } else {
      return false;
    }
    this.readValue(assignEnd);
    this.nameEnd = nameEnd;
    this.assignEnd = assignEnd;
    this.hasExport = exported;
    return true;
  }

  /**
   * Reads a definition starting at `at` (the first non-blank character of a line) into the fields;
   * its name start, or -1.
   */
  readDefinition(at: number): number {
    this.saw(at + 6);
    if (this.text.startsWith('export', at) && at + 6 < this.text.length && isEnvWhitespace(this.text.charCodeAt(at + 6))) {
      const nameStart = this.skipWhitespace(at + 6);
      if (this.readAssignment(nameStart, true)) {
        return nameStart;
      }
    }
    return this.readAssignment(at, false) ? at : -1;
  }
}
