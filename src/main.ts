/**
 * The rest of the extension (dist/main.js), loaded right after activation by src/extension.ts or
 * earlier by the first command run through a stand-in (src/frontDoor.ts): the services, the sign-in
 * room (the `vued` authentication provider), the sidebar (the API Keys view), the keys held for
 * terminals and debugging, the commands' table, the editor features, the orphan check and the sweep
 * of what unfinished writes left.
 */
import * as vscode from 'vscode';
import { registerSignIn } from './auth/signIn';
import { registerCommands } from './commands';
import { registerLeftoverSweep } from './dotenvFiles/leftovers';
import { registerEditor } from './editor/shell';
import { type FrontDoor, isFrontDoorCommand, type RegisterCommand } from './frontDoor';
import { registerOrphanCheck } from './orphanSchedule';
import { DebugEnvironment } from './platform/debugEnvironment';
import { createServices } from './services';
import { registerSignInWatcher } from './signInWatcher';
import { registerHeldKeysStatus } from './views/heldKeysStatus';
import { registerSidebar } from './views/sidebar';
import { TestMode, type TestingApi } from '../test/support/testApi';

/** What dist/http.js and dist/flows.js take from this file rather than carry twice (src/shared.ts). */
export { shared } from './shared';

/**
 * True in development builds, false in `node esbuild.mjs --production` (an esbuild define): the
 * test-mode branch below and everything only it uses are then dropped from the shipped bundle.
 */
declare const VUED_TEST_API: boolean;

/** What start() gives back. `testing` exists only when VS Code runs the extension's tests. */
export interface Started {
  testing?: TestingApi;
}

/** Builds everything behind the stand-ins that activation registered in `door`. Runs once. */
export function start(context: vscode.ExtensionContext, door: FrontDoor): Started {
  const test = VUED_TEST_API && context.extensionMode === vscode.ExtensionMode.Test ? new TestMode(context) : undefined;
  const services = createServices(context, test?.overrides);
  const auth = registerSignIn(context, services);
  const sidebar = registerSidebar(context, services);
  const signIn = registerSignInWatcher(context, services, auth, sidebar);
  // Keys held in the keychain: what debug sessions get (the provider's stand-in is the front door's), what the window shows.
  const debug = new DebugEnvironment(services.heldKeys, services.log);
  door.setDebugResolver((config) => debug.resolve(config));
  registerHeldKeysStatus(context, services, signIn);
  // A command activation registered gets its work through the front door; the others are
  // registered here, before the rows and context keys that lead to them exist.
  const register: RegisterCommand = (id, run) => {
    if (isFrontDoorCommand(id)) door.setCommand(id, run);
    else context.subscriptions.push(vscode.commands.registerCommand(id, run));
  };
  const creation = registerCommands(services, auth, sidebar, signIn, register);
  const editor = registerEditor(context, services, sidebar, creation, register);
  const orphans = registerOrphanCheck(context, services, () => sidebar.tree.refresh());
  const leftovers = registerLeftoverSweep(context, services);
  return test ? { testing: test.api(services, sidebar, signIn, auth, editor.testing, orphans, leftovers, debug) } : {};
}
