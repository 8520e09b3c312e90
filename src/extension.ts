/**
 * The activation file (dist/extension.js). activate() registers the commands a person can run at
 * once, as stand-ins (src/frontDoor.ts), and returns. The rest of the extension (src/main.ts,
 * dist/main.js: the services, the view and its tree, the sign-in provider and watcher, the status
 * bar, the other commands, the editor features) is loaded by the first stand-in called, or
 * START_AFTER_MS after activate() returns, whichever comes first.
 */
import type * as vscode from 'vscode';
import { FrontDoor } from './frontDoor';
import type * as Main from './main';
import type { TestingApi } from '../test/support/testApi';

/** What activate() returns. `testing` exists only when VS Code runs the extension's tests. */
export interface VuedApi {
  testing?: TestingApi;
}

/**
 * When the rest of the extension loads if nothing asked for it first: at once, but after
 * activate() has returned, so that VS Code does not wait for it. The first sign-in check, the
 * status bar and the Problems of the open `.env` files are part of it.
 */
export const START_AFTER_MS = 0;

/* eslint-disable @typescript-eslint/no-require-imports -- a plain require: no namespace copy of the API, no module loaded before it is needed */

export function activate(context: vscode.ExtensionContext): VuedApi {
  const api = require('vscode') as typeof vscode;
  let started: Main.Started | undefined;
  const start = (): Main.Started => (started ??= (require('./main') as typeof Main).start(context, door));
  const door = new FrontDoor(api, context, start);
  const soon = setTimeout(start, START_AFTER_MS);
  context.subscriptions.push({ dispose: () => clearTimeout(soon) });
  // In an extension test run the testing API is read at once; reading it loads the rest.
  return context.extensionMode === api.ExtensionMode.Test ? { get testing() { return start().testing; } } : {};
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions (the clipboard guard ends its pending
  // clear there); the held secret goes with the process.
}
