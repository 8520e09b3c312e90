/** Where each key is used, and rotating it in one step — against the local API and real files. */
import * as assert from 'assert';
import * as dotenv from 'dotenv';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { TreeCommands } from '../../src/constants';
import { findEnvFiles } from '../../src/envFiles/find';
import { type TreeNode } from '../../src/views/tree/treeNode';
import type { VuedApiServer } from '../fixtures/vuedApiServer';
import { apiKey } from '../support/builders';
import { afterWatcher, printTranscriptOnFailure, setSetting, signIn, startApi, testingApi, waitFor, writeWorkspaceFile } from '../support/integration';
import { sleep } from '../support/sleep';

const ORG_U = '6e5d4c3b-2a19-4f08-9e7d-6c5b4a392817';
type Testing = Awaited<ReturnType<typeof testingApi>>;

async function orgNode(t: Testing): Promise<TreeNode> {
  const row = (await t.tree.roots()).find((r) => r.item.id?.endsWith(`/org:${ORG_U}`));
  assert.ok(row, 'the organization is in the tree');
  return row.node;
}

async function keyRow(t: Testing, name: string) {
  const rows = await t.tree.children(await orgNode(t));
  const row = rows.find((r) => r.item.label === name);
  assert.ok(row, `key ${name} is listed: ${rows.map((r) => r.item.label).join(', ')}`);
  return row;
}

/** Creates a key in ORG_U through the tree command and returns its id and secret. */
async function createKey(t: Testing, server: VuedApiServer, name: string, expiry = 'Never'): Promise<{ id: string; secret: string }> {
  const before = server.issued().length;
  t.ui.reset();
  t.ui.queue(name, 'read deploy', expiry, 'Copy to Clipboard', '$cancel');
  await vscode.commands.executeCommand(TreeCommands.createApiKeyInOrganization, await orgNode(t));
  const issued = server.issued()[before];
  assert.ok(issued, 'the key was created');
  await vscode.env.clipboard.writeText('');
  return { id: issued.key.id, secret: issued.secret };
}

describe('key usages and rotation', () => {
  let server: VuedApiServer;
  let t: Testing;

  before(async () => {
    t = await testingApi();
    server = await startApi();
    await signIn(t);
    t.ui.reset();
    t.ui.queue(ORG_U, 'Usage org');
    await vscode.commands.executeCommand(TreeCommands.addOrganization);
    // Folders first: a file created in a folder made a moment earlier can escape a recursive
    // (inotify) watcher that has not added the new folder yet.
    for (const dir of ['a', 'b', 'c', 'rw', 'ro', 'inc1', 'inc2', 'inc3', 'list', 'late', 'latin', 'plain', 'watched', 'unwatched']) {
      fs.mkdirSync(`${vscode.workspace.workspaceFolders![0].uri.fsPath}/usage/${dir}`, { recursive: true });
    }
    await sleep(500);
  });
  printTranscriptOnFailure(() => t);
  after(async () => {
    await setSetting('apiBaseUrl', undefined);
    await server.close();
  });


  it('shows where a key is used: one row per file and variable, opening the file at that line, no secret on screen', async () => {
    const { secret } = await createKey(t, server, 'Used key');
    writeWorkspaceFile('usage/a/.env', `# a\r\nVUED_API_KEY=${secret}\r\nOTHER=1\r\n`);
    writeWorkspaceFile('usage/b/.env.local', `X=2\nexport SERVICE_KEY="${secret}" # svc\n`);
    writeWorkspaceFile('usage/c/.env', 'NOTHING=here\n');
    await afterWatcher(async () => String((await keyRow(t, 'Used key')).item.description).includes('in 2 files'), 'the usage rows', () => t.tree.refresh(), 10000);
    const row = await keyRow(t, 'Used key');
    assert.match(String(row.item.contextValue), /\bused\b/);
    assert.strictEqual(row.item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const uses = await t.tree.children(row.node);
    assert.deepStrictEqual(uses.map((u) => u.item.label), ['usage/a/.env — VUED_API_KEY', 'usage/b/.env.local — SERVICE_KEY']);
    const [uri, options] = uses[0].item.command!.arguments as [vscode.Uri, { selection: vscode.Range }];
    assert.strictEqual(uses[0].item.command!.command, 'vscode.open');
    assert.ok(uri.fsPath.endsWith('usage/a/.env'));
    assert.strictEqual(options.selection.start.line, 1, 'the CRLF file opens at line 2');
    assert.strictEqual((uses[1].item.command!.arguments![1] as { selection: vscode.Range }).selection.start.line, 1);
    for (const u of [row, ...uses]) {
      for (const text of [u.item.label, u.item.description, u.item.tooltip, t.tree.tooltip(u.node)]) {
        assert.ok(!String(text ?? '').includes(secret), 'no secret in labels or tooltips');
      }
    }
    t.ui.reset();
    t.ui.queue('$cancel');
    const found = await vscode.commands.executeCommand<unknown[]>(TreeCommands.findKeyUsages, row.node);
    assert.strictEqual(found.length, 2);
    assert.deepStrictEqual(t.ui.transcript[0].items, ['usage/a/.env — VUED_API_KEY', 'usage/b/.env.local — SERVICE_KEY']);
  });

  it('rotate: one POST, both files changed only in the value, then one DELETE', async () => {
    const old = (await keyRow(t, 'Used key')).node;
    const a = 'usage/a/.env';
    const b = 'usage/b/.env.local';
    const before = { a: fs.readFileSync(wsPath(a), 'utf8'), b: fs.readFileSync(wsPath(b), 'utf8'), c: fs.readFileSync(wsPath('usage/c/.env'), 'utf8') };
    const oldSecret = dotenv.parse(before.a).VUED_API_KEY;
    const posts = server.count('POST');
    t.ui.reset();
    t.ui.queue('Rotate', 'Revoke Old Key', '$cancel');
    const result = await vscode.commands.executeCommand<{ revokedOld: boolean; written: string[] }>(TreeCommands.rotateApiKey, old);
    const confirm = t.ui.transcript[0];
    assert.match(confirm.text, /Rotate the API key "Used key"\?/);
    assert.ok(confirm.text.includes(`${a} — VUED_API_KEY`) && confirm.text.includes(`${b} — SERVICE_KEY`), 'the modal lists the files and variables');
    assert.match(confirm.text, /Scopes: read, deploy/);
    assert.strictEqual(server.count('POST') - posts, 1, 'one POST');
    assert.strictEqual(server.count('DELETE'), 1, 'one DELETE');
    assert.strictEqual(result.revokedOld, true);
    const fresh = server.issued()[server.issued().length - 1];
    assert.strictEqual(fresh.key.name, 'Used key');
    assert.deepStrictEqual(fresh.key.scopes, ['read', 'deploy']);
    assert.strictEqual(fresh.key.expiresAt, null, 'same lifetime: never');
    const after = { a: fs.readFileSync(wsPath(a), 'utf8'), b: fs.readFileSync(wsPath(b), 'utf8'), c: fs.readFileSync(wsPath('usage/c/.env'), 'utf8') };
    assert.strictEqual(after.a, before.a.replace(oldSecret, fresh.secret), 'CRLF file: only the value changed');
    assert.strictEqual(after.b, before.b.replace(oldSecret, fresh.secret), 'export file: only the value changed');
    assert.strictEqual(after.c, before.c);
    assert.strictEqual(dotenv.parse(after.a).VUED_API_KEY, fresh.secret);
    assert.strictEqual(dotenv.parse(after.b).SERVICE_KEY, fresh.secret);
    for (const m of t.ui.transcript) {
      assert.ok(!m.text.includes(fresh.secret) && !m.text.includes(oldSecret), 'no message shows a secret');
    }
    console.log(`    rotate: ${server.count('POST') - posts} POST, ${server.count('DELETE')} DELETE, ${result.written.length} files updated`);
  });

  it('rotate with a read-only file: no DELETE, and the file is named with the key it still holds', async () => {
    const { secret } = await createKey(t, server, 'Half rotated');
    writeWorkspaceFile('usage/rw/.env', `HALF=${secret}\n`);
    const ro = writeWorkspaceFile('usage/ro/.env', `HALF=${secret}\n`);
    fs.chmodSync(ro, 0o444);
    try {
      await afterWatcher(async () => String((await keyRow(t, 'Half rotated')).item.description).includes('in 2 files'), 'the usage rows', () => t.tree.refresh(), 10000);
      const deletes = server.count('DELETE');
      t.ui.reset();
      t.ui.queue('Rotate', '$cancel', '$cancel');
      const result = await vscode.commands.executeCommand<{ revokedOld: boolean; failed: string[] }>(TreeCommands.rotateApiKey, (await keyRow(t, 'Half rotated')).node);
      assert.strictEqual(server.count('DELETE'), deletes, 'no DELETE');
      assert.strictEqual(result.revokedOld, false);
      assert.deepStrictEqual(result.failed, ['usage/ro/.env']);
      const report = t.ui.transcript.find((e) => e.kind === 'message' && /Rotation incomplete/.test(e.text));
      assert.ok(report, 'the user is told');
      assert.match(report.text, /usage\/rw\/\.env holds the new key/);
      assert.match(report.text, /usage\/ro\/\.env still holds the old key \(.*read-only/);
      assert.strictEqual(fs.readFileSync(ro, 'utf8'), `HALF=${secret}\n`);
      const fresh = server.issued()[server.issued().length - 1];
      assert.strictEqual(dotenv.parse(fs.readFileSync(wsPath('usage/rw/.env'))).HALF, fresh.secret);
    } finally {
      fs.chmodSync(ro, 0o644);
    }
  });

  it('rotate a key held in a list, a commented-out line and two definitions: the other key survives byte for byte, each occurrence holds the new secret', async () => {
    const { secret } = await createKey(t, server, 'Listed key');
    const { secret: other } = await createKey(t, server, 'Other listed key');
    const rel = 'usage/list/.env';
    const before =
      `# deploy keys\r\nVUED_API_KEYS=${secret},${other}\r\n# VUED_API_KEY=${secret}\r\nVUED_API_KEY=${secret}\r\n` +
      `export VUED_API_KEY="${secret}"\r\nAUTH='Bearer ${secret}' # ${other}\r\n`;
    writeWorkspaceFile(rel, before);
    await afterWatcher(async () => String((await keyRow(t, 'Listed key')).item.description).includes('in 1 file'), 'the usage rows', () => t.tree.refresh(), 10000);
    const uses = await t.tree.children((await keyRow(t, 'Listed key')).node);
    assert.deepStrictEqual(uses.map((u) => u.item.label), [
      `${rel} — VUED_API_KEYS`,
      `${rel} line 3 (comment)`,
      `${rel} — VUED_API_KEY`,
      `${rel} — VUED_API_KEY`,
      `${rel} — AUTH`,
    ]);
    const posts = server.count('POST');
    const deletes = server.count('DELETE');
    t.ui.reset();
    t.ui.queue('Rotate', 'Revoke Old Key', '$cancel');
    const result = await vscode.commands.executeCommand<{ revokedOld: boolean; written: string[] }>(TreeCommands.rotateApiKey, (await keyRow(t, 'Listed key')).node);
    const confirm = t.ui.transcript[0].text;
    for (const line of [`• ${rel} — VUED_API_KEYS`, `• ${rel} — VUED_API_KEY`, `• ${rel} — AUTH`, `Also in comments: ${rel} line 3`]) {
      assert.ok(confirm.includes(line), `the confirmation lists "${line}": ${confirm}`);
    }
    assert.strictEqual(server.count('POST') - posts, 1, 'one POST');
    const fresh = server.issued()[server.issued().length - 1];
    const after = fs.readFileSync(wsPath(rel), 'utf8');
    assert.strictEqual(after, before.split(secret).join(fresh.secret), 'exactly the old secret\'s characters changed, everywhere');
    assert.ok(after.includes(`,${other}\r\n`) && after.includes(`# ${other}\r\n`), 'the other key survives byte for byte');
    const was = dotenv.parse(before);
    const now = dotenv.parse(after);
    for (const name of Object.keys(was)) {
      assert.strictEqual(now[name], was[name].split(secret).join(fresh.secret), `dotenv reads ${name} with only the key replaced`);
    }
    assert.strictEqual(now.VUED_API_KEYS, `${fresh.secret},${other}`);
    const offer = t.ui.transcript.find((e) => e.kind === 'message' && /was rotated/.test(e.text));
    assert.ok(offer?.text.includes(`Also in comments: ${rel} line 3.`), `the offer says what changed in comments: ${offer?.text}`);
    assert.strictEqual(result.revokedOld, true);
    assert.strictEqual(server.count('DELETE') - deletes, 1, 'the old key was revoked once');
    for (const m of t.ui.transcript) {
      assert.ok(!m.text.includes(fresh.secret) && !m.text.includes(secret) && !m.text.includes(other), 'no message shows a secret');
    }
  });

  it('rotate: a file that takes the old key while "Rotate?" is open is found when every file is read again, and revoking is not offered', async () => {
    const { secret } = await createKey(t, server, 'Late key');
    writeWorkspaceFile('usage/plain/.env', `LATE=${secret}\n`);
    await afterWatcher(async () => String((await keyRow(t, 'Late key')).item.description).includes('in 1 file'), 'the usage rows', () => t.tree.refresh(), 10000);
    const deletes = server.count('DELETE');
    t.ui.reset();
    t.ui.queue(() => {
      writeWorkspaceFile('usage/late/.env', `# copied from plain/.env\nLATE=${secret}\n`);
      return 'Rotate';
    }, '$cancel', '$cancel');
    const result = await vscode.commands.executeCommand<{ revokedOld: boolean; written: string[] }>(TreeCommands.rotateApiKey, (await keyRow(t, 'Late key')).node);
    assert.strictEqual(server.count('DELETE'), deletes, 'no DELETE');
    assert.strictEqual(result.revokedOld, false);
    assert.deepStrictEqual(result.written, ['usage/plain/.env']);
    assert.ok(!t.ui.transcript.some((e) => /was rotated/.test(e.text)), 'revoking was not offered');
    const report = t.ui.transcript.find((e) => e.kind === 'message' && /Rotation incomplete/.test(e.text));
    assert.ok(report, 'the user is told');
    assert.match(report.text, /usage\/plain\/\.env holds the new key/);
    assert.match(report.text, /usage\/late\/\.env still holds the old key \(the old key was found in it when the files were read again\)/);
    assert.strictEqual(dotenv.parse(fs.readFileSync(wsPath('usage/late/.env'))).LATE, secret, 'the late file was not touched');
  });

  it('rotate: a .env that is not UTF-8 (a Latin-1 comment) is listed, and while its write is refused, revoking is not offered', async () => {
    const { secret } = await createKey(t, server, 'Latin key');
    const latin = Buffer.concat([Buffer.from('# Configuraci\xf3n del servicio\r\n', 'latin1'), Buffer.from(`VUED_API_KEY=${secret}\r\nCIUDAD=M\xe1laga\r\n`, 'latin1')]);
    const latinFile = writeWorkspaceFile('usage/latin/.env', latin);
    writeWorkspaceFile('usage/plain/.env', `PLAIN=${secret}\n`);
    try {
      await rotateWithLatin1File(secret, latin, latinFile);
    } finally {
      // Other suites read the workspace's .env files: leave no Latin-1 one behind.
      fs.rmSync(latinFile, { force: true });
    }
  });

  async function rotateWithLatin1File(secret: string, latin: Buffer, latinFile: string): Promise<void> {
    await afterWatcher(async () => String((await keyRow(t, 'Latin key')).item.description).includes('in 2 files'), 'the usage rows (the Latin-1 file is read)', () => t.tree.refresh(), 10000);
    const deletes = server.count('DELETE');
    t.ui.reset();
    t.ui.queue('Rotate', '$cancel', '$cancel');
    const result = await vscode.commands.executeCommand<{ revokedOld: boolean; written: string[]; failed: string[] }>(TreeCommands.rotateApiKey, (await keyRow(t, 'Latin key')).node);
    assert.ok(t.ui.transcript[0].text.includes('• usage/latin/.env — VUED_API_KEY'), `the plan lists the Latin-1 file: ${t.ui.transcript[0].text}`);
    const fresh = server.issued()[server.issued().length - 1];
    assert.strictEqual(dotenv.parse(fs.readFileSync(wsPath('usage/plain/.env'))).PLAIN, fresh.secret);
    const now = fs.readFileSync(latinFile);
    if (now.equals(latin)) {
      // Its write is refused: the file still holds the old key, so revoking is not offered.
      assert.strictEqual(result.revokedOld, false);
      assert.strictEqual(server.count('DELETE'), deletes, 'no DELETE');
      const report = t.ui.transcript.find((e) => e.kind === 'message' && /Rotation incomplete/.test(e.text));
      assert.ok(report, 'the user is told');
      assert.match(report.text, /usage\/latin\/\.env still holds the old key \(.*not UTF-8/);
      console.log('      Latin-1 .env: write refused, revoke not offered');
    } else {
      // Written byte for byte: every other byte stays.
      assert.ok(now.equals(Buffer.from(latin.toString('latin1').split(secret).join(fresh.secret), 'latin1')), 'only the secret\'s bytes changed');
      console.log('      Latin-1 .env: written byte for byte');
    }
  }

  it('after one .env is saved, only that file is read again: its rows change, the other files\' rows stay', async () => {
    const created = await createKey(t, server, 'Incremental key');
    // The key's prefix and a made-up rest: found as the key, yet not the secret, since VS Code's
    // local history keeps a copy of every file saved through an editor.
    const prefix = server.issued().find((i) => i.key.id === created.id)!.key.keyPrefix;
    const secret = `${prefix}${'0'.repeat(24)}`;
    writeWorkspaceFile('usage/inc1/.env', `ONE=${secret}\n`);
    writeWorkspaceFile('usage/inc2/.env', `TWO=${secret}\nexport TWO_B="${secret}"\n`);
    writeWorkspaceFile('usage/inc3/.env', 'NONE=1\n');
    // Sorted: files found by a new listing come in the search's order.
    const labels = async () => (await t.tree.children((await keyRow(t, 'Incremental key')).node)).map((u) => `${String(u.item.label)}@${(u.item.command!.arguments![1] as { selection: vscode.Range }).selection.start.line}`).sort();
    const expected = ['usage/inc1/.env — ONE@0', 'usage/inc2/.env — TWO@0', 'usage/inc2/.env — TWO_B@1'];
    await waitFor(async () => JSON.stringify(await labels()) === JSON.stringify(expected), 'the new files\' rows (created files are read)', 15000);
    const envFiles = (await findEnvFiles(100_000)).length;
    assert.ok(envFiles >= 8, `the workspace has several .env files (${envFiles})`);
    // Let the watcher's events for the files just written arrive before counting reads.
    await sleep(1000);

    const doc = await vscode.workspace.openTextDocument(wsPath('usage/inc1/.env'));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), `# moved\nRENAMED=${secret}\n`);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const reads = t.envIndex.readCount();
    assert.ok(await doc.save());
    const after = ['usage/inc1/.env — RENAMED@1', 'usage/inc2/.env — TWO@0', 'usage/inc2/.env — TWO_B@1'];
    await waitFor(async () => JSON.stringify(await labels()) === JSON.stringify(after), 'the saved file\'s rows');
    await sleep(1000);
    const reread = t.envIndex.readCount() - reads;
    // The save event and the watcher's change event for the same file: one or two reads of it, not the workspace.
    assert.ok(reread >= 1 && reread <= 2, `only the saved file was read again (${reread} reads; ${envFiles} .env files)`);
    assert.deepStrictEqual(await labels(), after, 'the other files\' rows are unchanged');
    assert.strictEqual(dotenv.parse(fs.readFileSync(wsPath('usage/inc1/.env'))).RENAMED, secret, 'the oracle agrees on what the saved file defines');

    fs.rmSync(wsPath('usage/inc2/.env'));
    await afterWatcher(async () => JSON.stringify(await labels()) === JSON.stringify(['usage/inc1/.env — RENAMED@1']), 'the deleted file\'s rows go', () => t.tree.refresh(), 10000);
  });

  it('one watcher for every consumer: a .env created on disk reaches the usage rows and the Problems of that closed file', async () => {
    const created = await createKey(t, server, 'Watched key');
    const prefix = server.issued().find((i) => i.key.id === created.id)!.key.keyPrefix;
    // The key's prefix and a made-up rest (found as the key), and a value of Vued shape no key owns.
    const used = `${prefix}${'2'.repeat(24)}`;
    const stray = `vued_sk_Ws7q${'Tr4yV4lu3'.repeat(3)}`;
    await keyRow(t, 'Watched key');
    const file = vscode.Uri.file(writeWorkspaceFile('usage/watched/.env', `USED=${used}\nSTRAY=${stray}\n`));
    const problems = () => vscode.languages.getDiagnostics(file).filter((d) => d.source === 'Vued').map((d) => `${vscode.DiagnosticSeverity[d.severity]} ${d.range.start.line} ${String(d.code)}`);
    await afterWatcher(
      async () => String((await keyRow(t, 'Watched key')).item.description).includes('in 1 file') && JSON.stringify(problems()) === JSON.stringify(['Information 1 unknown-secret']),
      'the usage row and the Problem of the new file',
      () => t.tree.refresh(),
      10000,
    );
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === file.toString()), 'the file was never opened');
    assert.deepStrictEqual((await t.tree.children((await keyRow(t, 'Watched key')).node)).map((u) => u.item.label), ['usage/watched/.env — USED']);
    fs.rmSync(file.fsPath);
    await afterWatcher(async () => problems().length === 0 && !String((await keyRow(t, 'Watched key')).item.description).includes('in 1 file'), 'the deleted file leaves both', () => t.tree.refresh(), 10000);
  });

  it('finds a .env no watcher event tells of the next time the rows are shown: the listing is taken again', async () => {
    // files.watcherExclude hides a folder from VS Code's file watcher but not from its search: no
    // event ever comes for a file written there, as when a loaded machine loses or delays one.
    const files = vscode.workspace.getConfiguration('files');
    await files.update('watcherExclude', { ...files.get<Record<string, boolean>>('watcherExclude'), '**/usage/unwatched/**': true }, vscode.ConfigurationTarget.Workspace);
    try {
      const created = await createKey(t, server, 'Unwatched key');
      const prefix = server.issued().find((i) => i.key.id === created.id)!.key.keyPrefix;
      assert.doesNotMatch(String((await keyRow(t, 'Unwatched key')).item.description), /in 1 file/);
      await sleep(1000);
      writeWorkspaceFile('usage/unwatched/.env', `HIDDEN=${prefix}${'3'.repeat(24)}\n`);
      // No refresh, no event: the rows are only asked for again, as the view does.
      await waitFor(async () => String((await keyRow(t, 'Unwatched key')).item.description).includes('in 1 file'), 'the row of a file no event told of', 20000);
    } finally {
      await files.update('watcherExclude', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('past the .env file cap, the view says it stopped instead of ignoring the rest silently', async () => {
    // A lowered cap through the test hook: the same code path as 5,000, without writing 5,001
    // files into the workspace every other suite shares.
    const envFiles = (await findEnvFiles(100_000)).length;
    const capRow = async () => (await t.tree.children(await orgNode(t))).find((r) => /^Stopped after/.test(String(r.item.label)));
    try {
      t.envIndex.setMaxFiles(envFiles);
      await sleep(50);
      assert.strictEqual(await capRow(), undefined, `no message when every one of the ${envFiles} files was read`);
      t.envIndex.setMaxFiles(envFiles - 1);
      await waitFor(async () => (await capRow()) !== undefined, 'the cap row');
      const row = (await capRow())!;
      assert.strictEqual(row.item.label, `Stopped after ${(envFiles - 1).toLocaleString('en-US')} .env files; usages beyond them are not shown.`);
      assert.strictEqual(row.item.contextValue, 'notice');
      const before = t.envIndex.readCount();
      await t.tree.children(await orgNode(t));
      t.tree.refresh();
      await capRow();
      assert.strictEqual(t.envIndex.readCount() - before, envFiles - 1, 'exactly the files under the cap were read');
    } finally {
      t.envIndex.setMaxFiles(undefined);
    }
    await waitFor(async () => (await capRow()) === undefined, 'the cap row goes with the default cap');
  });

  it('the view badge counts keys that expire within 7 days', async () => {
    const now = Date.now();
    server.seedKeys(ORG_U, [
      apiKey('ab000000-0000-4000-8000-0000000000e1', { name: 'Soon', keyPrefix: 'vued_sk_soon', scopes: [], createdAt: now, expiresAt: now + 2 * 86_400_000 }),
    ]);
    t.tree.refresh();
    await keyRow(t, 'Soon');
    await waitFor(() => (t.tree.badge()?.value ?? 0) >= 1, 'the badge');
    assert.match(t.tree.badge()!.tooltip, /expire within 7 days|expires within 7 days/);
    const row = await keyRow(t, 'Soon');
    assert.match(String(row.item.contextValue), /\bexpiring\b/, 'expiring keys offer Rotate inline (menu when-clause)');
  });
});

function wsPath(rel: string): string {
  return `${vscode.workspace.workspaceFolders![0].uri.fsPath}/${rel}`;
}
