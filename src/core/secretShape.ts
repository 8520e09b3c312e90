/**
 * What a Vued key secret looks like: the prefix `vued_sk_` followed by base62 characters. The
 * contract does not publish the format; this is the shape the service issues today (and the local
 * test API imitates). One rule, used wherever a secret must be recognised without a list: the
 * redactor, the hard-coded secret scan and the `.env` problems.
 */

/** Every Vued secret starts with this. */
export const SECRET_PREFIX = 'vued_sk_';

/** Fewer base62 characters after the prefix than this is not taken for a secret (it is prose or a placeholder). */
export const MIN_SECRET_BODY = 16;

/** A secret anywhere in a text. Linear: one fixed prefix, then a single character class; no nesting. */
export const SECRET_PATTERN = new RegExp(`(?<![A-Za-z0-9_])${SECRET_PREFIX}[A-Za-z0-9]{${MIN_SECRET_BODY},}(?![A-Za-z0-9_])`, 'g');

/** Whether the whole of `value` is a secret of Vued shape. */
export function isSecretShaped(value: string): boolean {
  return new RegExp(`^${SECRET_PREFIX}[A-Za-z0-9]{${MIN_SECRET_BODY},}$`).test(value);
}

/** Every secret-shaped run in `text`, as [start, end) offsets, in order. */
export function findSecrets(text: string): Array<{ start: number; end: number }> {
  const found: Array<{ start: number; end: number }> = [];
  if (!text.includes(SECRET_PREFIX)) {
    return found;
  }
  for (const m of text.matchAll(SECRET_PATTERN)) {
    found.push({ start: m.index, end: m.index + m[0].length });
  }
  return found;
}
