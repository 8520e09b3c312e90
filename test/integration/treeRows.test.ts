/**
 * The API Keys view when things go wrong, and what its rows say: a failed refresh keeps the keys
 * read before (marked stale, the error in the view's message and on the organization's first row
 * with the actions for that kind of error), rows that lead with status and usage, and the filter
 * shown as the view's message.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID, TreeCommands } from '../../src/constants';
import type { PublicApiKey } from '../../src/core/api/types';
import type { VuedApiServer } from '../fixtures/vuedApiServer';
import { menuEntries } from '../support/whenClause';
import { printTranscriptOnFailure, setSetting, signIn, startApi, type Testing, testingApi, TOKEN, waitFor, workspaceDir, writeWorkspaceFile } from '../support/integration';

const ORG = '6c2e4f1a-8b3d-4e5f-9a7b-1c2d3e4f5a6b';
const DAY = 86_400_000;
/** What follows a key's prefix in the secrets written to the .env files below. */
const TAIL = 'Q7x2'.repeat(9);

type Row = Awaited<ReturnType<Testing['tree']['roots']>>[number];

function key(over: Partial<PublicApiKey> & { id: string; name: string }): PublicApiKey {
  return { keyPrefix: `vued_sk_${over.id.slice(0, 4)}`, scopes: ['read'], createdAt: Date.now(), lastUsedAt: null, expiresAt: null, revokedAt: null, ...over };
}

/** The local date as the rows show it (YYYY-MM-DD). */
function day(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const manifest = () =>
  vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { menus: Record<string, Array<{ command: string; when?: string; group?: string }>> } };

/** The commands a row offers, inline (its hover buttons) and in its context menu. */
function actionsOf(t: Testing, row: Row): { inline: string[]; menu: string[] } {
  const entries = menuEntries(manifest(), 'view/item/context', { ...t.contextKeys(), view: 'vued.apiKeys', viewItem: row.item.contextValue });
  return {
    inline: entries.filter((e) => e.group?.startsWith('inline')).map((e) => e.command),
    menu: entries.filter((e) => !e.group?.startsWith('inline')).map((e) => e.command),
  };
}

async function orgRow(t: Testing): Promise<Row> {
  const roots = await t.tree.roots();
  const row = roots.find((r) => r.item.id?.endsWith(`/org:${ORG}`));
  assert.ok(row, `the organization is in the tree: ${roots.map((r) => r.item.id).join(', ')}`);
  return row;
}

const isKey = (r: Row) => String(r.item.contextValue).startsWith('apiKey');
const labels = (rows: Row[]) => rows.map((r) => String(r.item.label));

describe('sidebar: errors keep what was known; rows lead with what matters', () => {
  let t: Testing;
  let server: VuedApiServer | undefined;

  before(async () => {
    t = await testingApi();
  });
  printTranscriptOnFailure(() => t);
  afterEach(async () => {
    t.tree.setFilter('');
    await server?.close();
    server = undefined;
  });
  after(async () => {
    // The organization leaves the sidebar, so the suites after this one see theirs only.
    const row = (await t.tree.roots()).find((r) => r.item.id?.endsWith(`/org:${ORG}`));
    if (row) {
      await vscode.commands.executeCommand(TreeCommands.removeOrganization, row.node);
    }
    await setSetting('apiBaseUrl', undefined);
  });

  /** A local API with two keys in ORG, signed in, the organization in the sidebar and its keys read once. */
  async function loaded(options: Parameters<typeof startApi>[0] = {}): Promise<{ org: Row; rows: Row[] }> {
    server = await startApi(options);
    await signIn(t);
    server.seedKeys(ORG, [key({ id: '5e1a0001-0000-4000-8000-000000000001', name: 'first' }), key({ id: '5e1a0002-0000-4000-8000-000000000002', name: 'second', createdAt: Date.now() - DAY })]);
    t.ui.reset();
    t.ui.queue(ORG, 'Rows');
    await vscode.commands.executeCommand(TreeCommands.addOrganization);
    t.tree.refresh();
    const org = await orgRow(t);
    const rows = await t.tree.children(org.node);
    t.ui.reset();
    return { org, rows };
  }

  it('a server error on refresh: the keys read before stay, the error is the view\'s message and the first row, with Retry and Show Logs', async () => {
    const { rows: before } = await loaded();
    assert.deepStrictEqual(labels(before), ['first', 'second']);
    assert.strictEqual(t.tree.message(), undefined, 'no message while all is well');

    server!.misbehave({ method: 'GET', pathIncludes: `/orgs/${ORG}/api-keys`, status: 500, body: '{"error":"db down"}', contentType: 'application/json' });
    t.tree.refresh();
    // As the view does after a refresh: its roots first, then their children.
    const org = await orgRow(t);
    const rows = await t.tree.children(org.node);
    assert.deepStrictEqual(labels(rows.filter(isKey)), ['first', 'second'], 'the keys read before are still listed');
    const error = rows[0];
    assert.match(String(error.item.contextValue), /\bloadError\b/);
    assert.match(String(error.item.label), /server error \(500\)/);
    assert.match(String(error.item.description), /^read (just now|\d+ min ago)$/, 'says when the keys shown were read');
    assert.strictEqual(error.item.command, undefined, 'a click does not retry behind the user\'s back');
    const spoken = error.item.accessibilityInformation?.label ?? '';
    assert.match(spoken, /Could not read the keys of Rows \(6c2e4f1a…5a6b\)/);
    assert.match(spoken, /server error \(500\)/);
    assert.match(spoken, /The keys below were read (just now|\d+ min ago)\./);
    assert.match(t.tree.message() ?? '', /^Could not read the keys of Rows \(6c2e4f1a…5a6b\): Vued had a server error \(500\): db down; try again later\. The keys below were read (just now|\d+ min ago)\.$/);
    const actions = actionsOf(t, error);
    assert.deepStrictEqual(actions.inline, [TreeCommands.retryKeys, Commands.showLogs]);
    assert.deepStrictEqual(actions.menu, [TreeCommands.retryKeys, Commands.showLogs]);
    assert.ok(!t.ui.transcript.some((e) => e.kind === 'message'), 'no notification or modal');

    const lists = server!.count('GET', `/orgs/${ORG}/api-keys`);
    await vscode.commands.executeCommand(TreeCommands.retryKeys, error.node);
    const retried = await t.tree.children(org.node);
    assert.strictEqual(server!.count('GET', `/orgs/${ORG}/api-keys`), lists + 1, 'Retry read the list again');
    assert.deepStrictEqual(labels(retried), ['first', 'second'], 'no error row once the list is read');
    assert.strictEqual(t.tree.message(), undefined, 'and no message');
  });

  it('a rejected token: Sign In Again asks for a new token for that host instead of retrying with the same one', async () => {
    await loaded();
    // The token stays refused (as a revoked token is) until the user signs in again.
    server!.misbehave({ method: 'GET', pathIncludes: `/orgs/${ORG}/api-keys`, status: 401, body: '{"error":"Invalid token"}', contentType: 'application/json', times: Infinity });
    t.tree.refresh();
    const org = await orgRow(t);
    const rows = await t.tree.children(org.node);
    const error = rows[0];
    assert.match(String(error.item.contextValue), /\bloadError\b/);
    assert.match(String(error.item.label), /rejected the access token/);
    assert.deepStrictEqual(labels(rows.filter(isKey)), ['first', 'second']);
    assert.deepStrictEqual(actionsOf(t, error).inline, [TreeCommands.signInAgain], 'Sign In Again, and no Retry with the same token');
    // The rejection also leaves the Accounts menu, which makes the sidebar read its lists again (as
    // the view shows them): the message stands once that read, refused again, is back.
    await waitFor(async () => {
      await t.tree.children((await orgRow(t)).node);
      return /rejected the access token/.test(t.tree.message() ?? '');
    }, 'the view\'s message to say the token was rejected');
    assert.match(String((await t.tree.children((await orgRow(t)).node))[0].item.label), /rejected the access token/);

    const lists = server!.count('GET', `/orgs/${ORG}/api-keys`);
    t.ui.queue('$cancel');
    await vscode.commands.executeCommand(TreeCommands.signInAgain, error.node);
    const box = t.ui.transcript.find((e) => e.kind === 'input');
    assert.ok(box, 'the token box was shown');
    assert.strictEqual(box.password, true);
    assert.match(box.text, new RegExp(`rejected the access token for ${new URL(server!.url).host.replace(/\./g, '\\.')}`));
    assert.strictEqual(server!.count('GET', `/orgs/${ORG}/api-keys`), lists, 'cancelling the box sends nothing');

    t.ui.reset();
    server!.behave(); // the token the user now enters works
    t.ui.queue(TOKEN);
    await vscode.commands.executeCommand(TreeCommands.signInAgain, error.node);
    await waitFor(async () => labels(await t.tree.children((await orgRow(t)).node)).join() === 'first,second', 'the list read with the new token');
    assert.strictEqual(t.tree.message(), undefined);
  });

  it('an unreachable server: Retry and Open Settings; a list never read shows the error row alone', async () => {
    await loaded();
    // A second organization whose keys were never read.
    const never = '9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a';
    t.ui.queue(never, '');
    await vscode.commands.executeCommand(TreeCommands.addOrganization);
    t.ui.reset();
    await server!.close();
    server = undefined;
    t.tree.refresh();
    const rows = await t.tree.children((await orgRow(t)).node);
    assert.match(String(rows[0].item.contextValue), /\bloadError\b/);
    assert.match(String(rows[0].item.label), /refused the connection/);
    assert.deepStrictEqual(labels(rows.filter(isKey)), ['first', 'second'], 'the keys read before stay');
    assert.deepStrictEqual(actionsOf(t, rows[0]).inline, [TreeCommands.retryKeys, TreeCommands.openApiSettings]);
    const other = (await t.tree.roots()).find((r) => r.item.id?.endsWith(`/org:${never}`));
    assert.ok(other);
    const alone = await t.tree.children(other.node);
    assert.strictEqual(alone.length, 1, 'nothing was known, so only the error row');
    assert.match(String(alone[0].item.accessibilityInformation?.label), /Could not read the keys of 9d8c7b6a…7b6a: .*refused the connection/);
    assert.doesNotMatch(String(alone[0].item.description ?? ''), /read/, 'no keys shown, so no "read" time');
    assert.match(t.tree.message() ?? '', /^Could not read the keys of \d+ organizations: .*refused the connection.*The keys below were read/);

    await vscode.commands.executeCommand(TreeCommands.openApiSettings, rows[0].node);
    await waitFor(() => /Settings/.test(vscode.window.tabGroups.activeTabGroup.activeTab?.label ?? ''), 'the Settings editor');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.commands.executeCommand(TreeCommands.removeOrganization, other.node);
  });

  it('the organizations cannot be listed: the view\'s message says so and the organizations known stay with their keys', async () => {
    await loaded();
    // The first request after a refresh is GET /orgs (the organizations before their keys).
    // Every GET /orgs fails until the server behaves again (a refresh meanwhile fails the same way).
    server!.misbehave({ method: 'GET', pathEndsWith: '/orgs', status: 500, body: '{"error":"db down"}', contentType: 'application/json', times: Infinity });
    t.tree.refresh();
    const rows = await t.tree.children((await orgRow(t)).node);
    assert.deepStrictEqual(labels(rows), ['first', 'second'], 'the organization and its keys stay');
    // A sign-in event of the test before may still refresh the sidebar: read as the view would until it settles.
    await waitFor(async () => {
      await t.tree.children((await orgRow(t)).node);
      return /^Could not list the organizations of .+: Vued had a server error \(500\)/.test(t.tree.message() ?? '');
    }, "the view's message to say the organizations could not be listed");
    server!.behave();
    t.tree.refresh();
    await t.tree.children((await orgRow(t)).node);
    assert.strictEqual(t.tree.message(), undefined, 'gone once they are read');
  });

  it('a server that does not list keys: the keys created here under a notice with Learn More', async () => {
    server = await startApi({ listKeys: false });
    await signIn(t);
    t.ui.queue(ORG, 'Rows');
    await vscode.commands.executeCommand(TreeCommands.addOrganization);
    t.ui.reset();
    t.tree.refresh();
    const rows = await t.tree.children((await orgRow(t)).node);
    const notice = rows[0];
    assert.match(String(notice.item.label), /does not list keys/);
    assert.match(String(notice.item.contextValue), /\bnotice\b/);
    assert.strictEqual(notice.item.command, undefined);
    assert.deepStrictEqual(actionsOf(t, notice).inline, [TreeCommands.learnAboutKeyLists]);
    assert.match(String(notice.item.accessibilityInformation?.label), /does not list keys.*created in this VS Code/);
    assert.strictEqual(t.tree.message(), undefined, 'not an error: the view shows what it can');
    await vscode.commands.executeCommand(TreeCommands.learnAboutKeyLists, notice.node);
    await waitFor(() => /README/.test(vscode.window.tabGroups.activeTabGroup.activeTab?.label ?? ''), "the README's preview");
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  describe('rows', () => {
    const now = Date.now();
    const seeds = [
      key({ id: '7e510000-0000-4000-8000-000000000001', name: 'Used twice', createdAt: now - 30 * DAY, scopes: ['invoices:read', 'invoices:write'] }),
      key({ id: '7e520000-0000-4000-8000-000000000002', name: 'Expiring', createdAt: now - 10 * DAY, expiresAt: now + 3 * DAY }),
      key({ id: '7e530000-0000-4000-8000-000000000003', name: 'Revoked but used', createdAt: now - 5 * DAY, revokedAt: now - DAY }),
      key({ id: '7e540000-0000-4000-8000-000000000004', name: 'Revoked unused', createdAt: now - DAY, revokedAt: now - 1000 }),
      key({ id: '7e550000-0000-4000-8000-000000000005', name: 'ci-deploy', createdAt: now - 2 * DAY }),
      key({ id: '7e560000-0000-4000-8000-000000000006', name: 'ci-deploy', createdAt: now - 40 * DAY, expiresAt: now + 60 * DAY }),
    ];
    const secret = (i: number) => `${seeds[i].keyPrefix}${TAIL}`;
    const folder = () => path.join(workspaceDir(), 'tree-rows');

    before(async () => {
      writeWorkspaceFile('tree-rows/a/.env', `A_KEY=${secret(0)}\n`);
      writeWorkspaceFile('tree-rows/b/.env', `A_KEY=${secret(0)}\nEXPIRING_KEY=${secret(1)}\n`);
      writeWorkspaceFile('tree-rows/c/.env.local', `# old\nOLD_KEY=${secret(2)}\n`);
    });
    after(() => {
      // Other suites read the workspace's .env files: leave none of these behind.
      fs.rmSync(folder(), { recursive: true, force: true });
    });

    async function shown(): Promise<{ top: Row[]; inGroup: Row[]; byName: (name: string) => Row[] }> {
      server = await startApi();
      await signIn(t);
      server.seedKeys(ORG, seeds);
      t.tree.refresh();
      const top = await t.tree.children((await orgRow(t)).node);
      const group = top.find((r) => r.item.contextValue === 'inactiveKeys');
      const inGroup = group ? await t.tree.children(group.node) : [];
      return { top, inGroup, byName: (name) => [...top, ...inGroup].filter((r) => r.item.label === name) };
    }

    it('lead with status and usage; prefix and scopes are in the tooltip; every row says its full sentence', async () => {
      const { byName } = await shown();
      const [used] = byName('Used twice');
      assert.strictEqual(used.item.description, 'active · in 2 files');
      const [expiring] = byName('Expiring');
      assert.strictEqual(expiring.item.description, 'expires in 3 days · in .env');
      assert.strictEqual((expiring.item.iconPath as vscode.ThemeIcon).id, 'warning');
      const tip = t.tree.tooltip(used.node) ?? '';
      assert.ok(tip.includes('`vued_sk_7e51…`') && tip.includes('`invoices:read` `invoices:write`'), `prefix and scopes in the tooltip: ${tip}`);
      assert.strictEqual(used.item.accessibilityInformation?.label, 'Used twice, active, in 2 files');
      assert.strictEqual(expiring.item.accessibilityInformation?.label, 'Expiring, expires in 3 days, in .env');
    });

    it('a revoked key that a file still holds stays outside the collapsed group, first, with an error icon', async () => {
      const { top, inGroup } = await shown();
      assert.deepStrictEqual(labels(top), ['Revoked but used', 'ci-deploy', 'Expiring', 'Used twice', 'ci-deploy', 'Revoked and expired (1)']);
      const revoked = top[0];
      assert.strictEqual(revoked.item.description, 'revoked · still in .env.local');
      assert.strictEqual((revoked.item.iconPath as vscode.ThemeIcon).id, 'error');
      assert.match(String(revoked.item.contextValue), /\brevoked\b/);
      assert.deepStrictEqual(labels(inGroup), ['Revoked unused']);
      assert.strictEqual(inGroup[0].item.description, 'revoked');
      assert.strictEqual((inGroup[0].item.iconPath as vscode.ThemeIcon).id, 'circle-slash');
      // Reveal in Sidebar (the editor's hover) finds the row through getParent: the organization, not the group.
      t.ui.reset();
      await vscode.commands.executeCommand('vued.apiKeys.focus');
      await vscode.commands.executeCommand('vued.editor.revealKey', { keyId: seeds[2].id });
      await waitFor(() => t.tree.selection()[0] === t.tree.key(seeds[2].id), 'the revoked key selected');
      assert.ok(!t.ui.transcript.some((e) => e.kind === 'message'), 'no error revealing it');
    });

    it('two keys of one name (a rotation) tell apart by their creation date', async () => {
      const { byName } = await shown();
      const pair = byName('ci-deploy');
      assert.strictEqual(pair.length, 2);
      assert.deepStrictEqual(pair.map((r) => r.item.description), [`active · created ${day(now - 2 * DAY)}`, `active · created ${day(now - 40 * DAY)}`]);
      assert.strictEqual(byName('Expiring')[0].item.description, 'expires in 3 days · in .env', 'a name of its own gets no date');
    });

    it('an active filter is the view\'s message, with Clear Key Filter in the title and on the row that says nothing matches', async () => {
      await shown();
      t.tree.setFilter('ci-deploy');
      assert.strictEqual(t.tree.message(), 'Filtered by "ci-deploy": 2 keys match. Clear Key Filter shows every key.');
      const title = menuEntries(manifest(), 'view/title', { ...t.contextKeys(), view: 'vued.apiKeys' }).map((e) => e.command);
      assert.ok(title.includes(TreeCommands.clearKeyFilter), 'Clear Key Filter is in the view\'s title');
      t.tree.setFilter('no-such-key');
      assert.strictEqual(t.tree.message(), 'Filtered by "no-such-key": no key matches. Clear Key Filter shows every key.');
      const rows = await t.tree.children((await orgRow(t)).node);
      assert.strictEqual(rows.length, 1);
      assert.match(String(rows[0].item.label), /No key matches "no-such-key"/);
      assert.deepStrictEqual(actionsOf(t, rows[0]).inline, [TreeCommands.clearKeyFilter]);
      await vscode.commands.executeCommand(TreeCommands.clearKeyFilter);
      assert.strictEqual(t.tree.message(), undefined);
    });
  });
});
