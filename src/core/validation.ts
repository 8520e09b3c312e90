/**
 * Validation of what the user types in the create flow. Each validator returns `undefined` when the
 * input is acceptable, or one sentence saying what is wrong (shown inline under the input box).
 */
import { isNeverLoadedEnvName, isValidEnvName } from './dotenv/names';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// C0 and C1 control characters, DEL, and the Unicode line/paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** What a scope may contain: identifiers such as `keys:read`, `audio/*` or `org.admin`. */
const SCOPE = /^[A-Za-z0-9._:/*-]+$/;

export const MAX_KEY_NAME_LENGTH = 100;
export const MAX_SCOPES = 50;
export const MAX_SCOPE_LENGTH = 100;

export function validateOrgId(value: string): string | undefined {
  const v = value.trim();
  if (v === '') {
    return 'Enter the organization ID (a UUID such as 123e4567-e89b-12d3-a456-426614174000).';
  }
  if (!UUID.test(v)) {
    return 'An organization ID is a UUID, such as 123e4567-e89b-12d3-a456-426614174000.';
  }
  return undefined;
}

export function validateKeyName(value: string): string | undefined {
  const v = value.trim();
  if (v === '') {
    return 'Enter a name for the key.';
  }
  if (CONTROL.test(value)) {
    return 'The name cannot contain control characters such as tabs or line breaks.';
  }
  if (v.length > MAX_KEY_NAME_LENGTH) {
    return `The name can be at most ${MAX_KEY_NAME_LENGTH} characters (it has ${v.length}).`;
  }
  return undefined;
}

/** Splits on commas and white space, trims, drops empties, keeps the first of duplicates. */
export function parseScopes(value: string): string[] {
  const seen = new Set<string>();
  for (const part of value.split(/[\s,]+/)) {
    if (part !== '' && !seen.has(part)) {
      seen.add(part);
    }
  }
  return [...seen];
}

export function validateScopes(value: string): string | undefined {
  if (CONTROL.test(value.replace(/[\t\r\n]/g, ' '))) {
    return 'Scopes cannot contain control characters.';
  }
  const scopes = parseScopes(value);
  if (scopes.length > MAX_SCOPES) {
    return `At most ${MAX_SCOPES} scopes (there are ${scopes.length}).`;
  }
  const odd = scopes.find((s) => !SCOPE.test(s));
  if (odd !== undefined) {
    return `"${odd.slice(0, 40)}" is not a scope: use letters, digits and . _ : / * - (spaces and commas separate scopes).`;
  }
  const long = scopes.find((s) => s.length > MAX_SCOPE_LENGTH);
  if (long !== undefined) {
    return `A scope can be at most ${MAX_SCOPE_LENGTH} characters.`;
  }
  return undefined;
}

export function formatScopes(scopes: readonly string[]): string {
  return scopes.join(', ');
}

/** Normalises an organization ID as typed (trimmed, lower-case) so recents do not hold duplicates. */
export function normalizeOrgId(value: string): string {
  return value.trim().toLowerCase();
}

export function shortenId(id: string): string {
  return id.length > 13 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id;
}

/** Longer than any access token the service issues. */
export const MAX_TOKEN_LENGTH = 8192;

/**
 * What is wrong with an access token, as one sentence, or undefined. A token goes into an HTTP
 * header, so it can only hold visible ASCII (`!` to `~`): a `€` or a no-break space pasted with it
 * would otherwise fail later as an unreadable network error.
 */
export function tokenProblem(value: string): string | undefined {
  const v = value.trim();
  if (v === '') {
    return 'Paste your Vued access token.';
  }
  if (v.length > MAX_TOKEN_LENGTH) {
    return 'That is longer than any Vued access token.';
  }
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(v)) {
    return 'The access token contains spaces, line breaks or control characters.';
  }
  const odd = /[^\x21-\x7e]/.exec(v);
  if (odd) {
    const cp = odd[0].codePointAt(0) ?? 0;
    return `The access token contains a character outside visible ASCII (U+${cp.toString(16).toUpperCase().padStart(4, '0')}); a token holds only letters, digits and ASCII symbols.`;
  }
  return undefined;
}

/** Why dotenv could not load a variable of this name, as one sentence, or undefined. */
export function envVariableNameProblem(name: string): string | undefined {
  if (name === '') {
    return 'Enter a variable name.';
  }
  if (isNeverLoadedEnvName(name)) {
    return `"${name}" is never loaded from a .env file (dotenv ignores it); choose another name.`;
  }
  if (!isValidEnvName(name)) {
    return `"${name.slice(0, 40)}" cannot be read from a .env file: use letters, digits, _ . and - only.`;
  }
  return undefined;
}

const PORTABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Why a name typed for a new variable is refused, or undefined. Stricter than what dotenv loads: a
 * new name must also be portable (letters, digits and `_`, not starting with a digit), so every
 * shell and `process.env.NAME` can read it. Existing dotted or dashed names are still rotated and
 * replaced (see envVariableNameProblem).
 */
export function newEnvVariableNameProblem(name: string): string | undefined {
  const problem = envVariableNameProblem(name);
  if (problem !== undefined && (name === '' || isNeverLoadedEnvName(name))) {
    return problem;
  }
  if (!PORTABLE_NAME.test(name)) {
    return 'Use letters, digits and _, not starting with a digit (for example VUED_API_KEY).';
  }
  return undefined;
}
