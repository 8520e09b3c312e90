/**
 * What a window loads at start (run by `runCodeServer --reopen`, before reopen.test.ts, in the
 * same two windows). The first opens signed out on a workspace with a `.env` file and nothing of
 * Vued in it: only the entry runs, the Accounts menu is answered without more, and the first command
 * loads the rest and runs for real. The second opens after the first signed in and kept a key for
 * this workspace: it starts everything at once, for the status item and the Accounts menu.
 */
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { AUTH_PROVIDER_ID, Commands, EXTENSION_ID, SESSION_SCOPE } from '../../src/constants';
import { featuresLoaded } from '../support/integration';

const PHASE = process.env.VUED_TEST_PHASE;


describe('start-up: what a window loads', () => {
  if (PHASE === 'first') {
    it('a signed-out window with a .env runs only the entry', () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext?.isActive, 'activated by the workspace .env file');
      assert.ok(!vscode.window.visibleTextEditors.some((e) => path.basename(e.document.fileName).startsWith('.env')), 'no .env on screen');
      assert.strictEqual(featuresLoaded(), false);
    });

    it('the Accounts menu asks for sessions and gets none, still without loading the features', async () => {
      const session = await vscode.authentication.getSession(AUTH_PROVIDER_ID, [SESSION_SCOPE], { createIfNone: false, silent: true });
      assert.strictEqual(session, undefined);
      assert.strictEqual(featuresLoaded(), false);
    });

    it('the first command loads the features and runs the real command, with its result', async () => {
      const report = await vscode.commands.executeCommand<{ listed: number; capped: boolean } | undefined>(Commands.scanWorkspace);
      assert.strictEqual(featuresLoaded(), true);
      assert.strictEqual(typeof report?.listed, 'number', `the scan's own report comes back: ${JSON.stringify(report)}`);
      assert.strictEqual(report?.capped, false);
    });
  }

  if (PHASE === 'second') {
    it('a window signed in, with keys kept for its workspace, starts everything at once', () => {
      assert.strictEqual(featuresLoaded(), true);
    });
  }
});
