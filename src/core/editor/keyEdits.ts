/**
 * The `.env` edits of the editor's quick fixes, each one text edit checked by parsing the result with
 * the one check of `.env` edits (editReadsAsIntended):
 *
 * - Replace with a new key…: the new secret over exactly the old secret's characters, wherever they
 *   are (a whole value, one key of a list, a key in a URL or before a suffix, a comment); every other
 *   byte stays.
 * - Remove this line: the definition that holds exactly the secret, or the comment line.
 */
import { EnvEditError, editReadsAsIntended } from '../dotenv/edit';
import { parseTable } from '../dotenv/parse';
import { msg } from '../common/messages';
import { applyEdit, type TextEdit } from '../common/textEdit';
import { type EnvKeyFinding, type OffsetRange, rowAt } from './envFindings';
import { LineIndex } from './positions';

/**
 * The edit that writes `newSecret` over text[range.start, range.end) (the old secret, as a finding's
 * range gives it). The result must read as intended: the definition holding the old secret, if any,
 * reads its old value with that one occurrence of the old secret replaced by the new one, in the
 * same place; every other definition reads as before (for a secret outside any value: every
 * definition). Throws EnvEditError when it would not.
 */
export function planSecretReplacement(text: string, range: OffsetRange, newSecret: string): TextEdit {
  const old = text.slice(range.start, range.end);
  const edit: TextEdit = { offset: range.start, deleteLength: range.end - range.start, insertText: newSecret };
  const table = parseTable(text);
  const result = applyEdit(text, edit);
  const row = rowAt(table, range.start);
  let ok: boolean;
  if (old === '' || newSecret === '') {
    ok = false;
  } else if (row === undefined) {
    ok = editReadsAsIntended(table, result, edit, undefined, undefined);
  } else {
    const entry = table.entry(row);
    const inValue = entry.valueStart <= range.start && range.end <= entry.valueEnd;
    // The occurrence of the old secret in the decoded value is the one with as many occurrences
    // before it as the text has before the range (a secret holds no quote, escape or line break).
    const value = inValue ? replaceNth(entry.value, old, newSecret, countOccurrences(text, old, entry.valueStart, range.start)) : entry.value;
    ok = value !== undefined && editReadsAsIntended(table, result, edit, row, { name: entry.name, value });
  }
  if (!ok) {
    throw new EnvEditError(msg('editor.replaceUnsafe', new LineIndex(text).positionAt(range.start).line + 1));
  }
  return edit;
}

/**
 * Remove this line for a finding: the edit that deletes its `removeRange` (the definition holding
 * exactly the secret, or the comment line), or undefined when the finding has none or the rest of
 * the file would read differently without it.
 */
export function planRemoval(text: string, finding: Pick<EnvKeyFinding, 'removeRange' | 'range'>): TextEdit | undefined {
  const r = finding.removeRange;
  if (!r || r.start > finding.range.start || r.end < finding.range.end) {
    return undefined;
  }
  const edit: TextEdit = { offset: r.start, deleteLength: r.end - r.start, insertText: '' };
  const table = parseTable(text);
  const row = rowAt(table, finding.range.start);
  return editReadsAsIntended(table, applyEdit(text, edit), edit, row, undefined) ? edit : undefined;
}

/** Non-overlapping occurrences of `needle` in text[from, to). */
function countOccurrences(text: string, needle: string, from: number, to: number): number {
  let n = 0;
  for (let i = text.indexOf(needle, from); i !== -1 && i + needle.length <= to; i = text.indexOf(needle, i + needle.length)) {
    n++;
  }
  return n;
}

/** `s` with its `n`-th (0-based, non-overlapping, from the left) occurrence of `needle` replaced, or undefined. */
function replaceNth(s: string, needle: string, by: string, n: number): string | undefined {
  let at = s.indexOf(needle);
  for (let k = 0; k < n && at !== -1; k++) {
    at = s.indexOf(needle, at + needle.length);
  }
  return at === -1 ? undefined : s.slice(0, at) + by + s.slice(at + needle.length);
}
