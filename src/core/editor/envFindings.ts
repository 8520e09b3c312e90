/**
 * What the editor says about the Vued secrets of a `.env` text: every occurrence, wherever it is (in
 * a value, at its start or anywhere inside it: a URL, `Bearer …`, a list, JSON; in a comment; on a
 * line that defines nothing), which key it belongs to (by its prefix) and in what state, or that it
 * is a Vued secret of no known key, and whether it would be committed. The secrets are those of the
 * one recogniser (KeyPrefixIndex.recognizer), as in every other file. Every message names the
 * variable, or the line, and the key; never the value.
 */
import { endOfLine, isEnvWhitespace, isLineTerminator, linesWithBreak, parseTable, type EnvTable } from '../dotenv/parse';
import { keyStatus, type KeyStatus } from '../keys/status';
import { english, type Message, type MessageArg, msg } from '../common/messages';
import { type KnownKey, KeyPrefixIndex, statusMessage, type StatusTextOptions } from '../keys/knownKeys';
import { ForwardPositions, type TextRange } from './positions';
import type { GitVerdict } from '../common/gitExposure';

/** As VS Code's DiagnosticSeverity names them; `none` is a finding that is not a problem (an active key). */
export type FindingSeverity = 'error' | 'warning' | 'information' | 'none';

/**
 * Where a secret is: in a definition's value (anywhere in it); in a comment (a `#` line, or after a
 * value); or elsewhere on a line (one that defines nothing, or a variable's name).
 */
export type FindingPlace = 'value' | 'comment' | 'line';

/** [start, end) in the text the findings were made from. */
export interface OffsetRange {
  start: number;
  end: number;
}

export interface EnvKeyFinding {
  /** `key`: the secret starts with a known key's prefix; `unknownSecret`: Vued secret shape, no known key. */
  kind: 'key' | 'unknownSecret';
  place: FindingPlace;
  /** The variable whose value holds the secret (place `value`); undefined elsewhere. */
  variable?: string;
  /** 1-based line of the secret, as the messages say it. */
  line: number;
  /** What holds the secret in the messages: the variable's name, "A comment on line 4" or "Line 4". */
  subject: MessageArg;
  /** The matched key (undefined for unknownSecret). */
  key?: KnownKey;
  /** Ids of every known key with the same prefix (more than one only when prefixes collide). */
  keyIds: string[];
  status: KeyStatus | 'unknown';
  /** "revoked on 2026-11-20", "expires in 3 days (2026-12-04)", "active", or "unknown". */
  statusText: string;
  /** statusText as a message, for the display language. */
  statusMessage: Message;
  severity: FindingSeverity;
  /** A one-line sentence for the Problems panel; names the variable (or the line) and key only. */
  message: string;
  /** message as a message, for the display language. */
  text: Message;
  /** The secret's characters, nothing else: what masking hides, Problems mark and Replace with a new key… writes over. */
  range: TextRange;
  /**
   * What "Remove this line" would delete, with its line break (for a last line without one, the
   * line break before it): the whole definition when its decoded value is exactly this secret, or
   * the whole line of a `#` comment. Undefined where removing would take something else with it (a
   * list, a URL, a comment after a value). Offsets only; planRemoval (keyEdits.ts) checks the edit.
   */
  removeRange?: OffsetRange;
  /** The definition holding the secret is written `export NAME=…`. */
  hasExport: boolean;
}

export interface EnvFindingOptions extends StatusTextOptions {
  /** Also return findings for active keys (severity `none`), for hover and masking. Default true. */
  includeActive?: boolean;
}

const SEVERITY: Record<KeyStatus, FindingSeverity> = {
  revoked: 'error',
  expired: 'error',
  expiring: 'warning',
  active: 'none',
};

/** The sentence of a key finding: `VUED_API_KEY holds the revoked key "ci-deploy" (revoked on 2026-11-20)`. */
export function keyFindingMessage(subject: MessageArg, keyName: string, status: KeyStatus, text: string | Message): string {
  return english(keyFindingText(subject, keyName, status, text));
}

/** keyFindingMessage as a message, for the display language. */
export function keyFindingText(subject: MessageArg, keyName: string, status: KeyStatus, text: string | Message): Message {
  const name = JSON.stringify(keyName);
  switch (status) {
    case 'revoked':
      return msg('editor.holdsRevoked', subject, name, text);
    case 'expired':
      return msg('editor.holdsExpired', subject, name, text);
    case 'expiring':
      return msg('editor.holdsExpiring', subject, name, text);
    default:
      return msg('editor.holdsActive', subject, name);
  }
}

export function unknownSecretMessage(subject: MessageArg): string {
  return english(msg('editor.holdsUnknown', subject));
}

/**
 * The findings of a `.env` text, one per secret, in file order. `knownKeys` is the cached key list
 * of every organization (or a KeyPrefixIndex built from it once, to share between files); `now` is
 * the clock in epoch ms.
 *
 * - A secret of a known key (its prefix, the longest that matches) gives a `key` finding: revoked /
 *   expired → error, expiring within 7 days → warning, active → `none` (left out with
 *   includeActive: false). Keys sharing that prefix: the least alarming status counts.
 * - A secret of Vued shape and no known key gives an `unknownSecret` finding of severity
 *   information, never an error.
 *
 * Definitions are read as dotenv reads them (quotes, `export`, CRLF, multi-line, BOM) to name the
 * variable; every definition counts, including one a later definition of the same name overrides.
 */
export function findEnvKeyFindings(
  text: string,
  knownKeys: readonly KnownKey[] | KeyPrefixIndex,
  now: number,
  options: EnvFindingOptions = {},
): EnvKeyFinding[] {
  const index = knownKeys instanceof KeyPrefixIndex ? knownKeys : new KeyPrefixIndex(knownKeys);
  const findings: EnvKeyFinding[] = [];
  if (!index.mayMatch(text)) {
    return findings;
  }
  const spans = index.recognizer.find(text);
  if (spans.length === 0) {
    return findings;
  }
  const includeActive = options.includeActive !== false;
  const table = parseTable(text);
  const positions = new ForwardPositions(text);
  let row = 0;
  for (const { start, end } of spans) {
    const secret = text.slice(start, end);
    const key = index.match(secret, now);
    const status = key ? keyStatus(key.key, now) : 'unknown';
    const severity: FindingSeverity = key ? SEVERITY[status as KeyStatus] : 'information';
    if (severity === 'none' && !includeActive) {
      continue;
    }
    // The definition whose lines hold the secret, if any (rows and secrets both in text order).
    while (row < table.n && table.lineEnd[row] < start) {
      row++;
    }
    const onRow = row < table.n && table.lineStart[row] <= start;
    const range = positions.range(start, end);
    const line = range.startPos.line + 1;
    let place: FindingPlace;
    let variable: string | undefined;
    let removeRange: OffsetRange | undefined;
    if (onRow && table.valueStart[row] <= start && end <= table.valueEnd[row]) {
      place = 'value';
      variable = text.slice(table.nameStart[row], table.nameEnd[row]);
      if (status === 'revoked' && table.value(row) === secret) {
        removeRange = linesWithBreak(text, table.lineStart[row], table.lineEnd[row]);
      }
    } else if (onRow) {
      // After the value on its line is a comment (dotenv stops there); before it, the name.
      place = start >= table.valueEnd[row] ? 'comment' : 'line';
    } else {
      const lineStart = startOfLine(text, start);
      const comment = text.charCodeAt(firstNonBlank(text, lineStart)) === 0x23;
      place = comment ? 'comment' : 'line';
      if (comment && status === 'revoked') {
        removeRange = linesWithBreak(text, lineStart, endOfLine(text, start));
      }
    }
    const subject: MessageArg = variable ?? msg(place === 'comment' ? 'editor.commentOnLine' : 'editor.onLine', line);
    const sMessage = key ? statusMessage(key.key, now, options) : msg('editor.unknown');
    const sentence = key ? keyFindingText(subject, key.key.name, status as KeyStatus, sMessage) : msg('editor.holdsUnknown', subject);
    findings.push({
      kind: key ? 'key' : 'unknownSecret',
      place,
      variable,
      line,
      subject,
      key,
      keyIds: key ? index.candidates(secret).map((k) => k.key.id) : [],
      status,
      statusText: english(sMessage),
      statusMessage: sMessage,
      severity,
      message: english(sentence),
      text: sentence,
      range,
      removeRange,
      hasExport: place === 'value' && (table.flags[row] & 1) === 1,
    });
  }
  return findings;
}

/** The offset where the line holding `at` starts (after a byte order mark on the first line). */
function startOfLine(text: string, at: number): number {
  let i = at;
  while (i > 0 && !isLineTerminator(text.charCodeAt(i - 1))) {
    i--;
  }
  return i === 0 && text.charCodeAt(0) === 0xfeff ? 1 : i;
}

function firstNonBlank(text: string, from: number): number {
  let i = from;
  while (i < text.length && isEnvWhitespace(text.charCodeAt(i)) && !isLineTerminator(text.charCodeAt(i))) {
    i++;
  }
  return i;
}

/** The row of `table` whose lines hold `offset` (a definition, its comment after the value included), or undefined. */
export function rowAt(table: EnvTable, offset: number): number | undefined {
  let lo = 0;
  let hi = table.n - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (table.lineEnd[mid] < offset) {
      lo = mid + 1;
    } else if (table.lineStart[mid] > offset) {
      hi = mid - 1;
    } else {
      return mid;
    }
  }
  return undefined;
}

export type { GitVerdict } from '../common/gitExposure';

/**
 * The "would be committed" warnings of a `.env` file: one per finding (known key or secret shape)
 * when git tracks the file or does not ignore it; none otherwise. Same range as the finding.
 */
export function committedFindings(
  findings: readonly EnvKeyFinding[],
  verdict: GitVerdict,
): Array<{ subject: MessageArg; severity: 'warning'; message: string; text: Message; range: TextRange }> {
  if (verdict !== 'tracked' && verdict !== 'notIgnored') {
    return [];
  }
  return findings.map((f) => {
    const text = msg(verdict === 'tracked' ? 'editor.committedTracked' : 'editor.committedNotIgnored', f.subject);
    return { subject: f.subject, severity: 'warning' as const, message: english(text), text, range: f.range };
  });
}

/** The finding whose range holds `offset` (ends included, as a hover at the end still points at it). Findings are in file order. */
export function findingAt<T extends { range: TextRange }>(findings: readonly T[], offset: number): T | undefined {
  let lo = 0;
  let hi = findings.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = findings[mid].range;
    if (offset < r.start) {
      hi = mid - 1;
    } else if (offset > r.end) {
      lo = mid + 1;
    } else {
      return findings[mid];
    }
  }
  return undefined;
}
