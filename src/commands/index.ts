import * as vscode from 'vscode';
import type { VuedAuthenticationProvider } from '../auth/authenticationProvider';
import { Commands, ContextKeys, TreeCommands } from '../constants';
import { openGetTokenPage } from '../connection/getToken';
import type { Services } from '../services';
import type { SignInWatcher } from '../auth/signInWatcher';
import { HeldVariableNode } from '../views/tree/heldVariableNode';
import { HostNode } from '../views/tree/hostNode';
import { KeyNode } from '../views/tree/keyNode';
import { MessageNode } from '../views/tree/messageNode';
import { OrgNode } from '../views/tree/organizationNode';
import { type TreeNode } from '../views/tree/treeNode';
import type { Sidebar } from '../views/sidebar';
import type { EditorFlows } from '../editor/adapter';
import type { KnownKeys } from '../keys/knownKeys';
import { showError } from '../ui/showError';
import { addOrganizationCommand } from './addOrganization';
import { copyKeyIdCommand, copyKeyPrefixCommand, copyOrganizationIdCommand } from './copyIds';
import { ApiKeyCreation } from './createApiKey';
import { findKeyUsagesCommand } from './findKeyUsages';
import { forgetHeldKeyCommand } from './forgetHeldKey';
import { insertSecretIntoEnvCommand } from './insertSecretIntoEnv';
import { keepInKeychainCommand } from './keepInKeychain';
import { newTerminalWithKeysCommand } from './newTerminalWithKeys';
import { openApiSettingsCommand } from './openApiSettings';
import { removeOrganizationCommand } from './removeOrganization';
import { renameOrganizationCommand } from './renameOrganization';
import { revokeApiKeyCommand } from './revokeApiKey';
import { rotateApiKeyCommand } from './rotateApiKey';
import { setTokenCommand } from './setToken';
import { showActionsCommand } from './showActions';
import { signInAgainCommand } from './signInAgain';
import { signOutCommand } from './signOut';
import { useInTerminalsCommand } from './useInTerminals';

/** The node if it is a key row: a command from a menu gets the row's node, from the palette nothing. */
const keyNode = (node: unknown): KeyNode | undefined => (node instanceof KeyNode ? node : undefined);
const orgNode = (node: unknown): OrgNode | undefined => (node instanceof OrgNode ? node : undefined);
/** What Forget acts on, from a key's row (every variable) or a held variable's row (that one). */
const forgetTarget = (node: unknown) =>
  node instanceof KeyNode
    ? { origin: node.org.origin, keyId: node.key.id }
    : node instanceof HeldVariableNode
      ? { origin: node.org.origin, keyId: node.keyNode.key.id, variables: [node.variable] }
      : undefined;

/**
 * Every command of package.json but the editor's, one line each: the id and the flow that does the
 * work; a tree node is narrowed to its class here, so the flows only ever see the type. Returns the
 * create flow's owner, which the editor features share: one create at a time per window.
 */
export function registerCommands(
  s: Services,
  auth: VuedAuthenticationProvider,
  sidebar: Sidebar,
  signIn: SignInWatcher,
  known: KnownKeys,
): { creation: ApiKeyCreation; flows: EditorFlows } {
  const { tree } = sidebar;
  const usage = s.envFiles;
  const register = (id: string, run: (...args: never[]) => unknown) => s.context.subscriptions.push(vscode.commands.registerCommand(id, run));
  const creation = new ApiKeyCreation(s, {
    keys: () => tree.loadedKeys().map((k) => ({ key: k.key, origin: k.org.origin, orgId: k.org.org.id, orgName: k.org.serverName })),
  });
  const create = (): ApiKeyCreation => creation;
  // A caller in this extension host may pass `{ cancel: CancellationToken }` to abort the request from its start.
  register(Commands.createApiKey, (options?: { cancel?: vscode.CancellationToken }) =>
    create().run(undefined, { cancel: typeof options?.cancel?.onCancellationRequested === 'function' ? options.cancel : undefined }),
  );
  register(Commands.setToken, () => setTokenCommand(s, auth));
  register(Commands.signOut, () => signOutCommand(s, auth));
  register(Commands.insertSecretIntoEnv, (node?: unknown) => insertSecretIntoEnvCommand(s, keyNode(node)?.key.id));
  register(Commands.showLogs, () => s.log.show());
  register(Commands.getToken, () => openGetTokenPage(s));
  // The walkthrough's "Create a key" step completes on a key actually created (here or by a rotation), not on a button press.
  s.context.subscriptions.push(s.keyCreated.event(() => void s.contextKeys.set(ContextKeys.createdKey, true)));
  register(TreeCommands.refreshKeys, (node?: TreeNode) =>
    node instanceof OrgNode ? tree.reloadOrganization(node) : node instanceof HostNode ? tree.reloadHost(node.origin) : tree.refresh(),
  );
  // The actions of a row saying why keys could not be read: for its organization, or its host's organizations.
  const messageNode = (node: unknown): MessageNode | undefined => (node instanceof MessageNode ? node : undefined);
  register(TreeCommands.retryKeys, (node?: unknown) => {
    const row = messageNode(node);
    return row?.org ? tree.reloadOrganization(row.org) : row ? tree.reloadHost(row.origin) : tree.refresh();
  });
  register(TreeCommands.signInAgain, (node?: unknown) => signInAgainCommand(s, auth, tree, messageNode(node)?.origin));
  register(TreeCommands.openApiSettings, (node?: unknown) => openApiSettingsCommand(messageNode(node)?.origin));
  // The README that ships with the extension (it says what a server without key lists means for the view), offline.
  register(TreeCommands.learnAboutKeyLists, () => vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(s.context.extensionUri, 'README.md')));
  register(TreeCommands.addOrganization, (node?: unknown) => addOrganizationCommand(s, tree, node instanceof HostNode || node instanceof OrgNode ? node.origin : undefined));
  register(TreeCommands.removeOrganization, (node?: unknown) => removeOrganizationCommand(s, tree, orgNode(node)));
  // From an organization row: that organization on its host; from a host row: that host.
  register(TreeCommands.createApiKeyInOrganization, (node?: unknown) =>
    node instanceof OrgNode ? create().run(node.org.id, { origin: node.origin }) : node instanceof HostNode ? create().run(undefined, { origin: node.origin }) : create().run(),
  );
  register(TreeCommands.copyOrganizationId, (node?: unknown) => copyOrganizationIdCommand(orgNode(node)));
  register(TreeCommands.copyKeyId, (node?: unknown) => copyKeyIdCommand(keyNode(node)));
  register(TreeCommands.copyKeyPrefix, (node?: unknown) => copyKeyPrefixCommand(keyNode(node)));
  register(TreeCommands.revokeApiKey, (node?: unknown) => revokeApiKeyCommand(s, tree, usage, keyNode(node)));
  register(Commands.showActions, () => showActionsCommand(s, signIn.state));
  register(TreeCommands.findKeyUsages, (node?: unknown) => findKeyUsagesCommand(s, usage, keyNode(node)));
  register(TreeCommands.rotateApiKey, (node?: unknown) => rotateApiKeyCommand(s, tree, usage, keyNode(node)));
  register(TreeCommands.renameOrganization, (node?: unknown) => renameOrganizationCommand(s, tree, orgNode(node)));
  register(Commands.useInTerminals, (node?: unknown) => useInTerminalsCommand(s, keyNode(node)?.key.id));
  register(Commands.keepInKeychain, (uri?: unknown, variable?: unknown) => keepInKeychainCommand(s, known, uri, variable));
  register(Commands.newTerminalWithKeys, () => newTerminalWithKeysCommand(s));
  register(Commands.forgetHeldKey, (node?: unknown) => forgetHeldKeyCommand(s, forgetTarget(node)));
  register(TreeCommands.filterKeys, () => sidebar.keyFilter.open());
  register(TreeCommands.clearKeyFilter, () => sidebar.keyFilter.clear());
  const flows: EditorFlows = {
    revealKey: (keyId) => sidebar.revealKey(keyId),
    rotateKey: async (keyId) => {
      const node = tree.loadedKeys().find((k) => k.key.id === keyId);
      if (node) {
        await rotateApiKeyCommand(s, tree, usage, node);
      }
    },
    createKey: async (orgId, use, origin, replacing) => {
      await creation.run(orgId, {
        origin,
        replacing: replacing?.key,
        variable: replacing?.variable,
        onCreated: async (held) => {
          try {
            held.insertedInto.push(await use(held.secret));
          } catch (e) {
            await showError(s, vscode.l10n.t('Replacing the key in the file'), e);
          }
        },
      });
    },
  };
  return { creation, flows };
}
