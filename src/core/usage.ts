/**
 * Where API keys are used: `.env` definitions whose value starts with a key's visible prefix.
 *
 * Only the key id, the file, the variable name and the line are ever reported; values stay in the
 * text they came from.
 */
import { parseEnv } from './dotenv/parse';
import type { PublicApiKey } from './api/types';
import { MIN_PREFIX_LENGTH } from './secretShape';

/** A `.env` file's current text. */
export interface EnvFileText {
  /** Workspace-relative, `/`-separated, e.g. `apps/api/.env`. */
  path: string;
  text: string;
}

/** One definition that holds (a value starting with the prefix of) a key. */
export interface KeyUsage {
  keyId: string;
  path: string;
  variable: string;
  /** 0-based line of the definition's name, as an editor numbers lines (CRLF, LF and a lone CR end a line). */
  line: number;
  hasExport: boolean;
}

export { MIN_PREFIX_LENGTH } from './secretShape';

/**
 * How many distinct prefix heads are worth a `String#includes` each before parsing a file. With more,
 * the heads' common start is used instead (or, when they have none, every file is parsed).
 */
const MAX_HEADS = 16;

const LF = 0x0a;
const CR = 0x0d;

/** Characters that may be rewritten or removed around them when dotenv decodes a value. */
const DECODE_SENSITIVE = /[\n\r\u2028\u2029]/;

type KeyRef = Pick<PublicApiKey, 'id' | 'keyPrefix'>;

interface PrefixIndex {
  /** Distinct prefix lengths, longest first. */
  lengths: number[];
  /** length → prefix → key ids with exactly that prefix. */
  byLength: Map<number, Map<string, string[]>>;
  /**
   * Strings at least one of which a file's raw text must contain to hold any prefix, or null when
   * no such cheap test exists and every file must be parsed.
   */
  needles: string[] | null;
}

function commonStart(a: string, b: string): string {
  let i = 0;
  const n = Math.min(a.length, b.length);
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) {
    i++;
  }
  return a.slice(0, i);
}

function buildIndex(keys: readonly KeyRef[]): PrefixIndex {
  const byLength = new Map<number, Map<string, string[]>>();
  const heads = new Set<string>();
  let cheap = true;
  for (const key of keys) {
    const prefix = key.keyPrefix;
    if (typeof prefix !== 'string' || prefix.length < MIN_PREFIX_LENGTH || typeof key.id !== 'string') {
      continue;
    }
    let sameLength = byLength.get(prefix.length);
    if (!sameLength) {
      sameLength = new Map();
      byLength.set(prefix.length, sameLength);
    }
    const ids = sameLength.get(prefix);
    if (!ids) {
      sameLength.set(prefix, [key.id]);
    } else if (!ids.includes(key.id)) {
      ids.push(key.id);
    }
    // A decoded value's characters other than line breaks appear unchanged and contiguous in the
    // raw text (dotenv only removes quotes next to line breaks and turns escapes into CR or LF), so
    // the prefix's start up to its first line break must be in the raw text of a file that uses it.
    const head = prefix.slice(0, MIN_PREFIX_LENGTH);
    const cut = head.search(DECODE_SENSITIVE);
    const needle = cut === -1 ? head : head.slice(0, cut);
    if (needle === '') {
      cheap = false;
    }
    heads.add(needle);
  }
  const lengths = [...byLength.keys()].sort((a, b) => b - a);
  let needles: string[] | null = null;
  if (cheap && heads.size <= MAX_HEADS) {
    needles = [...heads];
  } else if (cheap) {
    let common: string | undefined;
    for (const h of heads) {
      common = common === undefined ? h : commonStart(common, h);
    }
    needles = common ? [common] : null;
  }
  return { lengths, byLength, needles };
}

/**
 * Every active definition (comments and non-definition lines are ignored; quoted, `export`ed,
 * multi-line, CRLF and byte-order-marked files are read as dotenv reads them) whose decoded value
 * starts with the prefix of one of `keys`, in file order, then in order within each file.
 *
 * - Keys whose prefix is shorter than MIN_PREFIX_LENGTH are ignored.
 * - When the prefixes of several keys match a value, only the longest matching prefix counts. Keys
 *   that share that exact prefix cannot be told apart, so the definition is reported for each of
 *   them (a key shown as used by mistake is safer than a used key shown as unused).
 * - Every definition counts, including one that a later definition of the same name overrides.
 *
 * Cost: one `includes` per file and distinct prefix head (files that cannot hold a prefix are not
 * parsed), then a parse of the remaining files and one map lookup per value and distinct prefix
 * length, whatever the number of keys.
 */
export function scanEnvUsages(files: readonly EnvFileText[], keys: readonly KeyRef[]): KeyUsage[] {
  const index = buildIndex(keys);
  const usages: KeyUsage[] = [];
  for (const file of files) {
    scanFile(index, file, usages);
  }
  return usages;
}

/** Appends the usages in one file to `out`, in file order (see scanEnvUsages). */
function scanFile(index: PrefixIndex, file: EnvFileText, out: KeyUsage[]): void {
  if (index.lengths.length === 0) {
    return;
  }
  const text = file.text;
  if (typeof text !== 'string' || text.length < index.lengths[index.lengths.length - 1]) {
    return;
  }
  if (index.needles && !index.needles.some((n) => text.includes(n))) {
    return;
  }
  let line = 0;
  let counted = 0;
  for (const entry of parseEnv(text)) {
    const ids = matchingKeyIds(index, entry.value);
    if (!ids) {
      continue;
    }
    line += countLineBreaks(text, counted, entry.nameStart);
    counted = entry.nameStart;
    for (const keyId of ids) {
      out.push({ keyId, path: file.path, variable: entry.name, line, hasExport: entry.hasExport });
    }
  }
}

/** How many key sets' per-file results a UsageCache keeps (the tree asks per organization, rotation per key). */
const KEPT_SCANS = 8;

const NO_USAGES: readonly KeyUsage[] = [];

/**
 * The texts of a set of `.env` files and, per key set asked about, each file's usages. Replacing
 * or removing one file drops only that file's results, so after one file changes only that file
 * is scanned again; the answer is always what scanEnvUsages gives for the current texts, in the
 * order the files were first added.
 */
export class UsageCache {
  private readonly texts = new Map<string, string>();
  private readonly scans = new Map<string, { index: PrefixIndex; perFile: Map<string, readonly KeyUsage[]> }>();

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
    const signature = keys.map((k) => `${String(k.id)}\u0000${String(k.keyPrefix)}`).join('\u0001');
    let scan = this.scans.get(signature);
    if (scan) {
      // Most recently used last, so the oldest is the first dropped.
      this.scans.delete(signature);
    } else {
      scan = { index: buildIndex(keys), perFile: new Map() };
      if (this.scans.size >= KEPT_SCANS) {
        this.scans.delete(this.scans.keys().next().value as string);
      }
    }
    this.scans.set(signature, scan);
    const out: KeyUsage[] = [];
    for (const [path, text] of this.texts) {
      let found = scan.perFile.get(path);
      if (!found) {
        const fileUsages: KeyUsage[] = [];
        scanFile(scan.index, { path, text }, fileUsages);
        found = fileUsages.length ? fileUsages : NO_USAGES;
        scan.perFile.set(path, found);
      }
      for (const u of found) {
        out.push({ ...u });
      }
    }
    return out;
  }
}

/**
 * `fn` over every item with at most `limit` calls running at once; results in the items' order.
 * The first rejection rejects the whole (calls already started still run to their end).
 */
export async function mapBounded<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i], i);
    }
  };
  const workers: Array<Promise<void>> = [];
  for (let w = 0; w < Math.max(1, Math.min(limit, items.length)); w++) {
    workers.push(worker());
  }
  await Promise.all(workers);
  return results;
}

/** The ids of the keys with the longest prefix that `value` starts with, or undefined. */
function matchingKeyIds(index: PrefixIndex, value: string): string[] | undefined {
  for (const length of index.lengths) {
    if (length <= value.length) {
      const ids = index.byLength.get(length)?.get(value.slice(0, length));
      if (ids) {
        return ids;
      }
    }
  }
  return undefined;
}

/**
 * Line breaks in `text` from `from` (inclusive) to `to` (exclusive): CRLF, LF and a lone CR each
 * count once, which is how editors number lines. U+2028 and U+2029 do not count: an editor shows
 * them inside a line (dotenv alone treats them as line ends).
 */
export function countLineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === LF || (c === CR && text.charCodeAt(i + 1) !== LF)) {
      n++;
    }
  }
  return n;
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

/** The label of a usage row: `apps/api/.env — VUED_API_KEY`. */
export function describeUsage(u: Pick<KeyUsage, 'path' | 'variable'>): string {
  return `${u.path} — ${u.variable}`;
}
