/**
 * Where each string literal stands in a JavaScript or TypeScript file (and their React dialects),
 * for "Move to .env": a literal may become `process.env.NAME` only where an expression may stand,
 * and a JSX attribute's `"…"` only as `{process.env.NAME}`.
 *
 * A small scanner, not a parser (the extension does not ship a compiler): it reads the tokens
 * (strings, templates with nested `${}`, comments, regular expressions, JSX elements and their
 * text), keeps a stack of the brackets it is inside (block, object literal, class body,
 * parentheses, template, JSX) and skips, as places where no literal is an expression, type
 * annotations and type arguments, `type`/`interface`/`enum`/`declare` statements and
 * import/export declarations. It answers only what it positively recognises: a literal is an
 * expression when the token before it asks for an operand (`=`, `(`, `,`, an operator, `return`…)
 * in a context that is not a key, and the token after it does not make it a key or a method name.
 * Everything else, and every literal of a file the scanner cannot follow to its end with every
 * bracket closed, is left alone.
 */

/** How a literal may be replaced by an expression. */
export type LiteralUse = 'expression' | 'jsxAttribute';

export interface CodeLiteral {
  /** [start, end) of the literal, quotes included. */
  start: number;
  end: number;
  /** Where an expression may replace it; undefined where none may. */
  use?: LiteralUse;
}

export interface JsDialect {
  typescript: boolean;
  /** `<` where an operand is expected starts a JSX element (TypeScript reads `.js` files this way too). */
  jsx: boolean;
}

const DIALECTS: Record<string, JsDialect> = {
  javascript: { typescript: false, jsx: true },
  javascriptreact: { typescript: false, jsx: true },
  typescript: { typescript: true, jsx: false },
  typescriptreact: { typescript: true, jsx: true },
};

/** The dialect of a VS Code language id, or undefined for other languages. */
export function jsDialect(languageId: string): JsDialect | undefined {
  return DIALECTS[languageId];
}

/** `tail`: the end of a template with substitutions; `jsx`: a whole element; `type`: a skipped type. */
type Kind = 'ident' | 'num' | 'str' | 'template' | 'head' | 'tail' | 'regex' | 'punct' | 'eof' | 'jsx' | 'type';

interface Token {
  kind: Kind;
  start: number;
  end: number;
  /** The identifier or punctuator; '' for the others. */
  value: string;
  /** A line break between the previous token and this one. */
  nl: boolean;
  /** `)`, `]`, `}`: what the bracket closed. */
  closed: FrameKind | undefined;
  /** `)`: the parentheses of `if`/`while`/`for`/`with` (a statement follows). */
  condition: boolean;
  /** `:` ending a `case`, a label, or `?`: what comes next. */
  colon: 'statement' | 'expression' | undefined;
  /** `?` of a conditional expression (not TypeScript's optional mark). */
  ternary: boolean;
  /** An identifier where a statement starts. */
  statementStart: boolean;
}

function token(kind: Kind, start: number, end: number, value: string, nl: boolean): Token {
  return { kind, start, end, value, nl, closed: undefined, condition: false, colon: undefined, ternary: false, statementStart: false };
}

type FrameKind = 'block' | 'class' | 'object' | 'paren' | 'bracket' | 'template' | 'jsxExpr' | 'jsxTag' | 'jsxChildren';

interface Frame {
  kind: FrameKind;
  /** object, class: in a member's name (`key`) or its value/initialiser (`value`). */
  part: 'key' | 'value';
  /** object/class key: a method's parameter list has closed (a `:` now starts its return type). */
  afterParams: boolean;
  /** paren: `require(…)`/`import(…)` (a module name, not a value), or the condition of a statement. */
  role: 'module' | 'condition' | undefined;
  /** Open `?` of conditional expressions. */
  ternary: number;
  /** block: after `case`/`default`, before its `:`. */
  inCase: boolean;
  /** `class` seen: the next `{` at this level is a class body. */
  classPending: boolean;
  /** jsxTag: reading the name, the attributes, or an attribute's value. */
  tag: 'name' | 'attrs' | 'value' | undefined;
  /** jsxTag/jsxChildren: the element's name, to match its closing tag. */
  name: string | undefined;
}

/** Keywords after which an operand is expected (a `/` there starts a regular expression). */
const OPERAND_KEYWORDS = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await', 'extends', 'default']);
/** Keywords whose operand may be replaced by `process.env.NAME`. */
const VALUE_KEYWORDS = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'delete', 'void', 'throw', 'case', 'yield', 'await']);
/** Punctuators after which a literal stands as an operand. */
const VALUE_PUNCTUATORS = new Set([
  '=', '+=', '-=', '*=', '/=', '%=', '**=', '<<=', '>>=', '>>>=', '&=', '|=', '^=', '&&=', '||=', '??=',
  '(', '[', ',', '=>', '+', '-', '*', '/', '%', '**', '==', '!=', '===', '!==', '<=', '>=', '<<', '>>', '>>>',
  '&', '|', '^', '&&', '||', '??', '!', '~', '...', '${',
]);
/** The punctuators longer than one character, longest first, by their first character. */
const LONG_PUNCTUATORS = new Map<string, string[]>();
for (const p of [
  '>>>=', '...', '===', '!==', '**=', '<<=', '>>=', '>>>', '&&=', '||=', '??=',
  '=>', '==', '!=', '<=', '>=', '&&', '||', '??', '?.', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '**', '<<', '>>',
]) {
  LONG_PUNCTUATORS.set(p[0], [...(LONG_PUNCTUATORS.get(p[0]) ?? []), p]);
}
/** What may end an operand: after it, a line break may end the statement. */
const OPERAND_END_PUNCTUATORS = new Set([')', ']', '}', '++', '--']);
/** Statements whose parenthesised head is followed by a statement, not an operand. */
const CONDITION_KEYWORDS = new Set(['if', 'while', 'for', 'with', 'switch', 'catch']);
/** After these, a `{` opens a block. */
const BLOCK_BEFORE = new Set([')', '=>', ';', '{', '}', ']']);
/** Binary operators that cannot continue a type: a type before them has ended. */
const EXPRESSION_OPERATORS = new Set([
  '==', '!=', '===', '!==', '&&', '||', '??', '+', '-', '*', '/', '%', '**', '<=', '>=', '<<', '>>>',
  '+=', '-=', '*=', '/=', '%=', '**=', '<<=', '>>=', '>>>=', '&=', '|=', '^=', '&&=', '||=', '??=', '++', '--', '!', '~', '@',
]);
/** Keywords that may open a declaration with no expression in it (TypeScript's, and import/export). */
const DECLARATION_KEYWORDS = new Set(['import', 'export', 'type', 'interface', 'enum', 'declare', 'module', 'namespace']);
/** Keywords that continue a type after a complete one (`A extends B ? …`, `x is T`, `as const`). */
const TYPE_CONTINUATIONS = new Set(['extends', 'is', 'as', 'satisfies', 'keyof', 'infer']);
/** Keywords that need a type after them. */
const TYPE_PREFIXES = new Set(['keyof', 'typeof', 'infer', 'readonly', 'unique', 'new', 'asserts', 'is', 'extends', 'abstract', 'import']);
/** Keywords after which a declaration being skipped needs more (`from` then its module). */
const NEEDS_MORE = new Set(['from', 'import', 'export', 'type', 'as', 'extends', 'implements', 'declare', 'const', 'let', 'var', 'enum', 'interface', 'module', 'namespace', 'keyof', 'typeof', 'default', 'function', 'class', 'abstract', 'async', 'new', 'readonly', 'unique', 'is', 'infer', 'global']);
/** Tokens that continue a skipped declaration on the next line (`| 'b'`, `from '…'`). */
const STATEMENT_CONTINUATIONS = new Set(['|', '&', '.', '?.', ',', '=', '=>', '?', ':', '<', '>', 'extends', 'implements', 'from', 'with', 'assert', 'as', 'is', 'keyof', 'satisfies']);

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isIdStart = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x24 || c === 0x5f || c === 0x5c || (c > 0x7f && !isSpace(c));
const isIdPart = (c: number): boolean => isIdStart(c) || isDigit(c);
const isLineBreak = (c: number): boolean => c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c || c === 0xa0 || c === 0xfeff || (c > 0x7f && c !== 0x2028 && c !== 0x2029 && /\s/.test(String.fromCharCode(c)));
}

/** The scanner lost the thread: the file is not one it can follow. */
class Lost extends Error {}

/** One instance, thrown again and again: no stack is captured each time (a look-ahead may fail often). */
const LOST = new Lost('the scanner cannot follow this text');

function lose(): never {
  throw LOST;
}

/** Keywords no type holds: reading ahead for type arguments, they say it was a comparison. */
const NOT_IN_TYPES = new Set(['return', 'if', 'while', 'for', 'var', 'let', 'function', 'class', 'throw', 'await', 'yield', 'delete', 'instanceof']);

/** At most this many tokens are read ahead to tell type arguments (`f<T>(x)`) from a comparison. */
const TYPE_ARGUMENT_LOOKAHEAD = 256;

class JsScanner {
  private pos = 0;
  private prev: Token | undefined;
  private before: Token | undefined;
  private readonly frames: Frame[] = [frame('block')];
  private pending: CodeLiteral | undefined;
  readonly literals: CodeLiteral[] = [];

  constructor(private readonly text: string, private readonly dialect: JsDialect) {
    if (text.charCodeAt(0) === 0xfeff) {
      this.pos = 1;
    }
    if (text.startsWith('#!', this.pos)) {
      while (this.pos < text.length && !isLineBreak(text.charCodeAt(this.pos))) this.pos++;
    }
  }

  private get top(): Frame {
    return this.frames[this.frames.length - 1];
  }

  run(): void {
    for (;;) {
      const top = this.top;
      if (top.kind === 'jsxChildren') {
        this.jsxChildren(top);
        continue;
      }
      if (top.kind === 'jsxTag') {
        this.jsxTag(top);
        continue;
      }
      if ((top.kind === 'template' || top.kind === 'jsxExpr') && this.closeSubstitution(top)) {
        continue;
      }
      const tok = this.lex(this.pos, this.operandExpected());
      this.pos = tok.end;
      this.settle(tok);
      if (tok.kind === 'eof') {
        if (this.frames.length !== 1) lose();
        return;
      }
      this.take(tok);
    }
  }

  // ---- tokens ----

  /** Skips blanks and comments from `at`; whether a line break was crossed. */
  private trivia(at: number): { at: number; nl: boolean } {
    const t = this.text;
    let nl = false;
    while (at < t.length) {
      const c = t.charCodeAt(at);
      if (isLineBreak(c)) {
        nl = true;
        at++;
      } else if (isSpace(c)) {
        at++;
      } else if (c === 0x2f && t.charCodeAt(at + 1) === 0x2f) {
        while (at < t.length && !isLineBreak(t.charCodeAt(at))) at++;
      } else if (c === 0x2f && t.charCodeAt(at + 1) === 0x2a) {
        const close = t.indexOf('*/', at + 2);
        if (close === -1) lose();
        for (let i = at + 2; i < close; i++) {
          if (isLineBreak(t.charCodeAt(i))) {
            nl = true;
            break;
          }
        }
        at = close + 2;
      } else {
        break;
      }
    }
    return { at, nl };
  }

  /** The token at `from`: `regex` says whether a `/` there starts a regular expression, `types` reads `>` alone. */
  private lex(from: number, regex: boolean, types = false): Token {
    const t = this.text;
    const { at, nl } = this.trivia(from);
    const make = (kind: Kind, end: number, value = ''): Token => token(kind, at, end, value, nl);
    if (at >= t.length) {
      return make('eof', at);
    }
    const c = t.charCodeAt(at);
    if (c === 0x22 || c === 0x27) {
      return make('str', this.stringEnd(at));
    }
    if (c === 0x60) {
      const { end, head } = this.templateEnd(at + 1);
      return make(head ? 'head' : 'template', end);
    }
    if (isIdStart(c) || (c === 0x23 && isIdStart(t.charCodeAt(at + 1)))) {
      let end = at + 1;
      while (end < t.length && isIdPart(t.charCodeAt(end))) end++;
      return make('ident', end, t.slice(at, end));
    }
    if (isDigit(c) || (c === 0x2e && isDigit(t.charCodeAt(at + 1)))) {
      let end = at + 1;
      while (end < t.length) {
        const d = t.charCodeAt(end);
        if (isIdPart(d) || d === 0x2e) {
          end++;
        } else if ((d === 0x2b || d === 0x2d) && (t.charCodeAt(end - 1) | 0x20) === 0x65 && !/^0[xX]/.test(t.slice(at, end))) {
          end++;
        } else {
          break;
        }
      }
      return make('num', end);
    }
    if (c === 0x2f && regex) {
      return make('regex', this.regexEnd(at));
    }
    if (types && c === 0x3e) {
      return make('punct', at + 1, '>');
    }
    if (regex && c === 0x3c) {
      return make('punct', at + 1, '<');
    }
    for (const p of LONG_PUNCTUATORS.get(t[at]) ?? []) {
      if (t.startsWith(p, at)) {
        if (p === '?.' && isDigit(t.charCodeAt(at + 2))) {
          continue;
        }
        return make('punct', at + p.length, p);
      }
    }
    return make('punct', at + 1, t[at]);
  }

  private stringEnd(at: number): number {
    const t = this.text;
    const quote = t.charCodeAt(at);
    for (let i = at + 1; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === quote) return i + 1;
      // A backslash escapes the next character, or a line break (CRLF as one).
      if (c === 0x5c) i += t.charCodeAt(i + 1) === 0x0d && t.charCodeAt(i + 2) === 0x0a ? 2 : 1;
      else if (c === 0x0a || c === 0x0d) break;
    }
    return lose();
  }

  /** From inside a template (after `` ` `` or a substitution's `}`): its end, and whether a `${` ended it. */
  private templateEnd(from: number): { end: number; head: boolean } {
    const t = this.text;
    for (let i = from; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (c === 0x60) return { end: i + 1, head: false };
      if (c === 0x5c) i++;
      else if (c === 0x24 && t.charCodeAt(i + 1) === 0x7b) return { end: i + 2, head: true };
    }
    return lose();
  }

  private regexEnd(at: number): number {
    const t = this.text;
    let inClass = false;
    for (let i = at + 1; i < t.length; i++) {
      const c = t.charCodeAt(i);
      if (isLineBreak(c)) break;
      if (c === 0x5c) i++;
      else if (c === 0x5b) inClass = true;
      else if (c === 0x5d) inClass = false;
      else if (c === 0x2f && !inClass) {
        let end = i + 1;
        while (end < t.length && isIdPart(t.charCodeAt(end))) end++;
        return end;
      }
    }
    return lose();
  }

  /** A template substitution's or a JSX container's `}`: back in the template or the element. */
  private closeSubstitution(top: Frame): boolean {
    const { at, nl } = this.trivia(this.pos);
    if (this.text.charCodeAt(at) !== 0x7d) {
      return false;
    }
    this.settle(token('punct', at, at + 1, '}', nl));
    this.frames.pop();
    if (top.kind === 'jsxExpr') {
      this.pos = at + 1;
      return true;
    }
    const { end, head } = this.templateEnd(at + 1);
    this.pos = end;
    if (head) {
      this.frames.push(frame('template'));
    }
    this.setPrev(token(head ? 'punct' : 'tail', at, end, head ? '${' : '', nl));
    return true;
  }

  private peek(from = this.pos): Token {
    return this.lex(from, false);
  }

  // ---- what the previous token says ----

  /** Whether an operand is expected after the previous token (so `/` starts a regular expression, `<` a JSX element). */
  private operandExpected(): boolean {
    const p = this.prev;
    if (!p) return true;
    switch (p.kind) {
      case 'ident':
        return OPERAND_KEYWORDS.has(p.value);
      case 'punct':
        if (p.value === ')') return p.condition === true;
        if (p.value === '}') return p.closed === 'block' || p.closed === 'class';
        return p.value !== ']' && p.value !== '++' && p.value !== '--';
      default:
        return false;
    }
  }

  /** Whether `p` can end an expression (so a line break after it may end the statement). */
  private isOperandEnd(p: Token | undefined): boolean {
    if (!p) return false;
    if (p.kind === 'ident') return !OPERAND_KEYWORDS.has(p.value);
    if (p.kind === 'punct') return OPERAND_END_PUNCTUATORS.has(p.value);
    return true;
  }

  /** Whether `tok` starts a statement in a block. */
  private atStatementStart(tok: Token): boolean {
    if (this.top.kind !== 'block') return false;
    const p = this.prev;
    if (!p) return true;
    if (p.kind === 'punct') {
      if (p.value === ';' || p.value === '{' || p.value === '}' || (p.value === ':' && p.colon === 'statement') || (p.value === ')' && p.condition)) return true;
    } else if (p.kind === 'ident' && (p.value === 'else' || p.value === 'do')) {
      return true;
    }
    return tok.nl && this.isOperandEnd(p);
  }

  /** Whether a literal after the previous token stands where an operand goes. */
  private valueFollows(): boolean {
    const p = this.prev;
    if (!p) return false;
    if (p.kind === 'ident') {
      return VALUE_KEYWORDS.has(p.value) || (p.value === 'default' && this.before?.kind === 'ident' && this.before.value === 'export');
    }
    if (p.kind !== 'punct') return false;
    if (p.value === ':') return p.colon === 'expression';
    if (p.value === '?') return p.ternary === true;
    if (p.value === '<' || p.value === '>') return !this.dialect.typescript;
    return VALUE_PUNCTUATORS.has(p.value);
  }

  private setPrev(tok: Token): void {
    this.before = this.prev;
    this.prev = tok;
  }

  // ---- literals ----

  private literal(tok: Token): void {
    const top = this.top;
    const lit: CodeLiteral = { start: tok.start, end: tok.end };
    this.literals.push(lit);
    const inKey = (top.kind === 'object' || top.kind === 'class') && top.part === 'key';
    if (!inKey && top.role !== 'module' && this.valueFollows()) {
      lit.use = 'expression';
      this.pending = lit;
    }
  }

  /** The token after an expression literal: a `:`, `(`, `=` or template there makes it a key, a method or a tag. */
  private settle(next: Token): void {
    const lit = this.pending;
    if (!lit) return;
    this.pending = undefined;
    const top = this.top;
    const v = next.kind === 'punct' ? next.value : '';
    const keyColon = v === ':' && top.ternary === 0 && !(top.kind === 'block' && top.inCase);
    if (keyColon || v === '(' || v === '=' || v === '=>' || next.kind === 'template' || next.kind === 'head') {
      lit.use = undefined;
    }
  }

  // ---- the main loop's tokens ----

  private take(tok: Token): void {
    const top = this.top;
    if (top.kind === 'class' && top.part === 'value' && tok.nl && this.isOperandEnd(this.prev) && this.startsMember(tok)) {
      top.part = 'key';
      top.afterParams = false;
    }
    switch (tok.kind) {
      case 'str':
      case 'template':
        this.literal(tok);
        break;
      case 'head':
        this.frames.push(frame('template'));
        tok.kind = 'punct';
        tok.value = '${';
        break;
      case 'ident':
        if (this.keyword(tok)) return;
        break;
      case 'punct':
        tok = this.punctuator(tok);
        break;
      default:
        break;
    }
    this.setPrev(tok);
  }

  /** After a line break in a class field's initialiser: whether `tok` starts the next member (ASI). */
  private startsMember(tok: Token): boolean {
    if (tok.kind === 'ident') return !['in', 'instanceof', 'as', 'satisfies'].includes(tok.value);
    return tok.kind === 'str' || tok.kind === 'num' || (tok.kind === 'punct' && tok.value === '@');
  }

  /** Handles keywords that open a declaration to skip; true when the token was consumed that way. */
  private keyword(tok: Token): boolean {
    const top = this.top;
    const v = tok.value;
    const ts = this.dialect.typescript;
    const inKey = (top.kind === 'object' || top.kind === 'class') && top.part === 'key';
    const afterDot = this.prev?.kind === 'punct' && (this.prev.value === '.' || this.prev.value === '?.');
    if (afterDot || inKey) {
      return false;
    }
    if (v === 'class') {
      top.classPending = true;
      return false;
    }
    if (ts && (v === 'as' || v === 'satisfies') && !tok.nl && this.isOperandEnd(this.prev)) {
      this.skipType(false);
      tok.kind = 'type';
      this.setPrev(tok);
      return true;
    }
    if (top.kind !== 'block') {
      return false;
    }
    tok.statementStart = this.atStatementStart(tok);
    if (v === 'case' || (v === 'default' && !(this.prev?.kind === 'ident' && this.prev.value === 'export'))) {
      top.inCase = true;
      return false;
    }
    if (!DECLARATION_KEYWORDS.has(v) || (!ts && v !== 'import' && v !== 'export') || !this.opensDeclaration(tok)) {
      return false;
    }
    this.skipStatement();
    this.setPrev(token('punct', tok.start, this.pos, ';', tok.nl));
    return true;
  }

  /** Whether the keyword `tok` (in DECLARATION_KEYWORDS) opens a declaration with no expression in it, by the tokens after it. */
  private opensDeclaration(tok: Token): boolean {
    const afterExport = this.prev?.kind === 'ident' && (this.prev.value === 'export' || this.prev.value === 'declare');
    const next = this.peek();
    const nextIsName = next.kind === 'ident';
    switch (tok.value) {
      case 'import':
        return tok.statementStart && !(next.kind === 'punct' && (next.value === '(' || next.value === '.'));
      case 'export':
        return tok.statementStart && ((next.kind === 'punct' && ['{', '*', '='].includes(next.value)) || (nextIsName && ['import', 'as', 'type', 'interface', 'enum', 'declare'].includes(next.value)));
      case 'type': {
        const after = nextIsName ? this.peek(next.end) : undefined;
        return (tok.statementStart || afterExport) && after?.kind === 'punct' && (after.value === '=' || after.value === '<');
      }
      case 'interface':
      case 'enum':
        return nextIsName;
      case 'declare':
        return (tok.statementStart || afterExport) && nextIsName && !next.nl;
      default:
        // `module '…'` and `namespace '…'`: an ambient module; with a name, a namespace runs code.
        return next.kind === 'str';
    }
  }

  private punctuator(tok: Token): Token {
    const top = this.top;
    const p = this.prev;
    switch (tok.value) {
      case '{': {
        const kind = this.braceKind();
        if (kind === 'class') top.classPending = false;
        this.frames.push(frame(kind));
        break;
      }
      case '(': {
        const f = frame('paren');
        if (p?.kind === 'ident' && !(this.before?.kind === 'punct' && this.before.value === '.')) {
          if (p.value === 'require' || p.value === 'import') f.role = 'module';
          else if (CONDITION_KEYWORDS.has(p.value) || (p.value === 'await' && this.before?.kind === 'ident' && this.before.value === 'for')) f.role = 'condition';
        }
        this.frames.push(f);
        break;
      }
      case '[':
        this.frames.push(frame('bracket'));
        break;
      case ')':
      case ']':
      case '}': {
        const want = tok.value === ')' ? 'paren' : tok.value === ']' ? 'bracket' : undefined;
        const closed = this.frames.pop();
        if (!closed || this.frames.length === 0 || (want ? closed.kind !== want : closed.kind !== 'block' && closed.kind !== 'class' && closed.kind !== 'object')) lose();
        tok.closed = closed.kind;
        tok.condition = closed.role === 'condition';
        const parent = this.top;
        if (tok.value === ')' && (parent.kind === 'object' || parent.kind === 'class') && parent.part === 'key') parent.afterParams = true;
        if (tok.value === '}' && parent.kind === 'class' && closed.kind === 'block') {
          parent.part = 'key';
          parent.afterParams = false;
        }
        break;
      }
      case ':':
        return this.colon(tok);
      case '?': {
        const n = this.peek();
        const optional = n.kind === 'punct' && [':', ',', ')', '=', ';', ']'].includes(n.value);
        if (!optional) {
          top.ternary++;
          tok.ternary = true;
        }
        break;
      }
      case ',':
        top.ternary = 0;
        if (top.kind === 'object') {
          top.part = 'key';
          top.afterParams = false;
        }
        break;
      case ';':
        top.ternary = 0;
        if (top.kind === 'class') {
          top.part = 'key';
          top.afterParams = false;
        }
        break;
      case '=':
      case '...':
        if ((top.kind === 'object' || top.kind === 'class') && top.part === 'key') top.part = 'value';
        break;
      case '<':
        if (this.angle(tok)) tok.kind = 'type';
        break;
      default:
        break;
    }
    return tok;
  }

  /** What the `{` just read opens. */
  private braceKind(): FrameKind {
    const top = this.top;
    const p = this.prev;
    if (top.classPending) return 'class';
    if ((top.kind === 'object' || top.kind === 'class') && top.part === 'key') return 'block';
    if (!p) return 'block';
    if (p.kind === 'punct') {
      if (BLOCK_BEFORE.has(p.value)) return 'block';
      if (p.value === ':') return p.colon === 'statement' ? 'block' : 'object';
      return 'object';
    }
    if (p.kind === 'ident') {
      if (['const', 'let', 'var'].includes(p.value)) return 'object';
      if (p.value === 'default') return this.before?.kind === 'ident' && this.before.value === 'export' ? 'object' : 'block';
      return VALUE_KEYWORDS.has(p.value) || p.value === 'new' || p.value === 'extends' ? 'object' : 'block';
    }
    return 'block';
  }

  private colon(tok: Token): Token {
    const top = this.top;
    const p = this.prev;
    if (top.kind === 'object' && top.part === 'key' && !top.afterParams) {
      top.part = 'value';
      tok.colon = 'expression';
      return tok;
    }
    if (top.kind === 'block' && top.inCase && top.ternary === 0) {
      top.inCase = false;
      tok.colon = 'statement';
      return tok;
    }
    if (top.kind === 'block' && p?.kind === 'ident' && p.statementStart) {
      tok.colon = 'statement';
      return tok;
    }
    if (top.ternary > 0 && !((top.kind === 'object' || top.kind === 'class') && top.part === 'key')) {
      top.ternary--;
      tok.colon = 'expression';
      return tok;
    }
    // A type annotation: of a variable, a parameter, a field, a return type.
    this.skipType(false);
    tok.kind = 'type';
    return tok;
  }

  /** A `<` in the main loop: type arguments or parameters (skipped, true), a JSX element, or a comparison. */
  private angle(tok: Token): boolean {
    const ts = this.dialect.typescript;
    if (this.operandExpectedBefore(tok)) {
      if (ts && (!this.dialect.jsx || this.genericArrowAhead())) {
        this.skipType(true);
        return true;
      }
      if (!this.dialect.jsx) lose();
      this.frames.push(frame('jsxTag', 'name'));
      return false;
    }
    if (ts && this.typeArgumentsAhead()) {
      this.skipType(true);
      return true;
    }
    return false;
  }

  private operandExpectedBefore(tok: Token): boolean {
    return tok.end - tok.start === 1 && this.operandExpected();
  }

  /** In TSX, `<T,>` and `<T extends U>` are a generic arrow function's parameters, not an element. */
  private genericArrowAhead(): boolean {
    let n = this.peek();
    if (n.kind === 'ident' && n.value === 'const') n = this.peek(n.end);
    if (n.kind !== 'ident') return false;
    const after = this.peek(n.end);
    return (after.kind === 'punct' && after.value === ',') || (after.kind === 'ident' && after.value === 'extends');
  }

  /** After `f<`: whether a `>` closes it with only what a type may hold in between. */
  private typeArgumentsAhead(): boolean {
    const saved = { pos: this.pos, literals: this.literals.length };
    try {
      return this.skipType(true, TYPE_ARGUMENT_LOOKAHEAD);
    } catch (e) {
      if (e instanceof Lost) return false;
      throw e;
    } finally {
      this.pos = saved.pos;
      this.literals.length = saved.literals;
    }
  }

  // ---- skipped regions: types and declarations ----

  /**
   * Reads a type from this.pos, recording its literals as not replaceable, and stops before the
   * token that ends it (or after the `>` that closes it when `angle`). With `probe`, reads at most
   * that many tokens and answers whether they were a type closed by `>`.
   */
  private skipType(angle: boolean, probe?: number): boolean {
    const stack: string[] = angle ? ['<'] : [];
    let last: 'start' | 'operand' = 'start';
    let groupClosed = false;
    let extendsOpen = 0;
    let conditionals = 0;
    for (let count = 0; ; count++) {
      if (probe !== undefined && count > probe) return false;
      const tok = this.lex(this.pos, false, true);
      const v = tok.kind === 'punct' ? tok.value : '';
      if (tok.kind === 'eof') {
        if (stack.length) lose();
        return false;
      }
      const probeBase = stack.length === 1;
      if (probe !== undefined && (EXPRESSION_OPERATORS.has(v) || (probeBase && v === ';') || (tok.kind === 'ident' && (NOT_IN_TYPES.has(tok.value) || (probeBase && (tok.value === 'in' || tok.value === 'instanceof')))))) {
        return false;
      }
      if (stack.length === 0) {
        const operand = last === 'operand';
        const ends =
          v === ';' || v === ',' || v === ')' || v === ']' || v === '}' || v === '=' ||
          (operand && (EXPRESSION_OPERATORS.has(v) || v === '{' || v === '>' || (v === '=>' && !groupClosed))) ||
          (v === ':' && conditionals === 0) ||
          (v === '?' && extendsOpen === 0) ||
          (operand && tok.kind === 'ident' && !TYPE_CONTINUATIONS.has(tok.value)) ||
          (operand && tok.nl && !(['|', '&', '.', '?', ':', '=>', '<'].includes(v) || (tok.kind === 'ident' && TYPE_CONTINUATIONS.has(tok.value))));
        if (ends) return false;
      }
      this.pos = tok.end;
      groupClosed = false;
      switch (tok.kind) {
        case 'str':
        case 'template':
          this.literals.push({ start: tok.start, end: tok.end });
          last = 'operand';
          break;
        case 'head':
          stack.push('${');
          last = 'start';
          break;
        case 'ident':
          if (stack.length === 0 && tok.value === 'extends') extendsOpen++;
          last = TYPE_PREFIXES.has(tok.value) ? 'start' : 'operand';
          break;
        case 'punct':
          if (v === '(' || v === '[' || v === '{' || v === '<') {
            stack.push(v);
            last = 'start';
          } else if (v === ')' || v === ']' || v === '}' || v === '>') {
            const open = stack.pop();
            if (open === '${' && v === '}') {
              const { end, head } = this.templateEnd(tok.end);
              this.pos = end;
              if (head) stack.push('${');
              else if (stack.length === 0 && angle) return true;
              last = head ? 'start' : 'operand';
              break;
            }
            if (open !== { ')': '(', ']': '[', '}': '{', '>': '<' }[v]) lose();
            if (stack.length === 0 && angle) return true;
            groupClosed = stack.length === 0 && v === ')';
            last = 'operand';
          } else if (stack.length === 0 && v === '?') {
            extendsOpen--;
            conditionals++;
            last = 'start';
          } else if (stack.length === 0 && v === ':') {
            conditionals--;
            last = 'start';
          } else {
            last = 'start';
          }
          break;
        default:
          last = 'operand';
          break;
      }
    }
  }

  /**
   * Reads a declaration in which no literal is an expression (import/export declarations, `type`,
   * `interface`, `enum`, `declare`, `module '…'`), to its `;`, its body's `}`, or the line break
   * after which nothing continues it.
   */
  private skipStatement(): void {
    const stack: string[] = [];
    let last: Token | undefined;
    for (;;) {
      const tok = this.lex(this.pos, false);
      const v = tok.kind === 'punct' ? tok.value : '';
      if (tok.kind === 'eof') {
        if (stack.length) lose();
        return;
      }
      if (stack.length === 0 && last) {
        const lastEnds = last.kind === 'ident' ? !NEEDS_MORE.has(last.value) : last.kind !== 'punct' || [')', ']', '}', '>', '*'].includes(last.value);
        const afterBody = last.kind === 'punct' && last.value === '}';
        const continues = STATEMENT_CONTINUATIONS.has(tok.kind === 'ident' ? tok.value : v) || (v === '{' && !afterBody);
        // On the same line, a `}` is followed by `[…]` (`{…}[K]`) or `|`; a name starts the next declaration.
        const nextDeclaration = afterBody && !tok.nl && (tok.kind === 'ident' || v === '@') && !continues;
        if (v === '}' || (tok.nl && lastEnds && !continues) || nextDeclaration) return;
      }
      this.pos = tok.end;
      last = tok;
      if (tok.kind === 'str' || tok.kind === 'template') {
        this.literals.push({ start: tok.start, end: tok.end });
      } else if (tok.kind === 'head') {
        stack.push('${');
      } else if (v === '(' || v === '[' || v === '{') {
        stack.push(v);
      } else if (v === ')' || v === ']' || v === '}') {
        const open = stack.pop();
        if (open === '${' && v === '}') {
          const { end, head } = this.templateEnd(tok.end);
          this.pos = end;
          if (head) stack.push('${');
        } else if (open !== { ')': '(', ']': '[', '}': '{' }[v]) {
          lose();
        }
      } else if (v === ';' && stack.length === 0) {
        return;
      }
    }
  }

  // ---- JSX ----

  private jsxTag(top: Frame): void {
    const t = this.text;
    this.pos = this.trivia(this.pos).at;
    const c = t.charCodeAt(this.pos);
    if (top.tag === 'name') {
      if (c === 0x3e) {
        this.pos++;
        this.frames[this.frames.length - 1] = frame('jsxChildren', undefined, '');
        return;
      }
      top.name = this.jsxName();
      top.tag = 'attrs';
      const after = this.trivia(this.pos).at;
      if (this.dialect.typescript && t.charCodeAt(after) === 0x3c) {
        this.pos = after + 1;
        this.skipType(true);
      }
      return;
    }
    if (top.tag === 'attrs') {
      if (c === 0x2f && t.charCodeAt(this.pos + 1) === 0x3e) {
        this.pos += 2;
        this.frames.pop();
        this.afterElement();
      } else if (c === 0x3e) {
        this.pos++;
        this.frames[this.frames.length - 1] = frame('jsxChildren', undefined, top.name);
      } else if (c === 0x7b) {
        this.openContainer();
      } else {
        this.jsxName();
        const after = this.trivia(this.pos).at;
        if (t.charCodeAt(after) === 0x3d) {
          this.pos = after + 1;
          top.tag = 'value';
        }
      }
      return;
    }
    // An attribute's value.
    top.tag = 'attrs';
    if (c === 0x22 || c === 0x27) {
      const close = t.indexOf(t[this.pos], this.pos + 1);
      if (close === -1) lose();
      this.literals.push({ start: this.pos, end: close + 1, use: 'jsxAttribute' });
      this.pos = close + 1;
    } else if (c === 0x7b) {
      this.openContainer();
    } else if (c === 0x3c) {
      this.pos++;
      this.frames.push(frame('jsxTag', 'name'));
    } else {
      lose();
    }
  }

  /** A tag or attribute name: `div`, `Foo.Bar`, `aria-label`, `xlink:href`. */
  private jsxName(): string {
    const t = this.text;
    const start = this.pos;
    if (!isIdStart(t.charCodeAt(start))) lose();
    let end = start + 1;
    while (end < t.length && (isIdPart(t.charCodeAt(end)) || t[end] === '-' || t[end] === ':' || t[end] === '.')) end++;
    this.pos = end;
    return t.slice(start, end);
  }

  private openContainer(): void {
    this.pos++;
    this.frames.push(frame('jsxExpr'));
    this.setPrev(token('punct', this.pos - 1, this.pos, '${', false));
  }

  private jsxChildren(top: Frame): void {
    const t = this.text;
    let i = this.pos;
    while (i < t.length && t.charCodeAt(i) !== 0x7b && t.charCodeAt(i) !== 0x3c) i++;
    if (i >= t.length) lose();
    this.pos = i;
    if (t.charCodeAt(i) === 0x7b) {
      this.openContainer();
      return;
    }
    if (t.charCodeAt(i + 1) === 0x2f) {
      this.pos = this.trivia(i + 2).at;
      const name = t.charCodeAt(this.pos) === 0x3e ? '' : this.jsxName();
      this.pos = this.trivia(this.pos).at;
      if (name !== top.name || t.charCodeAt(this.pos) !== 0x3e) lose();
      this.pos++;
      this.frames.pop();
      this.afterElement();
      return;
    }
    this.pos = i + 1;
    this.frames.push(frame('jsxTag', 'name'));
  }

  /** An element ended: back in its parent's children, an attribute, or an expression (where it is an operand). */
  private afterElement(): void {
    this.setPrev(token('jsx', this.pos, this.pos, '', false));
  }
}

function frame(kind: FrameKind, tag?: Frame['tag'], name?: string): Frame {
  return { kind, part: 'key', afterParams: false, role: undefined, ternary: 0, inCase: false, classPending: false, tag, name };
}

/**
 * Every string literal and substitution-free template of `text` (JSX attribute strings included),
 * in order, each with where an expression may replace it; undefined when the scanner cannot
 * follow the file to its end (then nothing in it is offered).
 */
export function scanJsLiterals(text: string, dialect: JsDialect): CodeLiteral[] | undefined {
  const scanner = new JsScanner(text, dialect);
  try {
    scanner.run();
  } catch (e) {
    if (e instanceof Lost) return undefined;
    throw e;
  }
  return scanner.literals;
}

/** How the literal at exactly [start, end) of `text` may be replaced, or undefined. */
export function jsLiteralUse(text: string, start: number, end: number, dialect: JsDialect): LiteralUse | undefined {
  const literals = scanJsLiterals(text, dialect);
  return literals?.find((l) => l.start === start && l.end === end)?.use;
}
