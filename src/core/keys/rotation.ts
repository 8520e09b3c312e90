/**
 * Rotating a key in the `.env` files that hold it: the plan, one verified edit per file. What the
 * writes mean for revoking the old key is in rotationOutcome.ts.
 *
 * We know only the old key's visible prefix, never its secret. The secret is the token the one
 * recogniser of Vued secrets (secretShape.ts) finds after that prefix; exactly its characters are
 * replaced by the new secret, wherever it stands in the file: alone, in a list, with a prefix or a
 * suffix, on any line of a multi-line value, with spaces inside the quotes, in every definition of
 * every variable, and on commented-out lines. Every other character stays.
 *
 * No text produced here holds a secret: only paths, variable names, line numbers and messages.
 */
import { substitutionReadsAsIntended } from '../dotenv/edit';
import { parseTable, type EnvTable } from '../dotenv/parse';
import { type MessageArg, msg } from '../common/messages';
import { SecretRecognizer } from '../common/secretShape';
import type { TextEdit } from '../common/textEdit';
import { findKeyOccurrences, MIN_PREFIX_LENGTH } from '../dotenv/usages';

/** A file to rotate, with its current text as the user sees it. */
export interface RotationTarget {
  /** Workspace-relative, `/`-separated. */
  path: string;
  text: string;
}

/** Everything to change in one file. */
export interface PlannedEdit {
  path: string;
  /** The variables whose value holds the old key, each once, in file order (every definition of each is changed). */
  variables: string[];
  /** 0-based lines of the occurrences outside every value: commented-out lines, trailing comments. */
  commentLines: number[];
  /** How many occurrences of the old secret are replaced. */
  occurrences: number;
  /**
   * One contiguous replacement taking the file's text to `newText`: the smallest range covering
   * every change, widened so that it never splits a CRLF or a surrogate pair (an editor cannot
   * place a position there).
   */
  edit: TextEdit;
  /** The whole file after the change. */
  newText: string;
}

/** A file left as it was, and why. */
export interface SkippedFile {
  path: string;
  reason: MessageArg;
  /**
   * True when the file still holds the old key because it could not be changed safely; false when
   * it was left alone because it no longer holds the old key (or already holds the new one).
   */
  holdsOldKey: boolean;
}

export interface RotationPlan {
  /** At most one per file, in the order the files first appear in the targets. */
  edits: PlannedEdit[];
  skipped: SkippedFile[];
}

/**
 * Plans replacing the old key by `newSecret` in every file.
 *
 * In each file, the occurrences of the old key are the secrets the recogniser finds whose longest
 * known prefix is `oldPrefix` (`otherPrefixes`, the prefixes of the other keys known, keep a
 * longer prefix's secret from being taken for the old key's). Exactly their characters become
 * `newSecret`, and the change is verified by parsing: the file must define the same variables in
 * the same order, each reading as before with the old secret replaced by the new one
 * (substitutionReadsAsIntended). A file is skipped, and still holds the old key, when that check
 * fails (the new secret's characters would change how a value reads, say) or when it holds two
 * different secrets with the old prefix (which one is the key cannot be told). A file with no
 * occurrence is skipped as no longer holding the old key.
 *
 * A path given twice with different texts is planned on its first text; the other is skipped.
 *
 * Throws when `oldPrefix` is shorter than MIN_PREFIX_LENGTH (it could match unrelated values) or
 * `newSecret` is empty.
 */
export function planRotation(files: readonly RotationTarget[], oldPrefix: string, newSecret: string, otherPrefixes: Iterable<string> = []): RotationPlan {
  if (typeof oldPrefix !== 'string' || oldPrefix.length < MIN_PREFIX_LENGTH) {
    throw new Error(`The old key's prefix must have at least ${MIN_PREFIX_LENGTH} characters to recognise its values.`);
  }
  if (typeof newSecret !== 'string' || newSecret === '') {
    throw new Error('The new secret is empty.');
  }
  const recognizer = new SecretRecognizer([oldPrefix, ...otherPrefixes]);
  const texts = new Map<string, string>();
  const plan: RotationPlan = { edits: [], skipped: [] };
  for (const f of files) {
    const seen = texts.get(f.path);
    if (seen === undefined) {
      texts.set(f.path, f.text);
    } else if (seen !== f.text) {
      const holds = oldSecrets(f.text, parseTable(f.text), recognizer, oldPrefix, newSecret).length > 0;
      plan.skipped.push({ path: f.path, reason: msg('rotation.fileChanged'), holdsOldKey: holds });
    }
  }
  for (const [path, text] of texts) {
    const planned = planFile(path, text, recognizer, oldPrefix, newSecret);
    if ('edit' in planned) {
      plan.edits.push(planned);
    } else {
      plan.skipped.push(planned);
    }
  }
  return plan;
}

/** The occurrences of the old key in `text`: its prefix is the longest known one, and it is not the new secret. */
function oldSecrets(text: string, table: EnvTable, recognizer: SecretRecognizer, oldPrefix: string, newSecret: string) {
  return findKeyOccurrences(text, recognizer, table).filter((o) => o.prefix === oldPrefix && text.slice(o.start, o.end) !== newSecret);
}

function planFile(path: string, text: string, recognizer: SecretRecognizer, oldPrefix: string, newSecret: string): PlannedEdit | SkippedFile {
  const table = parseTable(text);
  const found = oldSecrets(text, table, recognizer, oldPrefix, newSecret);
  if (found.length === 0) {
    return { path, reason: msg(text.includes(newSecret) ? 'rotation.alreadyNew' : 'rotation.noLongerHolds'), holdsOldKey: false };
  }
  const values = new Set(found.map((o) => text.slice(o.start, o.end)));
  if (values.size > 1) {
    return { path, reason: msg('rotation.severalValues', values.size), holdsOldKey: true };
  }
  const [old] = values;
  let newText = '';
  let at = 0;
  for (const o of found) {
    newText += text.slice(at, o.start) + newSecret;
    at = o.end;
  }
  newText += text.slice(at);
  const check = substitutionReadsAsIntended(table, newText, found, old, newSecret);
  if (!check.ok) {
    return { path, reason: check.variable !== undefined ? msg('rotation.unsafe', check.variable) : msg('rotation.unsafeFile'), holdsOldKey: true };
  }
  const variables: string[] = [];
  const commentLines: number[] = [];
  for (const o of found) {
    if (o.definition) {
      if (!variables.includes(o.definition.name)) variables.push(o.definition.name);
    } else if (!commentLines.includes(o.line)) {
      commentLines.push(o.line);
    }
  }
  return { path, variables, commentLines, occurrences: found.length, edit: spanningEdit(text, newText), newText };
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
