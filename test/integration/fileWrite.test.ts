/**
 * The write path at its edges, in the real extension host: a `.env` that is not UTF-8 (closed, open
 * in an editor, open with unsaved changes), and what a writer killed mid-write left (never offered
 * as a `.env` file, removed by the sweep activation schedules, logged by name).
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { VuedApiServer } from '../fixtures/vuedApiServer';
import { filesUnder } from '../support/leakScan';
import { apiSuite, createAnswers, issuedSecrets, messages, type Testing, waitFor, workspaceDir, writeWorkspaceFile } from '../support/integration';

const INSERT = 'Insert into .env File…';
const FINISH = 'Finish Without Saving It';

/** A Latin-1 `.env`: its bytes are not UTF-8. */
const LATIN1 = Buffer.from('# caf\xe9, \xa7 3 (Latin-1)\r\nNAME=Jos\xe9\r\nQUOTED="a \xe8 b"\r\n', 'latin1');

describe('the write path at its edges', () => {
  const suite = apiSuite();
  let server: VuedApiServer;
  let t: Testing;

  before(() => {
    ({ t, server } = suite);
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('inserts into a Latin-1 .env, keeping every other byte', async () => {
    const file = writeWorkspaceFile('latin1/closed/.env', LATIN1);
    // FINISH only if the insert failed: the test then ends with a failed assertion, not a flow that asks forever.
    t.ui.queue(...createAnswers(), INSERT, 'latin1/closed/.env', 'VUED_API_KEY', '$cancel', FINISH);
    await vscode.commands.executeCommand(Commands.createApiKey);
    const [secret] = issuedSecrets(server);
    assert.deepStrictEqual(fs.readFileSync(file), Buffer.concat([LATIN1, Buffer.from(`VUED_API_KEY=${secret}\r\n`)]));
    assert.deepStrictEqual(messages(t.ui.transcript, 'error'), []);
  });

  it('open in an editor without unsaved changes: written on disk, and the editor shows it', async () => {
    const file = writeWorkspaceFile('latin1/open/.env', LATIN1);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc);
    assert.ok(!doc.isDirty);
    t.ui.queue(...createAnswers(), INSERT, 'latin1/open/.env', 'VUED_API_KEY', '$cancel', FINISH);
    await vscode.commands.executeCommand(Commands.createApiKey);
    const [secret] = issuedSecrets(server);
    assert.deepStrictEqual(fs.readFileSync(file), Buffer.concat([LATIN1, Buffer.from(`VUED_API_KEY=${secret}\r\n`)]), 'the bytes on disk, not the editor\'s decoding of them');
    await waitFor(() => doc.getText().includes(`VUED_API_KEY=${secret}`), 'the editor to show the file as it is on disk', 10_000);
    assert.ok(!doc.isDirty);
  });

  it('open with unsaved changes: a sentence, and neither the file nor the buffer changes', async () => {
    const file = writeWorkspaceFile('latin1/dirty/.env', LATIN1);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), 'TYPED=1\n'));
    const buffer = doc.getText();
    assert.ok(doc.isDirty);
    t.ui.queue(...createAnswers(), INSERT, 'latin1/dirty/.env', 'VUED_API_KEY', '$cancel', FINISH);
    await vscode.commands.executeCommand(Commands.createApiKey);
    assert.deepStrictEqual(messages(t.ui.transcript, 'error'), [
      '.env is not UTF-8 text and has unsaved changes in its editor, so it was not changed. Save or revert them, then try again.',
    ]);
    assert.deepStrictEqual(fs.readFileSync(file), LATIN1);
    assert.strictEqual(doc.getText(), buffer);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('what a killed writer left is never offered as a .env file, and the sweep removes it, logging its name', async () => {
    const dir = path.join(workspaceDir(), 'leftovers');
    const pid = spawnSync(process.execPath, ['-e', '']).pid; // a process that has ended
    const secret = 'vued_sk_LeftoverOnlyZ9x8c7v6b5n4m3';
    writeWorkspaceFile('leftovers/.env', 'A=1\n');
    writeWorkspaceFile(`leftovers/.env-vued-tmp-${pid}-0123abcd-.env/.gitignore`, '*\n');
    writeWorkspaceFile(`leftovers/.env-vued-tmp-${pid}-0123abcd-.env/new`, `A=1\nVUED_API_KEY=${secret}\n`);
    writeWorkspaceFile('leftovers/.env-vued-lock-.env', JSON.stringify({ pid, host: os.hostname(), time: Date.now(), token: 'gone' }));
    writeWorkspaceFile(`leftovers/.vued-tmp-${pid}-0123456789ab-.env`, `A=1\nVUED_API_KEY=${secret}\n`);

    t.ui.queue(...createAnswers(), INSERT, '$cancel', '$cancel', FINISH);
    await vscode.commands.executeCommand(Commands.createApiKey);
    const pick = t.ui.transcript.find((e) => e.kind === 'pick' && e.items?.some((i) => i.startsWith('leftovers/')));
    assert.deepStrictEqual(pick?.items?.filter((i) => i.startsWith('leftovers/')), ['leftovers/.env']);

    await t.writeLeftovers.sweep();
    assert.deepStrictEqual(fs.readdirSync(dir), ['.env']);
    assert.strictEqual(fs.readFileSync(path.join(dir, '.env'), 'utf8'), 'A=1\n');
    const logged = () => filesUnder(t.logDir).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
    await waitFor(() => logged().includes(`Removed .vued-tmp-${pid}-0123456789ab-.env, left beside .env by a write that did not finish.`), 'the log to name what was removed');
    assert.ok(logged().includes(`Removed .env-vued-tmp-${pid}-0123abcd-.env, left beside .env by a write that did not finish.`));
    assert.ok(!logged().includes(secret));
  });
});
