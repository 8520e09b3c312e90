/** The basics: a real VS Code, the extension under test loads and activates, the fixture workspace is open. */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../src/constants';

describe('smoke', () => {
  it('runs inside VS Code 1.x', () => {
    assert.ok(vscode.version.startsWith('1.'), `unexpected VS Code version ${vscode.version}`);
    console.log(`    VS Code ${vscode.version}, ${vscode.env.appName}, node ${process.version}`);
  });

  it(`finds and activates ${EXTENSION_ID}`, async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    await extension.activate();
    assert.strictEqual(extension.isActive, true);
  });

  it('has the fixture workspace open', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder open');
    const readme = await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder.uri, 'README.txt'));
    assert.strictEqual(readme.type, vscode.FileType.File);
  });
});
