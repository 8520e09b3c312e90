/**
 * Changing one variable of a `.env` file with a single, minimal text edit, leaving every other byte
 * as it was. Every edit is checked by parsing the result: if the file would not read back exactly as
 * intended (the new value for the name, every other name unchanged), nothing is returned but an error.
 */
import { UserFacingError } from '../common/errors';
import { type Message, msg } from '../common/messages';
import { applyEdit, type TextEdit } from '../common/textEdit';
import { isNeverLoadedEnvName, isValidEnvName } from './names';
import { detectEol, type EnvEntry, type EnvTable, hasName, linesWithBreak, parseEnv, parseTable, resumeAfter, rowsReadBefore } from './parse';

export type Eol = '\r\n' | '\n';


export interface EnvEditResult {
  /** The whole new text (the original with `edit` applied). */
  text: string;
  edit: TextEdit;
  /** True when an existing definition was changed (always, for a removal), false when a line was added. */
  replaced: boolean;
}

export interface UpsertOptions {
  /** Replace the value when the name is already defined. Without it, an existing name throws. */
  replace?: boolean;
}

/** Thrown by upsertEnvVariable when the name is already defined and `replace` was not asked for. */
export class EnvVariableExistsError extends Error {
  constructor(
    readonly variableName: string,
    /** How many active definitions of the name the file has. */
    readonly definitions: number,
  ) {
    super(`${variableName} is already defined in this file.`);
    this.name = 'EnvVariableExistsError';
  }
}

/** Thrown when an edit cannot be made without changing how some other part of the file reads. */
export class EnvEditError extends UserFacingError {
  constructor(message: string | Message) {
    super(message);
    this.name = 'EnvEditError';
  }
}

export { isNeverLoadedEnvName, isValidEnvName } from './names';

/** Values written without quotes: non-empty and made only of these characters. */
const BARE = /^[A-Za-z0-9_./:@+\-=~,%]+$/;
/** Anything that ends a line for dotenv. */
const LINE_BREAK = /[\r\n\u2028\u2029]/;

/**
 * The text to write after `NAME=` so that dotenv reads back exactly `value`, whatever surrounds the
 * line. In order of preference:
 *
 * 1. bare, when the value is non-empty and only uses `A-Z a-z 0-9 _ . / : @ + - = ~ , %`;
 * 2. single quotes, when it has no line break;
 * 3. double quotes, escaping LF as `\n` and CR as `\r` (the only escapes dotenv decodes), when it
 *    has no backslash followed by `n` or `r`;
 * 4. single quotes, then backticks, spanning lines (line breaks written as `eol`), when it has no CR.
 *
 * dotenv has no escape for the quote itself: a value can only be put in quotes of a kind if each
 * of its quotes of that kind already follows a backslash (dotenv keeps that backslash).
 *
 * A value ending with a backslash cannot be quoted (dotenv would take the closing quote as escaped
 * and may look further down the file for another one), so it is written bare, which works when it
 * has no `#`, no line break, no leading whitespace and does not start with a quote.
 *
 * Last, a value that fits no kind of quote (say `a'b"c\`d`) is still written bare when dotenv reads
 * a bare value back unchanged: no `#`, no line break, no white space at either end, and not
 * starting with a quote.
 *
 * Throws an Error for values that fit none of these forms.
 */
export function formatEnvValue(value: string, eol: Eol = '\n'): string {
  if (BARE.test(value)) {
    return value;
  }
  if (value.endsWith('\\')) {
    if (readsBackBare(value)) {
      return value;
    }
    throw new Error(
      'This value cannot be written to a .env file so that it reads back unchanged: it ends with a backslash ' +
        'and also contains "#" or a line break, or starts with whitespace or a quote.',
    );
  }
  const hasLineBreak = value.includes('\n') || value.includes('\r');
  if (!hasLineBreak && fitsQuotes(value, "'")) {
    return `'${value}'`;
  }
  if (!/\\[nr]/.test(value) && fitsQuotes(value, '"')) {
    return `"${value.replace(/\n/g, '\\n').replace(/\r/g, '\\r')}"`;
  }
  if (!value.includes('\r')) {
    for (const quote of ["'", '`']) {
      if (fitsQuotes(value, quote)) {
        return `${quote}${value.replace(/\n/g, eol)}${quote}`;
      }
    }
  }
  if (readsBackBare(value)) {
    return value;
  }
  throw new Error(
    'This value cannot be written to a .env file so that it reads back unchanged: ' +
      (value.includes('\r')
        ? 'a carriage return can only be written as \\r inside double quotes, and the value also has a " ' +
          'not preceded by a backslash, or a backslash followed by n or r.'
        : 'it has all three kinds of quote (not preceded by a backslash) and also a line break or a ' +
          'backslash followed by n or r, and it cannot be written unquoted either (it has a "#" or a line ' +
          'break, starts with a quote, or starts or ends with white space).'),
  );
}

/** True when dotenv reads `NAME=value` (unquoted) back as exactly `value`. */
function readsBackBare(value: string): boolean {
  return value !== '' && !value.includes('#') && !LINE_BREAK.test(value) && !/^[\s"'`]/.test(value) && !/\s$/.test(value);
}

/** True when every `quote` in the value follows a backslash, so the quote does not end the value. */
function fitsQuotes(value: string, quote: string): boolean {
  for (let i = value.indexOf(quote); i !== -1; i = value.indexOf(quote, i + 1)) {
    if (i === 0 || value[i - 1] !== '\\') {
      return false;
    }
  }
  return true;
}

/** The active definitions of `name` (`NAME=` or `export NAME=`), in file order. */
export function findDefinitions(text: string, name: string): EnvEntry[] {
  return parseEnv(text).filter((e) => hasName(e, name));
}

/**
 * Definitions whose decoded value starts with `prefix`, in file order, including ones a later
 * definition of the same name overrides. An empty prefix matches nothing.
 */
export function findValuesStartingWith(text: string, prefix: string): EnvEntry[] {
  if (prefix === '') {
    return [];
  }
  return parseEnv(text).filter((e) => e.value.startsWith(prefix));
}

/** The rows where an edit was, before and after it; the rest was checked to read the same. */
interface EditedRows {
  before: number[];
  after: number[];
  afterTable: EnvTable;
}

/**
 * Re-parses the edited text only from the last definition the parser read without looking at the
 * edit (those read the same), and checks that every other definition is unchanged: the ones before
 * the edit in the same place, the ones after it shifted by the edit's length change. Over identical
 * text, an unchanged span reads the same value, so no value needs decoding. Returns the rows where
 * the edit was, for the caller to check; undefined when anything else changed.
 */
function changedOnlyAtEdit(before: EnvTable, result: string, edit: TextEdit): EditedRows | undefined {
  const keep = rowsReadBefore(before, edit.offset);
  const after = parseTable(result, resumeAfter(before, keep, result));
  const oldEnd = edit.offset + edit.deleteLength;
  const newEnd = edit.offset + edit.insertText.length;
  const split = (table: EnvTable, from: number, end: number) => {
    const left: number[] = [];
    const mid: number[] = [];
    const right: number[] = [];
    for (let i = from; i < table.n; i++) {
      (table.lineEnd[i] <= edit.offset ? left : table.lineStart[i] >= end ? right : mid).push(i);
    }
    return { left, mid, right };
  };
  const b = split(before, keep, oldEnd);
  const a = split(after, 0, newEnd);
  const same = (x: number[], y: number[], shift: number) => x.length === y.length && x.every((row, k) => before.sameRow(row, after, y[k], shift));
  if (!same(b.left, a.left, 0) || !same(b.right, a.right, newEnd - oldEnd)) {
    return undefined;
  }
  return { before: b.mid, after: a.mid, afterTable: after };
}

/**
 * The one check that an edit of a `.env` text reads as intended, for inserting, replacing,
 * removing and rotating alike: every definition away from the edit reads the same (compared as
 * spans, see changedOnlyAtEdit), the edit touched exactly the row `replacedRow` of `before` (none
 * when it adds a definition), and where it was there is now exactly `expected` (nothing, for a
 * removal), in the same place as the row it replaced.
 */
export function editReadsAsIntended(
  before: EnvTable,
  result: string,
  edit: TextEdit,
  replacedRow: number | undefined,
  expected: { name: string; value: string } | undefined,
): boolean {
  const changed = changedOnlyAtEdit(before, result, edit);
  if (!changed || changed.before.length !== (replacedRow === undefined ? 0 : 1) || (replacedRow !== undefined && changed.before[0] !== replacedRow)) {
    return false;
  }
  if (!expected) {
    return changed.after.length === 0;
  }
  const now = changed.after.length === 1 ? changed.afterTable.entry(changed.after[0]) : undefined;
  return (
    now !== undefined &&
    now.name === expected.name &&
    now.value === expected.value &&
    (replacedRow === undefined || samePlace(now, before.entry(replacedRow)))
  );
}

/**
 * The check for an edit that swaps one string for another at given places (rotating a key): the
 * text after defines the same names as `before` (the parse of the text before), in the same order
 * and with the same `export`, and each definition (overridden ones too) reads as it did before
 * with every `from` replaced by `to`. `spans` are the places swapped, in order, none overlapping.
 * Otherwise says which variable would read differently (none named when the definitions
 * themselves changed).
 *
 * Only the values an edit touched, or whose text holds `from`, are decoded: any other value is
 * the same text in the same place (shifted by the edits before it), so it reads the same.
 */
export function substitutionReadsAsIntended(
  before: EnvTable,
  after: string,
  spans: ReadonlyArray<{ start: number; end: number }>,
  from: string,
  to: string,
): { ok: true } | { ok: false; variable?: string } {
  const text = before.text;
  const now = parseTable(after);
  if (before.n !== now.n) {
    return { ok: false };
  }
  const holding: number[] = [];
  for (let at = text.indexOf(from); at !== -1; at = text.indexOf(from, at + 1)) {
    holding.push(at);
  }
  const delta = to.length - from.length;
  let k = 0;
  let h = 0;
  for (let i = 0; i < before.n; i++) {
    const name = text.slice(before.nameStart[i], before.nameEnd[i]);
    if (!now.hasName(i, name) || (before.flags[i] & 1) !== (now.flags[i] & 1)) {
      return { ok: false };
    }
    const start = before.valueStart[i];
    const end = before.valueEnd[i];
    while (k < spans.length && spans[k].end <= start) k++;
    while (h < holding.length && holding[h] < start) h++;
    const shift = k * delta;
    const same =
      (k === spans.length || spans[k].start >= end) &&
      (h === holding.length || holding[h] + from.length > end) &&
      now.valueStart[i] === start + shift &&
      now.valueEnd[i] === end + shift;
    if (!same && now.value(i) !== before.value(i).split(from).join(to)) {
      return { ok: false, variable: name };
    }
  }
  return { ok: true };
}

/**
 * Sets `name` to `value`.
 *
 * - When the name is defined, the last definition (the one dotenv uses) is rewritten in place: the
 *   edit spans from its name to the end of its value, so an `export ` prefix, the line's position
 *   and a trailing ` # comment` are kept (anything else after the value, to the end of its line, is
 *   replaced). Throws EnvVariableExistsError unless `opts.replace` is true.
 * - Otherwise `NAME=value` is appended: after one line break in the file's style if the file does
 *   not end with one, and followed by one only if the file did end with one. An empty file (or one
 *   holding only a byte order mark) becomes `NAME=value\n`.
 *
 * Throws for an invalid name, a value formatEnvValue cannot write, or when the file is such that the
 * change would alter how another line reads (for example an unclosed quote above the new line).
 */
export function upsertEnvVariable(text: string, name: string, value: string, opts: UpsertOptions = {}): EnvEditResult {
  if (!isValidEnvName(name)) {
    throw new Error(
      isNeverLoadedEnvName(name)
        ? `"${name}" is never loaded from a .env file (dotenv ignores it); choose another name.`
        : `"${name.slice(0, 40)}" is not a variable name dotenv can read: use letters, digits, _ . and - only.`,
    );
  }
  const table = parseTable(text);
  const existing = rowsNamed(table, name);
  const eol = detectEol(text);
  const line = `${name}=${formatEnvValue(value, eol)}`;

  let edit: TextEdit;
  const lastRow = existing[existing.length - 1];
  const last = lastRow === undefined ? undefined : table.entry(lastRow);
  if (last) {
    if (opts.replace !== true) {
      throw new EnvVariableExistsError(name, existing.length);
    }
    // Keep a trailing " # comment" (white space, then #): it is the user's note about the variable.
    const tail = text.slice(last.valueEnd, last.lineEnd);
    const end = /^[ \t]+#/.test(tail) ? last.valueEnd : last.lineEnd;
    edit = { offset: last.nameStart, deleteLength: end - last.nameStart, insertText: line };
  } else {
    const empty = text === '' || text === '\uFEFF';
    const endsWithBreak = text.endsWith('\n') || text.endsWith('\r');
    const insertText = empty ? `${line}\n` : endsWithBreak ? `${line}${eol}` : `${eol}${line}`;
    edit = { offset: text.length, deleteLength: 0, insertText };
  }

  const result = applyEdit(text, edit);
  const ok = editReadsAsIntended(table, result, edit, lastRow, { name, value });
  if (!ok) {
    throw new EnvEditError(msg('envEdit.unsafeWrite', name));
  }
  return { text: result, edit, replaced: last !== undefined };
}

/** The rows of `table` that define `name`, in file order. */
function rowsNamed(table: EnvTable, name: string): number[] {
  const rows: number[] = [];
  for (let i = 0; i < table.n; i++) {
    if (table.hasName(i, name)) {
      rows.push(i);
    }
  }
  return rows;
}

function samePlace(now: EnvEntry | undefined, before: EnvEntry): boolean {
  return now !== undefined && now.lineStart === before.lineStart && now.nameStart === before.nameStart && now.hasExport === before.hasExport;
}

/**
 * Removes the last definition of `name` (the one dotenv uses): its whole line(s) with the line
 * break after them. When it is on the last line and the file does not end with a line break, the
 * line break before it goes instead, so the file still does not end with one. A byte order mark
 * stays. Returns null when the name is not defined. An earlier definition of the same name, if any,
 * becomes the one in effect.
 */
export function removeEnvVariable(text: string, name: string): EnvEditResult | null {
  const table = parseTable(text);
  const existing = rowsNamed(table, name);
  const lastRow = existing[existing.length - 1];
  if (lastRow === undefined) {
    return null;
  }
  const last = table.entry(lastRow);
  const { start, end } = linesWithBreak(text, last.lineStart, last.lineEnd);
  const edit: TextEdit = { offset: start, deleteLength: end - start, insertText: '' };
  const result = applyEdit(text, edit);

  // Only the removed definition may differ; the one before it (if any) then takes effect unchanged.
  if (!editReadsAsIntended(table, result, edit, lastRow, undefined)) {
    throw new EnvEditError(msg('envEdit.unsafeRemove', name));
  }
  return { text: result, edit, replaced: true };
}
