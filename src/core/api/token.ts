import { type Message, msg } from '../common/messages';

/** Longer than any access token the service issues. */
export const MAX_TOKEN_LENGTH = 8192;

/**
 * What is wrong with an access token, as a message, or undefined. A token goes into an HTTP header,
 * so it can only hold visible ASCII (`!` to `~`): a `€` or a no-break space pasted with it would
 * otherwise fail later as an unreadable network error.
 */
export function tokenProblem(value: string): Message | undefined {
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
