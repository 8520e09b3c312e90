/**
 * The limits and pure helpers of the workspace scan for hard-coded secrets in files nobody has open:
 * which listed files are worth reading, what counts as binary, and how git's NUL-separated list reads.
 */

/** The scan stops listing after this many files per window (it logs that it stopped). */
export const MAX_SCANNED_FILES = 20_000;
/** Files larger than this are not read: a key pasted by hand does not live in a generated blob. */
export const MAX_SCANNED_FILE_BYTES = 1024 * 1024;
/** How much of a file's start is checked for a NUL byte, the sign of a binary file (as git does). */
export const BINARY_SNIFF_BYTES = 8 * 1024;
/** How many files are read and scanned at once. */
export const SCAN_PARALLELISM = 8;

/** A NUL byte in the first 8 KB: a binary file, never scanned. */
export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, BINARY_SNIFF_BYTES);
  for (let i = 0; i < end; i++) {
    if (bytes[i] === 0) {
      return true;
    }
  }
  return false;
}

/** The paths of `git ls-files -z` output (NUL-terminated, never quoted), empty entries dropped. */
export function splitNulList(stdout: string): string[] {
  return stdout.split('\0').filter((p) => p.length > 0);
}

/** Path segments the scan never reads, whatever the listing says: git's own store and installed packages. */
export function inSkippedFolder(posixPath: string): boolean {
  return /(^|\/)(\.git|node_modules)(\/|$)/.test(posixPath);
}
