import * as vscode from 'vscode';
import { Commands, ContextKeys, TreeCommands, Views } from './constants';
import { createApiKeyCommand } from './commands/createApiKey';
import { insertSecretIntoEnvCommand } from './commands/insertSecretIntoEnv';
import { cancelClipboardClear } from './env/insertSecret';
import {
  addOrganizationCommand,
  copyKeyIdCommand,
  copyKeyPrefixCommand,
  copyOrganizationIdCommand,
  removeOrganizationCommand,
} from './commands/organizations';
import { revokeApiKeyCommand } from './commands/revokeApiKey';
import { findKeyUsagesCommand, rotateApiKeyCommand } from './commands/rotateApiKey';
import { UsageIndex } from './env/usageIndex';
import { quietConnection, setTokenCommand, signOutCommand } from './commands/token';
import { PublicApiKey } from './core/api/types';
import { affectsVuedConfig, readConfig } from './platform/config';
import { createClient } from './platform/http';
import { Log } from './platform/log';
import { TokenStore } from './platform/tokenStore';
import { SecretSession } from './secretSession';
import { Services } from './services';
import { RememberedState } from './state';
import { ScriptedUi } from './ui/scriptedUi';
import { VscodeUi } from './ui/vscodeUi';
import { editorDeps } from './editor/adapter';
import { registerEditorFeatures, type EditorTesting } from './editor';
import { ApiKeysTree, Connection, KeyNode, OrgNode, TreeNode } from './views/apiKeysTree';
import { SignInState, showActionsCommand, VuedStatusBar } from './views/statusBar';

/** What activate() returns. `testing` exists only when VS Code runs the extension's tests. */
export interface VuedApi {
  testing?: {
    ui: ScriptedUi;
    /** Id of the key whose secret this window holds (never the secret itself). */
    heldKeyId(): string | undefined;
    /** The tree as VS Code would see it: each node's TreeItem, children loaded. */
    tree: {
      roots(): Promise<Array<{ node: TreeNode; item: vscode.TreeItem }>>;
      children(node: TreeNode): Promise<Array<{ node: TreeNode; item: vscode.TreeItem }>>;
      tooltip(node: TreeNode): string | undefined;
      refresh(): void;
      selection(): readonly TreeNode[];
      badge(): vscode.ViewBadge | undefined;
      /** Finds a loaded key's node by id. */
      key(keyId: string): KeyNode | undefined;
    };
    signInState(): SignInState;
    /** Folder of the extension's own log files (the Vued output channel). */
    logDir: string;
    /** Swaps SecretStorage for one that fails like a machine without a keyring; returns a restore function. */
    breakSecretStorage(): () => void;
    /** Problems, hover, quick fixes and masking in editors. */
    editor: EditorTesting;
  };
}

export function activate(context: vscode.ExtensionContext): VuedApi {
  const log = new Log();
  const tokens = new TokenStore(context.secrets, context.globalState);
  const session = new SecretSession();
  const keyCreated = new vscode.EventEmitter<{ orgId: string; key: PublicApiKey }>();
  const s: Services = { context, log, tokens, session, state: new RememberedState(context.globalState), ui: new VscodeUi(), keyCreated };
  context.subscriptions.push(log, tokens, session, keyCreated);

  // Sidebar: organizations → keys.
  const connect = async (): Promise<Connection | undefined> => {
    const conn = await quietConnection(s);
    if (!conn) {
      return undefined;
    }
    const client = createClient(conn.api.baseUrl, conn.token.value, log);
    return { baseUrl: conn.api.baseUrl, origin: conn.api.origin, listKeys: (id) => client.listApiKeys(id), listOrganizations: () => client.listOrganizations() };
  };
  const usage = new UsageIndex(log);
  const tree = new ApiKeysTree(s, connect, usage);
  const view = vscode.window.createTreeView<TreeNode>(Views.apiKeys, { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(usage, tree, view);
  // The badge counts keys that expire within 7 days.
  context.subscriptions.push(
    tree.onDidChangeExpiring((n) => {
      view.badge = n > 0 ? { value: n, tooltip: n === 1 ? vscode.l10n.t('1 key expires within 7 days') : vscode.l10n.t('{0} keys expire within 7 days', n) } : undefined;
    }),
  );

  // Signed in or out: context keys for the welcome view, the status bar.
  const statusBar = new VuedStatusBar();
  context.subscriptions.push(statusBar);
  let signIn: SignInState = { signedIn: false };
  const updateSignIn = async () => {
    const conn = await quietConnection(s);
    signIn = { signedIn: conn !== undefined, host: conn?.api.host ?? hostOfConfig(), fromEnvironment: conn?.token.source === 'environment' };
    statusBar.update(signIn);
    await vscode.commands.executeCommand('setContext', ContextKeys.signedIn, signIn.signedIn);
  };
  void updateSignIn();
  context.subscriptions.push(
    tokens.onDidChange(() => {
      void updateSignIn();
      tree.refresh();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      // Only what changes the host or the organizations listed; other vued.* settings are read when used.
      if (affectsVuedConfig(e, 'apiBaseUrl') || affectsVuedConfig(e, 'defaultOrgId')) {
        void updateSignIn();
        tree.refresh();
      }
    }),
    keyCreated.event(({ orgId, key }) => {
      const node = tree.addCreatedKey(orgId, key);
      if (node && view.visible) {
        void view.reveal(node, { select: true, focus: false });
      }
    }),
    session.onDidChange(() => tree.refreshKeyRows()),
  );

  // Editors: hover, problems, quick fixes and masking on Vued keys.
  const editor = registerEditorFeatures(editorDeps(s, tree, view, usage));
  context.subscriptions.push(editor);

  const register = (id: string, run: (...args: never[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, run));
  register(Commands.createApiKey, () => createApiKeyCommand(s));
  register(Commands.setToken, () => setTokenCommand(s));
  register(Commands.signOut, () => signOutCommand(s));
  register(Commands.insertSecretIntoEnv, (node?: KeyNode) => insertSecretIntoEnvCommand(s, node instanceof KeyNode ? node.key.id : undefined));
  register(Commands.showLogs, () => log.show());
  register(TreeCommands.refreshKeys, (node?: TreeNode) => (node instanceof OrgNode ? tree.reloadOrganization(node.org.id) : tree.refresh()));
  register(TreeCommands.addOrganization, () => addOrganizationCommand(s, tree));
  register(TreeCommands.removeOrganization, (node?: OrgNode) => removeOrganizationCommand(s, tree, node));
  register(TreeCommands.createApiKeyInOrganization, (node?: OrgNode) => createApiKeyCommand(s, node instanceof OrgNode ? node.org.id : undefined));
  register(TreeCommands.copyOrganizationId, (node?: OrgNode) => copyOrganizationIdCommand(node));
  register(TreeCommands.copyKeyId, (node?: KeyNode) => copyKeyIdCommand(node));
  register(TreeCommands.copyKeyPrefix, (node?: KeyNode) => copyKeyPrefixCommand(node));
  register(TreeCommands.revokeApiKey, (node?: KeyNode) => revokeApiKeyCommand(s, tree, usage, node));
  register(TreeCommands.showActions, () => showActionsCommand(s, signIn));
  register(TreeCommands.findKeyUsages, (node?: KeyNode) => findKeyUsagesCommand(s, usage, node));
  register(TreeCommands.rotateApiKey, (node?: KeyNode) => rotateApiKeyCommand(s, tree, usage, node));

  if (context.extensionMode !== vscode.ExtensionMode.Test) {
    return {};
  }
  const scripted = new ScriptedUi();
  s.ui = scripted;
  const withItems = async (nodes: TreeNode[]) => nodes.map((node) => ({ node, item: tree.getTreeItem(node) }));
  return {
    testing: {
      ui: scripted,
      heldKeyId: () => session.last?.key.id,
      tree: {
        roots: async () => withItems(await tree.getChildren()),
        children: async (node) => withItems(await tree.getChildren(node)),
        tooltip: (node) => {
          const tip = tree.resolveTreeItem(tree.getTreeItem(node), node).tooltip;
          return tip instanceof vscode.MarkdownString ? tip.value : tip;
        },
        refresh: () => tree.refresh(),
        selection: () => view.selection,
        badge: () => view.badge,
        key: (keyId) => tree.loadedKeys().find((k) => k.key.id === keyId),
      },
      signInState: () => signIn,
      logDir: context.logUri.fsPath,
      breakSecretStorage: () => {
        const fail = () => Promise.reject(new Error('Cannot create an item in a locked collection'));
        tokens.replaceStorageForTests({ get: fail, store: fail, delete: fail });
        return () => tokens.replaceStorageForTests(context.secrets);
      },
      editor: editor.testing,
    },
  };
}

function hostOfConfig(): string | undefined {
  try {
    return new URL(readConfig().apiBaseUrl).host;
  } catch {
    return undefined;
  }
}

export function deactivate(): void {
  // Everything else is disposed through context.subscriptions; the held secret goes with the process.
  cancelClipboardClear();
}
