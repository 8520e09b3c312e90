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
import { AUTH_PROVIDER_ID, AUTH_PROVIDER_LABEL, ENV_FILE_GLOB, environmentToken, SecretKeys, SESSION_SCOPE, StateKeys, Views } from './constants';
import { findWriteLeftovers } from './envFiles/find';
import type * as FeaturesModule from './features';
import type { Features, Registrations } from './features';
import type { TestingApi } from '../test/support/testApi';

/** What activate() returns. `testing` exists only when VS Code runs the extension's tests. */
export interface VuedApi {
  /** Starts the features if they have not started; resolves with their testing API (none outside tests). */
  readonly testing: Promise<TestingApi | undefined>;
}

/** How long after activation the workspace is searched for what killed writers left. */
const LEFTOVER_PROBE_DELAY_MS = 5000;

export function activate(context: vscode.ExtensionContext): VuedApi {
  let features: Features | undefined;
  let starting: Promise<Features | undefined> | undefined;
  const standIns: vscode.Disposable[] = [];
  const disposeStandIns = (): void => {
    for (const standIn of standIns.splice(0)) {
      standIn.dispose();
    }
  };

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
      getChildren: async (node) => {
        await load();
        return (await tree?.getChildren(node)) ?? [];
      },
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

  /**
   * Loads and starts the features once. Each step is a turn of the event loop of its own (the
   * caller's turn, reading the file, starting the rooms), so the host's other extensions run between
   * them; the stand-in commands give way to the real ones in the same turn as the rooms register them.
   */
  const load = (): Promise<Features | undefined> =>
    (starting ??= (async () => {
      try {
        await nextTurn();
        // eslint-disable-next-line @typescript-eslint/no-require-imports -- the features' file is read only now, on first need
        const module = require(path.join(__dirname, 'features.js')) as typeof FeaturesModule;
        await nextTurn();
        disposeStandIns();
        features = module.start(context, registrations);
        return features;
      } catch (e) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Vued API Keys could not start: {0}', e instanceof Error ? e.message : String(e)));
        return undefined;
      }
    })());

  // Every command of package.json: the first run of any of them loads the features, which register it for real.
  const contributed = (context.extension.packageJSON as { contributes?: { commands?: Array<{ command: string }> } }).contributes?.commands ?? [];
  for (const { command } of contributed) {
    standIns.push(
      vscode.commands.registerCommand(command, async (...args: unknown[]) => {
        // Features that could not start said why; running the stand-in again would only loop.
        return (await load()) ? vscode.commands.executeCommand(command, ...args) : undefined;
      }),
    );
  }

  // Whether a token may be stored (here or in another window) or VUED_TOKEN is set: only then are
  // there sessions to read; with none, the Accounts menu is answered without loading anything.
  const mayBeSignedIn = (): boolean =>
    environmentToken() !== undefined || (context.globalState.get<unknown[]>(StateKeys.tokenOrigins) ?? []).length > 0;
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
          if (!auth && mayBeSignedIn()) await load();
          return auth ? auth.getSessions(...args) : [];
        },
        createSession: async (...args) => (await started(() => auth)).createSession(...args),
        removeSession: async (...args) => (await started(() => auth)).removeSession(...args),
      },
      { supportsMultipleAccounts: true },
    ),
    vscode.debug.registerDebugConfigurationProvider('*', {
      resolveDebugConfigurationWithSubstitutedVariables: async (folder, config, token) => {
        // Keys are added to a session only when this workspace holds some.
        if (!debug && context.workspaceState.get(StateKeys.heldKeys) !== undefined) await load();
        return (await debug?.resolveDebugConfigurationWithSubstitutedVariables?.(folder, config, token)) ?? config;
      },
    }),
    // A token stored in another window: its sessions, status and lists come with the features.
    context.secrets.onDidChange((e) => {
      if (!features && e.key.startsWith(SecretKeys.token)) void load();
    }),
    vscode.window.onDidChangeVisibleTextEditors((editors) => {
      if (!features && editors.some(showsEnvFile)) void load();
    }),
    // The stand-ins still registered (none once the features started: they were disposed then).
    { dispose: () => disposeStandIns() },
  );

  const workHere =
    mayBeSignedIn() ||
    context.workspaceState.get(StateKeys.heldKeys) !== undefined ||
    (context.globalState.get<unknown[]>(StateKeys.createdKeys) ?? []).length > 0 ||
    vscode.window.visibleTextEditors.some(showsEnvFile);
  if (workHere) {
    void load();
  } else {
    // Signed out: VS Code's own "Sign in with Vued to use Vued API Keys" entry in the Accounts menu.
    vscode.authentication.getSession(AUTH_PROVIDER_ID, [SESSION_SCOPE], { createIfNone: false }).then(undefined, () => undefined);
    // What a writer killed mid-write left is removed by the features' own sweep, a few seconds after
    // they start; until something else starts them, only a find runs, and one file found starts them.
    const probe = setTimeout(() => {
      if (features || !vscode.workspace.isTrusted) return;
      findWriteLeftovers(1).then(
        (found) => void (found.length > 0 && load()),
        () => undefined,
      );
    }, LEFTOVER_PROBE_DELAY_MS);
    context.subscriptions.push({ dispose: () => clearTimeout(probe) });
  }

  /** What the features attached once they started (`get` names it); fails when they could not start. */
  async function started<T>(get: () => T | undefined): Promise<T> {
    await load();
    const attached = get();
    if (attached === undefined) throw new Error(vscode.l10n.t('Vued API Keys could not start.'));
    return attached;
  }

  return {
    get testing() {
      return load().then((f) => f?.testing);
    },
  };
}

/** A turn of the event loop: whatever else is queued (other extensions, I/O) runs first. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** An editor on a `.env` / `.env.*` file (by file pattern, as the editor features select them). */
function showsEnvFile(editor: vscode.TextEditor): boolean {
  return vscode.languages.match({ pattern: ENV_FILE_GLOB }, editor.document) > 0;
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
