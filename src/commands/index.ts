import * as vscode from 'vscode';
import type { VuedAuthenticationProvider } from '../auth/vuedAuthenticationProvider';
import { Commands, TreeCommands } from '../constants';
import type { Services } from '../services';
import type { SignInWatcher } from '../signInWatcher';
import { HostNode, KeyNode, OrgNode, type TreeNode } from '../views/apiKeysTree';
import type { Sidebar } from '../views/sidebar';
import { addOrganizationCommand } from './addOrganization';
import { copyKeyIdCommand, copyKeyPrefixCommand, copyOrganizationIdCommand } from './copyIds';
import { ApiKeyCreation } from './createApiKey';
import { findKeyUsagesCommand } from './findKeyUsages';
import { insertSecretIntoEnvCommand } from './insertSecretIntoEnv';
import { removeOrganizationCommand } from './removeOrganization';
import { renameOrganizationCommand } from './renameOrganization';
import { revokeApiKeyCommand } from './revokeApiKey';
import { rotateApiKeyCommand } from './rotateApiKey';
import { setTokenCommand } from './setToken';
import { showActionsCommand } from './showActions';
import { signOutCommand } from './signOut';

/** Every command of package.json, one line each: the id and the file that does the work. */
/** Returns the create flow's owner, which the editor features share (one create at a time per window). */
export function registerCommands(context: vscode.ExtensionContext, s: Services, auth: VuedAuthenticationProvider, sidebar: Sidebar, signIn: SignInWatcher): ApiKeyCreation {
  const { tree, usage } = sidebar;
  const create = new ApiKeyCreation(s);
  const register = (id: string, run: (...args: never[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, run));
  // A caller in this extension host may pass `{ cancel: CancellationToken }` to abort the request from its start.
  register(Commands.createApiKey, (options?: { cancel?: vscode.CancellationToken }) =>
    create.run(undefined, { cancel: typeof options?.cancel?.onCancellationRequested === 'function' ? options.cancel : undefined }),
  );
  register(Commands.setToken, () => setTokenCommand(s, auth));
  register(Commands.signOut, () => signOutCommand(s, auth));
  register(Commands.insertSecretIntoEnv, (node?: KeyNode) => insertSecretIntoEnvCommand(s, node instanceof KeyNode ? node.key.id : undefined));
  register(Commands.showLogs, () => s.log.show());
  register(TreeCommands.refreshKeys, (node?: TreeNode) =>
    node instanceof OrgNode ? tree.reloadOrganization(node) : node instanceof HostNode ? tree.reloadHost(node.origin) : tree.refresh(),
  );
  register(TreeCommands.addOrganization, (node?: TreeNode) => addOrganizationCommand(s, tree, node instanceof HostNode || node instanceof OrgNode ? node.origin : undefined));
  register(TreeCommands.removeOrganization, (node?: OrgNode) => removeOrganizationCommand(s, tree, node));
  // From an organization row: that organization on its host; from a host row: that host.
  register(TreeCommands.createApiKeyInOrganization, (node?: TreeNode) =>
    node instanceof OrgNode ? create.run(node.org.id, { origin: node.origin }) : node instanceof HostNode ? create.run(undefined, { origin: node.origin }) : create.run(),
  );
  register(TreeCommands.copyOrganizationId, (node?: OrgNode) => copyOrganizationIdCommand(node));
  register(TreeCommands.copyKeyId, (node?: KeyNode) => copyKeyIdCommand(node));
  register(TreeCommands.copyKeyPrefix, (node?: KeyNode) => copyKeyPrefixCommand(node));
  register(TreeCommands.revokeApiKey, (node?: KeyNode) => revokeApiKeyCommand(s, tree, usage, node));
  register(Commands.showActions, () => showActionsCommand(s, signIn.state));
  register(TreeCommands.findKeyUsages, (node?: KeyNode) => findKeyUsagesCommand(s, usage, node));
  register(TreeCommands.rotateApiKey, (node?: KeyNode) => rotateApiKeyCommand(s, tree, usage, node));
  register(TreeCommands.renameOrganization, (node?: OrgNode) => renameOrganizationCommand(s, sidebar.tree, node));
  register(TreeCommands.filterKeys, () => sidebar.keyFilter.open());
  register(TreeCommands.clearKeyFilter, () => sidebar.keyFilter.clear());
  return create;
}
