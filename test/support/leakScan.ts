/** Shared by the UI walk and the integration leak scan: list files, and find values in their bytes. */
import * as fs from 'fs';
import * as path from 'path';

export function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/**
 * The files in which any of `needles` occurs, as UTF-8 or UTF-16LE bytes (state databases and
 * some logs may hold either). Each hit is `file: label-of-needle`.
 */
export function scanFiles(files: readonly string[], needles: ReadonlyArray<{ value: string; label: string }>): string[] {
  const hits: string[] = [];
  for (const file of files) {
    const bytes = fs.readFileSync(file);
    for (const { value, label } of needles) {
      if (bytes.includes(Buffer.from(value, 'utf8')) || bytes.includes(Buffer.from(value, 'utf16le'))) {
        hits.push(`${file}: ${label}`);
      }
    }
  }
  return hits;
}
