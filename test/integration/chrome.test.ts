/**
 * Quiet chrome in the real extension host: the API Keys view's title keeps to three icons (the
 * rest under "…") and offers nothing that needs a token while signed out; the status item appears
 * only once the user has signed in or a known key is in the workspace; the settings read well.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID, TreeCommands } from '../../src/constants';
import type { VuedApiServer } from '../fixtures/vuedApiServer';
import { evaluateWhen } from '../support/whenClause';
import { afterWatcher, createAnswers, ORG, printTranscriptOnFailure, setSetting, signIn, startApi, type Testing, testingApi, TOKEN, waitFor, writeWorkspaceFile } from '../support/integration';

interface MenuEntry {
  command: string;
  when?: string;
  group?: string;
}

const manifest = () =>
  vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { menus: Record<string, MenuEntry[]> } };

/** The API Keys view's title entries VS Code shows for the extension's context keys now. */
function titleEntries(t: Testing): MenuEntry[] {
  const ctx = { ...t.contextKeys(), view: 'vued.apiKeys', workspaceFolderCount: 1 };
  return manifest().contributes.menus['view/title'].filter((e) => e.when === undefined || shownWhen(e.when, ctx));
}

/** A when clause as VS Code reads it; one with a comparison the helper does not read (`workspaceFolderCount > 0`) counts as shown. */
function shownWhen(when: string, ctx: Record<string, unknown>): boolean {
  try {
    return evaluateWhen(when, ctx);
  } catch {
    return true;
  }
}

/** Icons in the title: the `navigation` group, and Collapse All, which the view adds itself (showCollapseAll). */
function iconCount(t: Testing): number {
  return titleEntries(t).filter((e) => (e.group ?? '').startsWith('navigation')).length + 1;
}

/** What needs a token: none of it belongs in the title while signed out. */
const SIGN_IN_ONLY = [Commands.createApiKey, TreeCommands.addOrganization, TreeCommands.refreshKeys, TreeCommands.filterKeys, Commands.signOut];

describe('quiet chrome', function () {
  this.timeout(60_000);
  let t: Testing;
  let server: VuedApiServer;
  let origin: string;

  before(async () => {
    t = await testingApi();
    server = await startApi({ organizations: [{ id: ORG, name: 'Acme' }] });
    origin = new URL(server.url).origin;
  });

  printTranscriptOnFailure(() => t);

  after(async () => {
    t.tree.setFilter('');
    await setSetting('defaultOrgId', undefined);
    await setSetting('apiBaseUrl', undefined);
    await server.close();
  });

  async function signOut(): Promise<void> {
    await t.removeSession(origin);
    await waitFor(() => t.contextKeys()['vued.signedIn'] === false, 'signed out');
  }

  it('signed out: the view title offers nothing that needs a token; in any state it has at most three icons', async () => {
    await signOut();
    const shown = titleEntries(t).map((e) => e.command);
    for (const id of SIGN_IN_ONLY) {
      assert.ok(!shown.includes(id), `${id} is not in the title while signed out (shown: ${shown.join(', ')})`);
    }
    assert.ok(shown.includes(Commands.setToken), 'Set Access Token is');
    assert.ok(iconCount(t) <= 3, `${iconCount(t)} icons while signed out`);

    await signIn(t);
    await waitFor(() => t.contextKeys()['vued.signedIn'] === true, 'signed in');
    t.tree.refresh();
    await t.tree.roots();
    await waitFor(() => t.contextKeys()['vued.hasOrganizations'] === true, 'organizations listed');
    t.tree.setFilter('Acme');
    await waitFor(() => t.contextKeys()['vued.keyFilterActive'] === true, 'the filter on');
    const icons = titleEntries(t).filter((e) => (e.group ?? '').startsWith('navigation')).map((e) => e.command);
    assert.ok(iconCount(t) <= 3, `at most three icons when signed in and filtered: ${icons.join(', ')} and Collapse All`);
    assert.ok(icons.includes(Commands.createApiKey), 'Create API Key stays an icon');
    // The rest is under "…", not gone.
    const overflow = titleEntries(t).filter((e) => !(e.group ?? '').startsWith('navigation')).map((e) => e.command);
    for (const id of [TreeCommands.addOrganization, TreeCommands.filterKeys, TreeCommands.clearKeyFilter, Commands.setToken, Commands.signOut, Commands.showLogs]) {
      assert.ok(icons.includes(id) || overflow.includes(id), `${id} is offered`);
    }
    t.tree.setFilter('');
  });

  it('the status item appears only once signed in, or when a known key is in the workspace', async () => {
    for (const m of t.keychain.mappings()) {
      await t.keychain.forget(m.origin, m.keyId);
    }
    await signOut();
    await waitFor(() => !t.statusItem().visible, `no status item while signed out with no known key here (it says "${t.statusItem().text}")`);

    await signIn(t);
    await waitFor(() => t.statusItem().visible, 'shown once signed in');
    // A key created here whose secret a .env of this workspace holds: known, and in the workspace.
    t.ui.reset();
    t.ui.queue(...createAnswers({ name: 'Chrome key' }), '$cancel', 'Finish Without Saving It');
    await vscode.commands.executeCommand(Commands.createApiKey);
    const issued = server.issued().find((i) => i.key.name === 'Chrome key');
    assert.ok(issued, 'a key was created');
    await signOut();
    await waitFor(() => !t.statusItem().visible, 'hidden again after signing out');

    const file = writeWorkspaceFile('chrome/.env', `CHROME_KEY=${issued.secret}\n`);
    try {
      // The item reads no file itself: once the workspace's .env files are read (here: the user asks for a scan), it knows.
      await vscode.commands.executeCommand(Commands.scanWorkspace);
      await afterWatcher(() => t.statusItem().visible, 'shown: a known key is in the workspace', () => vscode.commands.executeCommand(Commands.scanWorkspace));
      assert.match(t.statusItem().text, /signed out/, 'and it says signed out');
    } finally {
      fs.rmSync(file, { force: true });
    }
    await afterWatcher(() => !t.statusItem().visible, 'hidden once the file is gone', () => vscode.commands.executeCommand(Commands.scanWorkspace));

    // A key kept in the keychain for this workspace is a known key here too.
    await t.keychain.hold({ origin, orgId: ORG, id: issued.key.id, name: issued.key.name, keyPrefix: issued.key.keyPrefix }, issued.secret, 'CHROME_KEY');
    try {
      await waitFor(() => t.statusItem().visible, 'shown: a key kept for this workspace');
    } finally {
      await t.keychain.forget(origin, issued.key.id);
    }
    await waitFor(() => !t.statusItem().visible, 'hidden once it is forgotten');
    await signIn(t);
  });

  it('Default Organization ID: the old vued.defaultOrgId still counts (the token check reads its keys when GET /orgs is missing)', async () => {
    const bare = await startApi({ organizations: null });
    try {
      await setSetting('defaultOrgId', ORG);
      t.ui.reset();
      t.ui.queue(TOKEN);
      await vscode.commands.executeCommand(Commands.setToken);
      assert.ok(bare.requests.some((r) => r.path === `/v1/orgs/${ORG}/api-keys`), bare.requests.map((r) => r.path).join(', '));
    } finally {
      await setSetting('defaultOrgId', undefined);
      await t.removeSession(new URL(bare.url).origin);
      await bare.close();
      await setSetting('apiBaseUrl', server.url);
    }
  });
});
