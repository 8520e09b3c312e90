import * as vscode from 'vscode';
import { registerSignIn } from './auth/signIn';
import { registerCommands } from './commands';
import { registerEditor } from './editor/shell';
import { registerOrphanCheck } from './orphanSchedule';
import { createServices } from './services';
import { registerSignInWatcher } from './signInWatcher';
import { registerSidebar } from './views/sidebar';
import { TestMode, type TestingApi } from '../test/support/testApi';

/** What dist/http.js and dist/flows.js take from this file rather than carry twice (src/shared.ts). */
export { shared } from './shared';

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
  const signIn = registerSignInWatcher(context, services, auth, sidebar);
  const creation = registerCommands(context, services, auth, sidebar, signIn);
  const editor = registerEditor(context, services, sidebar, creation);
  const orphans = registerOrphanCheck(context, services, () => sidebar.tree.refresh());
  return test ? { testing: test.api(services, sidebar, signIn, auth, editor.testing, orphans) } : {};
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions (the clipboard guard ends its pending
  // clear there); the held secret goes with the process.
}
