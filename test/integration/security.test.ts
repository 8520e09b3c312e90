/** Hardening, inside VS Code: hostile settings, origin-bound tokens, VUED_TOKEN, broken secret storage,
 * symlinks and permissions, the clipboard, and a table of bad input. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import { startVuedApiServer, type VuedApiServer } from '../fixtures/vuedApiServer';
import {
  apiSuite, createAnswers, createPosts, issuedSecrets, messages, ORG, setSetting, type Testing, TOKEN, userDataDir, waitFor, workspaceDir, writeWorkspaceFile,
} from '../support/integration';
import { sleep } from '../support/sleep';

const INSERT = 'Insert into .env File…';

describe('hardening', () => {
  const suite = apiSuite({ resetSettings: ['clearClipboardAfterSeconds'] });
  let server: VuedApiServer;
  let t: Testing;

  before(async () => {
    ({ t, server } = suite);
  });

  it('a workspace .vscode/settings.json cannot redirect the token', async () => {
    const evil = await startVuedApiServer({ token: 'evil-token' });
    // envVariableName is a workspace-level setting that does apply: seeing it proves the file was read.
    // Written through VS Code's file service: VS Code 1.90 does not notice a .vscode folder created
    // behind its back on disk, while its own writes reach the configuration service in every version.
    const settings = vscode.Uri.file(path.join(workspaceDir(), '.vscode/settings.json'));
    await vscode.workspace.fs.writeFile(settings, Buffer.from(JSON.stringify({ 'vued.apiBaseUrl': evil.url, 'vued.envVariableName': 'FROM_WORKSPACE' })));
    try {
      await waitFor(() => vscode.workspace.getConfiguration('vued').get('envVariableName') === 'FROM_WORKSPACE', 'VS Code to read the workspace settings');
      t.ui.queue(...createAnswers(), '$cancel', 'Finish Without Saving It');
      await vscode.commands.executeCommand(Commands.createApiKey);
      console.log(`    hostile settings: ${createPosts(server).length} POST to the user-level API, ${evil.requests.length} to the workspace's`);
      assert.strictEqual(createPosts(server).length, 1, 'the key was created at the user-level API');
      assert.strictEqual(evil.requests.length, 0, 'nothing reached the workspace-configured host');
    } finally {
      await vscode.workspace.fs.delete(settings);
      await waitFor(() => vscode.workspace.getConfiguration('vued').get('envVariableName') !== 'FROM_WORKSPACE', 'the workspace settings to go');
      await evil.close();
    }
  });

  it('switching vued.apiBaseUrl asks for a token for the new host and sends the old one nowhere', async () => {
    const other = await startVuedApiServer({ token: 'other-token' });
    try {
      await setSetting('apiBaseUrl', other.url);
      t.ui.queue('$cancel');
      await vscode.commands.executeCommand(Commands.createApiKey);
      const first = t.ui.transcript[0];
      assert.ok(first?.password, 'the first question is a token for the new host');
      assert.match(first.text, new RegExp(`127\\.0\\.0\\.1:${other.port}`));
      assert.strictEqual(other.requests.length, 0);
      t.ui.reset();
      t.ui.queue('other-token', ...createAnswers(), '$cancel', 'Finish Without Saving It');
      await vscode.commands.executeCommand(Commands.createApiKey);
      assert.strictEqual(other.requests[0]?.headers.authorization, 'Bearer other-token');
      assert.ok(!other.requests.some((r) => r.headers.authorization?.includes(TOKEN)), 'the first host\'s token never went to the second');
      // Back on the first host, its own token is still there: no prompt.
      await setSetting('apiBaseUrl', server.url);
      t.ui.reset();
      t.ui.queue(...createAnswers(), '$cancel', 'Finish Without Saving It');
      await vscode.commands.executeCommand(Commands.createApiKey);
      assert.ok(!t.ui.transcript.some((e) => e.password));
      assert.strictEqual(createPosts(server)[0].headers.authorization, `Bearer ${TOKEN}`);
    } finally {
      await other.close();
    }
  });

  it('VUED_TOKEN from the environment is used, and Set Token / Sign Out say they cannot change it', async () => {
    process.env.VUED_TOKEN = TOKEN.toUpperCase();
    try {
      const env = await startVuedApiServer({ token: TOKEN.toUpperCase() });
      await setSetting('apiBaseUrl', env.url);
      await waitFor(() => t.signInState().fromEnvironment === true, 'the status bar to name the environment token');
      t.ui.queue(...createAnswers(), '$cancel', 'Finish Without Saving It');
      await vscode.commands.executeCommand(Commands.createApiKey);
      assert.strictEqual(env.requests[0]?.headers.authorization, `Bearer ${TOKEN.toUpperCase()}`);
      t.ui.reset();
      await vscode.commands.executeCommand(Commands.setToken);
      await vscode.commands.executeCommand(Commands.signOut);
      const said = messages(t.ui.transcript);
      assert.strictEqual(said.filter((m) => m.includes('VUED_TOKEN environment variable')).length, 2, said.join(' | '));
      assert.ok(!t.ui.transcript.some((e) => e.kind === 'input'), 'no token prompt');
      await env.close();
    } finally {
      delete process.env.VUED_TOKEN;
    }
  });

  it('Set Access Token refuses a token an HTTP header cannot carry, with a sentence about the token', async () => {
    const before = server.requests.length;
    t.ui.reset();
    t.ui.queue('vt_abc€def', 'vt_with space', TOKEN);
    await vscode.commands.executeCommand(Commands.setToken);
    const asked = t.ui.transcript.filter((e) => e.kind === 'input');
    assert.deepStrictEqual(asked.map((e) => Boolean(e.validation)), [true, true, false], 'two refused at entry, the good one accepted');
    assert.match(asked[0].validation ?? '', /outside visible ASCII \(U\+20AC\)/);
    assert.match(asked[1].validation ?? '', /spaces/);
    // The sidebar may read the key list with the accepted token once the sessions change; a refused
    // token must never reach the server, in a header or anywhere else.
    const sent = server.requests.slice(before);
    assert.deepStrictEqual(sent.filter((r) => r.headers.authorization !== `Bearer ${TOKEN}`).map((r) => `${r.method} ${r.path}`), [], 'nothing was sent with a refused token');
    assert.ok(sent.every((r) => r.method === 'GET'), 'no request but reading the key list');
  });

  it('a failing SecretStorage names the cause, suggests VUED_TOKEN, and writes the token nowhere else', async () => {
    const restore = t.breakSecretStorage();
    try {
      // A token the server accepts, so it passes the check and reaches the storage that fails.
      t.ui.queue(TOKEN);
      await vscode.commands.executeCommand(Commands.setToken);
      const [error] = messages(t.ui.transcript, 'error');
      assert.match(error, /secret storage \(Cannot create an item in a locked collection\)/);
      assert.match(error, /VUED_TOKEN/);
      const userSettings = path.join(userDataDir(t), 'User', 'settings.json');
      assert.ok(!fs.readFileSync(userSettings, 'utf8').includes(TOKEN));
    } finally {
      restore();
    }
  });

  it('refuses to write through a symbolic link or outside the workspace folder', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'vued-outside-'));
    fs.writeFileSync(path.join(outside, '.env'), 'OUTSIDE=1\n');
    fs.mkdirSync(path.join(workspaceDir(), 'links'), { recursive: true });
    fs.symlinkSync(path.join(outside, '.env'), path.join(workspaceDir(), 'links', '.env'));
    fs.symlinkSync(outside, path.join(workspaceDir(), 'linked-dir'));
    try {
      for (const [pick, reason] of [['links/.env', /symbolic link/], ['linked-dir/.env', /outside the workspace folder/]] as const) {
        t.ui.reset();
        t.ui.queue(...createAnswers(), INSERT, pick, 'VUED_API_KEY', '$cancel', 'Finish Without Saving It');
        await vscode.commands.executeCommand(Commands.createApiKey);
        const errors = messages(t.ui.transcript, 'error');
        assert.ok(errors.some((m) => reason.test(m)), `${pick}: ${errors.join(' | ')}`);
      }
      assert.strictEqual(fs.readFileSync(path.join(outside, '.env'), 'utf8'), 'OUTSIDE=1\n');
    } finally {
      fs.rmSync(path.join(workspaceDir(), 'links'), { recursive: true, force: true });
      fs.rmSync(path.join(workspaceDir(), 'linked-dir'), { force: true });
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('an existing .env keeps its permissions', async () => {
    const file = writeWorkspaceFile('perms/.env', 'A=1\n');
    fs.chmodSync(file, 0o640);
    t.ui.queue(...createAnswers(), INSERT, 'perms/.env', 'VUED_API_KEY', '$cancel');
    await vscode.commands.executeCommand(Commands.createApiKey);
    assert.ok(fs.readFileSync(file, 'utf8').includes(issuedSecrets(server)[0]));
    assert.strictEqual(fs.statSync(file).mode & 0o777, 0o640);
  });

  it('clears the clipboard after vued.clearClipboardAfterSeconds, only if it still holds the secret', async () => {
    await setSetting('clearClipboardAfterSeconds', 1);
    t.ui.queue(...createAnswers(), 'Copy to Clipboard', '$cancel');
    await vscode.commands.executeCommand(Commands.createApiKey);
    const [secret] = issuedSecrets(server);
    assert.strictEqual(await vscode.env.clipboard.readText(), secret);
    assert.ok(messages(t.ui.transcript).some((m) => m.includes('cleared in 1 s')));
    await waitFor(async () => (await vscode.env.clipboard.readText()) === '', 'the clipboard to be cleared', 4000);

    server.reset();
    t.ui.reset();
    t.ui.queue(...createAnswers(), 'Copy to Clipboard', '$cancel');
    await vscode.commands.executeCommand(Commands.createApiKey);
    await vscode.env.clipboard.writeText('something the user copied since');
    await sleep(1500);
    assert.strictEqual(await vscode.env.clipboard.readText(), 'something the user copied since');
    await vscode.env.clipboard.writeText('');
  });

  it('every input step rejects what it must, with a message (table)', async () => {
    const table: Array<{ step: string; bad: string[]; good: string }> = [
      { step: 'Organization ID (a UUID)', bad: ['acme', '12345', '../admin', '5b0c2a4e-7f1d-4c8e-9a3b-2d6f8e1c0a9'], good: ORG },
      { step: 'Name of the new key', bad: ['', '   ', 'tab\there', 'line\nbreak', 'x'.repeat(101)], good: 'Valid name' },
      { step: 'Scopes, separated by commas or spaces (empty: no scopes, and what such a key may do is up to the Vued server)', bad: ['read "write"', 'read;write', 'bell\u0007', 'x'.repeat(101)], good: 'read' },
      { step: 'Expiration date (YYYY-MM-DD); the key works until the end of that day, UTC', bad: ['2020-01-01', '2027-02-30', 'tomorrow', '31/12/2030'], good: '2099-12-31' },
      { step: 'Name of the variable that will hold the secret', bad: ['1BAD', 'BAD-NAME', 'A B', ''], good: 'GOOD_NAME' },
    ];
    writeWorkspaceFile('badinput/.env', '');
    t.ui.queue(
      'Enter organization ID…', ...table[0].bad, table[0].good,
      ...table[1].bad, table[1].good,
      ...table[2].bad, table[2].good,
      'Custom date…', ...table[3].bad, table[3].good,
      INSERT, 'badinput/.env', ...table[4].bad, table[4].good, '$cancel',
    );
    await vscode.commands.executeCommand(Commands.createApiKey);
    let rejected = 0;
    for (const row of table) {
      const entries = t.ui.transcript.filter((e) => e.kind === 'input' && e.text.startsWith(row.step));
      const refused = entries.filter((e) => e.validation);
      assert.deepStrictEqual(refused.map((e) => e.answer), row.bad, `${row.step}: every bad value was refused`);
      assert.ok(refused.every((e) => (e.validation ?? '').length > 10), 'each with a message');
      assert.strictEqual(entries[entries.length - 1].answer, row.good);
      assert.strictEqual(entries[entries.length - 1].validation, undefined, 'the good value was accepted');
      rejected += refused.length;
    }
    const body = createPosts(server)[0].json as Record<string, unknown>;
    assert.strictEqual(body.expires_at, '2099-12-31T23:59:59.999Z');
    console.log(`    bad input: ${rejected} values rejected with a message across ${table.length} steps, 0 accepted`);
  });
});
