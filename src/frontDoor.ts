/**
 * What VS Code must know the moment the extension activates, and nothing more: the commands a
 * person can reach before the rest has loaded, the API Keys view and the `vued` authentication
 * provider. Each is registered here
 * with a stand-in that loads the rest of the extension (src/main.ts, dist/main.js) on its first
 * call and hands the call over. This module and src/extension.ts are all that activation parses.
 *
 * Only types are imported from the rest of the extension: a value import would pull its module
 * into the activation file.
 */
import type * as vscode from 'vscode';

/**
 * The commands a person can run before dist/main.js has started: those the palette shows while none
 * of the extension's context keys is set, the view's title buttons that need no context key, and
 * the commands the walkthrough and the welcome views link to. They are registered at activation
 * (src/main.ts fills in the work). Every other command can only be reached from something
 * dist/main.js makes (a tree row, a context key), so dist/main.js registers it as it starts, before
 * that thing exists. test/unit/constants.test.ts derives this list from package.json.
 */
export const FRONT_DOOR_COMMANDS = [
  'vued.createApiKey',
  'vued.setToken',
  'vued.insertSecretIntoEnv',
  'vued.showLogs',
  'vued.showActions',
  'vued.refreshKeys',
  'vued.addOrganization',
  'vued.toggleSecretMasking',
] as const;

/** Whether activation registers `id` (and src/main.ts hands its work to the front door). */
export function isFrontDoorCommand(id: string): boolean {
  return (FRONT_DOOR_COMMANDS as readonly string[]).includes(id);
}

/** The view and the authentication provider registered at activation (the same literals as package.json). */
export const FRONT_DOOR_IDS = { view: 'vued.apiKeys', authId: 'vued', authLabel: 'Vued' } as const;

type Handler = (...args: never[]) => unknown;

/** A tree data provider whose work is done by another, set once the rest is loaded. */
interface TreeDelegate<T> extends vscode.TreeDataProvider<T> {
  getParent(node: T): vscode.ProviderResult<T>;
}

/**
 * The stand-ins registered at activation, and the place src/main.ts puts the real work. `load`
 * loads the rest of the extension (once); every stand-in calls it before it hands a call over.
 */
export class FrontDoor<T = unknown> {
  private readonly handlers = new Map<string, Handler>();
  private tree: TreeDelegate<T> | undefined;
  private auth: vscode.AuthenticationProvider | undefined;
  private readonly treeChanged: vscode.EventEmitter<T | T[] | undefined | void>;
  private readonly sessionsChanged: vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>;
  /** The API Keys view, made at activation; src/main.ts shows the tree in it. */
  readonly view: vscode.TreeView<T>;

  constructor(
    api: typeof vscode,
    context: vscode.ExtensionContext,
    ids: typeof FRONT_DOOR_IDS,
    private readonly load: () => void,
  ) {
    this.treeChanged = new api.EventEmitter();
    this.sessionsChanged = new api.EventEmitter();
    const subscriptions = context.subscriptions;
    for (const id of FRONT_DOOR_COMMANDS) {
      subscriptions.push(api.commands.registerCommand(id, (...args: never[]) => this.handler(id)(...args)));
    }
    const provider: TreeDelegate<T> = {
      onDidChangeTreeData: this.treeChanged.event,
      getTreeItem: (node) => this.treeDelegate().getTreeItem(node),
      getChildren: (node) => this.treeDelegate().getChildren(node),
      getParent: (node) => this.treeDelegate().getParent(node),
      resolveTreeItem: (item, node, token) => this.treeDelegate().resolveTreeItem?.(item, node, token) ?? item,
    };
    this.view = api.window.createTreeView<T>(ids.view, { treeDataProvider: provider, showCollapseAll: true });
    const auth: vscode.AuthenticationProvider = {
      onDidChangeSessions: this.sessionsChanged.event,
      getSessions: (scopes) => this.authDelegate().getSessions(scopes),
      createSession: (scopes) => this.authDelegate().createSession(scopes),
      removeSession: (sessionId) => this.authDelegate().removeSession(sessionId),
    };
    subscriptions.push(
      this.treeChanged,
      this.sessionsChanged,
      this.view,
      api.authentication.registerAuthenticationProvider(ids.authId, ids.authLabel, auth, { supportsMultipleAccounts: true }),
    );
  }

  /** Called by src/main.ts for each command it runs; an id activation did not register is a mistake. */
  setCommand(id: string, run: Handler): void {
    if (!isFrontDoorCommand(id)) {
      throw new Error(`The command ${id} is not registered at activation (src/frontDoor.ts)`);
    }
    this.handlers.set(id, run);
  }

  /** The tree the view shows; its changes reach the view from now on. */
  setTree(tree: TreeDelegate<T>): vscode.Disposable | undefined {
    this.tree = tree;
    return tree.onDidChangeTreeData?.((e) => this.treeChanged.fire(e ?? undefined));
  }

  /** The authentication provider the stand-in hands over to; its session changes reach VS Code from now on. */
  setAuthenticationProvider(provider: vscode.AuthenticationProvider): vscode.Disposable {
    this.auth = provider;
    return provider.onDidChangeSessions((e) => this.sessionsChanged.fire(e));
  }

  private handler(id: string): Handler {
    this.load();
    const run = this.handlers.get(id);
    if (!run) {
      throw new Error(`The command ${id} has no handler (src/main.ts)`);
    }
    return run;
  }

  private treeDelegate(): TreeDelegate<T> {
    this.load();
    if (!this.tree) {
      throw new Error('The API Keys tree was not set (src/main.ts)');
    }
    return this.tree;
  }

  private authDelegate(): vscode.AuthenticationProvider {
    this.load();
    if (!this.auth) {
      throw new Error('The authentication provider was not set (src/main.ts)');
    }
    return this.auth;
  }
}
