/**
 * Masking secrets on screen: which ranges of an editor's text to hide, and the label drawn in
 * their place. The document itself is never changed; the glue draws decorations.
 *
 * The ranges of a text are computed once (a MaskSet, kept per document version); a cursor move only
 * asks the set which of them touch the cursor lines, a binary search.
 */
import { findEnvKeyFindings, type EnvKeyFinding } from './envFindings';
import { type KnownKey, KeyPrefixIndex } from '../keys/knownKeys';
import { ForwardPositions, type TextRange } from './positions';
import { english, msg, type Render } from '../common/messages';

export const MASK_DOTS = '•••••••';

/**
 * Open documents with more characters than this are not masked, and a source file's Problems are
 * not computed (minified code or a data dump is not where a key is pasted by hand).
 */
export const MAX_EDITOR_CHARS = 5_000_000;

export interface MaskRange {
  range: TextRange;
  /** `••••••• (key name)`, or `••••••• (Vued secret)` for a secret of no known key. */
  label: string;
  /** The key's id, when known. */
  keyId?: string;
}

/** Lines [first, last] (0-based, editor numbering, inclusive) that a cursor or a selection is on. */
export interface LineSpan {
  first: number;
  last: number;
}

export interface MaskOptions {
  /**
   * Lines (0-based, editor numbering) the cursors are on: a range touching one of them is left
   * visible, so the value can be read and edited there.
   */
  revealLines?: Iterable<number>;
  /** The language of "Vued secret" in the labels: English unless given (the extension passes `localize`). */
  render?: Render;
}

export function maskLabel(keyName: string | undefined, render: Render = english): string {
  return labelWith(keyName, render(msg('mask.unknownSecret')));
}

function labelWith(keyName: string | undefined, unknownSecret: string): string {
  return `${MASK_DOTS} (${keyName ?? unknownSecret})`;
}

/**
 * The mask ranges of one text, in text order, computed once; which of them to draw depends only on
 * the lines the cursors are on (revealedBy), so a cursor move costs a binary search per cursor.
 */
export class MaskSet {
  /** The most lines one range spans beyond its first (0 for secrets, which never span lines). */
  private readonly maxExtraLines: number;

  constructor(readonly masks: readonly MaskRange[]) {
    let extra = 0;
    for (const m of masks) {
      extra = Math.max(extra, m.range.endPos.line - m.range.startPos.line);
    }
    this.maxExtraLines = extra;
  }

  /** Indices (ascending, no repeats) of the ranges that touch one of `spans`. */
  revealedBy(spans: readonly LineSpan[]): number[] {
    const masks = this.masks;
    const out: number[] = [];
    for (const { first, last } of spans) {
      // The first range that may touch `first`: one starting at most maxExtraLines lines before it.
      let lo = 0;
      let hi = masks.length;
      const from = first - this.maxExtraLines;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (masks[mid].range.startPos.line < from) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      for (let i = lo; i < masks.length && masks[i].range.startPos.line <= last; i++) {
        if (masks[i].range.endPos.line >= first) {
          out.push(i);
        }
      }
    }
    if (spans.length > 1) {
      return [...new Set(out)].sort((a, b) => a - b);
    }
    return out;
  }

  /** The ranges to draw with the cursors on `spans`: all but those revealedBy them. */
  visible(spans: readonly LineSpan[]): MaskRange[] {
    return withoutIndices(this.masks, this.revealedBy(spans));
  }
}

/** `items` without the ascending `indices`. */
export function withoutIndices<T>(items: readonly T[], indices: readonly number[]): T[] {
  if (indices.length === 0) {
    return [...items];
  }
  const out: T[] = [];
  let k = 0;
  for (let i = 0; i < items.length; i++) {
    if (k < indices.length && indices[k] === i) {
      k++;
    } else {
      out.push(items[i]);
    }
  }
  return out;
}

function spansOf(lines: Iterable<number> | undefined): LineSpan[] {
  return [...(lines ?? [])].map((line) => ({ first: line, last: line }));
}

/** Mask ranges from the findings of a `.env` text (findEnvKeyFindings with active keys included): one per secret. */
export function maskRangesFromFindings(findings: readonly EnvKeyFinding[], options: MaskOptions = {}): MaskRange[] {
  const unknownSecret = (options.render ?? english)(msg('mask.unknownSecret'));
  const all: MaskRange[] = [];
  for (const f of findings) {
    if (f.range.end > f.range.start) {
      all.push({ range: f.range, label: labelWith(f.key?.key.name, unknownSecret), keyId: f.key?.key.id });
    }
  }
  return options.revealLines === undefined ? all : new MaskSet(all).visible(spansOf(options.revealLines));
}

/**
 * The ranges to mask in an editor's text: every secret the one recogniser finds (a known key's
 * prefix and the rest of its token, or the Vued shape), named after its key. In a `.env` file
 * (`isEnvFile`) they come from its findings, as Problems see them.
 */
export function maskRanges(
  text: string,
  isEnvFile: boolean,
  knownKeys: readonly KnownKey[] | KeyPrefixIndex,
  now: number,
  options: MaskOptions = {},
): MaskRange[] {
  const index = knownKeys instanceof KeyPrefixIndex ? knownKeys : new KeyPrefixIndex(knownKeys);
  if (isEnvFile) {
    return maskRangesFromFindings(findEnvKeyFindings(text, index, now), options);
  }
  const spans = index.mayMatch(text) ? index.recognizer.find(text) : [];
  if (spans.length === 0) {
    return [];
  }
  const unknownSecret = (options.render ?? english)(msg('mask.unknownSecret'));
  const lines = new ForwardPositions(text);
  const all: MaskRange[] = spans.map(({ start, end }) => {
    const key = index.match(text.slice(start, end), now);
    return { range: lines.range(start, end), label: labelWith(key?.key.name, unknownSecret), keyId: key?.key.id };
  });
  return options.revealLines === undefined ? all : new MaskSet(all).visible(spansOf(options.revealLines));
}
