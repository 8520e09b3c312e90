/**
 * Builds `EditorDeps` from the services, the known keys and the flows the composition root hands
 * over: what the editor features read and write in files, and what they start elsewhere.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { findDefinitions } from '../core/dotenv/edit';
import { looksBinary, MAX_SCANNED_FILE_BYTES, type GitVerdict } from '../core/editor';
import { newEnvNameProblem } from '../core/dotenv/names';
import { envFileExcludeGlob, findEnvFiles, isEnvFileName } from '../envFiles/find';
import { addToGitignore, askReplace, confirmGit, writeVariable } from '../envFiles/insertSecret';
import { describeTarget, type EnvTarget } from '../envFiles/targets';
import { MAX_ENV_FILES } from '../envFiles/envIndex';
import { readConfig } from '../platform/config';
import { UserFacingError } from '../core/common/errors';
import { userSentence, problemText } from '../platform/l10n';
import { gitExposure, gitListFiles } from '../platform/git';
import { readTextSource, updateTextFile } from '../platform/textFiles';
import type { Services } from '../services';
import { showError } from '../ui/showError';
import type { KnownKeys } from '../keys/knownKeys';
import type { EditorDeps } from './deps';

function fileTarget(uri: vscode.Uri): EnvTarget {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) {
    throw new Error(`${path.posix.basename(uri.path)} is not in a workspace folder`);
  }
  return { kind: 'file', uri, folder, relativePath: path.posix.relative(folder.uri.path, uri.path), template: false };
}

function assertTrusted(): void {
  if (!vscode.workspace.isTrusted) {
    throw new Error('Changing files needs a trusted workspace');
  }
}

/** What the editor starts in the rest of the extension: the sidebar and the commands' flows. */
export type EditorFlows = Pick<EditorDeps, 'revealKey' | 'rotateKey' | 'createKey'>;

export function editorDeps(s: Services, known: KnownKeys, flows: EditorFlows): EditorDeps {
  return {
    knownKeys: () => known.keys,
    onDidChangeKeys: known.onDidChange,
    loadKeysOnce: () => known.loadOnce(),
    ...flows,
    findEnvFiles: async () => (await findEnvFiles(MAX_ENV_FILES)).filter((u) => isEnvFileName(path.posix.basename(u.path))),
    async listWorkspaceFiles(max) {
      const uris: vscode.Uri[] = [];
      for (const folder of vscode.workspace.workspaceFolders ?? []) {
        if (uris.length > max) {
          break;
        }
        const listed = folder.uri.scheme === 'file' ? await gitListFiles(folder.uri.fsPath) : undefined;
        if (listed) {
          uris.push(...listed.slice(0, max + 1 - uris.length).map((p) => vscode.Uri.file(p)));
        } else {
          uris.push(...(await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*'), envFileExcludeGlob(folder), max + 1 - uris.length)));
        }
      }
      return { uris: uris.slice(0, max), capped: uris.length > max };
    },
    async readSourceFile(uri) {
      try {
        const stat = await vscode.workspace.fs.stat(uri);
        if (stat.type !== vscode.FileType.File || stat.size > MAX_SCANNED_FILE_BYTES) {
          return undefined;
        }
        const bytes = await vscode.workspace.fs.readFile(uri);
        if (bytes.length > MAX_SCANNED_FILE_BYTES || looksBinary(bytes)) {
          return undefined;
        }
        return Buffer.from(bytes).toString('utf8');
      } catch {
        return undefined; // gone meanwhile, or unreadable: nothing to warn about
      }
    },
    isEnvFile: (uri) => isEnvFileName(path.posix.basename(uri.path)),
    readText: async (uri) => (await readTextSource(uri)).text,
    async editFile(uri, plan) {
      assertTrusted();
      const { folder } = fileTarget(uri);
      const where = vscode.workspace.asRelativePath(uri);
      const result = await updateTextFile(
        uri,
        folder,
        (current) => {
          if (current === undefined) {
            return { refuse: vscode.l10n.t('{0} was deleted meanwhile, so nothing was written.', where) };
          }
          try {
            return { edit: plan(current) };
          } catch (e) {
            return { refuse: e instanceof UserFacingError ? userSentence(e) : e instanceof Error ? e.message : String(e) };
          }
        },
        (m) => s.log.info(m),
      );
      if (result.status === 'refused') {
        throw new Error(result.reason);
      }
    },
    async writeWorkspaceEnv(near, variable, value) {
      assertTrusted();
      const folder = fileTarget(near).folder;
      const uri = vscode.Uri.joinPath(folder.uri, '.env');
      const source = await readTextSource(uri);
      const target: EnvTarget = source.exists ? { kind: 'file', uri, folder, relativePath: '.env', template: false } : { kind: 'create', uri, folder };
      let replace = false;
      if (findDefinitions(source.text, variable).length > 0) {
        if (!(await askReplace(s, vscode.l10n.t('{0} is already defined in {1}.', variable, describeTarget(target))))) {
          return undefined;
        }
        replace = true;
      }
      if (!(await confirmGit(s, target))) {
        return undefined;
      }
      return (await writeVariable(s, target, variable, value, replace))?.where;
    },
    async addToGitignore(uri) {
      assertTrusted();
      await addToGitignore(s, fileTarget(uri));
    },
    async gitVerdict(uri): Promise<GitVerdict> {
      return (await gitExposure(uri.fsPath)).state;
    },
    async askVariableName() {
      const typed = await s.ui.input({
        title: vscode.l10n.t('Vued: Move to .env'),
        prompt: vscode.l10n.t('Name of the variable that will hold the secret in .env'),
        value: readConfig().envVariableName,
        validate: (v) => problemText(newEnvNameProblem(v.trim())),
      });
      return typeof typed === 'string' ? typed.trim() : undefined;
    },
    showError: (what, err) => showError(s, what, err),
    log: s.log,
  };
}

