import * as path from 'path';
import * as vscode from 'vscode';
import type { EnvIndex } from './envIndex';
import { isEnvFileName } from './find';

/** A place the secret can go: an existing .env file, or a new `.env` in a workspace folder. */
export type EnvTarget =
  | { kind: 'file'; uri: vscode.Uri; folder: vscode.WorkspaceFolder; relativePath: string; template: boolean }
  | { kind: 'create'; uri: vscode.Uri; folder: vscode.WorkspaceFolder };

const TEMPLATE = /^\.env\.(example|sample|template|dist|defaults)$/i;

function isTemplateEnvFile(basename: string): boolean {
  return TEMPLATE.test(basename);
}

/**
 * The workspace's `.env` and `.env.*` files as the index lists them (not under node_modules or
 * .git, nor excluded by files.exclude / search.exclude), nearest to a folder root first, templates
 * last (the first `maxFiles` of them); then "create .env" for each folder that has none at its root.
 */
export async function findEnvTargets(index: EnvIndex, maxFiles = 500): Promise<EnvTarget[]> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  const uris = await index.list();
  const files: EnvTarget[] = [];
  for (const uri of uris) {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const base = path.posix.basename(uri.path);
    if (!folder || !isEnvFileName(base)) {
      continue;
    }
    const relativePath = path.posix.relative(folder.uri.path, uri.path);
    files.push({ kind: 'file', uri, folder, relativePath, template: isTemplateEnvFile(base) });
  }
  files.sort((a, b) => {
    if (a.kind !== 'file' || b.kind !== 'file') {
      return 0;
    }
    return (
      Number(a.template) - Number(b.template) ||
      a.relativePath.split('/').length - b.relativePath.split('/').length ||
      a.folder.index - b.folder.index ||
      a.relativePath.localeCompare(b.relativePath)
    );
  });
  const creates: EnvTarget[] = folders
    .filter((folder) => !files.some((f) => f.folder === folder && f.kind === 'file' && f.relativePath === '.env'))
    .map((folder) => ({ kind: 'create', uri: vscode.Uri.joinPath(folder.uri, '.env'), folder }));
  return [...files.slice(0, maxFiles), ...creates];
}

/** How a target is named to the user: `apps/api/.env`, prefixed with the folder in a multi-root workspace. */
export function describeTarget(target: EnvTarget): string {
  const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1;
  const rel = target.kind === 'file' ? target.relativePath : '.env';
  return multiRoot ? `${target.folder.name}/${rel}` : rel;
}
