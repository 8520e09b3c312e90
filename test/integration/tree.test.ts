/** The sidebar: organizations → keys from a listing server, a server without listing, and one that fails. */
import * as assert from 'assert';
import * as dotenv from 'dotenv';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { Commands, TreeCommands } from '../../src/constants';
import type { VuedApiServer } from '../fixtures/vuedApiServer';
import { apiKey } from '../support/builders';
import { issuedSecrets, printTranscriptOnFailure, setSetting, signIn, startApi, testingApi, waitFor, writeWorkspaceFile } from '../support/integration';

const ACME = '0d7f7c1e-2b3a-4c5d-8e9f-a0b1c2d3e4f5';
const DAY = 86_400_000;

type Testing = Awaited<ReturnType<typeof testingApi>>;
type Row = Awaited<ReturnType<Testing['tree']['roots']>>[number];

async function orgRow(t: Testing, orgId: string): Promise<Row> {
  const roots = await t.tree.roots();
  const row = roots.find((r) => r.item.id?.endsWith(`/org:${orgId}`));
  assert.ok(row, `organization ${orgId} is in the tree: ${roots.map((r) => r.item.id).join(', ')}`);
  return row;
}

/** An organization's key rows, the ones in the `Revoked and expired (N)` group included. */
async function keyRows(t: Testing, orgNode: Row['node']): Promise<Row[]> {
  const out: Row[] = [];
  for (const r of await t.tree.children(orgNode)) {
    out.push(...(r.item.contextValue === 'inactiveKeys' ? await t.tree.children(r.node) : [r]));
  }
  return out;
}

describe('sidebar: organizations and keys', () => {
  let t: Testing;
  let server: VuedApiServer;

  before(async () => {
    t = await testingApi();
  });
  printTranscriptOnFailure(() => t);
  afterEach(async () => {
    await server?.close();
  });
  after(async () => {
    await setSetting('apiBaseUrl', undefined);
  });

  it('lists keys from a listing server: newest first, status, description, tooltip, context tokens', async () => {
    server = await startApi();
    await signIn(t);
    const now = Date.now();
    server.seedKeys(ACME, [
      apiKey('aaaa0000-0000-4000-8000-000000000001', { name: 'old active (seconds)', createdAt: Math.floor((now - 30 * DAY) / 1000), scopes: ['read', 'write'] }),
      apiKey('bbbb0000-0000-4000-8000-000000000002', { name: 'expiring (ms)', createdAt: now - 2 * DAY, expiresAt: now + 3 * DAY }),
      apiKey('cccc0000-0000-4000-8000-000000000003', { name: 'expired', createdAt: now - 3 * DAY, expiresAt: Math.floor((now - DAY) / 1000) }),
      apiKey('dddd0000-0000-4000-8000-000000000004', { name: 'revoked', createdAt: now - DAY, revokedAt: now - 1000, lastUsedAt: now - 5000 }),
    ]);
    t.ui.reset();
    t.ui.queue(ACME, 'Acme');
    await vscode.commands.executeCommand(TreeCommands.addOrganization);
    const org = await orgRow(t, ACME);
    assert.strictEqual(org.item.label, 'Acme (0d7f7c1e…e4f5)', 'a local label, with the shortened id');
    assert.strictEqual(org.item.description, ACME, 'the full id is in the description');
    assert.strictEqual(org.item.contextValue, 'organization renamable');

    const top = await t.tree.children(org.node);
    assert.deepStrictEqual(top.map((r) => r.item.label), ['expiring (ms)', 'old active (seconds)', 'Revoked and expired (2)']);
    const group = top[2];
    assert.strictEqual(group.item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const inactive = await t.tree.children(group.node);
    assert.deepStrictEqual(inactive.map((r) => r.item.label), ['revoked', 'expired'], 'newest first in the group too');
    const rows = [...top.slice(0, 2), ...inactive];
    const byName = new Map(rows.map((r) => [r.item.label as string, r]));
    assert.strictEqual(byName.get('old active (seconds)')!.item.description, 'vued_sk_aaaa… · read, write');
    assert.strictEqual(byName.get('expiring (ms)')!.item.description, 'vued_sk_bbbb… · read · expires soon');
    assert.strictEqual(byName.get('expired')!.item.contextValue, 'apiKey expired revocable');
    assert.strictEqual(byName.get('revoked')!.item.contextValue, 'apiKey revoked');
    assert.strictEqual(byName.get('old active (seconds)')!.item.contextValue, 'apiKey active revocable');
    assert.strictEqual((byName.get('revoked')!.item.iconPath as vscode.ThemeIcon).id, 'circle-slash');
    assert.strictEqual((byName.get('expiring (ms)')!.item.iconPath as vscode.ThemeIcon).id, 'warning');
    const tip = t.tree.tooltip(byName.get('revoked')!.node) ?? '';
    for (const part of ['Status: revoked', 'Revoked: ', 'Last used: ', 'Created: ', 'dddd0000-0000-4000-8000-000000000004', 'Expires: never']) {
      assert.ok(tip.includes(part), `tooltip has "${part}": ${tip}`);
    }
    assert.strictEqual(server.count('GET', `/orgs/${ACME}/api-keys`), 1, 'one list request');
  });

  it('a key created in an organization shows up at once, and create-in-organization skips the org step', async () => {
    server = await startApi();
    await signIn(t);
    t.tree.refresh();
    const org = await orgRow(t, ACME);
    await t.tree.children(org.node);
    t.ui.reset();
    t.ui.queue('From the tree', 'deploy', 'Never', '$cancel', 'Finish Without Saving It');
    await vscode.commands.executeCommand(TreeCommands.createApiKeyInOrganization, org.node);
    const steps = t.ui.transcript.filter((e) => e.title === 'Vued: Create API Key');
    assert.deepStrictEqual(steps.map((e) => `${e.step}/${e.totalSteps} ${e.text}`.split(' (')[0]), [
      '1/3 Name of the new key',
      '2/3 Scopes, separated by commas or spaces',
      '3/3 When should the key expire?',
    ]);
    assert.strictEqual(server.count('POST', `/orgs/${ACME}/api-keys`), 1);
    const listsBefore = server.count('GET', '/api-keys');
    const rows = await t.tree.children(org.node);
    const created = rows.find((r) => r.item.label === 'From the tree');
    assert.ok(created, 'the new key is in the tree');
    assert.match(String(created.item.contextValue), /\bhasSecret\b/, 'the window holds its secret');
    assert.strictEqual(server.count('GET', '/api-keys'), listsBefore, 'shown without listing again');
  });

  it('revoke: a modal naming the key and scopes, one DELETE, the row turns revoked, and .env cleanup is offered', async () => {
    server = await startApi();
    await signIn(t);
    t.tree.refresh();
    const org = await orgRow(t, ACME);
    await t.tree.children(org.node);
    t.ui.reset();
    const envFile = writeWorkspaceFile('revoke/.env', '# keep\nOTHER=1\n');
    t.ui.queue('Revocable', 'admin', 'Never', 'Insert into .env File…', 'revoke/.env', 'VUED_API_KEY', '$cancel');
    await vscode.commands.executeCommand(TreeCommands.createApiKeyInOrganization, org.node);
    const [secret] = issuedSecrets(server);
    assert.strictEqual(dotenv.parse(fs.readFileSync(envFile)).VUED_API_KEY, secret);

    const row = (await t.tree.children(org.node)).find((r) => r.item.label === 'Revocable')!;
    t.ui.reset();
    t.ui.queue('Revoke', 'Remove from .env Files');
    const ok = await vscode.commands.executeCommand(TreeCommands.revokeApiKey, row.node);
    assert.strictEqual(ok, true);
    const confirm = t.ui.transcript.find((e) => e.kind === 'message' && e.modal)!;
    assert.match(confirm.text, /Revoke the API key "Revocable"\?/);
    assert.match(confirm.text, /scopes: admin/);
    assert.strictEqual(server.count('DELETE'), 1);
    assert.ok(server.keys(ACME).find((k) => k.name === 'Revocable')!.revokedAt !== null, 'the server revoked it');
    const after = (await keyRows(t, org.node)).find((r) => r.item.label === 'Revocable')!;
    assert.strictEqual(after.item.contextValue?.includes('revocable'), false);
    assert.match(String(after.item.description), /revoked/);
    assert.strictEqual(fs.readFileSync(envFile, 'utf8'), '# keep\nOTHER=1\n', 'the variable line is removed, nothing else');
    for (const m of t.ui.transcript) {
      assert.ok(!m.text.includes(secret), 'no message shows the secret');
    }
  });

  it('a server that does not revoke says so and changes nothing', async () => {
    server = await startApi({ revoke: false });
    await signIn(t);
    server.seedKeys(ACME, [apiKey('eeee0000-0000-4000-8000-000000000005', { name: 'stays', createdAt: Date.now() })]);
    t.tree.refresh();
    const org = await orgRow(t, ACME);
    const row = (await t.tree.children(org.node)).find((r) => r.item.label === 'stays')!;
    t.ui.reset();
    t.ui.queue('Revoke');
    await vscode.commands.executeCommand(TreeCommands.revokeApiKey, row.node);
    assert.ok(t.ui.transcript.some((e) => e.kind === 'message' && /does not support revoking keys/.test(e.text)));
    const again = (await t.tree.children(org.node)).find((r) => r.item.label === 'stays')!;
    assert.match(String(again.item.contextValue), /\brevocable\b/);
  });

  it('a server that does not list keys: the keys created here, under a row saying so', async () => {
    server = await startApi({ listKeys: false });
    await signIn(t);
    t.tree.refresh();
    const org = await orgRow(t, ACME);
    const rows = await keyRows(t, org.node);
    assert.match(String(rows[0].item.label), /does not list keys.*created in this VS Code/);
    const names = rows.slice(1).map((r) => r.item.label);
    assert.ok(names.includes('From the tree') && names.includes('Revocable'), `keys created here: ${names}`);
    assert.ok(!names.includes('old active (seconds)'), 'keys not created here are not invented');
    const revoked = rows.find((r) => r.item.label === 'Revocable')!;
    assert.match(String(revoked.item.description), /revoked/, 'the local record knows it was revoked');
  });

  it('a failing server: one error row with the reason and a retry, never a modal', async () => {
    server = await startApi();
    await signIn(t);
    server.misbehave({ method: 'GET', pathIncludes: '/api-keys', status: 500, body: '{"error":"db down"}', contentType: 'application/json' });
    t.tree.refresh();
    t.ui.reset();
    const org = await orgRow(t, ACME);
    const rows = await t.tree.children(org.node);
    assert.strictEqual(rows.length, 1);
    assert.match(String(rows[0].item.label), /500|server/i);
    assert.strictEqual(rows[0].item.command?.command, TreeCommands.refreshKeys, 'clicking retries');
    assert.ok(!t.ui.transcript.some((e) => e.kind === 'message'), 'no message or modal');
    await vscode.commands.executeCommand(TreeCommands.refreshKeys, org.node);
    const retried = await t.tree.children(org.node);
    assert.ok(retried.every((r) => r.item.contextValue !== 'loadError'), 'the retry loaded the list');
  });

  it('signed out: the tree is empty so the welcome view shows', async () => {
    server = await startApi();
    await signIn(t);
    await vscode.commands.executeCommand(Commands.signOut);
    t.tree.refresh();
    assert.deepStrictEqual(await t.tree.roots(), []);
    await waitFor(() => !t.signInState().signedIn, 'the status bar to say signed out');
    await signIn(t);
    await waitFor(() => t.signInState().signedIn, 'the status bar to say signed in');
  });
});
