/**
 * Where API keys are used: every occurrence of a key's secret in the raw text of a `.env` file, as
 * the one recogniser of Vued secrets (secretShape.ts) finds it: the key's visible prefix followed
 * by the rest of its token. An occurrence stands inside the value of a definition dotenv reads
 * (alone, in a list, with a prefix or suffix, on any line of a multi-line value) or elsewhere: a
 * commented-out line, a trailing comment, a line that is no definition.
 *
 * Only the key id, the file, the variable name, the line and offsets are ever reported; values
 * stay in the text they came from.
 */
import { english, msg, type Render } from '../common/messages';
import { parseTable, type EnvTable } from './parse';
import type { PublicApiKey } from '../api/types';
import type { SecretRecognizer, SecretSpan } from '../common/secretShape';
import { PrefixIndex } from '../common/prefixIndex';
import { ForwardPositions } from '../editor/positions';

/** A `.env` file's current text. */
export interface EnvFileText {
  /** Workspace-relative, `/`-separated, e.g. `apps/api/.env`. */
  path: string;
  text: string;
}

interface UsageBase {
  keyId: string;
  path: string;
  /**
   * 0-based line where the secret starts, as an editor numbers lines (CRLF, LF and a lone CR end a
   * line). For a one-line definition, the line of its name.
   */
  line: number;
  /** [start, end): exactly the secret's characters in the file's text (UTF-16 code units). */
  start: number;
  end: number;
}

/** An occurrence inside the value of a definition (one a later definition overrides included). */
export interface DefinitionUsage extends UsageBase {
  kind: 'definition';
  variable: string;
  hasExport: boolean;
}

/** An occurrence outside every value: a commented-out line, a trailing comment, a line dotenv skips. */
export interface CommentUsage extends UsageBase {
  kind: 'comment';
}

/** One occurrence of a key's secret in a `.env` file. */
export type KeyUsage = DefinitionUsage | CommentUsage;

export { MIN_PREFIX_LENGTH } from '../common/secretShape';

const DOUBLE_QUOTE = 0x22;

type KeyRef = Pick<PublicApiKey, 'id' | 'keyPrefix'>;

/** A secret found in a text, with where it stands. */
export interface KeyOccurrence {
  start: number;
  end: number;
  /** The longest known prefix it starts with. */
  prefix: string;
  /** 0-based line of `start`. */
  line: number;
  /** The definition whose value holds it, or undefined when it stands outside every value. */
  definition?: { name: string; hasExport: boolean };
}

/** The keys looked for, by prefix. */
type KeysByPrefix = PrefixIndex<KeyRef>;

function indexKeys(keys: readonly KeyRef[]): KeysByPrefix {
  return new PrefixIndex(keys, (k) => k.keyPrefix, (k) => k.id);
}

/**
 * Every occurrence of a known key's secret in `text`, in order, none overlapping: what
 * `recognizer.find` finds with a known prefix (secrets of Vued shape but no known prefix are left
 * out), plus a secret right after a `\n` or `\r` escape in a double-quoted value (dotenv reads a
 * line break there, so the secret starts a line of the value). Each is placed inside the value of
 * the definition that holds it (as dotenv reads the file), or outside every value.
 *
 * `table`: the parse of `text`, when the caller has it (else it is parsed when it holds a secret).
 */
export function findKeyOccurrences(text: string, recognizer: SecretRecognizer, table?: EnvTable): KeyOccurrence[] {
  const found = recognizer.find(text).filter((s): s is Required<SecretSpan> => s.prefix !== undefined);
  const escapes = text.includes('\\n') || text.includes('\\r');
  if (found.length === 0 && !escapes) {
    return [];
  }
  const rows = table ?? parseTable(text);
  const spans = escapes ? withEscapedStarts(text, rows, recognizer, found) : found;
  const out: KeyOccurrence[] = [];
  const lines = new ForwardPositions(text);
  let row = 0;
  for (const s of spans) {
    const line = lines.positionAt(s.start).line;
    // Rows are in file order and do not overlap: move to the last row starting at or before s.
    while (row + 1 < rows.n && rows.valueStart[row + 1] <= s.start) {
      row++;
    }
    const inside = rows.n > 0 && rows.valueStart[row] <= s.start && s.end <= rows.valueEnd[row];
    out.push({
      start: s.start,
      end: s.end,
      prefix: s.prefix,
      line,
      definition: inside ? { name: text.slice(rows.nameStart[row], rows.nameEnd[row]), hasExport: (rows.flags[row] & 1) === 1 } : undefined,
    });
  }
  return out;
}

/** `found` plus the secrets that start right after a `\n` or `\r` escape of a double-quoted value, in order. */
function withEscapedStarts(text: string, rows: EnvTable, recognizer: SecretRecognizer, found: Array<Required<SecretSpan>>): Array<Required<SecretSpan>> {
  const extra: Array<Required<SecretSpan>> = [];
  for (let r = 0; r < rows.n; r++) {
    const from = rows.valueStart[r];
    const to = rows.valueEnd[r];
    if (text.charCodeAt(from) !== DOUBLE_QUOTE) {
      continue;
    }
    for (let i = text.indexOf('\\', from); i !== -1 && i + 2 < to; i = text.indexOf('\\', i + 1)) {
      const c = text.charCodeAt(i + 1);
      if (c !== 0x6e && c !== 0x72) {
        continue;
      }
      // The recogniser sees no token start after a letter; from the escape's end it does.
      const at = i + 2;
      const span = recognizer.matchAt(text.slice(at, to), 0);
      if (span?.prefix !== undefined) {
        extra.push({ start: at + span.start, end: at + span.end, prefix: span.prefix });
      }
    }
  }
  if (extra.length === 0) {
    return found;
  }
  const all = [...found, ...extra].sort((a, b) => a.start - b.start);
  const kept: Array<Required<SecretSpan>> = [];
  for (const s of all) {
    if (kept.length === 0 || s.start >= kept[kept.length - 1].end) {
      kept.push(s);
    }
  }
  return kept;
}

/**
 * Every occurrence of the secret of one of `keys` in the raw text of each file (a secret is the
 * key's prefix followed by the rest of its token, see secretShape.ts), in file order, then in order
 * within each file: inside the value of a definition (quoted, `export`ed, multi-line, one a later
 * definition overrides, CRLF and byte-order-marked files read as dotenv reads them) or outside
 * every value (kind 'comment').
 *
 * - Keys whose prefix is shorter than MIN_PREFIX_LENGTH are ignored.
 * - When the prefixes of several keys match a secret, only the longest matching prefix counts. Keys
 *   that share that exact prefix cannot be told apart, so the occurrence is reported for each of
 *   them (a key shown as used by mistake is safer than a used key shown as unused).
 *
 * Cost: one `includes` per file and distinct prefix head (files that cannot hold a prefix are not
 * read further), then the recogniser's pass and, for files holding a secret, one parse.
 */
export function scanEnvUsages(files: readonly EnvFileText[], keys: readonly KeyRef[]): KeyUsage[] {
  const index = indexKeys(keys);
  const usages: KeyUsage[] = [];
  for (const file of files) {
    scanFile(index, file, usages);
  }
  return usages;
}

/** Appends the usages in one file to `out`, in file order (see scanEnvUsages). */
function scanFile(index: KeysByPrefix, file: EnvFileText, out: KeyUsage[]): void {
  const text = file.text;
  if (typeof text !== 'string' || !index.mayHoldKnown(text)) {
    return;
  }
  for (const o of findKeyOccurrences(text, index.recognizer)) {
    for (const { id: keyId } of index.withPrefix(o.prefix)) {
      const at = { keyId, path: file.path, line: o.line, start: o.start, end: o.end };
      out.push(o.definition ? { ...at, kind: 'definition', variable: o.definition.name, hasExport: o.definition.hasExport } : { ...at, kind: 'comment' });
    }
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * A `.env` file's bytes as text for the usage scan, read as dotenv reads them: strict UTF-8 (a byte
 * order mark kept as U+FEFF, as VS Code keeps it); when the bytes are not valid UTF-8 (a Latin-1
 * comment saved by an old editor), byte for byte (Latin-1), so each character is one byte and the
 * ASCII characters of a key read the same (dotenv reads such a file's keys too). A UTF-8 byte order
 * mark before such bytes still reads as U+FEFF (white space to dotenv), so there the offsets are
 * the bytes' less two.
 */
export function decodeEnvBytes(bytes: Uint8Array): { text: string; bytewise: boolean } {
  try {
    return { text: UTF8.decode(bytes), bytewise: false };
  } catch {
    const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    const rest = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(bom ? 3 : 0);
    return { text: (bom ? '\uFEFF' : '') + rest.toString('latin1'), bytewise: true };
  }
}

/** How many key sets' per-file results a UsageCache keeps (the tree asks per organization, rotation per key). */
const KEPT_SCANS = 8;

const NO_USAGES: readonly KeyUsage[] = [];

/** One key set's usages, file by file. */
interface KeyScan {
  index: KeysByPrefix;
  perFile: Map<string, readonly KeyUsage[]>;
}

/**
 * The texts of a set of `.env` files and, per key set asked about, each file's usages. Replacing
 * or removing one file drops only that file's results, so after one file changes only that file
 * is scanned again; the answer is always what scanEnvUsages gives for the current texts, in the
 * order the files were first added.
 */
export class UsageCache {
  private readonly texts = new Map<string, string>();
  private readonly scans = new Map<string, KeyScan>();

  get size(): number {
    return this.texts.size;
  }

  has(path: string): boolean {
    return this.texts.has(path);
  }

  paths(): string[] {
    return [...this.texts.keys()];
  }

  /** Sets a file's text; false (and nothing dropped) when it is unchanged. */
  set(path: string, text: string): boolean {
    if (this.texts.get(path) === text) {
      return false;
    }
    this.texts.set(path, text);
    for (const scan of this.scans.values()) {
      scan.perFile.delete(path);
    }
    return true;
  }

  /** Forgets a file; false when it was not known. */
  delete(path: string): boolean {
    if (!this.texts.delete(path)) {
      return false;
    }
    for (const scan of this.scans.values()) {
      scan.perFile.delete(path);
    }
    return true;
  }

  clear(): void {
    this.texts.clear();
    this.scans.clear();
  }

  /** Same as scanEnvUsages over every file, scanning only files not scanned for these keys yet. */
  usagesOf(keys: readonly KeyRef[]): KeyUsage[] {
    const scan = this.scanOf(keys);
    const out: KeyUsage[] = [];
    for (const [path, text] of this.texts) {
      for (const u of this.scanned(scan, path, text)) {
        out.push({ ...u });
      }
    }
    return out;
  }

  /**
   * Scans files not scanned for these keys yet until `stop()` says so (it is asked after each file);
   * true once every file is scanned. Lets a caller cut a large scan into slices before usagesOf.
   */
  prepare(keys: readonly KeyRef[], stop: () => boolean): boolean {
    const scan = this.scanOf(keys);
    for (const [path, text] of this.texts) {
      if (!scan.perFile.has(path)) {
        this.scanned(scan, path, text);
        if (stop()) {
          return false;
        }
      }
    }
    return true;
  }

  /** The kept scan for a key set (made when new; the least recently used is dropped past KEPT_SCANS). */
  private scanOf(keys: readonly KeyRef[]): KeyScan {
    const signature = keys.map((k) => `${String(k.id)}\u0000${String(k.keyPrefix)}`).join('\u0001');
    let scan = this.scans.get(signature);
    if (scan) {
      // Most recently used last, so the oldest is the first dropped.
      this.scans.delete(signature);
    } else {
      scan = { index: indexKeys(keys), perFile: new Map() };
      if (this.scans.size >= KEPT_SCANS) {
        this.scans.delete(this.scans.keys().next().value as string);
      }
    }
    this.scans.set(signature, scan);
    return scan;
  }

  private scanned(scan: KeyScan, path: string, text: string): readonly KeyUsage[] {
    let found = scan.perFile.get(path);
    if (!found) {
      const fileUsages: KeyUsage[] = [];
      scanFile(scan.index, { path, text }, fileUsages);
      found = fileUsages.length ? fileUsages : NO_USAGES;
      scan.perFile.set(path, found);
    }
    return found;
  }
}

/** Usages grouped by key id, each group in scan order. */
export function usagesByKey(usages: readonly KeyUsage[]): Map<string, KeyUsage[]> {
  const groups = new Map<string, KeyUsage[]>();
  for (const u of usages) {
    const group = groups.get(u.keyId);
    if (group) {
      group.push(u);
    } else {
      groups.set(u.keyId, [u]);
    }
  }
  return groups;
}

/**
 * The label of a usage row: `apps/api/.env — VUED_API_KEY` for a definition, `apps/api/.env line
 * 12 (comment)` for an occurrence outside every value. `render` gives the language (English by
 * default; the extension passes `localize`).
 */
export function describeUsage(u: KeyUsage, render: Render = english): string {
  return u.kind === 'definition' ? `${u.path} — ${u.variable}` : render(msg('usage.comment', u.path, u.line + 1));
}
