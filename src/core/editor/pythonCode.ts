/**
 * What "Move to .env" needs to know about a Python file, from a small tokenizer (strings with
 * their prefixes, triple quotes and f-string fields, comments, brackets, line continuations,
 * logical lines): which string literals stand alone where an expression goes (not a docstring or
 * other expression statement, not part of an implicit concatenation, not a `match`/`case`
 * pattern), whether a module-level `import` binds `os` (not one inside a def, a class, an `if` or
 * a string), whether something binds `os` to another module, and where a new top-level import
 * goes (after the leading comments, the module docstring and the `from __future__` imports).
 * A file the tokenizer cannot follow to its end (an unclosed string or bracket) gives nothing.
 */

export interface PythonLiteral {
  /** [start, end) of the literal, prefix and quotes included. */
  start: number;
  end: number;
  /** `b`, `f`, `rb`… or ''. */
  prefix: string;
  /** It stands alone where an expression goes, so `os.environ[…]` may replace it. */
  expression: boolean;
}

export interface PythonModule {
  /** Every string token, in order. */
  literals: PythonLiteral[];
  /** Offsets of the module-level statements that bind `os` to the os module (`import os`, `import sys, os.path`). */
  osImports: number[];
  /** Some import binds the name `os` to another module (`import json as os`, `from x import os`): `os.environ` may not be the environment. */
  osRebound: boolean;
  /** Where a new module-level import goes: the start of a line. */
  importOffset: number;
}

type Kind = 'name' | 'number' | 'string' | 'op';

interface Token {
  kind: Kind;
  start: number;
  end: number;
  value: string;
  prefix?: string;
}

interface LogicalLine {
  tokens: Token[];
  /** Offset of the line holding the first token. */
  lineStart: number;
  /** After the line's NEWLINE (its last line break), or the end of the text. */
  end: number;
}

const PREFIXES = new Set(['r', 'u', 'b', 'f', 't', 'br', 'rb', 'fr', 'rf', 'tr', 'rt']);
const COMPOUND = new Set(['if', 'elif', 'else', 'while', 'for', 'try', 'except', 'finally', 'with', 'def', 'class', 'async']);
/** The operators longer than one character, longest first, by their first character. */
const LONG_OPERATORS = new Map<string, string[]>();
for (const op of ['**=', '//=', '>>=', '<<=', '...', ':=', '->', '==', '!=', '<=', '>=', '**', '//', '<<', '>>', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=']) {
  LONG_OPERATORS.set(op[0], [...(LONG_OPERATORS.get(op[0]) ?? []), op]);
}
const OPENERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

const isNameStart = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f || c > 0x7f;
const isNamePart = (c: number): boolean => isNameStart(c) || (c >= 0x30 && c <= 0x39);
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

class Lost extends Error {}

/** One instance: no stack is captured each time a text cannot be followed. */
const LOST = new Lost('the tokenizer cannot follow this text');

function lose(): never {
  throw LOST;
}

class PythonTokenizer {
  private pos: number;
  readonly lines: LogicalLine[] = [];

  constructor(private readonly text: string) {
    this.pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  run(): void {
    const t = this.text;
    const brackets: string[] = [];
    let line: Token[] = [];
    let lineStart = this.pos;
    let physicalStart = this.pos;
    const endLine = (end: number) => {
      if (line.length) this.lines.push({ tokens: line, lineStart, end });
      line = [];
    };
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 0x0a || c === 0x0d) {
        this.pos += c === 0x0d && t.charCodeAt(this.pos + 1) === 0x0a ? 2 : 1;
        if (brackets.length === 0) endLine(this.pos);
        physicalStart = this.pos;
      } else if (c === 0x20 || c === 0x09 || c === 0x0c) {
        this.pos++;
      } else if (c === 0x23) {
        while (this.pos < t.length && t.charCodeAt(this.pos) !== 0x0a && t.charCodeAt(this.pos) !== 0x0d) this.pos++;
      } else if (c === 0x5c) {
        const n = t.charCodeAt(this.pos + 1);
        if (n !== 0x0a && n !== 0x0d) lose();
        this.pos += n === 0x0d && t.charCodeAt(this.pos + 2) === 0x0a ? 3 : 2;
        physicalStart = this.pos;
      } else {
        if (line.length === 0) lineStart = physicalStart;
        const tok = this.token();
        if (tok.kind === 'op' && '([{'.includes(tok.value)) {
          brackets.push(tok.value);
        } else if (tok.kind === 'op' && ')]}'.includes(tok.value) && brackets.pop() !== OPENERS[tok.value]) {
          lose();
        }
        line.push(tok);
      }
    }
    if (brackets.length) lose();
    endLine(t.length);
  }

  private token(): Token {
    const t = this.text;
    const start = this.pos;
    const c = t.charCodeAt(start);
    if (isNameStart(c)) {
      let end = start + 1;
      while (end < t.length && isNamePart(t.charCodeAt(end))) end++;
      const name = t.slice(start, end);
      const q = t.charCodeAt(end);
      if ((q === 0x22 || q === 0x27) && PREFIXES.has(name.toLowerCase())) {
        this.pos = this.stringEnd(end, name.toLowerCase());
        return { kind: 'string', start, end: this.pos, value: '', prefix: name };
      }
      this.pos = end;
      return { kind: 'name', start, end, value: name };
    }
    if (c === 0x22 || c === 0x27) {
      this.pos = this.stringEnd(start, '');
      return { kind: 'string', start, end: this.pos, value: '', prefix: '' };
    }
    if (isDigit(c) || (c === 0x2e && isDigit(t.charCodeAt(start + 1)))) {
      let end = start + 1;
      while (end < t.length) {
        const d = t.charCodeAt(end);
        if (isNamePart(d) || d === 0x2e || ((d === 0x2b || d === 0x2d) && (t.charCodeAt(end - 1) | 0x20) === 0x65 && !/^0[xX]/.test(t.slice(start, end)))) end++;
        else break;
      }
      this.pos = end;
      return { kind: 'number', start, end, value: '' };
    }
    const op = LONG_OPERATORS.get(t[start])?.find((o) => t.startsWith(o, start)) ?? t[start];
    this.pos = start + op.length;
    return { kind: 'op', start, end: this.pos, value: op };
  }

  /** The end of the string whose opening quote is at `at`; f-strings' fields may hold strings of their own. */
  private stringEnd(at: number, prefix: string): number {
    const t = this.text;
    const quote = t[at];
    const close = t.startsWith(quote.repeat(3), at) ? quote.repeat(3) : quote;
    const formatted = prefix.includes('f') || prefix.includes('t');
    const raw = prefix.includes('r');
    for (let i = at + close.length; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 0x5c) {
        const n = t.charCodeAt(i + 1);
        if (formatted && (n === 0x7b || n === 0x7d)) {
          // In an f-string a backslash does not escape a brace: `\{{` is a backslash and a brace.
          continue;
        }
        if (formatted && !raw && n === 0x4e && t.charCodeAt(i + 2) === 0x7b) {
          // `\N{NAME}`: a character by its name, not a field.
          i = t.indexOf('}', i + 3);
          if (i === -1) break;
          continue;
        }
        i += n === 0x0d && t.charCodeAt(i + 2) === 0x0a ? 2 : 1;
      } else if (t.startsWith(close, i)) {
        return i + close.length;
      } else if (close.length === 1 && (c === 0x0a || c === 0x0d)) {
        break;
      } else if (formatted && c === 0x7b) {
        if (t.charCodeAt(i + 1) === 0x7b) i++;
        else i = this.fieldEnd(i + 1) - 1;
      }
    }
    return lose();
  }

  /** From just inside an f-string's `{`: the offset after its `}`. */
  private fieldEnd(from: number): number {
    const t = this.text;
    let depth = 0;
    for (let i = from; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 0x22 || c === 0x27) {
        let p = i;
        while (p > from && isNamePart(t.charCodeAt(p - 1))) p--;
        const prefix = t.slice(p, i).toLowerCase();
        i = this.stringEnd(i, PREFIXES.has(prefix) ? prefix : '') - 1;
      } else if (c === 0x28 || c === 0x5b || c === 0x7b) {
        depth++;
      } else if (c === 0x29 || c === 0x5d) {
        depth--;
      } else if (c === 0x7d) {
        if (depth === 0) return i + 1;
        depth--;
      } else if (c === 0x3a && depth === 0) {
        // The format spec: text, with fields of its own, up to the field's `}`.
        for (let j = i + 1; j < t.length; j++) {
          if (t.charCodeAt(j) === 0x7b) j = this.fieldEnd(j + 1) - 1;
          else if (t.charCodeAt(j) === 0x7d) return j + 1;
        }
        break;
      }
    }
    return lose();
  }
}

/** The simple statements of a logical line: [start, end) token index ranges, and whether the line is a compound statement's header. */
function statements(tokens: Token[]): { ranges: [number, number][]; header: number; softKeyword: boolean } {
  const first = tokens[0];
  let header = -1;
  let softKeyword = false;
  const second = tokens[1];
  if (first.kind === 'name' && (first.value === 'match' || first.value === 'case') && second && !(second.kind === 'op' && !'([{-*~'.includes(second.value))) {
    softKeyword = true;
  }
  if ((first.kind === 'name' && (COMPOUND.has(first.value) || softKeyword)) || (first.kind === 'op' && first.value === '@')) {
    header = colonAtDepth0(tokens, 0);
    if (header === -1) {
      // A decorator line, or a soft keyword that was a name after all.
      softKeyword = false;
      if (first.kind === 'op') return { ranges: [], header: tokens.length, softKeyword };
    }
  }
  const ranges: [number, number][] = [];
  let start = header === -1 ? 0 : header + 1;
  let depth = 0;
  for (let i = start; i <= tokens.length; i++) {
    const tok = tokens[i];
    if (tok && tok.kind === 'op' && '([{'.includes(tok.value)) depth++;
    else if (tok && tok.kind === 'op' && ')]}'.includes(tok.value)) depth--;
    if (i === tokens.length || (depth === 0 && tok.kind === 'op' && tok.value === ';')) {
      if (i > start) ranges.push([start, i]);
      start = i + 1;
    }
  }
  return { ranges, header, softKeyword };
}

function colonAtDepth0(tokens: Token[], from: number): number {
  let depth = 0;
  for (let i = from; i < tokens.length; i++) {
    const tok = tokens[i];
    if (tok.kind !== 'op') continue;
    if ('([{'.includes(tok.value)) depth++;
    else if (')]}'.includes(tok.value)) depth--;
    else if (depth === 0 && tok.value === ':') return i;
  }
  return -1;
}

/** The names an `import …` statement binds: [first name of the dotted module, alias or undefined, the whole dotted module]. */
function importBindings(tokens: Token[]): { module: string; alias?: string }[] {
  const out: { module: string; alias?: string }[] = [];
  let i = 1;
  while (i < tokens.length) {
    let module = '';
    while (i < tokens.length && !(tokens[i].kind === 'op' && tokens[i].value === ',') && !(tokens[i].kind === 'name' && tokens[i].value === 'as')) {
      module += tokens[i].kind === 'op' ? tokens[i].value : tokens[i].value;
      i++;
    }
    let alias: string | undefined;
    if (i < tokens.length && tokens[i].kind === 'name' && tokens[i].value === 'as') {
      alias = tokens[i + 1]?.value;
      i += 2;
    }
    out.push({ module, alias });
    i++;
  }
  return out;
}

/** Whether `from … import …` binds the name `os`. */
function fromImportBindsOs(tokens: Token[]): boolean {
  const at = tokens.findIndex((t) => t.kind === 'name' && t.value === 'import');
  for (let i = at + 1; i < tokens.length; i++) {
    const tok = tokens[i];
    if (tok.kind !== 'name' || tok.value !== 'os') continue;
    const before = tokens[i - 1];
    const after = tokens[i + 1];
    const isAlias = before.kind === 'name' && before.value === 'as';
    const isAliased = after?.kind === 'name' && after.value === 'as';
    if (isAlias || !isAliased) return true;
  }
  return false;
}

/** Reads `text` as Python; undefined when it cannot be followed to its end. */
export function scanPython(text: string): PythonModule | undefined {
  const tokenizer = new PythonTokenizer(text);
  try {
    tokenizer.run();
  } catch (e) {
    if (e instanceof Lost) return undefined;
    throw e;
  }
  const literals: PythonLiteral[] = [];
  const osImports: number[] = [];
  let osRebound = false;
  for (const line of tokenizer.lines) {
    const { tokens } = line;
    // Only lines with a string or an import need a closer look (most have neither).
    const imports = tokens.some((t) => t.kind === 'name' && (t.value === 'import' || t.value === 'from'));
    if (!imports && !tokens.some((t) => t.kind === 'string')) continue;
    const moduleLevel = tokens[0].start === line.lineStart;
    const { ranges, header, softKeyword } = statements(tokens);
    for (let i = 0; i < tokens.length; i++) {
      const tok = tokens[i];
      if (tok.kind !== 'string') continue;
      const prefix = tok.prefix ?? '';
      const concatenated = tokens[i - 1]?.kind === 'string' || tokens[i + 1]?.kind === 'string';
      const inPattern = softKeyword && i < header;
      const startsStatement = ranges.some(([s]) => s === i);
      literals.push({ start: tok.start, end: tok.end, prefix, expression: prefix === '' && !concatenated && !inPattern && !startsStatement });
    }
    if (!imports) continue;
    for (const [s, e] of ranges) {
      const stmt = tokens.slice(s, e);
      const head = stmt[0];
      if (head.kind !== 'name') continue;
      if (head.value === 'import') {
        for (const { module, alias } of importBindings(stmt)) {
          const binds = (alias === undefined && module.split('.')[0] === 'os') || (alias === 'os' && module === 'os');
          if (binds && moduleLevel && header === -1) osImports.push(head.start);
          if (alias === 'os' && module !== 'os') osRebound = true;
        }
      } else if (head.value === 'from' && fromImportBindsOs(stmt)) {
        osRebound = true;
      }
    }
  }
  return { literals, osImports, osRebound, importOffset: importOffset(text, tokenizer.lines) };
}

/** After the module docstring and the `from __future__` imports; else at the first statement's line (after the leading comments). */
function importOffset(text: string, lines: LogicalLine[]): number {
  // The first simple statement of each line says what the line is.
  const firstStatement = (line: LogicalLine): Token[] => {
    const [range] = statements(line.tokens).ranges;
    return range ? line.tokens.slice(range[0], range[1]) : [];
  };
  let i = 0;
  const head = lines.length ? firstStatement(lines[0]) : [];
  if (head.length && head.every((t) => t.kind === 'string')) {
    i = 1;
  }
  while (i < lines.length) {
    const [a, b, c] = firstStatement(lines[i]);
    if (a?.kind === 'name' && a.value === 'from' && b?.value === '__future__' && c?.value === 'import') i++;
    else break;
  }
  if (i > 0) {
    return lines[i - 1].end;
  }
  return lines.length ? lines[0].lineStart : text.charCodeAt(0) === 0xfeff ? 1 : 0;
}
