/**
 * The sidebar with two API hosts that hold a token (issue 12, part 2): one root per host, each
 * listing the organizations of its own server; commands started from a row act on that row's host
 * with that host's token only (the servers' request logs prove it); Replace with a new key… uses
 * the host whose key list holds the key; signing out of one host takes its root away.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { Commands, TreeCommands } from '../../src/constants';
import { startVuedApiServer, type VuedApiServer } from '../fixtures/vuedApiServer';
import { apiKey } from '../support/builders';
import { allIssuedSecrets, createPosts, messages, setSetting, STAGING_TOKEN, startApi, testingApi, TOKEN, waitFor, writeWorkspaceFile, type Testing } from '../support/integration';

const ORG_A = '1a2b3c4d-0000-4000-8000-00000000000a';
const ORG_B = '1a2b3c4d-0000-4000-8000-00000000000b';
const DAY = 86_400_000;
/** A made-up secret of a key listed by the staging host only (its first 12 characters are the key prefix). */
const STAGING_SECRET = 'vued_sk_Hs7qA9bC8dE7fG6hJ5kL4mN3pQ2rS1tU0vW9xY8z';

type Row = Awaited<ReturnType<Testing['tree']['roots']>>[number];

function ids(rows: Row[]): string[] {
  return rows.map((r) => r.item.id ?? '');
}

describe('sidebar: one root per host that holds a token', function () {
  this.timeout(60_000);
  let t: Testing;
  let prod: VuedApiServer;
  let staging: VuedApiServer;
  let prodOrigin: string;
  let stagingOrigin: string;

  /** Every request each server saw carried its own token, and only that. */
  function assertOwnTokens(): void {
    for (const [server, token, name] of [[prod, TOKEN, 'default host'], [staging, STAGING_TOKEN, 'staging']] as const) {
      const wrong = server.requests.filter((r) => r.headers.authorization !== `Bearer ${token}`).map((r) => `${r.method} ${r.path}`);
      assert.deepStrictEqual(wrong, [], `every request to the ${name} carried its own token`);
    }
  }

  before(async () => {
    t = await testingApi();
    prod = await startApi({ organizations: [{ id: ORG_A, name: 'Alpha' }] });
    staging = await startVuedApiServer({ token: STAGING_TOKEN, organizations: [{ id: ORG_B, name: 'Beta' }] });
    prodOrigin = new URL(prod.url).origin;
    stagingOrigin = new URL(staging.url).origin;
    await setSetting('hosts', [{ label: 'Staging', apiBaseUrl: staging.url }]);
    for (const [label, token] of [[new URL(prod.url).host, TOKEN], ['Staging', STAGING_TOKEN]]) {
      t.ui.reset();
      t.ui.queue(label, token);
      await vscode.commands.executeCommand(Commands.setToken);
    }
    await waitFor(async () => (await t.sessions()).filter((x) => x.id === prodOrigin || x.id === stagingOrigin).length === 2, 'both sessions');
    t.ui.reset();
  });
  afterEach(function () {
    if (this.currentTest?.state === 'failed') {
      console.log(`    transcript: ${JSON.stringify(t.ui.transcript, null, 1)}`);
    }
  });
  after(async () => {
    staging.issued().forEach((i) => allIssuedSecrets.add(i.secret));
    for (const origin of [prodOrigin, stagingOrigin]) {
      if ((await t.sessions()).some((x) => x.id === origin)) {
        await t.removeSession(origin);
      }
    }
    t.ui.reset();
    await setSetting('hosts', undefined);
    await setSetting('apiBaseUrl', undefined);
    await staging.close();
    await prod.close();
  });

  it('shows two roots, each listing the organizations of its own server, asked with its own token', async () => {
    t.tree.refresh();
    const roots = await t.tree.roots();
    assert.deepStrictEqual(
      roots.map((r) => [r.item.label, r.item.description, r.item.contextValue]),
      [[new URL(prod.url).host, prodOrigin, 'host'], ['Staging', stagingOrigin, 'host']],
      'the default host first, then vued.hosts; labelled by the setting, described by the origin',
    );
    const [a, b] = await Promise.all(roots.map((r) => t.tree.children(r.node)));
    // The default host also lists what this VS Code remembers for it (earlier suites); never staging's.
    const aIds = a.map((r) => (r.node.kind === 'organization' ? r.node.org.id : ''));
    assert.ok(aIds.includes(ORG_A) && !aIds.includes(ORG_B), `the default host lists its server's organization, not staging's: ${aIds.join(', ')}`);
    assert.deepStrictEqual(b.map((r) => (r.node.kind === 'organization' ? r.node.org.id : '')), [ORG_B], 'staging lists its server\'s organization only');
    const alpha = a.find((r) => r.node.kind === 'organization' && r.node.org.id === ORG_A)!;
    assert.match(String(alpha.item.label), /Alpha/, 'named as its own server names it');
    assert.match(String(b[0].item.label), /Beta/);
    // Row ids carry the origin and nest under their root's id.
    assert.ok(a.every((r) => r.item.id?.startsWith(`${roots[0].item.id}/org:`)), ids(a).join(', '));
    assert.ok(b[0].item.id?.startsWith(`${roots[1].item.id}/org:`), b[0].item.id);
    assert.ok(prod.count('GET', '/orgs') >= 1 && staging.count('GET', '/orgs') >= 1, 'each server was asked for its organizations');
    assertOwnTokens();

    // Ids stay the same across a refresh, so VS Code keeps rows expanded.
    t.tree.refresh();
    const again = await t.tree.roots();
    assert.deepStrictEqual(ids(again), ids(roots));
    assert.deepStrictEqual(ids(await t.tree.children(again[1].node)), ids(b));
  });

  it('Create API Key from a row of the staging host sends one POST to staging with its token, nothing to the default host', async () => {
    const stagingRoot = (await t.tree.roots())[1];
    const org = (await t.tree.children(stagingRoot.node))[0];
    assert.strictEqual(org.node.kind, 'organization');
    await t.tree.children(org.node); // expanded, as in the sidebar
    prod.reset();
    staging.reset();
    t.ui.reset();
    t.ui.queue('From staging row', 'read', 'Never', '$cancel', 'Finish Without Saving It');
    await vscode.commands.executeCommand(TreeCommands.createApiKeyInOrganization, org.node);
    assert.ok(!t.ui.transcript.some((e) => e.title === 'Vued: Which Host?'), 'no host was asked for: the row names it');
    assert.strictEqual(createPosts(staging).length, 1, 'one POST to staging');
    assert.deepStrictEqual((createPosts(staging)[0].json as { name?: string }).name, 'From staging row');
    assert.strictEqual(createPosts(staging)[0].path.includes(ORG_B), true, 'in the row\'s organization');
    assert.strictEqual(createPosts(prod).length, 0, 'no POST to the default host');
    assert.ok(!prod.requests.some((r) => r.headers.authorization === `Bearer ${STAGING_TOKEN}`), 'the staging token never went to the default host');
    assertOwnTokens();
    assert.deepStrictEqual(messages(t.ui.transcript, 'error'), []);
    // The new key shows under the staging organization at once, not under the default host's.
    const issued = staging.issued()[0];
    assert.ok(issued);
    const node = t.tree.key(issued.key.id);
    assert.strictEqual(node?.org.origin, stagingOrigin);

    // From the staging root itself: the organization is asked for, the host is not.
    staging.reset();
    t.ui.reset();
    t.ui.queue(ORG_B, 'From staging root', 'read', 'Never', '$cancel', 'Finish Without Saving It');
    await vscode.commands.executeCommand(TreeCommands.createApiKeyInOrganization, stagingRoot.node);
    assert.ok(!t.ui.transcript.some((e) => e.title === 'Vued: Which Host?'));
    assert.strictEqual(createPosts(staging).length, 1);
    assert.strictEqual(createPosts(prod).length, 0);
    assertOwnTokens();
  });

  it('Replace with a new key… creates on the host whose key list holds the key, without asking which host', async () => {
    const now = Date.now();
    const revoked = apiKey('b0000000-0000-4000-8000-0000000000b1', { name: 'staging-old', keyPrefix: STAGING_SECRET.slice(0, 12), createdAt: now - 30 * DAY, revokedAt: now - DAY });
    staging.seedKeys(ORG_B, [revoked]);
    t.tree.refresh();
    const stagingRoot = (await t.tree.roots())[1];
    await t.tree.children((await t.tree.children(stagingRoot.node))[0].node);
    assert.strictEqual(t.tree.key(revoked.id)?.org.origin, stagingOrigin, 'the staging list holds the key');
    const text = `# hosts test\nSTAGING_KEY=${STAGING_SECRET}\nOTHER=kept\n`;
    const uri = vscode.Uri.file(writeWorkspaceFile('hosts/.env', text));
    const at = text.indexOf(STAGING_SECRET);
    const line = text.slice(0, at).split('\n').length - 1;
    const range = new vscode.Range(line, 12, line, 12 + STAGING_SECRET.length);
    await vscode.workspace.openTextDocument(uri);
    let fix: vscode.CodeAction | undefined;
    await waitFor(async () => {
      const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range)) ?? [];
      fix = actions.find((a) => a.title === 'Replace with a new key…');
      return fix !== undefined;
    }, 'the Replace with a new key… fix on the staging key', 15_000);
    assert.ok(fix?.command);
    prod.reset();
    staging.reset();
    t.ui.reset();
    t.ui.queue('Replacement', 'read', 'Never', '$cancel', 'Finish Without Saving It');
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    assert.ok(!t.ui.transcript.some((e) => e.title === 'Vued: Which Host?'), 'the key\'s host is known: nothing asked');
    assert.strictEqual(createPosts(staging).length, 1, 'one POST to staging');
    assert.ok(createPosts(staging)[0].path.includes(ORG_B));
    assert.strictEqual(createPosts(prod).length, 0, 'nothing created on the default host');
    assertOwnTokens();
    const created = staging.issued()[0];
    assert.ok(created);
    await waitFor(() => fs.readFileSync(uri.fsPath, 'utf8').includes(created.secret), 'the new secret in the file');
    assert.strictEqual(fs.readFileSync(uri.fsPath, 'utf8'), text.replace(STAGING_SECRET, created.secret), 'every other byte kept');
  });

  it('Sign Out of one host says how many others still hold a token, in words for one ("1 other host", no "(s)")', async () => {
    // Tokens other suites left for their (closed) servers go first, so that one other host holds a token.
    for (const session of await t.sessions()) {
      if (/^https?:/.test(session.id) && session.id !== prodOrigin && session.id !== stagingOrigin) {
        await t.removeSession(session.id);
      }
    }
    t.ui.reset();
    t.ui.queue('Staging');
    await vscode.commands.executeCommand(Commands.signOut);
    await waitFor(async () => !(await t.sessions()).some((x) => x.id === stagingOrigin), 'the staging session to go');
    const said = t.ui.transcript.filter((e) => e.kind === 'message' && e.text.startsWith('Signed out of')).map((e) => e.text);
    assert.deepStrictEqual(said, [`Signed out of ${new URL(staging.url).host}. The token for 1 other host is still stored.`]);
    // Signed in again, for the tests after this one.
    t.ui.reset();
    t.ui.queue('Staging', STAGING_TOKEN);
    await vscode.commands.executeCommand(Commands.setToken);
    await waitFor(async () => (await t.sessions()).some((x) => x.id === stagingOrigin), 'the staging session back');
    t.ui.reset();
  });

  it('signing out of one host removes its root; the other host\'s rows keep their ids without the host level', async () => {
    const before = await t.tree.roots();
    const prodOrgIds = ids(await t.tree.children(before[0].node));
    await t.removeSession(stagingOrigin);
    await waitFor(async () => (await t.tree.roots()).every((r) => r.item.contextValue !== 'host'), 'the host level to go');
    const roots = await t.tree.roots();
    assert.deepStrictEqual(ids(roots), prodOrgIds, 'the default host\'s organizations are the roots, with the ids they had');
    assert.ok(!roots.some((r) => r.node.kind === 'organization' && r.node.origin === stagingOrigin), 'no staging row');
  });
});
