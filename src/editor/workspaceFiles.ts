/**
 * What the editor features read and write in the workspace's files: the `.env` index every room
 * shares, the files git would commit (for the scan of closed files), git's verdict on many files at
 * once, and the write path for quick fixes (an edit, a variable in the folder's `.env`, a line in
 * a `.gitignore`).
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { UserFacingError } from '../core/common/errors';
import { findDefinitions } from '../core/dotenv/edit';
import type { TextEdit } from '../core/common/textEdit';
import { looksBinary, MAX_SCANNED_FILE_BYTES, type GitVerdict } from '../core/editor';
import type { EnvIndex } from '../envFiles/envIndex';
import { envFileExcludeGlob, isEnvFileName } from '../envFiles/find';
import { addToGitignore, askReplace, confirmGit, writeVariable } from '../envFiles/insertSecret';
import { describeTarget, type EnvTarget } from '../envFiles/targets';
import { userSentence } from '../platform/l10n';
import { gitListFiles, gitVerdicts } from '../platform/git';
import { readTextSource, updateTextFile } from '../platform/textFiles';
import type { Services } from '../services';

export interface WorkspaceFiles {
  /** The workspace's `.env` files and their texts (the one index; nothing read until asked). */
  readonly envFiles: EnvIndex;
  /** `.env` or `.env.<anything>`. */
  isEnvFile(uri: vscode.Uri): boolean;
  /** The file's text: the open editor buffer, else the bytes on disk ('' when it does not exist). */
  readText(uri: vscode.Uri): Promise<string>;
  /** A closed file's bytes decoded as UTF-8; undefined when missing, not a plain file (a link), over 1 MiB or binary. */
  readSourceFile(uri: vscode.Uri): Promise<string | undefined>;
  /**
   * The files of each workspace folder that git tracks or does not ignore (`git ls-files`), or, in
   * a folder outside any repository, those `files.exclude`/`search.exclude` leave; at most `max`
   * (`capped` says the list was cut). Local only: git and the file system.
   */
  listWorkspaceFiles(max: number): Promise<{ uris: vscode.Uri[]; capped: boolean }>;
  /**
   * What git would do with each file (by URI string): a few git processes per repository however
   * many files; `pace` is awaited between files while they are sorted by repository.
   */
  gitVerdicts(uris: readonly vscode.Uri[], pace?: () => Promise<void>): Promise<Map<string, GitVerdict>>;
  /**
   * Edits the file through the one write path, byte-preserving (an open editor is edited, undoable):
   * `plan` is called on the file's text as it is at the moment of writing (maybe more than once)
   * and returns the one edit; an error it throws refuses the write with its sentence.
   */
  editFile(uri: vscode.Uri, plan: (current: string) => TextEdit): Promise<void>;
  /**
   * Writes `variable=value` into the `.env` of the file's workspace folder through the
   * byte-preserving upsert; asks before replacing an existing definition. Returns where it was
   * written, or undefined when the user stopped.
   */
  writeWorkspaceEnv(near: vscode.Uri, variable: string, value: string): Promise<string | undefined>;
  /** Appends the file to the `.gitignore` beside it (nothing when it is there already). */
  addToGitignore(uri: vscode.Uri): Promise<void>;
}

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

export function workspaceFiles(s: Services): WorkspaceFiles {
  return {
    envFiles: s.envFiles,
    isEnvFile: (uri) => isEnvFileName(path.posix.basename(uri.path)),
    readText: async (uri) => (await readTextSource(uri)).text,
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
    async gitVerdicts(uris, pace) {
      const local = uris.filter((u) => u.scheme === 'file');
      const byPath = await gitVerdicts(local.map((u) => u.fsPath), { pace });
      return new Map(local.map((u) => [u.toString(), byPath.get(u.fsPath) ?? 'noRepository']));
    },
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
  };
}
