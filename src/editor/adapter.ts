/**
 * Builds `EditorDeps` from the extension's existing services: the one place where the editor
 * features meet the sidebar, the commands and the `.env` writer.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import type { ApiKeyCreation } from '../commands/createApiKey';
import { rotateApiKeyCommand } from '../commands/rotateApiKey';
import { quietConnection } from '../connection';
import { findDefinitions, upsertEnvVariable } from '../core/dotenv/edit';
import { looksBinary, MAX_SCANNED_FILE_BYTES, type GitVerdict, type KnownKey } from '../core/editor';
import { newEnvVariableNameProblem } from '../core/validation';
import { envFileExcludeGlob, findEnvFiles, isEnvFileName } from '../dotenvFiles/findEnvFiles';
import { addToGitignore, confirmGit } from '../dotenvFiles/insertSecret';
import type { EnvTarget } from '../dotenvFiles/targets';
import { MAX_ENV_FILES } from '../dotenvFiles/usageIndex';
import { readConfig } from '../platform/config';
import { localize } from '../platform/l10n';
import { gitExposure, gitListFiles } from '../platform/git';
import { readTextSource, updateTextFile } from '../platform/textFiles';
import type { Services } from '../services';
import { showError } from '../ui/showError';
import { OrgNode } from '../views/apiKeysTree';
import type { Sidebar } from '../views/sidebar';
import type { EditorDeps } from './deps';
import { type EditorFeatures, registerEditorFeatures } from './index';

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

/** What the keys look like to the editor: ids, states and dates, so an unchanged reload fires nothing. */
function signature(keys: readonly KnownKey[]): string {
  return keys.map((k) => `${k.orgId}/${k.key.id}/${k.key.name}/${k.key.keyPrefix}/${String(k.key.expiresAt)}/${String(k.key.revokedAt)}/${String(k.key.lastUsedAt)}`).join('|');
}

export function editorDeps(s: Services, sidebar: Sidebar, creation: ApiKeyCreation): EditorDeps & vscode.Disposable {
  const { tree, view, usage } = sidebar;
  /** The key list as last loaded, per organization: kept through a refresh until the organization loads again. */
  const cache = new Map<string, KnownKey[]>();
  let known: KnownKey[] = [];
  let lastSignature = '';
  const changed = new vscode.EventEmitter<void>();
  const attempted = new Set<string>();
  let orgsListed = false;
  const sync = () => {
    const byOrg = new Map<string, KnownKey[]>();
    for (const n of tree.loadedKeys()) {
      const list = byOrg.get(n.org.org.id) ?? [];
      list.push({ key: n.key, orgId: n.org.org.id, orgName: n.org.org.name });
      byOrg.set(n.org.org.id, list);
    }
    byOrg.forEach((list, orgId) => cache.set(orgId, list));
    known = [...cache.values()].flat();
    const sig = signature(known);
    if (sig !== lastSignature) {
      lastSignature = sig;
      changed.fire();
    }
  };
  const sub = tree.onDidChangeKeys(sync);
  const findNode = (keyId: string) => tree.loadedKeys().find((k) => k.key.id === keyId);

  return {
    knownKeys: () => known,
    onDidChangeKeys: changed.event,
    async loadKeysOnce() {
      if (orgsListed && [...cache.keys()].every((id) => attempted.has(id))) {
        return;
      }
      if (!(await quietConnection(s))) {
        return; // signed out: no network at all
      }
      const roots = await tree.getChildren();
      orgsListed = true;
      for (const org of roots) {
        if (org instanceof OrgNode && !attempted.has(org.org.id)) {
          attempted.add(org.org.id);
          await tree.getChildren(org); // loads the list once (a list loaded already costs nothing)
        }
      }
      sync();
    },
    async revealKey(keyId) {
      const node = findNode(keyId);
      if (node) {
        await view.reveal(node, { select: true, focus: true, expand: false });
      }
    },
    async rotateKey(keyId) {
      const node = findNode(keyId);
      if (node) {
        await rotateApiKeyCommand(s, tree, usage, node);
      }
    },
    async createKey(orgId, use) {
      await creation.run(orgId, {
        onCreated: async (held) => {
          try {
            held.insertedInto.push(await use(held.secret));
          } catch (e) {
            await showError(s, vscode.l10n.t('Replacing the key in the file'), e);
          }
        },
      });
    },
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
    async replaceInFile(uri, offset, deleteLength, insertText) {
      assertTrusted();
      const { folder } = fileTarget(uri);
      const where = vscode.workspace.asRelativePath(uri);
      // The bytes this replaces, as they are now; the write re-reads the file and refuses if they moved.
      const expected = (await readTextSource(uri)).text.slice(offset, offset + deleteLength);
      const result = await updateTextFile(
        uri,
        folder,
        (current) => {
          if (current === undefined) {
            return { refuse: vscode.l10n.t('{0} was deleted meanwhile, so nothing was written.', where) };
          }
          if (current.slice(offset, offset + deleteLength) !== expected) {
            return { refuse: vscode.l10n.t('{0} changed meanwhile, so nothing was written.', where) };
          }
          return { edit: { offset, deleteLength, insertText } };
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
      const replaceIt = vscode.l10n.t('Replace');
      const askReplace = async (text: string) =>
        (await s.ui.message('warning', text, { modal: true, detail: vscode.l10n.t('Replace keeps the line where it is and changes only its value.') }, replaceIt)) === replaceIt;
      let replace = false;
      if (findDefinitions(source.text, variable).length > 0) {
        if (!(await askReplace(vscode.l10n.t('{0} is already defined in .env.', variable)))) {
          return undefined;
        }
        replace = true;
      }
      if (!(await confirmGit(s, target))) {
        return undefined;
      }
      // Planned on the file as it is when written: a line added while the questions were open is kept.
      for (;;) {
        let defined = false;
        const result = await updateTextFile(
          uri,
          folder,
          (current) => {
            const text = current ?? '';
            if (!replace && findDefinitions(text, variable).length > 0) {
              defined = true;
              return { refuse: vscode.l10n.t('{0} was defined in .env meanwhile.', variable) };
            }
            return { edit: upsertEnvVariable(text, variable, value, { replace }).edit };
          },
          (m) => s.log.info(m),
        );
        if (result.status !== 'refused') {
          return `.env — ${variable}`;
        }
        if (defined && (await askReplace(result.reason))) {
          replace = true;
          continue;
        }
        if (!defined) {
          await s.ui.message('warning', result.reason, {});
        }
        return undefined;
      }
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
        validate: (v) => newEnvVariableNameProblem(v.trim(), localize),
      });
      return typeof typed === 'string' ? typed.trim() : undefined;
    },
    showError: (what, err) => showError(s, what, err),
    log: s.log,
    dispose() {
      sub.dispose();
      changed.dispose();
    },
  };
}

/** Hover, Problems, quick fixes and masking in editors, owned by `context.subscriptions`. */
export function registerEditor(context: vscode.ExtensionContext, s: Services, sidebar: Sidebar, creation: ApiKeyCreation): EditorFeatures {
  const features = registerEditorFeatures(editorDeps(s, sidebar, creation));
  context.subscriptions.push(features);
  return features;
}
