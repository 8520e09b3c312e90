/**
 * Variable names as dotenv reads them. A module of its own so that checking a name (core/validation)
 * does not bring the parser and editor into the activation bundle.
 */

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
