import type { ApiError } from './api/errors';
import { english, type Message } from './messages';

/**
 * The extension ships as several bundles loaded on demand (see esbuild.mjs), and a module both of
 * them use is compiled into each: a class then exists twice, and `instanceof` fails across the
 * two. These brands are registered symbols (`Symbol.for`), the same in every copy, so the checks
 * below recognise an error whichever bundle made it.
 */
const USER_FACING = Symbol.for('vued.userFacingError');
const API_ERROR = Symbol.for('vued.apiError');

/**
 * The base of every error whose message is written for the user: one short sentence that says what
 * went wrong and what to do, with no secret in it. `showError` shows such a message as it is; any
 * other error is shown as "<what> failed: <message>" with its stack in the log. Subclasses set
 * their own `name` (a minified bundle renames classes, so it is not taken from the class).
 *
 * Built from a core `Message`, it keeps it as `text`, so the UI can show the sentence in VS Code's
 * display language; `message` is always the English text (for the log and for tests).
 */
export class UserFacingError extends Error {
  readonly [USER_FACING] = true;
  readonly text: Message | undefined;

  constructor(message: string | Message) {
    super(typeof message === 'string' ? message : english(message));
    this.text = typeof message === 'string' ? undefined : message;
  }
}

/** Marks an error as an ApiError; called by the ApiError constructor only. */
export function brandApiError(err: ApiError): void {
  Object.defineProperty(err, API_ERROR, { value: true });
}

/** `err instanceof UserFacingError`, also for an error made by another bundle's copy of the class. */
export function isUserFacingError(err: unknown): err is UserFacingError {
  return err instanceof Error && (err as Partial<Record<typeof USER_FACING, unknown>>)[USER_FACING] === true;
}

/** `err instanceof ApiError`, also for an error made by another bundle's copy of the class. */
export function isApiError(err: unknown): err is ApiError {
  return err instanceof Error && (err as Partial<Record<typeof API_ERROR, unknown>>)[API_ERROR] === true;
}
