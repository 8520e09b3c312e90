/**
 * Validation of what the user types in the create flow. Each validator returns `undefined` when the
 * input is acceptable, or one sentence saying what is wrong (shown inline under the input box),
 * rendered by `render`: English unless the caller passes `localize` (src/platform/l10n.ts).
 */
import { isNeverLoadedEnvName, isValidEnvName } from './dotenv/names';
import { english, type Message, msg, type Render } from './messages';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// C0 and C1 control characters, DEL, and the Unicode line/paragraph separators.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** What a scope may contain: identifiers such as `keys:read`, `audio/*` or `org.admin`. */
const SCOPE = /^[A-Za-z0-9._:/*-]+$/;

export const MAX_KEY_NAME_LENGTH = 100;
export const MAX_SCOPES = 50;
export const MAX_SCOPE_LENGTH = 100;

export function validateOrgId(value: string, render: Render = english): string | undefined {
  const v = value.trim();
  if (v === '') {
    return render(msg('validation.orgIdEmpty'));
  }
  if (!UUID.test(v)) {
    return render(msg('validation.orgIdNotUuid'));
  }
  return undefined;
}

export function validateKeyName(value: string, render: Render = english): string | undefined {
  const v = value.trim();
  if (v === '') {
    return render(msg('validation.nameEmpty'));
  }
  if (CONTROL.test(value)) {
    return render(msg('validation.nameControl'));
  }
  if (v.length > MAX_KEY_NAME_LENGTH) {
    return render(msg('validation.nameTooLong', MAX_KEY_NAME_LENGTH, v.length));
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

export function validateScopes(value: string, render: Render = english): string | undefined {
  if (CONTROL.test(value.replace(/[\t\r\n]/g, ' '))) {
    return render(msg('validation.scopesControl'));
  }
  const scopes = parseScopes(value);
  if (scopes.length > MAX_SCOPES) {
    return render(msg('validation.tooManyScopes', MAX_SCOPES, scopes.length));
  }
  const odd = scopes.find((s) => !SCOPE.test(s));
  if (odd !== undefined) {
    return render(msg('validation.notAScope', odd.slice(0, 40)));
  }
  const long = scopes.find((s) => s.length > MAX_SCOPE_LENGTH);
  if (long !== undefined) {
    return render(msg('validation.scopeTooLong', MAX_SCOPE_LENGTH));
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
export function tokenProblem(value: string, render: Render = english): string | undefined {
  const problem = tokenProblemMessage(value);
  return problem && render(problem);
}

/** tokenProblem as a message, for a sentence that goes on after it. */
export function tokenProblemMessage(value: string): Message | undefined {
  const v = value.trim();
  if (v === '') {
    return msg('validation.tokenEmpty');
  }
  if (v.length > MAX_TOKEN_LENGTH) {
    return msg('validation.tokenTooLong');
  }
  // eslint-disable-next-line no-control-regex
  if (/[\s\u0000-\u001f\u007f]/.test(v)) {
    return msg('validation.tokenSpaces');
  }
  const odd = /[^\x21-\x7e]/.exec(v);
  if (odd) {
    const cp = odd[0].codePointAt(0) ?? 0;
    return msg('validation.tokenNotAscii', `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`);
  }
  return undefined;
}

/** Why dotenv could not load a variable of this name, as one sentence, or undefined. */
export function envVariableNameProblem(name: string, render: Render = english): string | undefined {
  if (name === '') {
    return render(msg('validation.envNameEmpty'));
  }
  if (isNeverLoadedEnvName(name)) {
    return render(msg('validation.envNameNeverLoaded', name));
  }
  if (!isValidEnvName(name)) {
    return render(msg('validation.envNameUnreadable', name.slice(0, 40)));
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
export function newEnvVariableNameProblem(name: string, render: Render = english): string | undefined {
  const problem = envVariableNameProblem(name, render);
  if (problem !== undefined && (name === '' || isNeverLoadedEnvName(name))) {
    return problem;
  }
  if (!PORTABLE_NAME.test(name)) {
    return render(msg('validation.envNameNotPortable'));
  }
  return undefined;
}
