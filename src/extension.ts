/**
 * The composition root: activate() makes the services and hands them to each room, one line per
 * room. Registering does no work: the sidebar lists nothing until it is shown, the `.env` index
 * reads no file until a view or a command asks, the editor features look only at the editors on
 * screen, and the checks that look back (the orphan journal, what unfinished writes left) run a few
 * seconds after start.
 */
import * as vscode from 'vscode';
import { registerSignIn } from './auth/signIn';
import { registerCommands } from './commands';
import { registerLeftoverSweep } from './envFiles/leftovers';
import { editorDeps } from './editor/adapter';
import { registerEditorFeatures } from './editor';
import { KnownKeys } from './keys/knownKeys';
import { registerOrphanCheck } from './keys/orphanCheck';
import { registerDebugEnvironment } from './keys/debugEnvironment';
import { createServices } from './services';
import { registerSignInWatcher } from './auth/signInWatcher';
import { registerHeldKeysStatus } from './views/keychainStatus';
import { registerSidebar } from './views/sidebar';
import { registerStatusBar, watchKnownKeysHere } from './views/statusBar';
import { TestMode, type TestingApi } from '../test/support/testApi';

/**
 * True in development builds, false in `node esbuild.mjs --production` (an esbuild define): the
 * test-mode branch below and everything only it uses are then dropped from the shipped bundle.
 */
declare const VUED_TEST_API: boolean;

/** What activate() returns. `testing` exists only when VS Code runs the extension's tests. */
export interface VuedApi {
  testing?: TestingApi;
}

export function activate(context: vscode.ExtensionContext): VuedApi {
  const test = VUED_TEST_API && context.extensionMode === vscode.ExtensionMode.Test ? new TestMode(context) : undefined;
  const services = createServices(context, test?.overrides);
  const auth = registerSignIn(context, services);
  const sidebar = registerSidebar(context, services);
  const signIn = registerSignInWatcher(context, services, auth, () => sidebar.tree.refresh());
  const statusBar = registerStatusBar(context, signIn);
  registerHeldKeysStatus(context, services, statusBar);
  const debug = registerDebugEnvironment(context, services);
  const known = new KnownKeys(services, sidebar.tree);
  context.subscriptions.push(known);
  watchKnownKeysHere(context, services, statusBar, signIn, known, services.envFiles);
  const commands = registerCommands(services, auth, sidebar, signIn, known);
  const editor = registerEditorFeatures(editorDeps(services, known, commands.flows));
  context.subscriptions.push(editor);
  const orphans = registerOrphanCheck(context, services, () => sidebar.tree.refresh());
  const leftovers = registerLeftoverSweep(context, services);
  return test ? { testing: test.api(services, sidebar, signIn, statusBar, auth, editor.testing, orphans, leftovers, debug) } : {};
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions (the clipboard guard ends its pending
  // clear there); the held secret goes with the process.
}
