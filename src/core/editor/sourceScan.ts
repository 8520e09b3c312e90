/**
 * Vued secrets hard-coded in source files, found by the one recogniser of src/core/secretShape.ts
 * (the known keys' prefixes and the Vued shape), and what "Move to .env" does with each.
 */
import { isValidEnvName } from '../dotenv';
import { english, msg } from '../common/messages';
import { type SecretRecognizer, findSecrets } from '../common/secretShape';
import { jsDialect, jsLiteralUse } from './jsCode';
import { ForwardPositions, type TextRange } from './positions';
import { scanPython } from './pythonCode';

/** The Problems sentence of a hard-coded secret, as a message for the display language. */
export const HARD_CODED_TEXT = msg('editor.hardCoded');
export const HARD_CODED_MESSAGE = english(HARD_CODED_TEXT);

export const DEFAULT_ENV_VARIABLE = 'VUED_API_KEY';

const PYTHON_LANGUAGES = new Set(['python']);

export interface HardCodedSecret {
  /** The secret's characters only. */
  range: TextRange;
  /**
   * Where its Problem sits, never on the secret's characters (opening a Problem selects its range):
   * the literal's opening quote when the secret is a whole literal, else an empty range right
   * before the secret.
   */
  anchor: TextRange;
  /**
   * The string literal that is exactly the secret, quotes included (`"vued_sk_…"`, `'…'`, or a
   * backtick template without substitutions), when it is one; undefined when the secret is part of a
   * longer string, a comment, or a prefixed literal (`b"…"`, `f"…"`, a tagged template).
   */
  literalRange?: TextRange;
  message: string;
}

/**
 * Every Vued secret in `text`, in order: those `recognizer` finds (build it from the known keys,
 * KeyPrefixIndex.recognizer, so a known key of any alphabet counts), or without one those of Vued
 * shape only. `.env*` files are not source files: leave them to findEnvKeyFindings
 * (src/dotenvFiles/findEnvFiles.ts isEnvFileName tells them apart). Ordinary code gives nothing.
 */
export function scanSourceForSecrets(text: string, recognizer?: SecretRecognizer): HardCodedSecret[] {
  const spans = recognizer ? (recognizer.mayMatch(text) ? recognizer.find(text) : []) : findSecrets(text);
  if (spans.length === 0) {
    return [];
  }
  const lines = new ForwardPositions(text);
  return spans.map(({ start, end }) => {
    const literal = literalAround(text, start, end);
    // Positions in increasing offset order: the literal's opening quote comes right before the secret.
    const literalStart = literal ? lines.positionAt(literal.start) : undefined;
    const anchor = literal && literalStart ? { start: literal.start, end: start, startPos: literalStart, endPos: lines.positionAt(start) } : lines.range(start, start);
    const range = lines.range(start, end);
    return {
      range,
      anchor,
      literalRange: literal && literalStart ? { start: literal.start, end: literal.end, startPos: literalStart, endPos: lines.positionAt(literal.end) } : undefined,
      message: HARD_CODED_MESSAGE,
    };
  });
}

function isQuote(c: number): boolean {
  return c === 0x22 || c === 0x27 || c === 0x60;
}

function isIdentifierChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x24 || c > 0x7f;
}

/** The quoted literal that is exactly text[start, end), or undefined. */
function literalAround(text: string, start: number, end: number): { start: number; end: number } | undefined {
  const open = text.charCodeAt(start - 1);
  if (start === 0 || !isQuote(open) || text.charCodeAt(end) !== open) {
    return undefined;
  }
  // `b"…"`, `f"…"`, tag`…`: the quote belongs to something longer. `""" … """`: a triple quote.
  const before = start >= 2 ? text.charCodeAt(start - 2) : -1;
  const after = text.charCodeAt(end + 1);
  if (before !== -1 && (isIdentifierChar(before) || isQuote(before) || before === 0x5c)) {
    return undefined;
  }
  if (isQuote(after)) {
    return undefined;
  }
  return { start: start - 1, end: end + 1 };
}

/** The code that reads `variable` from the environment in `languageId`, or undefined where there is no fix. */
export function envReadExpression(languageId: string, variable: string = DEFAULT_ENV_VARIABLE): string | undefined {
  if (!isValidEnvName(variable) || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(variable)) {
    return undefined;
  }
  if (jsDialect(languageId)) {
    return `process.env.${variable}`;
  }
  if (PYTHON_LANGUAGES.has(languageId)) {
    return `os.environ[${JSON.stringify(variable)}]`;
  }
  return undefined;
}

/** One replacement in the source file: [start, end) becomes `newText`. */
export interface SourceEdit {
  start: number;
  end: number;
  newText: string;
}

export interface MoveToEnvPlan {
  /** The variable to write into the workspace `.env` (through the byte-preserving upsert). */
  variable: string;
  /** Edits to the source file, in increasing offset order, none overlapping: for Python an `import os` if needed, then the literal. */
  sourceEdits: SourceEdit[];
}

/**
 * What "Move to .env" does for `secret` in a file of `languageId`: write the secret to `.env` as
 * `variable`, and replace the literal (quotes included) with the language's environment read.
 * Undefined, so no fix is offered, when the language has none (only the warning and "Add to
 * .gitignore" then), when the secret is not exactly a string literal, or when the literal does not
 * stand where an expression may (see jsCode.ts and pythonCode.ts): the result is valid code or
 * nothing is offered.
 */
export function planMoveToEnv(text: string, secret: HardCodedSecret, languageId: string, variable: string = DEFAULT_ENV_VARIABLE): MoveToEnvPlan | undefined {
  const expression = envReadExpression(languageId, variable);
  if (!expression || !secret.literalRange) {
    return undefined;
  }
  const { start, end } = secret.literalRange;
  const dialect = jsDialect(languageId);
  if (dialect) {
    const use = jsLiteralUse(text, start, end, dialect);
    if (!use) {
      return undefined;
    }
    const newText = use === 'jsxAttribute' ? `{${expression}}` : spaced(text, end, expression);
    return { variable, sourceEdits: [{ start, end, newText }] };
  }
  if (PYTHON_LANGUAGES.has(languageId)) {
    return planPython(text, start, end, expression, variable);
  }
  return undefined;
}

/**
 * `expression` in place of text[start, end), with a space where a word follows (`'…'in o`). A
 * word right before the literal never is: literalAround leaves such a literal alone (`b"…"`).
 */
function spaced(text: string, end: number, expression: string): string {
  return end < text.length && isIdentifierChar(text.charCodeAt(end)) ? `${expression} ` : expression;
}

/**
 * Python: the literal must stand alone where an expression goes, and `os` must be the os module
 * where it is read: a module-level `import os` before the literal's statement, else one added
 * after the docstring and `from __future__` imports (which must then come before the literal).
 * Nothing when an import binds `os` to another module.
 */
function planPython(text: string, start: number, end: number, expression: string, variable: string): MoveToEnvPlan | undefined {
  const module = scanPython(text);
  const literal = module?.literals.find((l) => l.start === start && l.end === end);
  if (!module || !literal?.expression || module.osRebound) {
    return undefined;
  }
  const edits: SourceEdit[] = [];
  if (!module.osImports.some((at) => at < start)) {
    const at = module.importOffset;
    if (at > start) {
      return undefined;
    }
    const eol = /\r\n/.test(text) ? '\r\n' : '\n';
    edits.push({ start: at, end: at, newText: `import os${eol}` });
  }
  edits.push({ start, end, newText: expression });
  return { variable, sourceEdits: edits };
}
