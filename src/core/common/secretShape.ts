/**
 * The one recogniser of Vued secrets in a text, used wherever a secret must be found: masking,
 * Problems, the hard-coded secret scan, rotation and redaction.
 *
 * Two rules, because the contract does not publish the secret's alphabet:
 *
 * - **A known key**: its visible prefix (from a key list, the journal or a key created here), then
 *   the rest of the token, whatever its alphabet: letters, digits, `_` and `-`, and `.`, `~` or `+`
 *   between two of those. At least MIN_KNOWN_REST characters must follow the prefix (the prefix
 *   alone, as the extension shows it, `vued_sk_AbCd…`, is not a secret).
 * - **The shape rule**, for keys the extension does not know: `vued_sk_`, then at least
 *   MIN_SECRET_BODY letters and digits (the service's alphabet today), then the rest of the token as
 *   above. Placeholders such as `vued_sk_your_key_here` do not match it.
 *
 * A match starts where no letter, digit or `_` comes before it (`myvued_sk_…` is an identifier, not
 * a secret), or right after a `\n`, `\r` or `\t` escape, and ends where the token ends. Linear in the text: one `indexOf` pass per distinct
 * prefix head (the first MIN_PREFIX_LENGTH characters), then one map lookup per prefix length at
 * each hit.
 */

/** Every Vued secret starts with this. */
export const SECRET_PREFIX = 'vued_sk_';

/** Fewer base62 characters after `vued_sk_` than this is not taken for a secret of unknown key (prose or a placeholder). */
export const MIN_SECRET_BODY = 16;

/** Prefixes shorter than this are ignored: they would match text that has nothing to do with a key. */
export const MIN_PREFIX_LENGTH = 6;

/** How many token characters must follow a known key's prefix for the run to be that key's secret. */
export const MIN_KNOWN_REST = 8;

/** A secret found in a text: [start, end) in UTF-16 code units. */
export interface SecretSpan {
  start: number;
  end: number;
  /** The longest known prefix the secret starts with; undefined when only the shape rule matched. */
  prefix?: string;
}

const isAlnum = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
/** Letters, digits, `_` and `-`: the characters a token may end with. */
const isTokenChar = (c: number): boolean => isAlnum(c) || c === 0x5f || c === 0x2d;
/** `.`, `~` and `+`: inside a token only, between two token characters. */
const isInnerChar = (c: number): boolean => c === 0x2e || c === 0x7e || c === 0x2b;
/** What may not come right before a secret: it would be part of a longer identifier. */
const joinsBefore = (c: number): boolean => isAlnum(c) || c === 0x5f;

/** The end of the token that continues at `from` (to its last letter, digit, `_` or `-`). */
export function tokenEnd(text: string, from: number, limit = text.length): number {
  let end = from;
  let i = from;
  while (i < limit) {
    const c = text.charCodeAt(i);
    if (isTokenChar(c)) {
      end = ++i;
    } else if (isInnerChar(c) && end === i && i + 1 < limit && isTokenChar(text.charCodeAt(i + 1))) {
      i++;
    } else {
      break;
    }
  }
  return end;
}

/**
 * Whether the character before `at` lets a secret start there: nothing, a character that is not
 * part of a word, or the letter of a `\n`, `\r` or `\t` escape (a secret on the next line of a
 * double-quoted `.env` value or of a string literal, which the program reads after a line break).
 */
function startsToken(text: string, at: number): boolean {
  if (at === 0 || !joinsBefore(text.charCodeAt(at - 1))) {
    return true;
  }
  const c = text.charCodeAt(at - 1);
  return at >= 2 && text.charCodeAt(at - 2) === 0x5c && (c === 0x6e || c === 0x72 || c === 0x74);
}

/** The end of a shape-rule secret starting at `at` (where `vued_sk_` is), or -1. */
function shapeEnd(text: string, at: number, limit: number): number {
  const body = at + SECRET_PREFIX.length;
  let i = body;
  while (i < limit && isAlnum(text.charCodeAt(i))) {
    i++;
  }
  if (i - body < MIN_SECRET_BODY) {
    return -1;
  }
  return tokenEnd(text, body, limit);
}

/**
 * Finds Vued secrets: those of the known prefixes given, and any of Vued shape. Immutable; build
 * one per set of known keys and share it.
 */
export class SecretRecognizer {
  /** Distinct known prefix lengths, longest first. */
  private readonly lengths: number[];
  private readonly byLength = new Map<number, Set<string>>();
  /** The strings whose occurrences are candidate starts: `vued_sk_` and each known prefix's head. */
  private readonly heads: string[];

  constructor(knownPrefixes: Iterable<string> = []) {
    const heads = new Set<string>([SECRET_PREFIX.slice(0, MIN_PREFIX_LENGTH)]);
    for (const prefix of knownPrefixes) {
      if (typeof prefix !== 'string' || prefix.length < MIN_PREFIX_LENGTH || !isTokenChar(prefix.charCodeAt(0))) {
        continue;
      }
      let same = this.byLength.get(prefix.length);
      if (!same) {
        same = new Set();
        this.byLength.set(prefix.length, same);
      }
      same.add(prefix);
      heads.add(prefix.slice(0, MIN_PREFIX_LENGTH));
    }
    this.lengths = [...this.byLength.keys()].sort((a, b) => b - a);
    this.heads = [...heads];
  }

  /** The known prefixes, longest first (for tests and for callers that index keys by them). */
  get prefixes(): string[] {
    return this.lengths.flatMap((n) => [...(this.byLength.get(n) ?? [])]);
  }

  /** Whether `text` can hold a secret at all: one `includes` per head. */
  mayMatch(text: string): boolean {
    return this.heads.some((h) => text.includes(h));
  }

  /** The longest known prefix that `text` has at `at`, or undefined. */
  knownPrefixAt(text: string, at: number): string | undefined {
    for (const length of this.lengths) {
      if (at + length <= text.length) {
        const candidate = text.slice(at, at + length);
        if (this.byLength.get(length)?.has(candidate)) {
          return candidate;
        }
      }
    }
    return undefined;
  }

  /** The secret starting exactly at `at`, or undefined. */
  matchAt(text: string, at: number, limit = text.length): SecretSpan | undefined {
    if (!startsToken(text, at)) {
      return undefined;
    }
    const prefix = this.knownPrefixAt(text, at);
    if (prefix !== undefined && at + prefix.length <= limit) {
      const end = tokenEnd(text, at + prefix.length, limit);
      if (end - (at + prefix.length) >= MIN_KNOWN_REST) {
        return { start: at, end, prefix };
      }
    }
    if (text.startsWith(SECRET_PREFIX, at)) {
      const end = shapeEnd(text, at, limit);
      if (end !== -1) {
        return { start: at, end };
      }
    }
    return undefined;
  }

  /** Every secret in text[from, to), in order, none overlapping. */
  find(text: string, from = 0, to = text.length): SecretSpan[] {
    const starts = new Set<number>();
    for (const head of this.heads) {
      for (let i = text.indexOf(head, from); i !== -1 && i < to; i = text.indexOf(head, i + 1)) {
        starts.add(i);
      }
    }
    if (starts.size === 0) {
      return [];
    }
    const found: SecretSpan[] = [];
    let after = from;
    for (const at of [...starts].sort((a, b) => a - b)) {
      if (at < after) {
        continue;
      }
      const span = this.matchAt(text, at, to);
      if (span) {
        found.push(span);
        after = span.end;
      }
    }
    return found;
  }

  /** `text` with every secret replaced by `by`. */
  replace(text: string, by: string): string {
    const spans = this.find(text);
    if (spans.length === 0) {
      return text;
    }
    let out = '';
    let at = 0;
    for (const s of spans) {
      out += text.slice(at, s.start) + by;
      at = s.end;
    }
    return out + text.slice(at);
  }

  /** Whether the whole of `value` is one secret. */
  isSecret(value: string): boolean {
    const span = this.matchAt(value, 0);
    return span !== undefined && span.end === value.length;
  }
}

const SHAPE_ONLY = new SecretRecognizer();

/** Whether the whole of `value` is a secret of Vued shape. */
export function isSecretShaped(value: string): boolean {
  return SHAPE_ONLY.isSecret(value);
}

/** Every secret of Vued shape in `text` (no known prefixes), as [start, end) offsets, in order. */
export function findSecrets(text: string): SecretSpan[] {
  return SHAPE_ONLY.find(text);
}

/** `text` with every secret of Vued shape replaced by `by`. */
export function replaceSecrets(text: string, by: string): string {
  return SHAPE_ONLY.replace(text, by);
}
