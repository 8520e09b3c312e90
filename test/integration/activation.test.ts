/**
 * What a window's start does, in the real extension host: the first suite of the run (files run in
 * name order), so nothing but activation has happened yet. Work no one asked for waits: no `.env`
 * file is read until a view, an editor or a command asks, and no closed file gets Problems until
 * the user asks for them (Scan Workspace for Secrets).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import { testingApi, workspaceDir } from '../support/integration';
import { sleep } from '../support/sleep';

function vued(uri: vscode.Uri): string[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === 'Vued')
    .map((d) => `${vscode.DiagnosticSeverity[d.severity]} ${d.range.start.line} ${String(d.code)}`);
}

describe('start-up: work waits until someone asks', () => {
  it('reads no .env file and gives closed files no Problems after activation; Scan Workspace for Secrets does both', async () => {
    const t = await testingApi();
    // The fixture's closed .env holding a value of Vued shape (the workspace's root .env is another).
    const closed = vscode.Uri.file(path.join(workspaceDir(), 'startup', '.env'));
    assert.ok(fs.existsSync(closed.fsPath), 'the fixture workspace has startup/.env');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === closed.toString()), 'nobody opened it');
    // Past the moments start-up work ran at before: at once, and a few seconds later for closed files.
    await sleep(4000);
    await t.editor.settled();
    assert.strictEqual(t.envIndex.readCount(), 0, 'no .env file was read');
    assert.strictEqual(t.envIndex.isLoaded(), false, 'the .env index was not listed');
    assert.deepStrictEqual(vued(closed), [], 'no Problems for a closed file nobody asked about');

    // Read for another question (the sidebar's usage rows, a flow): still no Problems for closed files.
    assert.ok((await t.envIndex.read()) >= 2, 'the index holds the workspace .env files');
    await sleep(500);
    await t.editor.settled();
    assert.deepStrictEqual(vued(closed), [], 'the index read for the sidebar asks for no Problems');

    // Asked for, as a user does from the palette.
    await vscode.commands.executeCommand(Commands.scanWorkspace);
    assert.strictEqual(t.envIndex.isLoaded(), true);
    assert.ok(t.envIndex.readCount() >= 2, `the .env files were read (${t.envIndex.readCount()})`);
    assert.deepStrictEqual(vued(closed), ['Information 2 unknown-secret'], 'the closed file\'s Problem, from the index');
  });
});
