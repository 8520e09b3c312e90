/**
 * The base of every error whose message is written for the user: one short sentence that says what
 * went wrong and what to do, with no secret in it. `showError` shows such a message as it is; any
 * other error is shown as "<what> failed: <message>" with its stack in the log. Subclasses set
 * their own `name` (a minified bundle renames classes, so it is not taken from the class).
 */
export class UserFacingError extends Error {}
