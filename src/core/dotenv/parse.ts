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
import { BOM, CR, decodeValue, endOfLine, isEnvWhitespace, isLineTerminator, nextLineStart, Scanner } from './scanner';

export { endOfLine, isEnvWhitespace, isLineTerminator, linesWithBreak, nextLineStart } from './scanner';

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

  push(nameStart: number, lineStart: number, reachEnd: number, d: Scanner): void {
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
    this.nameEnd[i] = d.nameEnd;
    this.assignEnd[i] = d.assignEnd;
    this.valueStart[i] = d.valueStart;
    this.valueEnd[i] = d.valueEnd;
    this.lineStart[i] = lineStart;
    this.lineEnd[i] = d.lineEnd;
    this.flags[i] = (d.hasExport ? 1 : 0) | (d.quote << 8);
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
  const scan = new Scanner(text);
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
    scan.reach = first + 1;
    const nameStart = scan.readDefinition(first);
    if (nameStart >= 0) {
      table.push(nameStart, line === 0 && text.charCodeAt(0) === BOM ? 1 : line, Math.max(scan.reach, scan.lineEnd + 2), scan);
      line = nextLineStart(text, scan.lineEnd);
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
