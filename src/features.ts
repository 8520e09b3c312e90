/**
 * The composition root: start() makes the services and hands them to each room, one line per room.
 * It runs the first time the extension is needed (src/extension.ts says when). Starting does no work
 * of its own: the sidebar lists nothing until it is shown, the `.env` index reads no file until a
 * view or a command asks, the editor features look only at the editors on screen, and the checks
 * that look back (the orphan journal, what unfinished writes left) run a few seconds later.
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
import { createServices, type Registrations } from './services';
import { registerSignInWatcher } from './auth/signInWatcher';
import { registerHeldKeysStatus } from './views/keychainStatus';
import { registerSidebar } from './views/sidebar';
import { registerStatusBar, watchKnownKeysHere } from './views/statusBar';
import { TestMode, type TestingApi } from '../test/support/testApi';

export type { Registrations } from './services';

/**
 * True in development builds, false in `node esbuild.mjs --production` (an esbuild define): the
 * test-mode branch below and everything only it uses are then dropped from what ships.
 */
declare const VUED_TEST_API: boolean;

/** What start() gives the entry. */
export interface Features {
  /** Exists only when VS Code runs the extension's tests. */
  readonly testing?: TestingApi;
}

export function start(context: vscode.ExtensionContext, registrations: Registrations): Features {
  const test = VUED_TEST_API && context.extensionMode === vscode.ExtensionMode.Test ? new TestMode(context) : undefined;
  const services = createServices(context, registrations, test?.overrides);
  const auth = registerSignIn(context, services);
  const sidebar = registerSidebar(context, services);
  const signIn = registerSignInWatcher(context, services, auth, () => sidebar.tree.refresh());
  const statusBar = registerStatusBar(context, signIn);
  registerHeldKeysStatus(context, services, statusBar);
  const debug = registerDebugEnvironment(services);
  const known = new KnownKeys(services, sidebar.tree);
  context.subscriptions.push(known);
  watchKnownKeysHere(context, services, statusBar, signIn, known, services.envFiles);
  const commands = registerCommands(services, auth, sidebar, signIn, known);
  const editor = registerEditorFeatures(editorDeps(services, known, commands.flows));
  context.subscriptions.push(editor);
  const orphans = registerOrphanCheck(context, services, () => sidebar.tree.refresh());
  const leftovers = registerLeftoverSweep(context, services);
  return {
    testing: test?.api(services, sidebar, signIn, statusBar, auth, editor.testing, orphans, leftovers, debug),
  };
}
