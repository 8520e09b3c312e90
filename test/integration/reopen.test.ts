/**
 * A key kept in the keychain, in a window opened later (run by `runCodeServer --reopen`: two
 * windows one after the other on the same code-server user-data dir, port, browser profile and
 * workspace folder). The first keeps a key for VUED_API_KEY and uses it in a terminal and a debug
 * session; the second reads nothing from SecretStorage until a terminal asks for it, then gives its
 * terminal and its debug session the same secret; and afterwards no byte of the secret is in the
 * user-data dir, the browser profile (the web workbench's storage) or the workspace folder.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import { filesUnder } from '../support/leakScan';
import { apiSuite, createAnswers, type Testing, testingApi, userDataDir, waitFor, workspaceDir } from '../support/integration';
import { debugHash, newTerminalWithKeys, removeOutputs, sha256, terminalHash } from '../support/keychain';
import { sleep } from '../support/sleep';

const PHASE = process.env.VUED_TEST_PHASE;
const SHARED = process.env.VUED_TEST_REOPEN_DIR ?? '';
/** What the first window leaves for the second: the hash of the secret and where it is kept (never the secret). */
const EXPECTED = path.join(SHARED, 'expected.json');

interface Expected {
  hash: string;
  origin: string;
  keyId: string;
}

/** Every file of the user-data dir, the browser profile and the workspace, and what the scan found in them. */
async function scan(t: Testing): Promise<{ files: number; hits: string[] }> {
  const files = [...filesUnder(userDataDir(t)), ...filesUnder(path.join(SHARED, 'browser')), ...filesUnder(workspaceDir())];
  return { files: files.length, hits: await t.keychain.scanForKeptSecrets(files) };
}

describe('reopen: a key kept in the keychain, in a window opened later', function () {
  this.timeout(120_000);
  after(removeOutputs);

  if (PHASE === 'first') {
    describe('window 1', () => {
      const suite = apiSuite();
      it('keeps a key for VUED_API_KEY and uses it in a terminal and a debug session', async () => {
        const { t, server } = suite;
        t.ui.queue(...createAnswers({ name: 'Reopened key' }), 'Use in Terminals and Debugging', 'VUED_API_KEY', '$cancel');
        await vscode.commands.executeCommand(Commands.createApiKey);
        const [issued] = server.issued();
        assert.ok(issued);
        const origin = new URL(server.url).origin;
        assert.ok(await t.keychain.secretIs(origin, issued.key.id, issued.secret));
        const terminal = await newTerminalWithKeys();
        assert.ok(terminal);
        assert.strictEqual(await terminalHash(terminal, 'VUED_API_KEY'), sha256(issued.secret));
        // A terminal VS Code does restore, left open as the window closes.
        const plain = vscode.window.createTerminal({ name: 'left open' });
        plain.sendText('echo left open');
        assert.strictEqual(await debugHash('VUED_API_KEY'), sha256(issued.secret));
        const expected: Expected = { hash: sha256(issued.secret), origin, keyId: issued.key.id };
        fs.writeFileSync(EXPECTED, JSON.stringify(expected));
        const { files, hits } = await scan(t);
        console.log(`    window 1 leak scan: ${files} files checked, ${hits.length} found`);
        assert.deepStrictEqual(hits, []);
      });
    });
  }

  if (PHASE === 'second') {
    describe('window 2', () => {
      let t: Testing;
      let expected: Expected;
      before(async () => {
        t = await testingApi();
        expected = JSON.parse(fs.readFileSync(EXPECTED, 'utf8')) as Expected;
      });

      it('knows the mapping from workspace state and reads no secret before one is needed', async () => {
        assert.deepStrictEqual(t.keychain.mappings().map((m) => `${m.variable} ${m.origin} ${m.keyId}`), [`VUED_API_KEY ${expected.origin} ${expected.keyId}`]);
        await waitFor(() => /VUED_API_KEY/.test(t.keychain.statusTooltip() ?? ''), 'the status bar to name VUED_API_KEY', 10_000);
        assert.strictEqual(t.contextKeys()['vued.hasHeldKeys'], true);
        assert.strictEqual(t.keychain.secretReads(), 0, 'start-up read nothing from SecretStorage');
      });

      it('a new terminal and a debug session get the same secret, read from SecretStorage on first need', async () => {
        const terminal = await newTerminalWithKeys();
        assert.ok(terminal, 'a terminal was opened');
        assert.strictEqual(t.keychain.secretReads(), 1, 'read once, for the terminal');
        assert.strictEqual(await terminalHash(terminal, 'VUED_API_KEY'), expected.hash);
        assert.strictEqual(await debugHash('VUED_API_KEY'), expected.hash);
        assert.strictEqual(t.keychain.secretReads(), 1, 'kept in memory for the rest of the window');
        terminal.dispose();
      });

      it('no byte of the secret is in the user-data dir, the browser profile or the workspace folder', async () => {
        await sleep(1500);
        const { files, hits } = await scan(t);
        console.log(`    window 2 leak scan: ${files} files checked, ${hits.length} found`);
        assert.ok(files > 0);
        assert.deepStrictEqual(hits, []);
      });
    });
  }
});
