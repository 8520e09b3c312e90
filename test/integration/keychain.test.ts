/**
 * Keys without a file: a key kept in the keychain (SecretStorage) for this workspace's terminals and
 * debug sessions, in the real extension host. A terminal's shell and a Node program run under the
 * built-in JavaScript debugger each write the SHA-256 of the variable they got to a file outside the
 * workspace, and the test compares it with the hash of the secret; an explicit value in the launch
 * configuration wins; Keep in Keychain Instead moves a `.env` value out of the file (every other
 * byte kept); rotation, revocation and sign-out carry the keychain along; Forget takes the variable
 * out of the next terminal. Last, no byte of a kept secret is in the user-data dir or the workspace.
 */
import * as assert from 'assert';
import * as dotenv from 'dotenv';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { Commands, TreeCommands } from '../../src/constants';
import type { PublicApiKey } from '../../src/core/api/types';
import type { VuedApiServer } from '../fixtures/vuedApiServer';
import { apiKey } from '../support/builders';
import { filesUnder, scanFiles } from '../support/leakScan';
import {
  apiSuite, createAnswers, issuedSecrets, keychainSecrets, messages, ORG, setSetting, signIn, type Testing, userDataDir, waitFor, workspaceDir, writeWorkspaceFile,
} from '../support/integration';
import { debugHash, newTerminalWithKeys, removeOutputs, sha256, terminalHash } from '../support/keychain';
import { sleep } from '../support/sleep';

const USE = 'Use in Terminals and Debugging';
const KEEP = 'Keep in Keychain Instead';
const DAY = 86_400_000;

function vuedLog(t: Testing): string {
  return filesUnder(t.logDir).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
}

describe('keys without a file: the keychain for terminals and debugging', function () {
  this.timeout(120_000);
  const suite = apiSuite({ resetSettings: ['inject.debug', 'inject.terminals'] });
  let server: VuedApiServer;
  let t: Testing;
  const terminals: vscode.Terminal[] = [];
  /** The key created and kept in the first test, and its secret. */
  let kept: { key: PublicApiKey; secret: string } | undefined;
  let origin = '';

  before(async () => {
    ({ t, server } = suite);
    origin = new URL(server.url).origin;
  });
  afterEach(() => {
    for (const term of terminals.splice(0)) term.dispose();
  });
  after(async () => {
    // Later suites sign out and revoke: nothing held may ask them questions.
    for (const m of t.keychain.mappings()) await t.keychain.forget(m.origin, m.keyId);
    assert.deepStrictEqual(t.keychain.mappings(), []);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // No byte of a kept secret on disk: the user-data dir (settings, state, logs) and the workspace.
    await sleep(1500);
    const files = [...filesUnder(userDataDir(t)), ...filesUnder(workspaceDir())];
    const hits = scanFiles(files, [...keychainSecrets].map((value) => ({ value, label: 'a secret kept in the keychain' })));
    console.log(`    keychain leak scan: ${files.length} files checked for ${keychainSecrets.size} kept secrets, ${hits.length} found`);
    assert.deepStrictEqual(hits, []);
    removeOutputs();
  });

  it('Use in Terminals and Debugging keeps the secret in SecretStorage and maps VUED_API_KEY, writing no file', async () => {
    const before = filesUnder(workspaceDir()).map((f) => `${f}:${fs.statSync(f).size}`).sort();
    t.ui.queue(...createAnswers({ name: 'Terminal key' }), USE, 'VUED_API_KEY', '$cancel');
    await vscode.commands.executeCommand(Commands.createApiKey);
    const issued = server.issued();
    assert.strictEqual(issued.length, 1);
    kept = { key: issued[0].key, secret: issued[0].secret };
    keychainSecrets.add(kept.secret);
    const prompt = t.ui.transcript.find((e) => e.kind === 'input' && /terminals and debug sessions/.test(e.text));
    assert.strictEqual(prompt?.value, 'VUED_API_KEY', 'the variable is asked for, VUED_API_KEY by default');
    assert.deepStrictEqual(t.keychain.mappings(), [{ variable: 'VUED_API_KEY', origin, orgId: ORG, keyId: kept.key.id, keyName: 'Terminal key', keyPrefix: kept.key.keyPrefix }]);
    assert.ok(await t.keychain.secretIs(origin, kept.key.id, kept.secret), 'SecretStorage holds the secret under the host and key id');
    assert.ok(!messages(t.ui.transcript).some((m) => m.includes('has not been copied or inserted')), 'keeping it counts as saving the secret');
    assert.ok(messages(t.ui.transcript).some((m) => m.includes('Kept in the keychain for VUED_API_KEY')), 'the offer says where it went');
    assert.deepStrictEqual(filesUnder(workspaceDir()).map((f) => `${f}:${fs.statSync(f).size}`).sort(), before, 'no file of the workspace was written');
    assert.match(t.keychain.statusTooltip() ?? '', /get VUED_API_KEY from the keychain/, 'the status bar names the variable');
    assert.ok(!(t.keychain.statusTooltip() ?? '').includes(kept.secret));
    assert.strictEqual(t.contextKeys()['vued.hasHeldKeys'], true);
  });

  it('refuses a variable name Insert refuses, inline', async () => {
    t.ui.queue(...createAnswers({ name: 'Name check' }), USE, '1BAD', 'A-B', 'GOOD_NAME', '$cancel');
    await vscode.commands.executeCommand(Commands.createApiKey);
    keychainSecrets.add(issuedSecrets(server)[0]);
    assert.deepStrictEqual(t.ui.transcript.filter((e) => e.kind === 'input' && e.validation).map((e) => e.answer), ['1BAD', 'A-B']);
    assert.ok(t.keychain.mappings().some((m) => m.variable === 'GOOD_NAME'));
    const good = t.keychain.mappings().find((m) => m.variable === 'GOOD_NAME')!;
    await t.keychain.forget(good.origin, good.keyId);
  });

  it('New Terminal with Vued Keys: a transient terminal whose shell gets the secret (its hash matches)', async () => {
    assert.ok(kept);
    const terminal = await newTerminalWithKeys();
    assert.ok(terminal, 'a terminal was opened');
    terminals.push(terminal);
    const options = terminal.creationOptions as vscode.TerminalOptions;
    assert.strictEqual(options.isTransient, true, 'never restored, so neither its environment nor its scrollback is saved');
    assert.strictEqual(await terminalHash(terminal, 'VUED_API_KEY'), sha256(kept.secret));
    await waitFor(() => vuedLog(t).includes('Opened a terminal with VUED_API_KEY from the keychain'), 'the log line of the terminal');
  });

  it('other terminals get nothing: the shared terminal environment is not used (Show Environment Contributions would print it)', async () => {
    assert.ok(kept);
    const plain = vscode.window.createTerminal({ name: 'plain' });
    terminals.push(plain);
    assert.strictEqual(await terminalHash(plain, 'VUED_API_KEY'), sha256(''));
  });

  it('a Node program run under the debugger gets the secret; launch.json is never written', async () => {
    assert.ok(kept);
    const launchJson = path.join(workspaceDir(), '.vscode', 'launch.json');
    const before = fs.existsSync(launchJson) ? fs.readFileSync(launchJson, 'utf8') : undefined;
    assert.strictEqual(await debugHash('VUED_API_KEY'), sha256(kept.secret));
    assert.strictEqual(fs.existsSync(launchJson) ? fs.readFileSync(launchJson, 'utf8') : undefined, before, 'launch.json unchanged');
    await waitFor(() => vuedLog(t).includes('Debug session "Vued hash": added VUED_API_KEY from the keychain.'), 'the log line of the debug session');
  });

  it('an explicit env value in the launch configuration wins, with a log line that names the variable only', async () => {
    assert.ok(kept);
    assert.strictEqual(await debugHash('VUED_API_KEY', { env: { VUED_API_KEY: 'explicit-value', OTHER: '1' } }), sha256('explicit-value'));
    await waitFor(() => vuedLog(t).includes('Debug session "Vued hash": VUED_API_KEY is set by the launch configuration; its own value is used'), 'the log line naming the variable');
    assert.ok(!vuedLog(t).includes(kept.secret));
  });

  it('vued.inject.debug and vued.inject.terminals off: debug sessions and terminals get nothing', async () => {
    assert.ok(kept);
    await setSetting('inject.debug', false);
    await setSetting('inject.terminals', false);
    try {
      assert.strictEqual(await debugHash('VUED_API_KEY'), 'unset');
      t.ui.reset();
      t.ui.queue('$cancel');
      assert.strictEqual(await newTerminalWithKeys(), undefined, 'no terminal');
      assert.ok(messages(t.ui.transcript).some((m) => m.includes('vued.inject.terminals is off')), messages(t.ui.transcript).join(' | '));
      assert.match(t.keychain.statusTooltip() ?? '', /vued\.inject\.debug and vued\.inject\.terminals are off/);
    } finally {
      await setSetting('inject.debug', undefined);
      await setSetting('inject.terminals', undefined);
    }
    assert.strictEqual(await debugHash('VUED_API_KEY'), sha256(kept.secret), 'on again');
  });

  it('the sidebar marks the key and lists its variable under it', async () => {
    assert.ok(kept);
    server.seedKeys(ORG, [kept.key]);
    t.tree.refresh();
    const org = (await t.tree.roots()).find((r) => r.node.kind === 'organization' && r.node.org.id === ORG);
    assert.ok(org);
    const row = (await t.tree.children(org.node)).find((r) => r.node.kind === 'apiKey' && r.node.key.id === kept!.key.id);
    assert.ok(row, 'the key has a row');
    assert.match(String(row.item.contextValue), /\bheld\b/);
    assert.strictEqual((row.item.iconPath as vscode.ThemeIcon).id, 'terminal');
    const children = await t.tree.children(row.node);
    const variable = children.find((c) => c.node.kind === 'heldVariable');
    assert.strictEqual(variable?.item.label, 'VUED_API_KEY');
    assert.strictEqual(variable?.item.contextValue, 'heldVariable');
  });

  it('Keep in Keychain Instead: the quick fix moves a .env value into the keychain and removes only its line', async () => {
    const secret = `vued_sk_Kc7q${'Ab3dEf6hJk9m'.repeat(3)}`;
    keychainSecrets.add(secret);
    const keyId = 'c0000000-0000-4000-8000-000000000c01';
    server.seedKeys(ORG, [apiKey(keyId, { name: 'Moved key', keyPrefix: secret.slice(0, 12), createdAt: Date.now() - DAY })]);
    t.tree.refresh();
    const org = (await t.tree.roots()).find((r) => r.node.kind === 'organization' && r.node.org.id === ORG);
    assert.ok(org);
    await t.tree.children(org.node);
    await t.editor.rescan();
    const original = `\uFEFF# keep me\r\nexport APP=1\r\n\r\nMOVED_KEY="${secret}" # the key\r\nQUOTED="a # b"\r\nLAST=x`;
    const file = writeWorkspaceFile('keychain/keep/.env', original);
    const uri = vscode.Uri.file(file);
    await vscode.workspace.openTextDocument(uri);
    // The cursor on the value, where the other quick fixes of a value are offered (the editor leaves the BOM out).
    const column = original.split('\r\n')[3].indexOf(secret) + 5;
    const onValue = new vscode.Range(3, column, 3, column);
    const atLineStart = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(3, 0, 3, 0))) ?? [];
    let actions: vscode.CodeAction[] = [];
    await waitFor(async () => {
      actions = ((await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, onValue)) ?? []).filter((a) => a.title === KEEP);
      return actions.length === 1;
    }, 'the Keep in Keychain Instead quick fix on the line', 15_000);
    assert.ok(!(actions[0].command?.arguments ?? []).some((a) => typeof a === 'string' && a.includes(secret)), 'the quick fix carries no value');
    assert.ok(!atLineStart.some((a) => a.title === KEEP), 'not offered away from the value');
    t.ui.reset();
    t.ui.queue(KEEP);
    await vscode.commands.executeCommand(actions[0].command!.command, ...(actions[0].command!.arguments ?? []));
    const confirm = t.ui.transcript.find((e) => e.kind === 'message' && e.modal);
    assert.match(confirm?.text ?? '', /^Keep MOVED_KEY in the keychain instead of keychain\/keep\/\.env\?/);
    assert.ok(!(confirm?.text ?? '').includes(secret));
    const after = fs.readFileSync(file, 'utf8');
    assert.strictEqual(after, '\uFEFF# keep me\r\nexport APP=1\r\n\r\nQUOTED="a # b"\r\nLAST=x', 'only that line and its line break are gone');
    const parsed = dotenv.parse(after);
    assert.deepStrictEqual(parsed, { APP: '1', QUOTED: 'a # b', LAST: 'x' }, 'the other variables read as before');
    assert.ok(await t.keychain.secretIs(origin, keyId, secret));
    assert.ok(t.keychain.mappings().some((m) => m.variable === 'MOVED_KEY' && m.keyId === keyId && m.keyName === 'Moved key'));
    const terminal = await newTerminalWithKeys();
    assert.ok(terminal);
    terminals.push(terminal);
    assert.strictEqual(await terminalHash(terminal, 'MOVED_KEY'), sha256(secret), 'a new terminal gets the moved value');
  });

  it('Keep in Keychain Instead refuses a value whose prefix is no known key\'s, and changes nothing', async () => {
    const unknown = `vued_sk_Zq9x${'Pq4rSt7uVw0x'.repeat(3)}`;
    keychainSecrets.add(unknown);
    const original = `OTHER=1\nUNKNOWN_KEY=${unknown}\n`;
    const file = writeWorkspaceFile('keychain/unknown/.env', original);
    const before = t.keychain.mappings();
    try {
      t.ui.reset();
      t.ui.queue('$cancel');
      await vscode.commands.executeCommand(Commands.keepInKeychain, vscode.Uri.file(file), 'UNKNOWN_KEY');
      assert.ok(messages(t.ui.transcript, 'warning').some((m) => m.includes('does not start with the prefix of a key Vued knows')), messages(t.ui.transcript).join(' | '));
      assert.strictEqual(fs.readFileSync(file, 'utf8'), original);
      assert.deepStrictEqual(t.keychain.mappings(), before);
      // The quick fix is not offered on it either.
      const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
      const column = original.split('\n')[1].indexOf(unknown) + 5;
      const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, new vscode.Range(1, column, 1, column))) ?? [];
      assert.ok(!actions.some((a) => a.title === KEEP), actions.map((a) => a.title).join(' | '));
    } finally {
      // The unknown value stays in this file by design: the workspace scan at the end must not count it.
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
      keychainSecrets.delete(unknown);
    }
  });

  it('rotation lists the keychain in its plan and moves the variable to the new key; the old secret leaves the keychain', async () => {
    assert.ok(kept);
    server.seedKeys(ORG, [kept.key]);
    const node = t.keyNodeFor(origin, ORG, kept.key);
    t.ui.reset();
    t.ui.queue('Rotate', 'Keep It Active', '$cancel');
    await vscode.commands.executeCommand(TreeCommands.rotateApiKey, node);
    const plan = t.ui.transcript.find((e) => e.kind === 'message' && e.text.startsWith('Rotate the API key'));
    assert.match(plan?.text ?? '', /• the keychain — VUED_API_KEY \(terminals and debugging\)/, 'the plan lists the keychain beside the files');
    const [fresh] = server.issued();
    assert.ok(fresh, 'a replacement was created');
    keychainSecrets.add(fresh.secret);
    const mapping = t.keychain.mappings().find((m) => m.variable === 'VUED_API_KEY');
    assert.strictEqual(mapping?.keyId, fresh.key.id, 'VUED_API_KEY stands for the new key');
    assert.ok(await t.keychain.secretIs(origin, fresh.key.id, fresh.secret));
    assert.ok(!(await t.keychain.secretStored(origin, kept.key.id)), 'the old secret left the keychain');
    assert.strictEqual(await debugHash('VUED_API_KEY'), sha256(fresh.secret), 'the next debug session gets the new secret');
    kept = { key: fresh.key, secret: fresh.secret };
  });

  it('revoking a kept key offers to forget it; Forget removes the secret and the mapping', async () => {
    assert.ok(kept);
    server.seedKeys(ORG, [kept.key]);
    const node = t.keyNodeFor(origin, ORG, kept.key);
    t.ui.reset();
    t.ui.queue('Revoke', 'Forget');
    await vscode.commands.executeCommand(TreeCommands.revokeApiKey, node);
    assert.ok(messages(t.ui.transcript).some((m) => m.startsWith(`The revoked key "${kept!.key.name}" is still kept in the keychain for VUED_API_KEY.`)), messages(t.ui.transcript).join(' | '));
    assert.ok(!t.keychain.mappings().some((m) => m.variable === 'VUED_API_KEY'));
    assert.ok(!(await t.keychain.secretStored(origin, kept.key.id)));
  });

  it('Forget takes a variable out of the next terminal, and the other variables stay', async () => {
    // Two keys kept: FIRST_KEY and SECOND_KEY.
    t.ui.queue(...createAnswers({ name: 'First' }), USE, 'FIRST_KEY', '$cancel');
    await vscode.commands.executeCommand(Commands.createApiKey);
    const [first] = server.issued();
    server.reset();
    t.ui.reset();
    t.ui.queue(...createAnswers({ name: 'Second' }), USE, 'SECOND_KEY', '$cancel');
    await vscode.commands.executeCommand(Commands.createApiKey);
    const [second] = server.issued();
    keychainSecrets.add(first.secret);
    keychainSecrets.add(second.secret);
    const before = await newTerminalWithKeys();
    assert.ok(before);
    terminals.push(before);
    assert.strictEqual(await terminalHash(before, 'FIRST_KEY'), sha256(first.secret));

    t.ui.reset();
    t.ui.queue('FIRST_KEY', 'Forget');
    await vscode.commands.executeCommand(Commands.forgetHeldKey);
    assert.ok(!(await t.keychain.secretStored(origin, first.key.id)), 'the secret left SecretStorage');
    assert.ok(!t.keychain.mappings().some((m) => m.variable === 'FIRST_KEY'));
    const next = await newTerminalWithKeys();
    assert.ok(next);
    terminals.push(next);
    assert.strictEqual(await terminalHash(next, 'FIRST_KEY'), sha256(''), 'the next terminal does not get it');
    assert.strictEqual(await terminalHash(next, 'SECOND_KEY'), sha256(second.secret), 'the other variable stays');
  });

  it('signing out asks before forgetting the host\'s kept keys: Keep Them keeps them', async () => {
    assert.ok(t.keychain.mappings().some((m) => m.variable === 'SECOND_KEY'));
    t.ui.reset();
    t.ui.queue('$cancel');
    await vscode.commands.executeCommand(Commands.signOut);
    const asked = t.ui.transcript.find((e) => e.kind === 'message' && e.text.startsWith('Keys of '));
    assert.ok(asked, `signing out asks: ${messages(t.ui.transcript).join(' | ')}`);
    assert.match(asked.text, /still kept in the keychain for this workspace: (.+, )?SECOND_KEY\b/);
    assert.ok(t.keychain.mappings().some((m) => m.variable === 'SECOND_KEY'), 'nothing was forgotten');
    const terminal = await newTerminalWithKeys();
    assert.ok(terminal, 'a kept key works while signed out');
    terminals.push(terminal);
    await signIn(t);
    // Forget Them forgets them.
    t.ui.reset();
    t.ui.queue('Forget Them');
    await vscode.commands.executeCommand(Commands.signOut);
    assert.deepStrictEqual(t.keychain.mappings().filter((m) => m.origin === origin), []);
    await signIn(t);
  });
});
