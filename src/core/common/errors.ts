import { english, type Message } from './messages';

/**
 * The base of every error whose message is written for the user: one short sentence that says what
 * went wrong and what to do, with no secret in it. `showError` shows such a message as it is; any
 * other error is shown as "<what> failed: <message>" with its stack in the log. Subclasses set
 * their own `name` (minification renames classes, so it is not taken from the class).
 *
 * Built from a core `Message`, it keeps it as `text`, so the UI can show the sentence in VS Code's
 * display language; `message` is always the English text (for the log and for tests).
 */
export class UserFacingError extends Error {
  readonly text: Message | undefined;

  constructor(message: string | Message) {
    super(typeof message === 'string' ? message : english(message));
    this.text = typeof message === 'string' ? undefined : message;
  }
}
