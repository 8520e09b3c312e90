/**
 * The key flows as a first-time user meets them: Revoke kept off the row's hover buttons and its
 * question naming where the key is used; the create questions starting from what the user has,
 * with safe defaults; and the flows ending without a chain of modals.
 */
import * as assert from 'assert';
import * as dotenv from 'dotenv';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { Commands, TreeCommands } from '../../src/constants';
import { formatDate } from '../../src/core/common/timestamps';
import { type TreeNode } from '../../src/views/tree/treeNode';
import type { VuedApiServer } from '../fixtures/vuedApiServer';
import { apiKey } from '../support/builders';
import {
  createPosts, issuedSecrets, printTranscriptOnFailure, setSetting, signIn, startApi, testingApi, type Testing, waitFor, workspaceDir, writeWorkspaceFile, liveKeyNode } from '../support/integration';
import type { TranscriptEntry } from '../support/scriptedUi';

const ORG_F = '3c1e2d4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f';
const DAY = 86_400_000;
/** A key no flow of this window created: only the server's list and a .env file know it. */
const LISTED_PREFIX = 'vued_sk_Fl0wRv';
const LISTED_SECRET = `${LISTED_PREFIX}q8ZkP2mWx7Lc4Nt`;
const INSERT = 'Insert into .env File…';

const modals = (transcript: TranscriptEntry[]) => transcript.filter((e) => e.kind === 'message' && e.modal);

describe('[flows] revoke safely, create from what the user has, fewer modals', () => {
  let server: VuedApiServer;
  let t: Testing;

  async function orgNode(): Promise<TreeNode> {
    const row = (await t.tree.roots()).find((r) => r.item.id?.endsWith(`/org:${ORG_F}`));
    assert.ok(row, 'the organization is in the tree');
    return row.node;
  }

  async function keyNode(name: string): Promise<TreeNode> {
    return liveKeyNode(t, await orgNode(), name);
  }

  before(async () => {
    t = await testingApi();
    server = await startApi();
    await signIn(t);
    fs.mkdirSync(path.join(workspaceDir(), 'flows', 'rev'), { recursive: true });
    fs.mkdirSync(path.join(workspaceDir(), 'flows', 'ins'), { recursive: true });
    fs.mkdirSync(path.join(workspaceDir(), 'flows', 'rot'), { recursive: true });
    t.ui.reset();
    t.ui.queue(ORG_F, 'Acme');
    await vscode.commands.executeCommand(TreeCommands.addOrganization);
  });
  beforeEach(() => {
    t.ui.reset();
  });
  printTranscriptOnFailure(() => t);
  after(async () => {
    await setSetting('apiBaseUrl', undefined);
    await server.close();
  });

  it('inline row actions are the safe ones (Rotate on expiring keys, Copy); Revoke is only in the context menu', () => {
    const ext = vscode.extensions.getExtension('vued.vued-api-keys')!;
    const items: Array<{ command: string; when?: string; group?: string }> = ext.packageJSON.contributes.menus['view/item/context'];
    const onKeys = items.filter((i) => (i.when ?? '').includes('viewItem =~ /\\bapiKey\\b/'));
    const inline = onKeys.filter((i) => i.group?.startsWith('inline'));
    assert.deepStrictEqual(inline.map((i) => i.command).sort(), [TreeCommands.copyKeyId, TreeCommands.rotateApiKey].sort(), 'the hover buttons of a key row');
    assert.match(inline.find((i) => i.command === TreeCommands.rotateApiKey)!.when!, /expiring/, 'Rotate is inline on expiring keys only');
    const revoke = onKeys.filter((i) => i.command === TreeCommands.revokeApiKey);
    assert.strictEqual(revoke.length, 1);
    assert.ok(!revoke[0].group?.startsWith('inline'), `Revoke is in the context menu: ${revoke[0].group}`);
  });

  it('revoke names the .env files and variables holding the key and when it was used, then removes a key this window never created', async () => {
    const lastUsed = Date.now() - 3600_000;
    server.seedKeys(ORG_F, [apiKey('f1000000-0000-4000-8000-000000000001', { name: 'Prod key', keyPrefix: LISTED_PREFIX, createdAt: Date.now() - 10 * DAY, lastUsedAt: lastUsed })]);
    const file = writeWorkspaceFile('flows/rev/.env', `# keep\r\nPROD_KEY=${LISTED_SECRET}\r\nOTHER=1\r\n`);
    t.tree.refresh();
    const node = await keyNode('Prod key');
    t.ui.reset();
    t.ui.queue('Revoke', 'Remove from .env Files');
    assert.strictEqual(await vscode.commands.executeCommand(TreeCommands.revokeApiKey, node), true);
    const [question, cleanup] = modals(t.ui.transcript);
    assert.match(question.text, /^Revoke the API key "Prod key"\?/);
    assert.ok(question.text.includes('• flows/rev/.env — PROD_KEY'), `the question names the file and variable: ${question.text}`);
    assert.ok(question.text.includes(`Last used ${formatDate(lastUsed)}.`), `and when the key was last used: ${question.text}`);
    assert.deepStrictEqual(question.items, ['Revoke', 'Rotate Instead']);
    assert.ok(cleanup, 'removing the key from .env is offered, though this window never held its secret');
    assert.match(cleanup.text, /still in 1 \.env file\./);
    assert.strictEqual(server.count('DELETE'), 1);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), '# keep\r\nOTHER=1\r\n', 'only the variable\'s line went');
    assert.deepStrictEqual(dotenv.parse(fs.readFileSync(file)), { OTHER: '1' });
    for (const m of t.ui.transcript) {
      assert.ok(!m.text.includes(LISTED_SECRET), 'no message shows the secret');
    }
  });

  it('Rotate Instead opens the rotation, and revokes nothing unless the rotation does', async () => {
    server.seedKeys(ORG_F, [apiKey('f2000000-0000-4000-8000-000000000002', { name: 'Staged key', createdAt: Date.now() - DAY })]);
    t.tree.refresh();
    const node = await keyNode('Staged key');
    const [deletes, posts] = [server.count('DELETE'), createPosts(server).length];
    t.ui.reset();
    t.ui.queue('Rotate Instead', '$cancel');
    assert.strictEqual(await vscode.commands.executeCommand(TreeCommands.revokeApiKey, node), false);
    const [, rotate] = modals(t.ui.transcript);
    assert.match(rotate?.text ?? '', /^Rotate the API key "Staged key"\?/, 'the rotation\'s own question follows');
    assert.strictEqual(server.count('DELETE'), deletes, 'nothing revoked');
    assert.strictEqual(createPosts(server).length, posts, 'nothing created');
  });

  it('create: the organizations the user has by their label, then "Enter organization ID…" with a hint, each id once', async () => {
    t.tree.refresh();
    await t.tree.children(await orgNode());
    t.ui.reset();
    t.ui.queue('Enter organization ID…', '$cancel');
    await vscode.commands.executeCommand(Commands.createApiKey);
    const pick = t.ui.transcript.find((e) => e.kind === 'pick' && e.text === 'Organization for the new key');
    assert.ok(pick?.items, 'the organizations are offered');
    const acme = pick.items.indexOf('Acme');
    assert.ok(acme >= 0, `Acme by its label: ${pick.items.join(' | ')}`);
    assert.strictEqual(pick.items[pick.items.length - 1], 'Enter organization ID…');
    pick.items.forEach((label, i) => {
      const shown = `${label} ${pick.descriptions?.[i] ?? ''}`;
      const ids = shown.match(/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}|[0-9a-f]{8}…[0-9a-f]{4}/g) ?? [];
      assert.ok(ids.length <= 1, `an id at most once in "${shown}"`);
    });
    const typed = t.ui.transcript.find((e) => e.kind === 'input' && e.text === 'Organization ID (a UUID)');
    assert.ok(typed, 'typing an id is offered');
    assert.ok(!/[0-9a-f]{8}-[0-9a-f]{4}-/.test(typed.placeholder ?? ''), `a hint, not a made-up id: ${typed.placeholder}`);
  });

  it('create defaults: the name from the workspace, scopes that say what none means and offer the ones in use, 90 days with its date', async () => {
    server.seedKeys(ORG_F, [apiKey('f3000000-0000-4000-8000-000000000003', { name: 'Billing', scopes: ['invoices:read', 'billing'], createdAt: Date.now() - DAY })]);
    t.tree.refresh();
    await t.tree.children(await orgNode());
    t.ui.reset();
    t.ui.queue(vscode.workspace.workspaceFolders![0].name, '', '$cancel');
    await vscode.commands.executeCommand(TreeCommands.createApiKeyInOrganization, await orgNode());
    const [name, scopes, expiry] = t.ui.transcript.filter((e) => e.title === 'Vued: Create API Key');
    assert.strictEqual(name.value, vscode.workspace.workspaceFolders![0].name, 'the name comes from the workspace folder');
    assert.match(scopes.text, /\(none: the server decides what it may do\)/, `the scopes step says what an empty selection means: ${scopes.text}`);
    assert.match(scopes.text, /^Check or type scopes/, `and that other scopes can be typed: ${scopes.text}`);
    assert.ok(scopes.many && ['billing', 'invoices:read'].every((x) => scopes.items?.includes(x)), `the scopes of the user's keys are check boxes: ${JSON.stringify(scopes)}`);
    assert.deepStrictEqual(scopes.picked, [], 'none checked when nothing is carried over and no default is set');
    assert.strictEqual(expiry.active, '90 days', 'Enter alone chooses 90 days');
    const ninety = expiry.items!.indexOf('90 days');
    const until = formatDate(new Date(Date.now() + 90 * DAY)).slice(0, 10);
    assert.ok(expiry.descriptions?.[ninety]?.includes(until), `the date is shown: ${expiry.descriptions?.[ninety]}`);
    assert.strictEqual(createPosts(server).length, 0);
  });

  it('after an insert the flow ends with a notification (Copy Secret, Open .env), not the modal again', async () => {
    writeWorkspaceFile('flows/ins/.env', 'A=1\n');
    t.ui.queue(ORG_F, 'Inserted key', 'read', 'Never', INSERT, 'flows/ins/.env', 'VUED_API_KEY', 'Copy Secret');
    await vscode.commands.executeCommand(Commands.createApiKey);
    const [secret] = issuedSecrets(server);
    assert.strictEqual(dotenv.parse(fs.readFileSync(path.join(workspaceDir(), 'flows/ins/.env'))).VUED_API_KEY, secret);
    const shown = modals(t.ui.transcript);
    console.log(`    create + insert: ${shown.length} modal(s)`);
    assert.strictEqual(shown.length, 1, `one modal, the offer: ${shown.map((m) => m.text.split('\n')[0]).join(' | ')}`);
    assert.match(shown[0].text, /can be copied only now/);
    assert.ok(!shown[0].text.includes('shown only once'));
    const end = t.ui.transcript.find((e) => e.kind === 'message' && e.text.includes('Inserted into flows/ins/.env — VUED_API_KEY.'));
    assert.ok(end && !end.modal && t.ui.transcript.indexOf(end) > t.ui.transcript.indexOf(shown[0]), `ends with a notification after the offer: ${end?.text}`);
    assert.deepStrictEqual(end.items, ['Copy Secret', 'Open .env']);
    await waitFor(async () => (await vscode.env.clipboard.readText()) === secret, 'Copy Secret to copy the secret');
    await vscode.env.clipboard.writeText('');
  });

  it('counts places with the right word: "1 place holds this key"', async () => {
    t.tree.refresh();
    const node = await keyNode('Inserted key');
    await waitFor(async () => {
      t.ui.reset();
      t.ui.queue('$cancel');
      const found = await vscode.commands.executeCommand<unknown[]>(TreeCommands.findKeyUsages, node);
      return found?.length === 1;
    }, 'the usage index to find the inserted key');
    assert.strictEqual(t.ui.transcript[0].text, '1 place holds this key; choose it to open it');
  });

  it('rotate: one result dialog without a second Cancel, "1 place", then a notification saying the old key was revoked', async () => {
    const [old] = server.issued();
    assert.ok(old, 'the key inserted by the last test');
    t.tree.refresh();
    const node = await keyNode('Inserted key');
    t.ui.reset();
    t.ui.queue('Rotate', 'Revoke Old Key');
    const result = await vscode.commands.executeCommand<{ revokedOld: boolean }>(TreeCommands.rotateApiKey, node);
    assert.strictEqual(result.revokedOld, true);
    const shown = modals(t.ui.transcript);
    console.log(`    rotate: ${shown.length} modal(s)`);
    assert.strictEqual(shown.length, 2, `the question and the result: ${shown.map((m) => m.text.split('\n')[0]).join(' | ')}`);
    assert.match(shown[1].text, /^"Inserted key" was rotated: 1 place now holds the new key\./);
    assert.deepStrictEqual(shown[1].items, ['Revoke Old Key'], 'keeping the old key is the close button, not a second action');
    const end = t.ui.transcript[t.ui.transcript.length - 1];
    assert.ok(!end.modal && /the old key \(.*…\) was revoked\./.test(end.text), `the end says the old key was revoked: ${end.text}`);
    const fresh = server.issued()[1];
    assert.strictEqual(dotenv.parse(fs.readFileSync(path.join(workspaceDir(), 'flows/ins/.env'))).VUED_API_KEY, fresh.secret);
    for (const m of t.ui.transcript) {
      assert.ok(!m.text.includes(fresh.secret) && !m.text.includes(old.secret), 'no message shows a secret');
    }
  });

  it('scopes: a multi-select of the scopes the user\'s keys use, the default ones checked; checked and typed scopes are sent, text that is no scope is refused; Back keeps them', async () => {
    server.seedKeys(ORG_F, [apiKey('f3000000-0000-4000-8000-000000000003', { name: 'Billing', scopes: ['invoices:read', 'billing'], createdAt: Date.now() - DAY })]);
    await setSetting('defaultScopes', ['deploy']);
    try {
      t.tree.refresh();
      await t.tree.children(await orgNode());
      t.ui.reset();
      const posts = createPosts(server).length;
      t.ui.queue('Scoped key', '$toggle:billing', 'read "write"', 'keys:read, keys:write', '$back', '', 'Never', '$cancel', 'Finish Without Saving It');
      await vscode.commands.executeCommand(TreeCommands.createApiKeyInOrganization, await orgNode());
      const asked = t.ui.transcript.filter((e) => e.title === 'Vued: Create API Key' && e.many);
      assert.strictEqual(asked.length, 4, `the scopes step is a multi-select pick: ${JSON.stringify(t.ui.transcript.map((e) => [e.kind, e.text]))}`);
      const [first, refused, typed, again] = asked;
      assert.strictEqual(first.answer, '$toggle:billing');
      assert.deepStrictEqual([first.step, first.totalSteps, first.back], [2, 3, true], 'step 2 of 3, with Back');
      assert.ok(['billing', 'invoices:read', 'deploy'].every((x) => first.items?.includes(x)), `items: the scopes in use and the default one: ${first.items?.join(', ')}`);
      assert.deepStrictEqual(first.picked, ['deploy'], 'the default scopes are checked');
      assert.strictEqual(refused.answer, 'read "write"');
      assert.ok((refused.validation ?? '').length > 10, `text that is no scope is refused, saying why: ${refused.validation}`);
      assert.deepStrictEqual([...typed.picked!].sort(), ['billing', 'deploy'], 'the refusal kept the checks');
      assert.strictEqual(typed.offered, 'Add scopes "keys:read", "keys:write"', 'the typed scopes are shown as what Enter adds');
      assert.deepStrictEqual([...again.picked!].sort(), ['billing', 'deploy', 'keys:read', 'keys:write'], 'Back shows every chosen scope checked');
      assert.strictEqual(createPosts(server).length, posts + 1, 'one key created');
      const created = server.keys(ORG_F).find((k) => k.name === 'Scoped key');
      assert.ok(created, 'the key is on the server');
      assert.deepStrictEqual([...created.scopes].sort(), ['billing', 'deploy', 'keys:read', 'keys:write'], 'checked and typed scopes, each once');
    } finally {
      await setSetting('defaultScopes', undefined);
    }
  });
});
