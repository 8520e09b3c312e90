import * as vscode from 'vscode';
import { ENV_FILE_GLOB } from '../constants';
import { WRITE_LEFTOVER_GLOB } from '../core/common/fileWrite';

export { isEnvFileName } from '../core/common/fileWrite';

/**
 * The exclude glob for finding .env files: node_modules and .git always, plus the user's
 * `files.exclude` and `search.exclude` patterns that are switched on (conditional ones are skipped).
 * Passing our own exclude to findFiles replaces files.exclude, so it is merged in here.
 */
export function envFileExcludeGlob(folder?: vscode.WorkspaceFolder): string {
  const patterns = new Set<string>(['**/node_modules/**', '**/.git/**']);
  for (const section of ['files', 'search'] as const) {
    const value = vscode.workspace.getConfiguration(section, folder?.uri).get<Record<string, unknown>>('exclude') ?? {};
    for (const [glob, on] of Object.entries(value)) {
      if (on === true && !glob.includes('{') && !glob.includes('}')) {
        patterns.add(glob);
      }
    }
  }
  return `{${[...patterns].join(',')}}`;
}

/** Every workspace `.env` / `.env.*` file, excludes applied. */
export function findEnvFiles(maxFiles: number): Thenable<vscode.Uri[]> {
  return vscode.workspace.findFiles(ENV_FILE_GLOB, envFileExcludeGlob(), maxFiles);
}

/**
 * The files of what killed writers left (src/core/fileWrite.ts): not under node_modules or .git,
 * but also where the user's files.exclude hides files from view (a leftover there holds a secret
 * all the same).
 */
export function findWriteLeftovers(maxFiles: number): Thenable<vscode.Uri[]> {
  return vscode.workspace.findFiles(WRITE_LEFTOVER_GLOB, '{**/node_modules/**,**/.git/**}', maxFiles);
}
