/**
 * Reading `.env` text the way the `dotenv` package's default parser reads it (checked against
 * dotenv 18 by the unit tests), while keeping the offsets of everything in the raw text so that
 * edits can touch only the bytes they mean to.
 *
 * The scanner is line oriented: every definition starts at the first non-blank character of a line
 * and ends at the end of a line (its own line, or the last line of a quoted value that spans lines).
 * Lines that are blank, comments, or not definitions are skipped.
 *
 * The rules below mirror dotenv's behaviour, including its less obvious corners, because the
 * decoded values must be exactly what an application loading the file will see:
 *
 * - A line break is CRLF, LF or a lone CR (dotenv turns all three into LF before parsing). U+2028
 *   and U+2029 also end a line for the purpose of where a definition may start and where a quoted
 *   value's trailing comment stops, as they do for dotenv's multiline regular expression.
 * - "Whitespace" is JavaScript's `\s` set, so a byte order mark is just leading whitespace.
 * - A name is one or more of `[A-Za-z0-9_.-]`, optionally preceded by `export` and whitespace.
 *   It is followed by optional whitespace and `=`, or directly by `:` and one whitespace character.
 *   The whitespace before `=` may span lines (`NAME` on one line, `=value` on the next).
 * - After the `=`, whitespace (even line breaks) is skipped; if a quote (`'`, `"` or a backtick)
 *   comes next, the value may be quoted. The closing quote is the furthest one such that every
 *   quote of that kind in between is preceded by a backslash and only whitespace and an optional
 *   `#` comment follow it on its line. Quoted values may contain line breaks.
 * - Otherwise the value is the rest of the line up to the first `#` (no quote skipping), trimmed.
 *   If that text starts and ends with the same quote, the quotes are removed.
 * - When the written value starts with `"`, every backslash-`n` becomes LF and every
 *   backslash-`r` becomes CR. Nothing else is unescaped, in any kind of quote.
 * - The last definition of a name wins.
 */

export type EnvQuote = '"' | "'" | '`';

/** One active definition, with offsets into the raw text (UTF-16 code units, like `String#slice`). */
export interface EnvEntry {
  /** The variable name as written. */
  readonly name: string;
  /** Offset of the name's first character (after any `export `). */
  nameStart: number;
  /** Offset just after the `=` (or the `: `) that separates the name from the value. */
  assignEnd: number;
  /** Offset of the value as written: its opening quote, or its first non-blank character. */
  valueStart: number;
  /** Offset just after the value as written (after its closing quote). Equal to valueStart when empty. */
  valueEnd: number;
  /** Offset of the start of the definition's first line (after a byte order mark on the first line). */
  lineStart: number;
  /** Offset of the end of the definition's last line, excluding its line break. */
  lineEnd: number;
  /** True when written as `export NAME=...`. */
  hasExport: boolean;
  /** The quote the value is wrapped in, or null for an unquoted (or empty) value. */
  quote: EnvQuote | null;
  /** The value exactly as dotenv decodes it (decoded on first read: most callers need few). */
  readonly value: string;
}

/**
 * How far into the text the parser has looked (exclusive) while reading the current definition.
 * A definition whose reach ends before an edit reads the same after it (see reparseAfterEdit).
 */
let reach = 0;
function saw(index: number): void {
  if (index + 1 > reach) {
    reach = index + 1;
  }
}

/** An entry whose value is decoded from the text only when it is first read. */
class ParsedEntry implements EnvEntry {
  private decoded: string | undefined;
  private sliced: string | undefined;
  /** Exclusive end of what the parser looked at to read this definition. */
  reach = 0;
  constructor(
    private readonly text: string,
    readonly nameEnd: number,
    readonly nameStart: number,
    readonly assignEnd: number,
    readonly valueStart: number,
    readonly valueEnd: number,
    readonly lineStart: number,
    readonly lineEnd: number,
    readonly hasExport: boolean,
    readonly quote: EnvQuote | null,
  ) {}

  /** Sliced from the text when first read, like the value: a large file's parse allocates little. */
  get name(): string {
    this.sliced ??= this.text.slice(this.nameStart, this.nameEnd);
    return this.sliced;
  }

  get value(): string {
    this.decoded ??= decodeValue(this.text.slice(this.valueStart, this.valueEnd));
    return this.decoded;
  }

  hasName(name: string): boolean {
    return this.nameEnd - this.nameStart === name.length && this.text.startsWith(name, this.nameStart);
  }
}

/** `e.name === name`, without slicing the name out of the text. */
export function hasName(e: EnvEntry, name: string): boolean {
  return e instanceof ParsedEntry ? e.hasName(name) : e.name === name;
}

const LF = 0x0a;
const CR = 0x0d;
const LS = 0x2028;
const PS = 0x2029;
const HASH = 0x23;
const EQUALS = 0x3d;
const COLON = 0x3a;
const BACKSLASH = 0x5c;
const BOM = 0xfeff;

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

/** First offset at or after `from` that is not whitespace (line breaks count as whitespace). */
function skipWhitespace(text: string, from: number): number {
  let i = from;
  while (i < text.length && isEnvWhitespace(text.charCodeAt(i))) {
    i++;
  }
  saw(i);
  return i;
}

/** Offset of the line terminator that ends the line containing `from` (or the text's length). */
export function endOfLine(text: string, from: number): number {
  let i = from;
  while (i < text.length && !isLineTerminator(text.charCodeAt(i))) {
    i++;
  }
  saw(i);
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
 * True when what follows a closing quote at `from` is acceptable: optional whitespace, then a `#`
 * comment or the end of the line.
 */
function closingQuoteTailOk(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (isLineTerminator(c) || !isEnvWhitespace(c)) {
      saw(i);
      return isLineTerminator(c) || c === HASH;
    }
  }
  saw(text.length);
  return true;
}

/**
 * The closing quote for a value opened at `open`, or -1. Candidates are the quotes of the same kind
 * up to and including the first one not preceded by a backslash; the furthest acceptable one wins.
 */
function findClosingQuote(text: string, open: number): number {
  const quote = text[open];
  const candidates: number[] = [];
  let i = text.indexOf(quote, open + 1);
  while (i !== -1) {
    candidates.push(i);
    if (text.charCodeAt(i - 1) !== BACKSLASH) {
      break;
    }
    i = text.indexOf(quote, i + 1);
  }
  saw(i === -1 ? text.length : i);
  for (let k = candidates.length - 1; k >= 0; k--) {
    if (closingQuoteTailOk(text, candidates[k] + 1)) {
      return candidates[k];
    }
  }
  return -1;
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
function decodeValue(written: string): string {
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

// The definition being read: scratch fields written by readValue/readAssignment, so reading a large
// file allocates nothing per line until a definition is asked for as an object.
let sNameEnd = 0;
let sAssignEnd = 0;
let sValueStart = 0;
let sValueEnd = 0;
let sLineEnd = 0;
let sQuote = 0; // 0 none, else the quote's char code
let sExport = false;

/** Reads the value that starts right after the separator, at `from`. Always succeeds. */
function readValue(text: string, from: number): void {
  const first = skipWhitespace(text, from);
  if (first < text.length && isQuote(text.charCodeAt(first))) {
    const close = findClosingQuote(text, first);
    if (close !== -1) {
      sValueStart = first;
      sValueEnd = close + 1;
      sLineEnd = endOfLine(text, close + 1);
      sQuote = text.charCodeAt(first);
      return;
    }
  }
  // Unquoted: the rest of the line up to the first `#` (U+2028/U+2029 do not stop it).
  let end = from;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (c === HASH || c === LF || c === CR) {
      break;
    }
    end++;
  }
  saw(end);
  let start = from;
  while (start < end && isEnvWhitespace(text.charCodeAt(start))) {
    start++;
  }
  let stop = end;
  while (stop > start && isEnvWhitespace(text.charCodeAt(stop - 1))) {
    stop--;
  }
  sLineEnd = end < text.length && text.charCodeAt(end) === HASH ? endOfLine(text, end) : end;
  if (start === stop) {
    sValueStart = from;
    sValueEnd = from;
    sQuote = 0;
    return;
  }
  const c0 = text.charCodeAt(start);
  sValueStart = start;
  sValueEnd = stop;
  sQuote = stop - start >= 2 && isQuote(c0) && text.charCodeAt(stop - 1) === c0 ? c0 : 0;
}

/** Reads a definition whose name starts at `at` into the scratch fields; false when there is none. */
function readAssignment(text: string, at: number, hasExport: boolean): boolean {
  let nameEnd = at;
  while (nameEnd < text.length && isNameChar(text.charCodeAt(nameEnd))) {
    nameEnd++;
  }
  saw(nameEnd + 2); // the separator checks below look up to two characters past the name
  if (nameEnd === at) {
    return false;
  }
  let assignEnd: number;
  const sep = skipWhitespace(text, nameEnd);
  if (sep < text.length && text.charCodeAt(sep) === EQUALS) {
    assignEnd = sep + 1;
  } else if (
    text.charCodeAt(nameEnd) === COLON && nameEnd + 1 < text.length && isEnvWhitespace(text.charCodeAt(nameEnd + 1))
  ) {
    // `NAME: value` — the colon takes exactly one whitespace character (a CRLF counts as one).
    assignEnd = text.charCodeAt(nameEnd + 1) === CR && text.charCodeAt(nameEnd + 2) === LF ? nameEnd + 3 : nameEnd + 2;
  } else {
    return false;
  }
  readValue(text, assignEnd);
  sNameEnd = nameEnd;
  sAssignEnd = assignEnd;
  sExport = hasExport;
  return true;
}

/** Reads a definition starting at `at` (the first non-blank character of a line); its name start, or -1. */
function readDefinition(text: string, at: number): number {
  saw(at + 6);
  if (text.startsWith('export', at) && at + 6 < text.length && isEnvWhitespace(text.charCodeAt(at + 6))) {
    const nameStart = skipWhitespace(text, at + 6);
    if (readAssignment(text, nameStart, true)) {
      return nameStart;
    }
  }
  return readAssignment(text, at, false) ? at : -1;
}

/**
 * The definitions of a text as columns of numbers (one row per definition), plus how far the parser
 * looked for each. Rows become EnvEntry objects only when asked for.
 */
export class EnvTable {
  n = 0;
  nameStart = new Int32Array(64);
  nameEnd = new Int32Array(64);
  assignEnd = new Int32Array(64);
  valueStart = new Int32Array(64);
  valueEnd = new Int32Array(64);
  lineStart = new Int32Array(64);
  lineEnd = new Int32Array(64);
  /** Bit 0: export; bits 8+: the quote's char code. */
  flags = new Int32Array(64);
  /** Exclusive end of what the parser looked at for this row (see rowsReadBefore). */
  reach = new Float64Array(64);

  constructor(readonly text: string) {}

  push(nameStart: number, lineStart: number, reachEnd: number): void {
    if (this.n === this.nameStart.length) {
      for (const k of ['nameStart', 'nameEnd', 'assignEnd', 'valueStart', 'valueEnd', 'lineStart', 'lineEnd', 'flags'] as const) {
        const grown = new Int32Array(this.n * 2);
        grown.set(this[k]);
        this[k] = grown;
      }
      const reach = new Float64Array(this.n * 2);
      reach.set(this.reach);
      this.reach = reach;
    }
    const i = this.n++;
    this.nameStart[i] = nameStart;
    this.nameEnd[i] = sNameEnd;
    this.assignEnd[i] = sAssignEnd;
    this.valueStart[i] = sValueStart;
    this.valueEnd[i] = sValueEnd;
    this.lineStart[i] = lineStart;
    this.lineEnd[i] = sLineEnd;
    this.flags[i] = (sExport ? 1 : 0) | (sQuote << 8);
    this.reach[i] = reachEnd;
  }

  hasName(i: number, name: string): boolean {
    return this.nameEnd[i] - this.nameStart[i] === name.length && this.text.startsWith(name, this.nameStart[i]);
  }

  value(i: number): string {
    return decodeValue(this.text.slice(this.valueStart[i], this.valueEnd[i]));
  }

  /** Same definition in `other` (row j), `shift` characters further on (the text there being equal). */
  sameRow(i: number, other: EnvTable, j: number, shift: number): boolean {
    return (
      this.nameStart[i] + shift === other.nameStart[j] && this.nameEnd[i] + shift === other.nameEnd[j] &&
      this.assignEnd[i] + shift === other.assignEnd[j] && this.valueStart[i] + shift === other.valueStart[j] &&
      this.valueEnd[i] + shift === other.valueEnd[j] && this.lineStart[i] + shift === other.lineStart[j] &&
      this.lineEnd[i] + shift === other.lineEnd[j] && this.flags[i] === other.flags[j]
    );
  }

  entry(i: number): EnvEntry {
    const q = this.flags[i] >> 8;
    const e = new ParsedEntry(
      this.text, this.nameEnd[i], this.nameStart[i], this.assignEnd[i], this.valueStart[i], this.valueEnd[i],
      this.lineStart[i], this.lineEnd[i], (this.flags[i] & 1) === 1, q === 0 ? null : (String.fromCharCode(q) as EnvQuote),
    );
    e.reach = this.reach[i];
    return e;
  }

  entries(from = 0): EnvEntry[] {
    const out: EnvEntry[] = [];
    for (let i = from; i < this.n; i++) {
      out.push(this.entry(i));
    }
    return out;
  }
}

/** Parses `text` from `from`, which must be the start of a line the full parse would reach. */
export function parseTable(text: string, from = 0): EnvTable {
  const table = new EnvTable(text);
  let line = from;
  while (line < text.length) {
    let first = line;
    while (first < text.length) {
      const c = text.charCodeAt(first);
      if (isLineTerminator(c) || !isEnvWhitespace(c)) {
        break;
      }
      first++;
    }
    if (first >= text.length) {
      break;
    }
    if (isLineTerminator(text.charCodeAt(first))) {
      line = nextLineStart(text, first);
      continue;
    }
    reach = first + 1;
    const nameStart = readDefinition(text, first);
    if (nameStart >= 0) {
      table.push(nameStart, line === 0 && text.charCodeAt(0) === BOM ? 1 : line, Math.max(reach, sLineEnd + 2));
      line = nextLineStart(text, sLineEnd);
    } else {
      line = nextLineStart(text, endOfLine(text, first));
    }
  }
  return table;
}

/**
 * How many leading rows of `table` the parser read without looking at or past `offset`: an edit at
 * `offset` cannot change them, and parsing the edited text can resume on the line after the last.
 */
export function rowsReadBefore(table: EnvTable, offset: number): number {
  let keep = 0;
  while (keep < table.n && table.reach[keep] <= offset) {
    keep++;
  }
  return keep;
}

/** Where parsing `after` resumes when the first `keep` rows are kept. */
export function resumeAfter(table: EnvTable, keep: number, after: string): number {
  return keep === 0 ? 0 : nextLineStart(after, table.lineEnd[keep - 1]);
}

/** Every active definition, in file order (the same name may appear more than once). */
export function parseEnv(text: string): EnvEntry[] {
  return parseTable(text).entries();
}

/**
 * parseEnv(after), where `after` is `before` with one edit at `offset`, reusing the definitions the
 * parser read without looking at or past `offset` (they read the same in `after`) and parsing
 * `after` only from the line after the last of them.
 */
export function reparseAfterEdit(before: string, after: string, offset: number): EnvEntry[] {
  const table = parseTable(before);
  const keep = rowsReadBefore(table, offset);
  const head: EnvEntry[] = [];
  for (let i = 0; i < keep; i++) {
    head.push(table.entry(i));
  }
  return [...head, ...parseTable(after, resumeAfter(table, keep, after)).entries()];
}

/** The values dotenv would load: the last definition of each name wins. */
export function envValues(entries: readonly EnvEntry[]): Map<string, string> {
  const values = new Map<string, string>();
  for (const e of entries) {
    values.set(e.name, e.value);
  }
  return values;
}

/** The file's dominant line break: CRLF when it has more CRLF than bare LF breaks, else LF. */
export function detectEol(text: string): '\r\n' | '\n' {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === CR) {
      crlf++;
    } else {
      lf++;
    }
  }
  return crlf > lf ? '\r\n' : '\n';
}
