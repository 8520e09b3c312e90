/**
 * A window that did not need the features at start, in Restricted Mode (run by `runCodeServer
 * --untrusted`, before untrusted.test.ts): showing a `.env` file in an editor starts them, and the
 * value on screen is masked without anything else asking.
 */
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { featuresLoaded, testingApi, waitFor, workspaceDir } from '../support/integration';


describe('start-up: a .env on screen', () => {
  it('a signed-out window starts the features when an editor shows a .env file, and masks its Vued value', async () => {
    assert.strictEqual(featuresLoaded(), false, 'nothing asked for them yet');
    const uri = vscode.Uri.file(path.join(workspaceDir(), 'startup', '.env'));
    await vscode.window.showTextDocument(uri);
    await waitFor(() => featuresLoaded(), 'the features to start for the .env on screen');
    const t = await testingApi();
    await waitFor(() => (t.editor.masks(uri)?.ranges.length ?? 0) === 1, `the value masked: ${JSON.stringify(t.editor.masks(uri)?.ranges)}`);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
