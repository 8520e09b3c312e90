/** Appending an entry to a .gitignore without touching any of its other bytes. */

/** A pattern that matches exactly `relPath` (relative to the .gitignore's folder, `/`-separated). */
export function gitignorePatternFor(relPath: string): string {
  const escaped = relPath
    .split('/')
    .map((segment) => segment.replace(/([\\*?[\]!#])/g, '\\$1').replace(/ $/, '\\ '))
    .join('/');
  return `/${escaped}`;
}

/** The file with `line` appended: the file's own line break style, one separator only if needed. */
export function appendLine(text: string, line: string): string {
  const crlf = (text.match(/\r\n/g) ?? []).length;
  const lf = (text.match(/\n/g) ?? []).length - crlf;
  const eol = crlf > lf ? '\r\n' : '\n';
  if (text === '' || text === '\uFEFF') {
    return `${text}${line}${eol}`;
  }
  const separator = text.endsWith('\n') ? '' : eol;
  return `${text}${separator}${line}${eol}`;
}

/** True when `text` already has `pattern` as an active line. */
export function hasGitignoreLine(text: string, pattern: string): boolean {
  return text.split(/\r?\n/).some((l) => l.trim() === pattern);
}
