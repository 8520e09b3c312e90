import * as vscode from 'vscode';
import { Commands } from './constants';
import { createApiKeyCommand } from './commands/createApiKey';
import { insertSecretIntoEnvCommand } from './commands/insertSecretIntoEnv';
import { setTokenCommand, signOutCommand } from './commands/token';
import { Log } from './platform/log';
import { TokenStore } from './platform/tokenStore';
import { SecretSession } from './secretSession';
import { Services } from './services';
import { RememberedState } from './state';
import { ScriptedUi } from './ui/scriptedUi';
import { VscodeUi } from './ui/vscodeUi';

/** What activate() returns. `testing` exists only when VS Code runs the extension's tests. */
export interface VuedApi {
  testing?: {
    ui: ScriptedUi;
    /** Metadata of the secret this window holds (never the secret itself). */
    heldKeyId(): string | undefined;
  };
}

export function activate(context: vscode.ExtensionContext): VuedApi {
  const log = new Log();
  const tokens = new TokenStore(context.secrets, context.globalState);
  const session = new SecretSession();
  const s: Services = { context, log, tokens, session, state: new RememberedState(context.globalState), ui: new VscodeUi() };
  context.subscriptions.push(log, tokens, session);

  const register = (id: string, run: (...args: never[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, run));
  register(Commands.createApiKey, () => createApiKeyCommand(s));
  register(Commands.setToken, () => setTokenCommand(s));
  register(Commands.signOut, () => signOutCommand(s));
  register(Commands.insertSecretIntoEnv, () => insertSecretIntoEnvCommand(s));
  register(Commands.showLogs, () => log.show());

  if (context.extensionMode !== vscode.ExtensionMode.Test) {
    return {};
  }
  const scripted = new ScriptedUi();
  s.ui = scripted;
  return { testing: { ui: scripted, heldKeyId: () => session.last?.key.id } };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions; the held secret goes with the process.
}
