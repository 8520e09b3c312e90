/**
 * The entry VS Code loads, in every window whose workspace has a `.env` file: it makes the
 * registrations VS Code must find at once, and nothing else. The extension's work lives in a second
 * file, `dist/features.js` (built from src/features.ts), loaded the first time something needs it:
 *
 * - a command runs (every command of package.json is registered here as a stand-in that loads the
 *   features, which then register the real command, and runs it again);
 * - the API Keys view asks for its rows (the view is created here; the features' tree answers it);
 * - the Accounts menu asks for sessions while a token may be stored, or to sign in or out;
 * - a debug session starts while this workspace holds keys for debugging;
 * - an editor shows a `.env` file (masking, hover, Problems);
 * - the window opens signed in, with keys held for this workspace, or with keys created from this
 *   VS Code (the status item, the Accounts menu, masking of known keys everywhere);
 * - another window stores a token, or an unfinished write left files to sweep.
 *
 * This is the only file that knows there are two files: everything else is written as one program.
 * A window where none of this happens (a `.env` in a workspace that never uses Vued) runs only the
 * few registrations below.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, ENV_FILE_GLOB, ENV_TOKEN_VARIABLE, SecretKeys, SESSION_SCOPE, StateKeys, Views } from './constants';
import { findWriteLeftovers } from './envFiles/find';
import type * as FeaturesModule from './features';
import type { Features, Registrations } from './features';
import type { TestingApi } from '../test/support/testApi';

/** What activate() returns. `testing` exists only when VS Code runs the extension's tests. */
export interface VuedApi {
  readonly testing?: TestingApi;
}

/** How long after activation the workspace is searched for what killed writers left. */
const LEFTOVER_PROBE_DELAY_MS = 5000;

export function activate(context: vscode.ExtensionContext): VuedApi {
  let features: Features | undefined;
  let failed: unknown;
  const standIns: vscode.Disposable[] = [];

  // The registrations VS Code must find from the first moment; the features attach their providers.
  let tree: vscode.TreeDataProvider<unknown> | undefined;
  const treeChanged = new vscode.EventEmitter<unknown>();
  let auth: vscode.AuthenticationProvider | undefined;
  const sessionsChanged = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  let debug: vscode.DebugConfigurationProvider | undefined;
  const view = vscode.window.createTreeView<unknown>(Views.apiKeys, {
    showCollapseAll: true,
    treeDataProvider: {
      onDidChangeTreeData: treeChanged.event,
      getChildren: (node) => load().tree?.getChildren(node) ?? [],
      getTreeItem: (node) => tree?.getTreeItem(node) ?? new vscode.TreeItem(''),
      getParent: (node) => tree?.getParent?.(node),
      resolveTreeItem: (item, node, token) => tree?.resolveTreeItem?.(item, node, token) ?? item,
    },
  });
  const registrations: Registrations = {
    treeView<T>(provider: vscode.TreeDataProvider<T>): vscode.TreeView<T> {
      tree = provider;
      const sub = provider.onDidChangeTreeData?.((e) => treeChanged.fire(e));
      if (sub) context.subscriptions.push(sub);
      return view as vscode.TreeView<T>;
    },
    authenticationProvider(provider) {
      auth = provider;
      context.subscriptions.push(provider.onDidChangeSessions((e) => sessionsChanged.fire(e)));
    },
    debugConfigurationProvider(provider) {
      debug = provider;
    },
  };

  /** Loads and starts the features once; the stand-in commands give way to the real ones first. */
  const load = (): { tree?: vscode.TreeDataProvider<unknown>; auth?: vscode.AuthenticationProvider; debug?: vscode.DebugConfigurationProvider; features?: Features } => {
    if (!features && failed === undefined) {
      for (const standIn of standIns.splice(0)) {
        standIn.dispose();
      }
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the features' file is read only now, on first need
        const module = require(path.join(__dirname, 'features.js')) as typeof FeaturesModule;
        features = module.start(context, registrations);
      } catch (e) {
        failed = e;
        void vscode.window.showErrorMessage(vscode.l10n.t('Vued API Keys could not start: {0}', e instanceof Error ? e.message : String(e)));
      }
    }
    return { tree, auth, debug, features };
  };

  // Every command of package.json: the first run of any of them loads the features, which register it for real.
  const contributed = (context.extension.packageJSON as { contributes?: { commands?: Array<{ command: string }> } }).contributes?.commands ?? [];
  for (const { command } of contributed) {
    standIns.push(
      vscode.commands.registerCommand(command, (...args: unknown[]) => {
        load();
        return vscode.commands.executeCommand(command, ...args);
      }),
    );
  }

  // Whether a token may be stored (here or in another window) or VUED_TOKEN is set: only then are
  // there sessions to read; with none, the Accounts menu is answered without loading anything.
  const mayBeSignedIn = (): boolean =>
    (process.env[ENV_TOKEN_VARIABLE] ?? '').trim() !== '' || (context.globalState.get<unknown[]>(StateKeys.tokenOrigins) ?? []).length > 0;
  context.subscriptions.push(
    view,
    treeChanged,
    sessionsChanged,
    vscode.authentication.registerAuthenticationProvider(
      AUTH_PROVIDER_ID,
      AUTH_PROVIDER_LABEL,
      {
        onDidChangeSessions: sessionsChanged.event,
        getSessions: async (...args) => {
          const provider = auth ?? (mayBeSignedIn() ? load().auth : undefined);
          return provider ? provider.getSessions(...args) : [];
        },
        createSession: async (...args) => load().auth!.createSession(...args),
        removeSession: async (...args) => load().auth!.removeSession(...args),
      },
      { supportsMultipleAccounts: true },
    ),
    vscode.debug.registerDebugConfigurationProvider('*', {
      resolveDebugConfigurationWithSubstitutedVariables: (folder, config, token) => {
        // Keys are added to a session only when this workspace holds some.
        const provider = debug ?? (context.workspaceState.get(StateKeys.heldKeys) !== undefined ? load().debug : undefined);
        return provider?.resolveDebugConfigurationWithSubstitutedVariables?.(folder, config, token) ?? config;
      },
    }),
    // A token stored in another window: its sessions, status and lists come with the features.
    context.secrets.onDidChange((e) => {
      if (!features && e.key.startsWith(SecretKeys.token)) load();
    }),
    vscode.window.onDidChangeVisibleTextEditors((editors) => {
      if (!features && editors.some(showsEnvFile)) load();
    }),
    ...standIns.map((standIn) => ({ dispose: () => void standIn.dispose() })),
  );

  const workHere =
    mayBeSignedIn() ||
    context.workspaceState.get(StateKeys.heldKeys) !== undefined ||
    (context.globalState.get<unknown[]>(StateKeys.createdKeys) ?? []).length > 0 ||
    vscode.window.visibleTextEditors.some(showsEnvFile);
  if (workHere) {
    load();
  } else {
    // Signed out: VS Code's own "Sign in with Vued to use Vued API Keys" entry in the Accounts menu.
    vscode.authentication.getSession(AUTH_PROVIDER_ID, [SESSION_SCOPE], { createIfNone: false }).then(undefined, () => undefined);
    // What a writer killed mid-write left is removed by the features; only a find runs until then.
    const probe = setTimeout(() => {
      if (features || !vscode.workspace.isTrusted) return;
      findWriteLeftovers(1).then(
        (found) => void (found.length > 0 && load().features?.sweepLeftovers()),
        () => undefined,
      );
    }, LEFTOVER_PROBE_DELAY_MS);
    context.subscriptions.push({ dispose: () => clearTimeout(probe) });
  }

  return {
    get testing() {
      return load().features?.testing;
    },
  };
}

/** An editor on a `.env` / `.env.*` file (by file pattern, as the editor features select them). */
function showsEnvFile(editor: vscode.TextEditor): boolean {
  return vscode.languages.match({ pattern: ENV_FILE_GLOB }, editor.document) > 0;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
