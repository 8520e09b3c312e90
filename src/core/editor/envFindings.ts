/**
 * What the editor says about the values of a `.env` text: which variable holds which known key (by
 * its prefix) and in what state, which holds a Vued secret of no known key, and which would be
 * committed. Every message names the variable and the key, never the value.
 */
import { parseEnv } from '../dotenv';
import { keyStatus, type KeyStatus } from '../keys';
import { isSecretShaped } from '../secretShape';
import { english, type Message, msg } from '../messages';
import { type KnownKey, KeyPrefixIndex, statusMessage, type StatusTextOptions } from './knownKeys';
import { ForwardPositions, type TextRange } from './positions';

/** As VS Code's DiagnosticSeverity names them; `none` is a finding that is not a problem (an active key). */
export type FindingSeverity = 'error' | 'warning' | 'information' | 'none';

export interface EnvKeyFinding {
  /** `key`: the value starts with a known key's prefix; `unknownSecret`: Vued secret shape, no known key. */
  kind: 'key' | 'unknownSecret';
  variable: string;
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
  /** A one-line sentence for the Problems panel; names the variable and key only. */
  message: string;
  /** message as a message, for the display language. */
  text: Message;
  /** The value only: inside its quotes when quoted; may span lines. */
  valueRange: TextRange;
  /**
   * The whole definition with its line break (what "Remove this line" deletes): from the start of its
   * first line to the start of the line after its last; for a last line without a line break, from
   * the end of the line before.
   */
  definitionRange: TextRange;
  hasExport: boolean;
  /** Whether the decoded value has the full Vued secret shape (not just a known prefix). */
  secretShaped: boolean;
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
export function keyFindingMessage(variable: string, keyName: string, status: KeyStatus, text: string | Message): string {
  return english(keyFindingText(variable, keyName, status, text));
}

/** keyFindingMessage as a message, for the display language. */
export function keyFindingText(variable: string, keyName: string, status: KeyStatus, text: string | Message): Message {
  const name = JSON.stringify(keyName);
  switch (status) {
    case 'revoked':
      return msg('editor.holdsRevoked', variable, name, text);
    case 'expired':
      return msg('editor.holdsExpired', variable, name, text);
    case 'expiring':
      return msg('editor.holdsExpiring', variable, name, text);
    default:
      return msg('editor.holdsActive', variable, name);
  }
}

export function unknownSecretMessage(variable: string): string {
  return english(msg('editor.holdsUnknown', variable));
}

/**
 * The findings of a `.env` text, in file order. `knownKeys` is the cached key list of every
 * organization (or a KeyPrefixIndex built from it once, to share between files); `now` is the
 * clock in epoch ms.
 *
 * - A value starting with a known key's prefix (the longest matching prefix wins) gives a `key`
 *   finding: revoked / expired → error, expiring within 7 days → warning, active → `none` (left
 *   out with includeActive: false). Keys sharing that prefix: the least alarming status counts.
 * - Otherwise a value of Vued secret shape (src/core/secretShape.ts) gives an `unknownSecret`
 *   finding of severity information, never an error.
 *
 * Values are read as dotenv reads them (quotes, `export`, CRLF, multi-line, BOM); every
 * definition counts, including one a later definition of the same name overrides.
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
  const includeActive = options.includeActive !== false;
  let lines: ForwardPositions | undefined;
  for (const entry of parseEnv(text)) {
    // Cheap test on the raw text first: a decoded value that starts with a prefix or the secret
    // prefix has that prefix's head written literally right after any opening quote.
    const quoted = entry.quote !== null && entry.valueEnd - entry.valueStart >= 2;
    const start = quoted ? entry.valueStart + 1 : entry.valueStart;
    const end = quoted ? entry.valueEnd - 1 : entry.valueEnd;
    if (!startsWithAny(text, start, index.needles)) {
      continue;
    }
    const value = entry.value;
    const key = index.match(value, now);
    const secretShaped = isSecretShaped(value);
    if (!key && !secretShaped) {
      continue;
    }
    const status = key ? keyStatus(key.key, now) : 'unknown';
    const severity: FindingSeverity = key ? SEVERITY[status as KeyStatus] : 'information';
    if (severity === 'none' && !includeActive) {
      continue;
    }
    lines ??= new ForwardPositions(text);
    // Positions in increasing offset order, so the walk over the text goes forward only.
    const def = definitionBounds(text, entry.lineStart, entry.lineEnd);
    const defStart = lines.positionAt(def.start);
    const valueRange = lines.range(start, end);
    const definitionRange: TextRange = { start: def.start, end: def.end, startPos: defStart, endPos: lines.positionAt(def.end) };
    const sMessage = key ? statusMessage(key.key, now, options) : msg('editor.unknown');
    const sText = english(sMessage);
    const sentence = key ? keyFindingText(entry.name, key.key.name, status as KeyStatus, sMessage) : msg('editor.holdsUnknown', entry.name);
    findings.push({
      kind: key ? 'key' : 'unknownSecret',
      variable: entry.name,
      key,
      keyIds: key ? index.candidates(value).map((k) => k.key.id) : [],
      status,
      statusText: sText,
      statusMessage: sMessage,
      severity,
      message: english(sentence),
      text: sentence,
      valueRange,
      definitionRange,
      hasExport: entry.hasExport,
      secretShaped,
    });
  }
  return findings;
}

/**
 * Whether `text` has one of `needles` at `at`. Compares char codes: String#startsWith on a text
 * that is still a concatenation (a rope) can cost a pass over the whole text per call.
 */
function startsWithAny(text: string, at: number, needles: readonly string[]): boolean {
  next: for (const n of needles) {
    if (at + n.length > text.length) {
      continue;
    }
    for (let i = 0; i < n.length; i++) {
      if (text.charCodeAt(at + i) !== n.charCodeAt(i)) {
        continue next;
      }
    }
    return true;
  }
  return false;
}

/** [start, end) of a definition with its line break, as "Remove this line" deletes it. */
function definitionBounds(text: string, lineStart: number, lineEnd: number): { start: number; end: number } {
  let start = lineStart;
  let end = lineEnd;
  if (end < text.length) {
    end += text.charCodeAt(end) === 0x0d && text.charCodeAt(end + 1) === 0x0a ? 2 : 1;
  } else {
    const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    if (start > bom) {
      start -= text.charCodeAt(start - 1) === 0x0a && text.charCodeAt(start - 2) === 0x0d ? 2 : 1;
    }
  }
  return { start, end };
}

/** What git would do with a file; the `state` of src/platform/git.ts's GitExposure. */
export type GitVerdict = 'tracked' | 'notIgnored' | 'ignored' | 'noRepository';

/**
 * The "would be committed" warnings of a `.env` file: one per finding (known key or secret shape)
 * when git tracks the file or does not ignore it; none otherwise. Same range as the finding.
 */
export function committedFindings(
  findings: readonly EnvKeyFinding[],
  verdict: GitVerdict,
): Array<{ variable: string; severity: 'warning'; message: string; text: Message; valueRange: TextRange }> {
  if (verdict !== 'tracked' && verdict !== 'notIgnored') {
    return [];
  }
  return findings.map((f) => {
    const text = msg(verdict === 'tracked' ? 'editor.committedTracked' : 'editor.committedNotIgnored', f.variable);
    return { variable: f.variable, severity: 'warning' as const, message: english(text), text, valueRange: f.valueRange };
  });
}

/** The finding whose value range holds `offset` (ends included, as a hover at the end still points at it). Findings are in file order. */
export function findingAt<T extends { valueRange: TextRange }>(findings: readonly T[], offset: number): T | undefined {
  let lo = 0;
  let hi = findings.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = findings[mid].valueRange;
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
