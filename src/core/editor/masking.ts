/**
 * Masking secrets on screen: which ranges of an editor's text to hide, and the label drawn in
 * their place. The document itself is never changed; the glue draws decorations.
 */
import { findSecrets } from '../secretShape';
import { findEnvKeyFindings, type EnvKeyFinding } from './envFindings';
import { type KnownKey, KeyPrefixIndex } from './knownKeys';
import { LineIndex, type TextRange } from './positions';
import { english, msg, type Render } from '../messages';

export const MASK_DOTS = '•••••••';

export interface MaskRange {
  range: TextRange;
  /** `••••••• (key name)`, or `••••••• (Vued secret)` for a secret of no known key. */
  label: string;
  /** The key's id, when known. */
  keyId?: string;
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

function visible(range: TextRange, reveal: ReadonlySet<number>): boolean {
  for (let line = range.startPos.line; line <= range.endPos.line; line++) {
    if (reveal.has(line)) {
      return true;
    }
  }
  return false;
}

/** Mask ranges from the findings of a `.env` text (findEnvKeyFindings with active keys included). */
export function maskRangesFromFindings(findings: readonly EnvKeyFinding[], options: MaskOptions = {}): MaskRange[] {
  const reveal = new Set(options.revealLines ?? []);
  const unknownSecret = (options.render ?? english)(msg('mask.unknownSecret'));
  const out: MaskRange[] = [];
  for (const f of findings) {
    if (f.valueRange.end > f.valueRange.start && !visible(f.valueRange, reveal)) {
      out.push({ range: f.valueRange, label: labelWith(f.key?.key.name, unknownSecret), keyId: f.key?.key.id });
    }
  }
  return out;
}

/**
 * The ranges to mask in an editor's text. In a `.env` file (`isEnvFile`), every value holding a
 * known key or a Vued secret; elsewhere, every Vued secret by its shape, named after the known key
 * whose prefix it starts with.
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
  const spans = findSecrets(text);
  if (spans.length === 0) {
    return [];
  }
  const reveal = new Set(options.revealLines ?? []);
  const unknownSecret = (options.render ?? english)(msg('mask.unknownSecret'));
  const lines = new LineIndex(text);
  const out: MaskRange[] = [];
  for (const { start, end } of spans) {
    const range = lines.range(start, end);
    if (visible(range, reveal)) {
      continue;
    }
    const key = index.match(text.slice(start, end), now);
    out.push({ range, label: labelWith(key?.key.name, unknownSecret), keyId: key?.key.id });
  }
  return out;
}
