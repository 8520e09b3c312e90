/**
 * The pure half of the write path (src/platform/fileWrite.ts): whether a folder holds a file, how a
 * file's bytes become the text a plan works on and go back to bytes, and the names of what a write
 * puts beside its target for a moment.
 */
import type { PlatformPath } from 'path';

/** `path.posix` or `path.win32`: the rules of the file system the paths come from. */
export type PathRules = Pick<PlatformPath, 'resolve' | 'relative' | 'isAbsolute' | 'sep'>;

/**
 * True when `dir` is `folder` or lies below it. Both are absolute (real paths, links resolved).
 * A folder at the root of a file system (`/`, `C:\`, `\\server\share\`) holds everything on it;
 * with `path.win32`, case does not matter and another drive or share is outside.
 */
export function isInsideFolder(folder: string, dir: string, rules: PathRules): boolean {
  const rel = rules.relative(rules.resolve(folder), rules.resolve(dir));
  return rel === '' || (!rules.isAbsolute(rel) && rel !== '..' && !rel.startsWith(`..${rules.sep}`));
}

/**
 * How a file's bytes were read: as UTF-8 (a byte order mark kept as U+FEFF), or one character per
 * byte (`bytes`, Latin-1 code points) for a file that is not UTF-8, so that an edit which writes
 * only ASCII and is encoded back the same way keeps every other byte exactly.
 */
export type TextEncoding = 'utf8' | 'bytes';

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

/**
 * The text of a file's bytes, or undefined for text an ASCII line cannot be added to (UTF-16 or
 * UTF-32, whose byte order marks or zero bytes give them away) or that does not read back to the
 * same bytes.
 */
export function decodeText(bytes: Uint8Array): DecodedText | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const utf8 = buf.toString('utf8');
  if (Buffer.from(utf8, 'utf8').equals(buf)) return { text: utf8, encoding: 'utf8' };
  if (buf.includes(0) || (buf.length >= 2 && ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)))) {
    return undefined;
  }
  const text = buf.toString('latin1');
  return Buffer.from(text, 'latin1').equals(buf) ? { text, encoding: 'bytes' } : undefined;
}

/**
 * The bytes of `after`, the new text planned on `before` (which `decodeText` read with `encoding`),
 * or undefined when they cannot be written: in a file that is not UTF-8, what the edit adds (the
 * part of `after` between what it shares with `before` at the start and at the end) must be ASCII,
 * since that is the only text whose bytes are the same in every such encoding.
 */
export function encodeText(before: string, after: string, encoding: TextEncoding): Buffer | undefined {
  if (encoding === 'utf8') return Buffer.from(after, 'utf8');
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
  for (let i = start; i < after.length - end; i++) {
    if (after.charCodeAt(i) > 0x7f) return undefined;
  }
  const bytes = Buffer.from(after, 'latin1');
  return bytes.toString('latin1') === after ? bytes : undefined;
}

/**
 * What a write puts beside its target `<name>` for a moment, and what a killed writer leaves there:
 *
 * - `.env-vued-tmp-<pid>-<8 hex>-<name>/`: a private folder (0700) holding a `.gitignore` of `*` and
 *   the new content (`new`, 0600), renamed from there onto the target; `in-place` marks a write
 *   that goes through the target's own inode instead (the new content then stays until it is done);
 * - `.env-vued-lock-<name>`: the lock, and `.env-vued-lock-new|old-<pid>-<8 hex>-<name>` while it is
 *   being taken or broken (no file content, only who holds it).
 *
 * Each name starts with `.env` and ends with the target's own name, so `.env*` in a .gitignore (or
 * .dockerignore and the like) matches it, and so does any pattern that matches the target by its
 * end (`*.env` for `.env`, `.env*.local` and `*.local` for `.env.local`). None starts with `.env.`,
 * so none is a `.env` file to this extension (isEnvFileName) or to its watchers (which watch `.env`
 * and `.env.*` in every folder).
 * Patterns that match only `.env` itself (`/.env`, the line "Add to .gitignore" adds) or `.env.*`
 * cannot match them; that is why the private folder carries its own `.gitignore`: git ignores what
 * is in it whatever the repository says. The lock holds no secret.
 *
 * The names used before (`.vued-tmp-<pid>-<12 hex>-<name>`, `.vued-lock-<name>`…) are recognised
 * so that what they left is removed too.
 */
export const WRITE_NAMES = {
  tempFile: 'new',
  inPlaceMark: 'in-place',
  ignore: '.gitignore',
  /** The private folder's .gitignore: everything in it, itself included. */
  ignoreText: '# Left by Vued API Keys while writing a file beside this folder; safe to delete.\n*\n',
} as const;

export function tempFolderName(target: string, pid: number, random: string): string {
  return `.env-vued-tmp-${pid}-${random}-${target}`;
}

export function lockFileName(target: string): string {
  return `.env-vued-lock-${target}`;
}

/** The lock's content is written to this name, then linked to the lock's (`new`); a lock judged stale is renamed to it before it is removed (`old`). */
export function lockStageName(target: string, pid: number, random: string, stage: 'new' | 'old'): string {
  return `.env-vued-lock-${stage}-${pid}-${random}-${target}`;
}

export type WriteLeftover =
  | { kind: 'tempFolder' | 'legacyTemp' | 'lockStage' | 'legacyLockStage'; target: string; pid: number }
  | { kind: 'lock'; target: string }
  | { kind: 'legacyLock'; target: string };

/** What a write path's file or folder named `name` is, and for which target; undefined for any other name. */
export function parseWriteLeftover(name: string): WriteLeftover | undefined {
  let m = /^\.env-vued-tmp-(\d+)-[0-9a-f]{8}-(.+)$/.exec(name);
  if (m) return { kind: 'tempFolder', target: m[2], pid: Number(m[1]) };
  m = /^\.env-vued-lock-(?:new|old)-(\d+)-[0-9a-f]{8}-(.+)$/.exec(name);
  if (m) return { kind: 'lockStage', target: m[2], pid: Number(m[1]) };
  m = /^\.env-vued-lock-(.+)$/.exec(name);
  if (m) return { kind: 'lock', target: m[1] };
  m = /^\.vued-tmp-(\d+)-[0-9a-f]{12}-(.+)$/.exec(name);
  if (m) return { kind: 'legacyTemp', target: m[2], pid: Number(m[1]) };
  m = /^\.vued-lock-(.+)\.(\d+)\.[0-9a-f]{8}\.(?:new|broken)$/.exec(name);
  if (m) return { kind: 'legacyLockStage', target: m[1], pid: Number(m[2]) };
  m = /^\.vued-lock-(.+)$/.exec(name);
  if (m) return { kind: 'legacyLock', target: m[1] };
  return undefined;
}

/**
 * A glob (VS Code's `findFiles`) for the files of every name above: the private folders' files and
 * the locks, current and legacy.
 */
export const WRITE_LEFTOVER_GLOB = '**/{.env-vued-tmp-*/*,.env-vued-lock-*,.vued-tmp-*,.vued-lock-*}';

/** `.env` or `.env.<anything>`: the files the extension reads and writes (none of the names above). */
export function isEnvFileName(basename: string): boolean {
  return /^\.env(\..+)?$/.test(basename);
}
