import type * as vscode from 'vscode';
import type { RegisterCommand } from '../frontDoor';
import type { VuedAuthenticationProvider } from '../auth/vuedAuthenticationProvider';
import { Commands, TreeCommands } from '../constants';
import { loadFlows } from '../lazy';
import type { Services } from '../services';
import type { SignInWatcher } from '../signInWatcher';
import { HeldVariableNode, HostNode, KeyNode, OrgNode, type TreeNode } from '../views/apiKeysTree';
import type { Sidebar } from '../views/sidebar';
import type { ApiKeyCreation } from './createApiKey';

/** The node if it is a key row (tree nodes are classes of the activation bundle, so checked here). */
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
 * Every command of package.json, one line each: the id and the flow that does the work. The flows
 * are in dist/flows.js, loaded when the first command that needs one runs (src/lazy.ts); a tree
 * node is narrowed to its class here, so the flows only ever see the type.
 * Returns the create flow's owner (made on first use), which the editor features share: one create
 * at a time per window.
 */
export function registerCommands(
  s: Services,
  auth: VuedAuthenticationProvider,
  sidebar: Sidebar,
  signIn: SignInWatcher,
  register: RegisterCommand,
): () => ApiKeyCreation {
  const { tree, usage } = sidebar;
  const flows = loadFlows;
  let creation: ApiKeyCreation | undefined;
  const create = (): ApiKeyCreation => (creation ??= new (flows().ApiKeyCreation)(s));
  // A caller in this extension host may pass `{ cancel: CancellationToken }` to abort the request from its start.
  register(Commands.createApiKey, (options?: { cancel?: vscode.CancellationToken }) =>
    create().run(undefined, { cancel: typeof options?.cancel?.onCancellationRequested === 'function' ? options.cancel : undefined }),
  );
  register(Commands.setToken, () => flows().setTokenCommand(s, auth));
  register(Commands.signOut, () => flows().signOutCommand(s, auth));
  register(Commands.insertSecretIntoEnv, (node?: unknown) => flows().insertSecretIntoEnvCommand(s, keyNode(node)?.key.id));
  register(Commands.showLogs, () => s.log.show());
  register(TreeCommands.refreshKeys, (node?: TreeNode) =>
    node instanceof OrgNode ? tree.reloadOrganization(node) : node instanceof HostNode ? tree.reloadHost(node.origin) : tree.refresh(),
  );
  register(TreeCommands.addOrganization, (node?: unknown) => flows().addOrganizationCommand(s, tree, node instanceof HostNode || node instanceof OrgNode ? node.origin : undefined));
  register(TreeCommands.removeOrganization, (node?: unknown) => flows().removeOrganizationCommand(s, tree, orgNode(node)));
  // From an organization row: that organization on its host; from a host row: that host.
  register(TreeCommands.createApiKeyInOrganization, (node?: unknown) =>
    node instanceof OrgNode ? create().run(node.org.id, { origin: node.origin }) : node instanceof HostNode ? create().run(undefined, { origin: node.origin }) : create().run(),
  );
  register(TreeCommands.copyOrganizationId, (node?: unknown) => flows().copyOrganizationIdCommand(orgNode(node)));
  register(TreeCommands.copyKeyId, (node?: unknown) => flows().copyKeyIdCommand(keyNode(node)));
  register(TreeCommands.copyKeyPrefix, (node?: unknown) => flows().copyKeyPrefixCommand(keyNode(node)));
  register(TreeCommands.revokeApiKey, (node?: unknown) => flows().revokeApiKeyCommand(s, tree, usage, keyNode(node)));
  register(Commands.showActions, () => flows().showActionsCommand(s, signIn.state));
  register(TreeCommands.findKeyUsages, (node?: unknown) => flows().findKeyUsagesCommand(s, usage, keyNode(node)));
  register(TreeCommands.rotateApiKey, (node?: unknown) => flows().rotateApiKeyCommand(s, tree, usage, keyNode(node)));
  register(TreeCommands.renameOrganization, (node?: unknown) => flows().renameOrganizationCommand(s, tree, orgNode(node)));
  register(Commands.useInTerminals, (node?: unknown) => flows().useInTerminalsCommand(s, keyNode(node)?.key.id));
  register(Commands.keepInKeychain, (uri?: unknown, variable?: unknown) => flows().keepInKeychainCommand(s, tree, uri, variable));
  register(Commands.newTerminalWithKeys, () => flows().newTerminalWithKeysCommand(s));
  register(Commands.forgetHeldKey, (node?: unknown) => flows().forgetHeldKeyCommand(s, forgetTarget(node)));
  register(TreeCommands.filterKeys, () => sidebar.keyFilter.open());
  register(TreeCommands.clearKeyFilter, () => sidebar.keyFilter.clear());
  return create;
}
