/**
 * The `vued` authentication provider and several hosts (issue 12, parts 1 and 2) in the real
 * extension host: Set Access Token and Sign Out go through the provider, VS Code hears of each
 * change, and with two hosts each request goes to its own host with its own token.
 */
import * as assert from 'assert';
import { createHash } from 'crypto';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import { startVuedApiServer, type VuedApiServer } from '../fixtures/vuedApiServer';
import { allIssuedSecrets, createAnswers, createPosts, messages, printTranscriptOnFailure, setSetting, signIn, STAGING_TOKEN, startApi, type Testing, testingApi, TOKEN, waitFor } from '../support/integration';

describe('the vued authentication provider', () => {
  let t: Testing;
  let server: VuedApiServer;

  before(async () => {
    t = await testingApi();
    server = await startApi();
  });

  printTranscriptOnFailure(() => t);

  after(async () => {
    await setSetting('hosts', undefined);
    await setSetting('apiBaseUrl', undefined);
    await server.close();
  });

  it('is registered with VS Code: Set Access Token and Sign Out each fire onDidChangeSessions for vued', async () => {
    const origin = new URL(server.url).origin;
    const fired: string[] = [];
    const sub = vscode.authentication.onDidChangeSessions((e) => fired.push(e.provider.id));
    try {
      await signIn(t);
      await waitFor(() => fired.includes('vued'), 'onDidChangeSessions for vued after Set Access Token');
      let sessions = await t.sessions();
      const mine = sessions.find((x) => x.id === origin);
      assert.ok(mine, `a session for ${origin}`);
      assert.ok(mine.tokenIs(TOKEN), 'its access token is the token just set');
      assert.strictEqual(mine.label, `${new URL(origin).host} (token ${createHash('sha256').update(TOKEN).digest('hex').slice(0, 8)})`, 'the account is named by its host and the token\'s short fingerprint');
      await waitFor(() => t.contextKeys()['vued.signedIn'] === true, 'vued.signedIn to follow the session');

      // Another extension (here: any caller VS Code has not asked the user about) gets nothing silently.
      const quiet = await vscode.authentication.getSession('vued', [], { createIfNone: false, silent: true });
      assert.strictEqual(quiet, undefined, 'no session without the user\'s consent');

      fired.length = 0;
      await vscode.commands.executeCommand(Commands.signOut);
      await waitFor(() => fired.includes('vued'), 'onDidChangeSessions for vued after Sign Out');
      sessions = await t.sessions();
      assert.ok(!sessions.some((x) => x.id === origin), 'no session for the host after Sign Out');
      assert.strictEqual(await vscode.authentication.getSession('vued', [], { createIfNone: false, silent: true }), undefined);
      await waitFor(() => t.contextKeys()['vued.signedIn'] === false, 'vued.signedIn to follow the sign-out');
    } finally {
      sub.dispose();
    }
  });

  it('a token stored in SecretStorage from elsewhere (another window) is a session and an event', async () => {
    const origin = new URL(server.url).origin;
    const fired: string[] = [];
    const sub = vscode.authentication.onDidChangeSessions((e) => fired.push(e.provider.id));
    try {
      // What another window does: write the secret under this host's key; nothing here is called.
      await t.storeTokenAsAnotherWindow(origin, TOKEN);
      await waitFor(() => fired.includes('vued'), 'onDidChangeSessions after a change this window did not make');
      assert.ok((await t.sessions()).some((x) => x.id === origin && x.tokenIs(TOKEN)));
      await waitFor(() => t.contextKeys()['vued.signedIn'] === true, 'vued.signedIn to follow');
    } finally {
      sub.dispose();
    }
  });

  it('VUED_TOKEN is a session that cannot be signed out, and removing it says why', async () => {
    process.env.VUED_TOKEN = TOKEN.toUpperCase();
    try {
      await setSetting('apiBaseUrl', server.url);
      await t.refreshSessions();
      const sessions = await t.sessions();
      assert.strictEqual(sessions.length, 1);
      assert.match(sessions[0].label, /VUED_TOKEN/);
      await assert.rejects(t.removeSession(sessions[0].id), /VUED_TOKEN environment variable/);
    } finally {
      delete process.env.VUED_TOKEN;
      await t.refreshSessions();
    }
  });

  it('two hosts with two tokens: each request goes to its own host with its own token', async () => {
    const staging = await startVuedApiServer({ token: STAGING_TOKEN });
    try {
      await setSetting('apiBaseUrl', server.url);
      await setSetting('hosts', [{ label: 'Staging', apiBaseUrl: staging.url }]);
      // Set Access Token asks which host first when there are several.
      t.ui.reset();
      t.ui.queue(new URL(server.url).host, TOKEN);
      await vscode.commands.executeCommand(Commands.setToken);
      assert.deepStrictEqual(t.ui.transcript[0]?.items, [new URL(server.url).host, 'Staging'], 'the default host, then vued.hosts');
      t.ui.reset();
      t.ui.queue('Staging', STAGING_TOKEN);
      await vscode.commands.executeCommand(Commands.setToken);
      assert.strictEqual(t.ui.transcript[0]?.kind, 'pick', 'which host');
      await waitFor(async () => (await t.sessions()).some((x) => x.id === new URL(staging.url).origin), 'the staging session');
      server.reset();
      staging.reset();

      // The palette's Create API Key asks which host; each answer sends to that host only.
      for (const [label, target] of [['Staging', staging], [new URL(server.url).host, server]] as const) {
        t.ui.reset();
        t.ui.queue(label, ...createAnswers({ name: `${label} key` }), '$cancel', 'Finish Without Saving It');
        await vscode.commands.executeCommand(Commands.createApiKey);
        assert.strictEqual(t.ui.transcript[0]?.kind, 'pick', 'which host');
        assert.strictEqual(createPosts(target).length, 1, `one POST to ${label}`);
      }
      assert.deepStrictEqual(staging.requests.map((r) => r.headers.authorization === `Bearer ${STAGING_TOKEN}`), staging.requests.map(() => true), 'staging saw only its token');
      assert.deepStrictEqual(server.requests.map((r) => r.headers.authorization === `Bearer ${TOKEN}`), server.requests.map(() => true), 'the default host saw only its token');
      assert.ok(staging.requests.length >= 1 && server.requests.length >= 1);

      // Revoke from a tree node of the staging host goes to staging, never to the default host.
      const before = server.requests.length;
      const created = staging.issued()[0];
      assert.ok(created);
      t.ui.reset();
      t.ui.queue('Revoke');
      await vscode.commands.executeCommand('vued.revokeApiKey', t.keyNodeFor(new URL(staging.url).origin, created.orgId, created.key));
      assert.ok(staging.requests.some((r) => r.method === 'DELETE' && r.headers.authorization === `Bearer ${STAGING_TOKEN}`), 'DELETE to staging with its token');
      // The sidebar may read the default host's lists meanwhile; the revoke itself goes nowhere else,
      // and the default host never sees the staging token.
      const atDefault = server.requests.slice(before);
      assert.deepStrictEqual(atDefault.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.path}`), [], 'no revoke (nor anything but a read) to the default host');
      assert.ok(atDefault.every((r) => r.headers.authorization === `Bearer ${TOKEN}`), 'the default host saw only its own token');
      assert.deepStrictEqual(messages(t.ui.transcript, 'error'), []);
    } finally {
      staging.issued().forEach((i) => allIssuedSecrets.add(i.secret));
      t.ui.reset();
      await setSetting('hosts', undefined);
      await staging.close();
    }
  });
});
