/**
 * Rotating a key in the `.env` files that use it: the plan, one verified edit per file. What the
 * writes mean for revoking the old key is in rotationOutcome.ts.
 *
 * No text produced here holds a secret: only paths, variable names, key names and error messages.
 */
import { editReadsAsIntended, upsertEnvVariable } from './dotenv/edit';
import { type EnvEntry, parseEnv, parseTable } from './dotenv/parse';
import { applyEdit, type TextEdit } from './textEdit';
import { MIN_PREFIX_LENGTH } from './usage';

/** One variable to rotate, with the current text of its file as the user sees it. */
export interface RotationTarget {
  /** Workspace-relative, `/`-separated. */
  path: string;
  variable: string;
  text: string;
}

/** Everything to change in one file. */
export interface PlannedEdit {
  path: string;
  /** The variables replaced in this file, comma-separated (for labels). */
  variable: string;
  /** The same variables, in the order they were replaced. */
  variables: string[];
  /**
   * One contiguous replacement taking the file's text to `newText`: the smallest range covering
   * every change, widened so that it never splits a CRLF or a surrogate pair (an editor cannot
   * place a position there).
   */
  edit: TextEdit;
  /** The whole file after the change. */
  newText: string;
}

export interface SkippedTarget {
  path: string;
  variable: string;
  reason: string;
  /**
   * True when the variable still holds the old key because it could not be changed safely; false
   * when it was left alone because it no longer holds the old key (or already holds the new one).
   */
  holdsOldKey: boolean;
}

export interface RotationPlan {
  /** At most one per file, in the order the files first appear in the targets. */
  edits: PlannedEdit[];
  skipped: SkippedTarget[];
}

export const NO_LONGER_HOLDS_OLD_KEY = 'no longer holds the old key';

/**
 * Plans replacing the old key by `newSecret` in every target.
 *
 * For each (file, variable), the last definition of the variable (the one dotenv reads) must still
 * hold a value starting with `oldPrefix`; otherwise the target is skipped ("no longer holds the old
 * key"). Only that value is replaced: its quotes are kept when the new secret reads back the same
 * inside them, else the definition is rewritten by upsertEnvVariable. Every change is verified by
 * parsing the result (the variable now reads `newSecret`, every other name reads as before, the
 * definition stays where it was); one that cannot be made safely is skipped with the reason.
 *
 * Several variables of the same file are replaced one after the other on the evolving text and
 * give one PlannedEdit. Targets for a file must all carry the same text; a repeated (file,
 * variable) pair counts once.
 *
 * Throws when `oldPrefix` is shorter than MIN_PREFIX_LENGTH (it could match unrelated values) or
 * `newSecret` is empty.
 */
export function planRotation(targets: readonly RotationTarget[], oldPrefix: string, newSecret: string): RotationPlan {
  if (typeof oldPrefix !== 'string' || oldPrefix.length < MIN_PREFIX_LENGTH) {
    throw new Error(`The old key's prefix must have at least ${MIN_PREFIX_LENGTH} characters to recognise its values.`);
  }
  if (typeof newSecret !== 'string' || newSecret === '') {
    throw new Error('The new secret is empty.');
  }
  const files = new Map<string, { text: string; variables: string[] }>();
  const skipped: SkippedTarget[] = [];
  for (const t of targets) {
    const file = files.get(t.path);
    if (!file) {
      files.set(t.path, { text: t.text, variables: [t.variable] });
    } else if (file.text !== t.text) {
      skipped.push({
        path: t.path,
        variable: t.variable,
        reason: 'the file changed while the rotation was being prepared; rotate again',
        holdsOldKey: holdsPrefix(t.text, t.variable, oldPrefix),
      });
    } else if (!file.variables.includes(t.variable)) {
      file.variables.push(t.variable);
    }
  }

  const edits: PlannedEdit[] = [];
  for (const [path, file] of files) {
    let text = file.text;
    const replaced: string[] = [];
    for (const variable of file.variables) {
      const last = lastDefinition(text, variable);
      if (!last || !last.value.startsWith(oldPrefix)) {
        const reason = last?.value === newSecret ? 'already holds the new key' : NO_LONGER_HOLDS_OLD_KEY;
        skipped.push({ path, variable, reason, holdsOldKey: false });
        continue;
      }
      try {
        text = replaceValue(text, variable, last, newSecret);
        replaced.push(variable);
      } catch (e) {
        const message = e instanceof Error ? e.message : String(e);
        skipped.push({ path, variable, reason: scrub(message, [newSecret, last.value]), holdsOldKey: true });
      }
    }
    if (replaced.length > 0 && text !== file.text) {
      edits.push({ path, variable: replaced.join(', '), variables: replaced, edit: spanningEdit(file.text, text), newText: text });
    }
  }
  return { edits, skipped };
}

function lastDefinition(text: string, variable: string): EnvEntry | undefined {
  let last: EnvEntry | undefined;
  for (const e of parseEnv(text)) {
    if (e.name === variable) {
      last = e;
    }
  }
  return last;
}

function holdsPrefix(text: string, variable: string, prefix: string): boolean {
  return lastDefinition(text, variable)?.value.startsWith(prefix) === true;
}

/**
 * `text` with the value of `last` (the last definition of `variable`) replaced by `secret`.
 * Keeps the value's quotes when that reads back right (editReadsAsIntended, the check every .env
 * edit passes); otherwise lets upsertEnvVariable rewrite the definition, which makes the same
 * check (and throws EnvEditError, or Error for a name or value it cannot write).
 */
function replaceValue(text: string, variable: string, last: EnvEntry, secret: string): string {
  const q = last.quote ?? '';
  const table = parseTable(text);
  let lastRow = -1;
  for (let i = 0; i < table.n; i++) {
    if (table.hasName(i, variable)) {
      lastRow = i;
    }
  }
  const edit: TextEdit = { offset: last.valueStart, deleteLength: last.valueEnd - last.valueStart, insertText: q + secret + q };
  const inPlace = applyEdit(text, edit);
  if (lastRow >= 0 && editReadsAsIntended(table, inPlace, edit, lastRow, { name: variable, value: secret })) {
    return inPlace;
  }
  return upsertEnvVariable(text, variable, secret, { replace: true }).text;
}

/** Removes any occurrence of the given values (at least 4 characters long) from a message. */
function scrub(message: string, values: readonly string[]): string {
  let out = message;
  for (const v of values) {
    if (v.length >= 4) {
      out = out.split(v).join('[redacted]');
    }
  }
  return out;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/**
 * The one replacement that turns `before` into `after`: everything between their common start and
 * common end. Its ends are moved outwards so that neither falls inside a CRLF or a surrogate pair.
 */
export function spanningEdit(before: string, after: string): TextEdit {
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) {
    start++;
  }
  let tail = 0;
  while (
    tail < max - start &&
    before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)
  ) {
    tail++;
  }
  while (start > 0 && splitsPair(before, after, start, start)) {
    start--;
  }
  while (tail > 0 && splitsPair(before, after, before.length - tail, after.length - tail)) {
    tail--;
  }
  return {
    offset: start,
    deleteLength: before.length - tail - start,
    insertText: after.slice(start, after.length - tail),
  };
}

/** True when a boundary at `i` in `a` (and `j` in `b`) would separate CR from LF or a surrogate pair. */
function splitsPair(a: string, b: string, i: number, j: number): boolean {
  for (const [s, k] of [[a, i], [b, j]] as const) {
    if (k <= 0 || k >= s.length) {
      continue;
    }
    const prev = s.charCodeAt(k - 1);
    const next = s.charCodeAt(k);
    if ((prev === 0x0d && next === 0x0a) || (isHighSurrogate(prev) && isLowSurrogate(next))) {
      return true;
    }
  }
  return false;
}
