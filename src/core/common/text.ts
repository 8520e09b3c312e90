/** Text from a server or the user, made safe to show: control characters, one-line names, short ids. */

/** C0 and C1 control characters, DEL and the Unicode line/paragraph separators. */
// eslint-disable-next-line no-control-regex
export const CONTROL_CHARS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

export function hasControlChars(text: string): boolean {
  CONTROL_CHARS.lastIndex = 0;
  return CONTROL_CHARS.test(text);
}

export const MAX_ACCOUNT_NAME_LENGTH = 60;

/** A name from a server or the user, made safe to show on one line: no control characters, clipped. */
export function cleanDisplayName(name: string | undefined): string | undefined {
  if (typeof name !== 'string') {
    return undefined;
  }
  const text = name.replace(CONTROL_CHARS, ' ').replace(/\s+/g, ' ').trim();
  if (text === '') {
    return undefined;
  }
  return text.length > MAX_ACCOUNT_NAME_LENGTH ? `${text.slice(0, MAX_ACCOUNT_NAME_LENGTH - 1)}…` : text;
}

export function shortenId(id: string): string {
  return id.length > 13 ? `${id.slice(0, 8)}…${id.slice(-4)}` : id;
}
