/**
 * Builds `EditorDeps` from the extension's existing services: the one place where the editor
 * features meet the sidebar, the commands and the `.env` writer.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import type { ApiKeyCreation } from '../commands/createApiKey';
import { rotateApiKeyCommand } from '../commands/rotateApiKey';
import { signedInHosts } from '../connection';
import { findDefinitions } from '../core/dotenv/edit';
import { looksBinary, MAX_SCANNED_FILE_BYTES, type GitVerdict, type KnownKey } from '../core/editor';
import { newEnvVariableNameProblem } from '../core/validation';
import { envFileExcludeGlob, findEnvFiles, isEnvFileName } from '../dotenvFiles/findEnvFiles';
import { addToGitignore, askReplace, confirmGit, writeVariable } from '../dotenvFiles/insertSecret';
import { describeTarget, type EnvTarget } from '../dotenvFiles/targets';
import { MAX_ENV_FILES } from '../dotenvFiles/usageIndex';
import { readConfig } from '../platform/config';
import { UserFacingError } from '../core/errors';
import { localize, userSentence } from '../platform/l10n';
import { gitExposure, gitListFiles } from '../platform/git';
import { readTextSource, updateTextFile } from '../platform/textFiles';
import type { Services } from '../services';
import { showError } from '../ui/showError';
import type { Sidebar } from '../views/sidebar';
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

/** What the keys look like to the editor: ids, states and dates, so an unchanged reload fires nothing. */
function signature(keys: readonly KnownKey[]): string {
  return keys.map((k) => `${k.orgId}/${k.key.id}/${k.key.name}/${k.key.keyPrefix}/${String(k.key.expiresAt)}/${String(k.key.revokedAt)}/${String(k.key.lastUsedAt)}`).join('|');
}

export function editorDeps(s: Services, sidebar: Sidebar, creation: ApiKeyCreation): EditorDeps & vscode.Disposable {
  const { tree, view, usage } = sidebar;
  /** The key list as last loaded, per host and organization: kept through a refresh until the organization loads again. */
  const cache = new Map<string, KnownKey[]>();
  let known: KnownKey[] = [];
  let lastSignature = '';
  const changed = new vscode.EventEmitter<void>();
  const attempted = new Set<string>();
  let orgsListed = false;
  const sync = () => {
    const byOrg = new Map<string, KnownKey[]>();
    for (const n of tree.loadedKeys()) {
      const where = `${n.org.origin} ${n.org.org.id}`;
      const list = byOrg.get(where) ?? [];
      list.push({ key: n.key, orgId: n.org.org.id, orgName: n.org.org.name, origin: n.org.origin });
      byOrg.set(where, list);
    }
    byOrg.forEach((list, orgId) => cache.set(orgId, list));
    const loaded = [...cache.values()].flat();
    // Keys created here that no loaded list holds (a server that does not list keys, an organization
    // not loaded yet): their prefix still finds their secrets, and their name labels them.
    const ids = new Set(loaded.map((k) => k.key.id));
    const created = s.state.createdKeys().filter((c) => !ids.has(c.key.id)).map((c): KnownKey => ({ key: c.key, orgId: c.orgId, origin: (c as { origin?: string }).origin }));
    known = [...loaded, ...created];
    const sig = signature(known);
    if (sig !== lastSignature) {
      lastSignature = sig;
      changed.fire();
    }
  };
  const sub = tree.onDidChangeKeys(sync);
  sync();
  const findNode = (keyId: string) => tree.loadedKeys().find((k) => k.key.id === keyId);

  return {
    knownKeys: () => known,
    onDidChangeKeys: changed.event,
    async loadKeysOnce() {
      if (orgsListed && [...cache.keys()].every((id) => attempted.has(id))) {
        return;
      }
      if ((await signedInHosts(s)).length === 0) {
        return; // signed out: no network at all
      }
      const orgs = await tree.allOrganizations();
      orgsListed = true;
      for (const org of orgs) {
        const where = `${org.origin} ${org.org.id}`;
        if (!attempted.has(where)) {
          attempted.add(where);
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
    async createKey(orgId, use, origin) {
      await creation.run(orgId, {
        origin,
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

