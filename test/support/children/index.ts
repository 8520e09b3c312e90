/**
 * Child processes the unit tests start with `node`: a writer killed mid-write or racing another
 * (fileWriter.ts), a second window's orphan journal (journalWindow.ts).
 */
import * as path from 'path';

/** The compiled script of one child, beside this file in out/test/support/children/. */
export function childScript(name: 'fileWriter' | 'journalWindow'): string {
  return path.join(__dirname, `${name}.js`);
}
