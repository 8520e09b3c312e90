/**
 * The readable key list (issue 12, parts 3–5) in the real extension host, against the local API:
 * the `Revoked and expired (N)` group and the filter over 500 keys of mixed states, stable row ids,
 * organization names and Rename Organization…, and the palette's `when` clauses.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID, TreeCommands } from '../../src/constants';
import type { PublicApiKey } from '../../src/core/api/types';
import type { VuedApiServer } from '../fixtures/vuedApiServer';
import { apiKey } from '../support/builders';
import { paletteCommands } from '../support/whenClause';
import { createAnswers, printTranscriptOnFailure, setSetting, signIn, startApi, type Testing, testingApi, TOKEN, waitFor } from '../support/integration';

const ORG_L = '3a4b5c6d-7e8f-4a0b-9c1d-2e3f4a5b6c7d';
const ORG_R = '0b6c1d2e-3f40-4a5b-8c6d-7e8f90a11c2d';
const ORG_N = '7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2910';
const DAY = 86_400_000;
const TEAMS = ['billing', 'search', 'mobile', 'ci', 'web'];
const SCOPES = [['invoices:read'], ['docs:read', 'docs:write'], [], ['billing.admin']];

type Row = Awaited<ReturnType<Testing['tree']['roots']>>[number];
type Kind = 'active' | 'expiring' | 'expired' | 'revoked';

/** Key i of 500: its state by design (i % 10: 0–5 active, 6 expiring, 7 expired, 8–9 revoked), older as i grows. */
function kindOf(i: number): Kind {
  const k = i % 10;
  return k <= 5 ? 'active' : k === 6 ? 'expiring' : k === 7 ? 'expired' : 'revoked';
}

function seeded(now: number): PublicApiKey[] {
  return Array.from({ length: 500 }, (_, i) => {
    const kind = kindOf(i);
    const hex = i.toString(16).padStart(4, '0');
    return apiKey(`${hex}aaaa-0000-4000-8000-${i.toString(16).padStart(12, '0')}`, {
      name: `${TEAMS[i % TEAMS.length]} key ${i}`,
      keyPrefix: `vued_sk_${hex}`,
      scopes: SCOPES[i % SCOPES.length],
      createdAt: now - DAY - i * 60_000,
      expiresAt: kind === 'expiring' ? now + 2 * DAY : kind === 'expired' ? now - DAY / 2 : i % 3 === 0 ? now + 90 * DAY : null,
      revokedAt: kind === 'revoked' ? now - 1000 : null,
    });
  });
}

/** What a user expects a query to keep: every word (lower-case) in the name, prefix or a scope. */
function matches(k: PublicApiKey, query: string): boolean {
  const fields = [k.name, k.keyPrefix, ...k.scopes].map((f) => f.toLowerCase());
  return query.toLowerCase().split(/\s+/).filter(Boolean).every((w) => fields.some((f) => f.includes(w)));
}

async function orgRow(t: Testing, orgId: string, roots?: Row[]): Promise<Row> {
  const rows = roots ?? (await t.tree.roots());
  const row = rows.find((r) => r.item.id?.endsWith(`/org:${orgId}`));
  assert.ok(row, `organization ${orgId} is in the tree: ${rows.map((r) => r.item.id).join(', ')}`);
  return row;
}

async function addOrg(t: Testing, orgId: string, label = ''): Promise<void> {
  t.ui.reset();
  t.ui.queue(orgId, label);
  await vscode.commands.executeCommand(TreeCommands.addOrganization);
}

/** The org's rows as labels, with the group's rows (if any) listed after it. */
async function shown(t: Testing, orgId: string): Promise<{ top: Row[]; group: Row | undefined; inGroup: Row[] }> {
  const top = await t.tree.children((await orgRow(t, orgId)).node);
  const group = top.find((r) => r.item.contextValue === 'inactiveKeys');
  return { top, group, inGroup: group ? await t.tree.children(group.node) : [] };
}

describe('sidebar: a readable key list', () => {
  let t: Testing;
  let server: VuedApiServer | undefined;

  before(async () => {
    t = await testingApi();
  });
  printTranscriptOnFailure(() => t);
  afterEach(async () => {
    await vscode.commands.executeCommand(TreeCommands.clearKeyFilter);
    await server?.close();
    server = undefined;
  });
  after(async () => {
    await setSetting('apiBaseUrl', undefined);
  });

  it('500 keys: active and expiring on top newest first, the rest in a collapsed "Revoked and expired (N)" group, ids stable across a refresh', async () => {
    server = await startApi();
    await signIn(t);
    const now = Date.now();
    const keys = seeded(now);
    server.seedKeys(ORG_L, keys);
    await addOrg(t, ORG_L);
    t.tree.refresh();
    const { top, group, inGroup } = await shown(t, ORG_L);

    // Seeded newest first already (createdAt falls as i grows), so the expected order is index order.
    const current = keys.filter((_, i) => kindOf(i) === 'active' || kindOf(i) === 'expiring');
    const inactive = keys.filter((_, i) => kindOf(i) === 'expired' || kindOf(i) === 'revoked');
    assert.deepStrictEqual(top.slice(0, -1).map((r) => r.item.label), current.map((k) => k.name));
    assert.ok(group, 'the group is shown');
    assert.strictEqual(top[top.length - 1], group, 'the group is the last row');
    assert.strictEqual(group.item.label, `Revoked and expired (${inactive.length})`);
    assert.strictEqual(inactive.length, 150);
    assert.strictEqual(group.item.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    assert.deepStrictEqual(inGroup.map((r) => r.item.label), inactive.map((k) => k.name));
    for (const r of inGroup) {
      assert.match(String(r.item.contextValue), /\b(revoked|expired)\b/);
    }

    const ids = [group, ...top, ...inGroup].map((r) => r.item.id!);
    assert.strictEqual(new Set(ids).size, ids.length - 1, 'every row has its own id (the group is listed twice above)');
    const before = new Map([...top, ...inGroup].map((r) => [String(r.item.label), r.item.id]));
    t.tree.refresh();
    const again = await shown(t, ORG_L);
    const after = new Map([...again.top, ...again.inGroup].map((r) => [String(r.item.label), r.item.id]));
    assert.deepStrictEqual(after, before, 'the same ids after the list is read again');
    assert.strictEqual(server.count('GET', `/orgs/${ORG_L}/api-keys`), 2, 'the refresh did read the list again');
  });

  it('Filter Keys…: typing filters the rows live by name, prefix or scope; Escape clears it; Enter keeps it until Clear Key Filter', async () => {
    server = await startApi();
    await signIn(t);
    const keys = seeded(Date.now());
    server.seedKeys(ORG_L, keys);
    t.tree.refresh();
    const all = await shown(t, ORG_L);
    assert.strictEqual(t.contextKeys()['vued.keyFilterActive'], false);

    await vscode.commands.executeCommand(TreeCommands.filterKeys);
    const picker = t.tree.filterPicker();
    assert.ok(picker, 'the quick pick is open');

    for (const query of ['billing', 'billing read', 'vued_sk_01', 'docs:write key 1', 'no-such-key']) {
      picker.value = query;
      await waitFor(() => t.tree.filter() === query, `the tree to be filtered by "${query}"`);
      const { top, group, inGroup } = await shown(t, ORG_L);
      const expectTop = keys.filter((k, i) => matches(k, query) && (kindOf(i) === 'active' || kindOf(i) === 'expiring')).map((k) => k.name);
      const expectIn = keys.filter((k, i) => matches(k, query) && (kindOf(i) === 'expired' || kindOf(i) === 'revoked')).map((k) => k.name);
      const keyRows = top.filter((r) => String(r.item.contextValue).startsWith('apiKey'));
      assert.deepStrictEqual(keyRows.map((r) => r.item.label), expectTop, `top rows for "${query}"`);
      assert.deepStrictEqual(inGroup.map((r) => r.item.label), expectIn, `group rows for "${query}"`);
      if (expectIn.length > 0) {
        assert.strictEqual(group?.item.label, `Revoked and expired (${expectIn.length})`, 'the group counts the matching keys');
        assert.strictEqual(group?.item.id, all.group?.item.id, 'the group keeps its id while filtered');
      } else {
        assert.strictEqual(group, undefined, 'no empty group');
      }
      if (expectTop.length + expectIn.length === 0) {
        assert.match(String(top[0]?.item.label), /No key matches the filter "no-such-key"/);
      }
      assert.strictEqual(picker.items.length, Math.min(200, expectTop.length + expectIn.length), 'the quick pick lists the matching keys');
      assert.strictEqual(t.contextKeys()['vued.keyFilterActive'], true);
    }

    // Escape: the filter goes, every row is back.
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    await waitFor(() => t.tree.filter() === '', 'Escape to clear the filter');
    await waitFor(() => t.tree.filterPicker() === undefined, 'the quick pick to close');
    assert.strictEqual(t.contextKeys()['vued.keyFilterActive'], false);
    const cleared = await shown(t, ORG_L);
    assert.deepStrictEqual(cleared.top.map((r) => r.item.label), all.top.map((r) => r.item.label));

    // Enter keeps the filter; Clear Key Filter (the view's title) removes it.
    await vscode.commands.executeCommand(TreeCommands.filterKeys);
    const again = t.tree.filterPicker()!;
    again.value = 'search';
    await waitFor(() => t.tree.filter() === 'search', 'the tree to be filtered by "search"');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    await waitFor(() => t.tree.filterPicker() === undefined, 'the quick pick to close on Enter');
    assert.strictEqual(t.tree.filter(), 'search', 'Enter keeps the filter');
    assert.ok((await shown(t, ORG_L)).top.every((r) => r.item.contextValue === 'inactiveKeys' || String(r.item.label).startsWith('search ')));
    assert.strictEqual(t.contextKeys()['vued.keyFilterActive'], true);
    await vscode.commands.executeCommand(TreeCommands.clearKeyFilter);
    assert.strictEqual(t.tree.filter(), '');
    assert.strictEqual(t.contextKeys()['vued.keyFilterActive'], false);
    assert.strictEqual((await shown(t, ORG_L)).top.length, all.top.length);
  });

  it('Rename Organization… sets a local label shown as "label (0b6c1d2e…1c2d)", kept across a reload; an empty label removes it', async () => {
    server = await startApi();
    await signIn(t);
    await addOrg(t, ORG_R);
    t.tree.refresh();
    let org = await orgRow(t, ORG_R);
    assert.strictEqual(org.item.label, '0b6c1d2e…1c2d', 'no name yet: the shortened id');
    assert.match(String(org.item.contextValue), /\brenamable\b/);

    t.ui.reset();
    t.ui.queue('bad\u0007label', 'x'.repeat(61), '  Staging billing  ');
    const stored = await vscode.commands.executeCommand(TreeCommands.renameOrganization, org.node);
    assert.strictEqual(stored, 'Staging billing');
    const asked = t.ui.transcript.filter((e) => e.kind === 'input');
    assert.deepStrictEqual(asked.map((e) => e.validation), ['The label cannot contain control characters.', 'Use at most 60 characters.', undefined]);
    assert.strictEqual(server.requests.filter((r) => r.method !== 'GET').length, 0, 'nothing is sent to the server');
    org = await orgRow(t, ORG_R);
    assert.strictEqual(org.item.label, 'Staging billing (0b6c1d2e…1c2d)');
    assert.strictEqual(org.item.description, ORG_R);

    // A window reload cannot run inside the test host (it would end the run): a new tree is built
    // from the same globalState instead, which is what the reloaded window reads.
    const reloaded = await orgRow(t, ORG_R, await t.tree.rootsAfterReload());
    assert.strictEqual(reloaded.item.label, 'Staging billing (0b6c1d2e…1c2d)', 'the label survives a reload');

    t.ui.reset();
    t.ui.queue('');
    assert.strictEqual(await vscode.commands.executeCommand(TreeCommands.renameOrganization, org.node), '');
    assert.strictEqual(t.ui.transcript[0].value, 'Staging billing', 'the box starts from the current label');
    assert.strictEqual((await orgRow(t, ORG_R)).item.label, '0b6c1d2e…1c2d');
    assert.strictEqual((await orgRow(t, ORG_R, await t.tree.rootsAfterReload())).item.label, '0b6c1d2e…1c2d');
  });

  it('names the server lists are shown as they are, and such an organization cannot be renamed', async () => {
    server = await startApi({ organizations: [{ id: ORG_N, name: 'Northwind Traders' }] });
    await signIn(t);
    t.tree.refresh();
    const org = await orgRow(t, ORG_N);
    assert.strictEqual(org.item.label, 'Northwind Traders');
    assert.strictEqual(org.item.description, ORG_N);
    assert.doesNotMatch(String(org.item.contextValue), /\brenamable\b/);
    t.ui.reset();
    assert.strictEqual(await vscode.commands.executeCommand(TreeCommands.renameOrganization, org.node), undefined);
    assert.strictEqual(t.ui.transcript.length, 0, 'nothing is asked');
  });

  describe('the palette', () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as Parameters<typeof paletteCommands>[0] & {
      contributes: { menus: Record<string, Array<{ command: string; when?: string }>> };
    };
    const palette = () => new Set(paletteCommands(manifest, t.contextKeys()));

    it('every command that needs a tree node is hidden from the palette', () => {
      const entries = manifest.contributes.menus.commandPalette ?? [];
      for (const id of [TreeCommands.renameOrganization, TreeCommands.removeOrganization, TreeCommands.revokeApiKey, TreeCommands.copyKeyId]) {
        assert.strictEqual(entries.find((e) => e.command === id)?.when, 'false', id);
      }
    });

    it('signed out: no Sign Out, no Insert Last Created Secret, nothing that needs a token; what is offered does something', async () => {
      server = await startApi();
      await signIn(t);
      await vscode.commands.executeCommand(Commands.signOut);
      await waitFor(() => t.contextKeys()['vued.signedIn'] === false, 'vued.signedIn to be false');
      assert.strictEqual(t.contextKeys()['vued.holdsSecret'], false);
      const shownCommands = palette();
      for (const id of [Commands.signOut, Commands.insertSecretIntoEnv, TreeCommands.refreshKeys, TreeCommands.filterKeys, TreeCommands.clearKeyFilter, TreeCommands.addOrganization]) {
        assert.ok(!shownCommands.has(id), `${id} is not offered when signed out`);
      }
      assert.ok(shownCommands.has(Commands.setToken) && shownCommands.has(Commands.createApiKey));
      // Create API Key while signed out asks for the token: it does not just say it cannot run.
      t.ui.reset();
      t.ui.queue('$cancel');
      await vscode.commands.executeCommand(Commands.createApiKey);
      assert.strictEqual(t.ui.transcript[0]?.kind, 'input');
      assert.strictEqual(t.ui.transcript[0]?.password, true, 'the token box');
    });

    it('signed in: Sign Out is offered; Insert Last Created Secret only once this window holds a secret', async () => {
      server = await startApi();
      await signIn(t);
      await waitFor(() => t.contextKeys()['vued.signedIn'] === true, 'vued.signedIn to be true');
      let shownCommands = palette();
      assert.ok(shownCommands.has(Commands.signOut), 'Sign Out');
      assert.ok(!shownCommands.has(Commands.insertSecretIntoEnv), 'no secret held yet');
      assert.ok(!shownCommands.has(TreeCommands.clearKeyFilter), 'no filter to clear');

      t.ui.reset();
      t.ui.queue(...createAnswers({ name: 'Palette key' }), '$cancel', 'Finish Without Saving It');
      await vscode.commands.executeCommand(Commands.createApiKey);
      assert.ok(t.heldKeyId(), 'the window holds the new secret');
      await waitFor(() => t.contextKeys()['vued.holdsSecret'] === true, 'vued.holdsSecret to be true');
      shownCommands = palette();
      assert.ok(shownCommands.has(Commands.insertSecretIntoEnv), 'Insert Last Created Secret is offered');
      t.tree.refresh();
      await t.tree.roots();
      assert.ok(palette().has(TreeCommands.filterKeys), 'Filter Keys… with organizations to filter');

      // Signing out drops the secret, and the palette follows.
      await vscode.commands.executeCommand(Commands.signOut);
      await waitFor(() => t.contextKeys()['vued.holdsSecret'] === false, 'vued.holdsSecret to be false after sign-out');
      assert.ok(!palette().has(Commands.insertSecretIntoEnv));
      assert.ok(!palette().has(Commands.signOut));
      await signIn(t);
    });

    it('a token from VUED_TOKEN: neither Set Access Token nor Sign Out is offered, since neither could change it', async () => {
      process.env.VUED_TOKEN = TOKEN.toUpperCase();
      try {
        server = await startApi({ token: TOKEN.toUpperCase() });
        await waitFor(() => t.contextKeys()['vued.tokenFromEnvironment'] === true, 'vued.tokenFromEnvironment to be true');
        const shownCommands = palette();
        assert.ok(!shownCommands.has(Commands.setToken), 'no Set Access Token');
        assert.ok(!shownCommands.has(Commands.signOut), 'no Sign Out');
        assert.ok(shownCommands.has(Commands.createApiKey));
      } finally {
        delete process.env.VUED_TOKEN;
      }
      await setSetting('apiBaseUrl', undefined);
      await waitFor(() => t.contextKeys()['vued.tokenFromEnvironment'] === false, 'vued.tokenFromEnvironment to be false again');
      assert.ok(palette().has(Commands.setToken), 'Set Access Token is back');
    });
  });
});
