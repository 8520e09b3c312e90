/**
 * Keys by their visible prefix, and the one recogniser of Vued secrets built from those prefixes:
 * which key a secret found in a text belongs to (the longest prefix it starts with), and a cheap
 * test of whether a text can hold any of them at all. What the editor's known keys and the `.env`
 * usages are both looked up in.
 */
import { MIN_PREFIX_LENGTH, SecretRecognizer } from './secretShape';

/**
 * How many distinct prefix heads are worth a `String#includes` each before a text is scanned. With
 * more, the heads' common start is used instead (or, when they have none, every text is scanned).
 */
const MAX_HEADS = 16;

function commonStart(a: string, b: string): string {
  let i = 0;
  const n = Math.min(a.length, b.length);
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) {
    i++;
  }
  return a.slice(0, i);
}

/**
 * Items (keys) indexed by their prefix. An item whose prefix is not a string of at least
 * MIN_PREFIX_LENGTH characters, or whose id is not a string, is left out; two items with the same
 * id and prefix count once. Immutable: build one per key list and share it.
 */
export class PrefixIndex<T> {
  /** Distinct prefix lengths, longest first. */
  private readonly lengths: number[];
  private readonly byLength = new Map<number, Map<string, T[]>>();
  /**
   * Strings at least one of which a text must contain to hold a known prefix, or null when no
   * such cheap test exists.
   */
  private readonly needles: string[] | null;
  /** Finds the secrets of these prefixes (the prefix, then the rest of the token) and any of Vued shape. */
  readonly recognizer: SecretRecognizer;
  /** The shortest prefix's length (Infinity when there is none): a shorter text holds none. */
  readonly shortest: number;

  constructor(
    readonly items: readonly T[],
    prefixOf: (item: T) => unknown,
    idOf: (item: T) => unknown,
  ) {
    const heads = new Set<string>();
    let shortest = Infinity;
    for (const item of items) {
      const prefix = prefixOf(item);
      const id = idOf(item);
      if (typeof prefix !== 'string' || prefix.length < MIN_PREFIX_LENGTH || typeof id !== 'string') {
        continue;
      }
      let same = this.byLength.get(prefix.length);
      if (!same) {
        same = new Map();
        this.byLength.set(prefix.length, same);
      }
      const list = same.get(prefix);
      if (!list) {
        same.set(prefix, [item]);
      } else if (!list.some((x) => idOf(x) === id)) {
        list.push(item);
      }
      heads.add(prefix.slice(0, MIN_PREFIX_LENGTH));
      shortest = Math.min(shortest, prefix.length);
    }
    this.lengths = [...this.byLength.keys()].sort((a, b) => b - a);
    this.shortest = shortest;
    if (heads.size <= MAX_HEADS) {
      this.needles = [...heads];
    } else {
      let common: string | undefined;
      for (const h of heads) {
        common = common === undefined ? h : commonStart(common, h);
      }
      this.needles = common ? [common] : null;
    }
    this.recognizer = new SecretRecognizer(this.lengths.flatMap((n) => [...this.byLength.get(n)!.keys()]));
  }

  /** Whether no item has a usable prefix. */
  get empty(): boolean {
    return this.lengths.length === 0;
  }

  /** The items whose prefix is exactly `prefix`. */
  withPrefix(prefix: string): readonly T[] {
    return this.byLength.get(prefix.length)?.get(prefix) ?? [];
  }

  /** Every item with the longest prefix `value` starts with (several when items share it), or []. */
  candidates(value: string): T[] {
    for (const length of this.lengths) {
      if (length <= value.length) {
        const found = this.byLength.get(length)?.get(value.slice(0, length));
        if (found) {
          return found;
        }
      }
    }
    return [];
  }

  /**
   * Whether `text` can hold one of the known prefixes (one `includes` per distinct prefix head):
   * false means no secret of a known key is in it, so it need not be scanned for them.
   */
  mayHoldKnown(text: string): boolean {
    if (this.empty || text.length < this.shortest) {
      return false;
    }
    return this.needles === null || this.needles.some((n) => text.includes(n));
  }
}
