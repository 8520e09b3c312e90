/** Variable names as dotenv reads them, and the rules for a name the user types. */
import { type Message, msg } from '../common/messages';

/**
 * What dotenv accepts as a variable name: letters, digits, `_`, `.` and `-` (its own pattern). It
 * collects values in a plain object, so `__proto__` is never loaded: writing it would "succeed"
 * and leave the application without its key.
 */
const DOTENV_NAME = /^[A-Za-z0-9_.-]+$/;
const NEVER_LOADED: ReadonlySet<string> = new Set(['__proto__']);

/** True when dotenv loads a variable of this name (`POSTGRESQL.BASE.USER` and `my-key` included). */
export function isValidEnvName(name: string): boolean {
  return DOTENV_NAME.test(name) && !NEVER_LOADED.has(name);
}

/** True for a name dotenv's pattern accepts but never loads (`__proto__`). */
export function isNeverLoadedEnvName(name: string): boolean {
  return NEVER_LOADED.has(name);
}

/** Why dotenv could not load a variable of this name, as a message, or undefined. */
export function envNameProblem(name: string): Message | undefined {
  if (name === '') {
    return msg('validation.envNameEmpty');
  }
  if (isNeverLoadedEnvName(name)) {
    return msg('validation.envNameNeverLoaded', name);
  }
  if (!isValidEnvName(name)) {
    return msg('validation.envNameUnreadable', name.slice(0, 40));
  }
  return undefined;
}

const PORTABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Why a name typed for a new variable is refused, or undefined. Stricter than what dotenv loads: a
 * new name must also be portable (letters, digits and `_`, not starting with a digit), so every
 * shell and `process.env.NAME` can read it. Existing dotted or dashed names are still rotated and
 * replaced (see envNameProblem).
 */
export function newEnvNameProblem(name: string): Message | undefined {
  const problem = envNameProblem(name);
  if (problem !== undefined && (name === '' || isNeverLoadedEnvName(name))) {
    return problem;
  }
  if (!PORTABLE_NAME.test(name)) {
    return msg('validation.envNameNotPortable');
  }
  return undefined;
}
