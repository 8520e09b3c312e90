/**
 * A token is checked where it is entered (Set Access Token, the Accounts menu, the prompt inside a
 * command) with one read that needs it and changes nothing, while the box shows busy: refused in
 * the box when the server rejects it, stored with a plain word when it could not be checked, and
 * the account named by who it belongs to or by a short fingerprint. A token rejected later turns
 * the status item into a warning and takes the session out of the Accounts menu until a token works.
 */
import * as assert from 'assert';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { VuedApiServer } from '../fixtures/vuedApiServer';
import { filesUnder } from '../support/leakScan';
import { createAnswers, createPosts, messages, ORG, printTranscriptOnFailure, setSetting, signIn, startApi, type Testing, testingApi, TOKEN, waitFor } from '../support/integration';

const WRONG = `it-wrong-${process.pid}-Xy7q`;

/** The short fingerprint an account shows for a token: the first 8 hex digits of its SHA-256. */
function fingerprint(token: string): string {
  return createHash('sha256').update(token).digest('hex').slice(0, 8);
}

/** A port nothing listens on (the OS gave it, and it was closed again). */
function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

function inputs(t: Testing) {
  return t.ui.transcript.filter((e) => e.kind === 'input');
}

/** Every text the scripted UI showed (prompts, validation messages, notifications). */
function shownTexts(t: Testing): string[] {
  return t.ui.transcript.flatMap((e) => [e.text, e.validation ?? '', ...(e.items ?? [])]);
}

function assertNoToken(t: Testing, ...tokens: string[]): void {
  for (const text of shownTexts(t)) {
    for (const token of tokens) {
      assert.ok(!text.includes(token), `a token was shown: ${text}`);
    }
  }
}

describe('a checked token, wherever it is entered', function () {
  this.timeout(60_000);
  let t: Testing;
  let server: VuedApiServer;
  let origin: string;
  let host: string;
  const extra: VuedApiServer[] = [];

  /** Starts another local API and points vued.apiBaseUrl at it (closed after the suite). */
  async function otherApi(options: Parameters<typeof startApi>[0]): Promise<VuedApiServer> {
    const s = await startApi(options);
    extra.push(s);
    return s;
  }

  before(async () => {
    t = await testingApi();
    server = await startApi();
    origin = new URL(server.url).origin;
    host = new URL(server.url).host;
  });

  beforeEach(async () => {
    await setSetting('apiBaseUrl', server.url);
    // By origin, so a token left out of the sessions (rejected) is deleted too.
    await t.removeSession(origin);
    await waitFor(() => !t.signInState().signedIn, 'signed out');
    t.ui.reset();
    server.reset();
  });

  printTranscriptOnFailure(() => t);

  after(async () => {
    t.ui.reset();
    await setSetting('getTokenUrl', undefined);
    await setSetting('defaultOrganizationId', undefined);
    await setSetting('apiBaseUrl', undefined);
    for (const s of extra) {
      await s.close();
    }
    await server.close();
  });

  it('Set Access Token: a wrong token is refused in the box with the reason, nothing stored; the right one is checked, stored, and said so', async () => {
    t.ui.queue(WRONG, TOKEN);
    await vscode.commands.executeCommand(Commands.setToken);
    const asked = inputs(t);
    assert.strictEqual(asked.length, 2, 'one box, typed twice');
    assert.match(asked[0].validation ?? '', /rejected this token \(401/, 'the box stays open with the reason');
    assert.strictEqual(asked[1].validation, undefined, 'the right token closes the box');
    // One read per token typed, with that token; nothing else before the box closed.
    const reads = server.requests.slice(0, 2).map((r) => `${r.method} ${r.path} ${r.headers.authorization === `Bearer ${TOKEN}` ? 'right' : 'wrong'}`);
    assert.deepStrictEqual(reads, ['GET /v1/orgs wrong', 'GET /v1/orgs right']);
    assert.ok(server.requests.every((r) => r.method === 'GET'), 'a check changes nothing');
    const sessions = await t.sessions();
    assert.ok(sessions.some((x) => x.id === origin && x.tokenIs(TOKEN)), 'the right token is the session');
    assert.ok(!sessions.some((x) => x.tokenIs(WRONG)), 'the wrong token was never stored');
    assert.ok(messages(t.ui.transcript, 'info').some((m) => m.includes(`Signed in to ${host}`) && /checked/.test(m)), `says it was checked: ${messages(t.ui.transcript).join(' | ')}`);
    assert.ok(!messages(t.ui.transcript).some((m) => /saved/i.test(m) && !/checked/.test(m)), 'no bare "saved"');
    assertNoToken(t, TOKEN, WRONG);
  });

  it('a wrong token, then Escape: nothing stored, still signed out, and no word of being signed in', async () => {
    t.ui.queue(WRONG, '$cancel');
    await vscode.commands.executeCommand(Commands.setToken);
    assert.match(inputs(t)[0].validation ?? '', /rejected this token/);
    assert.ok(!(await t.sessions()).some((x) => x.id === origin));
    assert.strictEqual(t.signInState().signedIn, false);
    assert.deepStrictEqual(messages(t.ui.transcript), [], 'nothing said after the box was closed');
  });

  it('an unreachable server: the token is stored, and the message says plainly it was not checked and why', async () => {
    const port = await closedPort();
    const url = `http://127.0.0.1:${port}/v1`;
    await setSetting('apiBaseUrl', url);
    try {
      t.ui.queue(TOKEN);
      await vscode.commands.executeCommand(Commands.setToken);
      assert.strictEqual(inputs(t).length, 1, 'not refused');
      await waitFor(async () => (await t.sessions()).some((x) => x.id === `http://127.0.0.1:${port}`), 'the session of the unreachable host');
      const warned = messages(t.ui.transcript, 'warning');
      assert.ok(warned.some((m) => /not checked/.test(m) && /refused the connection/.test(m)), `the reason: ${messages(t.ui.transcript).join(' | ')}`);
      assert.ok(!messages(t.ui.transcript, 'info').some((m) => /checked/.test(m)), 'never "checked"');
      assertNoToken(t, TOKEN);
    } finally {
      await t.removeSession(`http://127.0.0.1:${port}`).catch(() => undefined);
    }
  });

  it('a server with no read to check with stores the token and says why; the default organization\'s key list checks it where GET /orgs is missing', async () => {
    const bare = await otherApi({ organizations: null, listKeys: false });
    t.ui.queue(TOKEN);
    await vscode.commands.executeCommand(Commands.setToken);
    assert.ok(messages(t.ui.transcript, 'warning').some((m) => /not checked/.test(m) && /offers no read/.test(m)), messages(t.ui.transcript).join(' | '));
    assert.ok((await t.sessions()).some((x) => x.id === new URL(bare.url).origin), 'stored');
    assert.deepStrictEqual(bare.requests.map((r) => r.method), bare.requests.map(() => 'GET'), 'only reads');
    await t.removeSession(new URL(bare.url).origin);

    const keysOnly = await otherApi({ organizations: null });
    await setSetting('defaultOrganizationId', ORG);
    try {
      t.ui.reset();
      t.ui.queue(TOKEN);
      await vscode.commands.executeCommand(Commands.setToken);
      assert.deepStrictEqual(keysOnly.requests.slice(0, 2).map((r) => `${r.method} ${r.path}`), ['GET /v1/orgs', `GET /v1/orgs/${ORG}/api-keys`]);
      assert.ok(messages(t.ui.transcript, 'info').some((m) => /checked/.test(m)), messages(t.ui.transcript).join(' | '));
      await t.removeSession(new URL(keysOnly.url).origin);
    } finally {
      await setSetting('defaultOrganizationId', undefined);
    }
  });

  it('the account names who the token belongs to when the server says it, else the host and a short fingerprint, never the token', async () => {
    await signIn(t);
    const mine = (await t.sessions()).find((x) => x.id === origin);
    assert.ok(mine);
    assert.strictEqual(mine.label, `${host} (token ${fingerprint(TOKEN)})`);
    assert.ok(!mine.label.includes(TOKEN) && !mine.label.includes(`${process.pid}`), 'nothing of the token in the label');

    const named = await otherApi({ account: { name: 'Ada Lovelace', email: 'ada@example.com' } });
    t.ui.queue(TOKEN);
    await vscode.commands.executeCommand(Commands.setToken);
    const ada = (await t.sessions()).find((x) => x.id === new URL(named.url).origin);
    assert.strictEqual(ada?.label, `${new URL(named.url).host} (Ada Lovelace)`);
    assert.ok(messages(t.ui.transcript, 'info').some((m) => m.includes('as Ada Lovelace')), messages(t.ui.transcript).join(' | '));
    await t.removeSession(new URL(named.url).origin);
  });

  it('the Accounts menu: signing in there checks the token the same way, and says so', async () => {
    t.ui.queue(WRONG, TOKEN);
    const label = await t.signInFromAccountsMenu();
    assert.strictEqual(label, `${host} (token ${fingerprint(TOKEN)})`);
    assert.match(inputs(t)[0].validation ?? '', /rejected this token \(401/);
    assert.ok(messages(t.ui.transcript, 'info').some((m) => m.includes(`Signed in to ${host}`)), 'a confirmation, which the Accounts menu gave none of');
    assert.ok(!(await t.sessions()).some((x) => x.tokenIs(WRONG)));
  });

  it('the prompt inside a command: a wrong token is refused there too, and the command goes on with the right one', async () => {
    t.ui.queue(WRONG, TOKEN, ...createAnswers({ name: 'After the prompt' }), '$cancel', 'Finish Without Saving It');
    await vscode.commands.executeCommand(Commands.createApiKey);
    assert.match(inputs(t)[0].validation ?? '', /rejected this token \(401/);
    const posts = createPosts(server);
    assert.strictEqual(posts.length, 1, 'one key created');
    assert.strictEqual(posts[0].headers.authorization, `Bearer ${TOKEN}`);
    assert.ok(!server.requests.some((r) => r.method !== 'GET' && r.headers.authorization === `Bearer ${WRONG}`), 'nothing but the check was sent with the wrong token');
  });

  it('Get a Token: a button in the token box opens vued.getTokenUrl and leaves the box open; an address that is not https is refused', async () => {
    await setSetting('getTokenUrl', `${server.url}/get-a-token`);
    t.ui.queue('$button:Get a Token', TOKEN);
    await vscode.commands.executeCommand(Commands.setToken);
    const box = inputs(t);
    assert.ok(box[0]?.buttons?.includes('Get a Token'), `the box has the button: ${JSON.stringify(box[0])}`);
    assert.strictEqual(box.length, 2, 'pressing it left the box open for the token');
    // The page goes to VS Code's openExternal (the log says which); whether the browser then loads it is the workbench's affair.
    const opened = `Opening the page where new access tokens are made, ${server.url}/get-a-token`;
    await waitFor(() => filesUnder(t.logDir).some((f) => fs.readFileSync(f, 'utf8').includes(opened)), 'the page to be opened', 15_000);
    assert.ok((await t.sessions()).some((x) => x.id === origin), 'then the token was taken');

    await setSetting('getTokenUrl', 'http://example.com/tokens');
    t.ui.reset();
    await vscode.commands.executeCommand('vued.getToken');
    assert.ok(messages(t.ui.transcript, 'error').some((m) => /vued\.getTokenUrl/.test(m) && /https/.test(m)), messages(t.ui.transcript).join(' | '));
  });

  it('a token rejected later: the status item says "sign in again", the session leaves the Accounts menu, until a token works', async () => {
    await signIn(t);
    await waitFor(() => t.statusItem().visible && t.statusItem().text.startsWith('$(key) Vued'), 'the status item signed in');
    server.reset();
    server.misbehave({ status: 401, body: '{"error":"Invalid token"}', contentType: 'application/json', times: Infinity });
    t.tree.refresh();
    await t.tree.roots().catch(() => undefined);
    await waitFor(() => t.statusItem().text === '$(warning) Vued · sign in again', `the warning (now: ${t.statusItem().text})`);
    assert.match(t.statusItem().tooltip ?? '', new RegExp(`${host.replace(/[.]/g, '\\.')} rejected the access token`));
    assert.strictEqual(t.statusItem().command, Commands.setToken, 'a click signs in again');
    assert.strictEqual(t.contextKeys()['vued.tokenRejected'], true);
    await waitFor(async () => !(await t.sessions()).some((x) => x.id === origin), 'the session to leave the Accounts menu, so VS Code asks to sign in');
    assert.strictEqual(t.signInState().signedIn, true, 'the token is still stored');

    // A request that works with the same token clears it.
    server.reset();
    t.tree.refresh();
    await t.tree.roots();
    await waitFor(() => t.statusItem().text.startsWith('$(key) Vued'), 'the status item back to normal');
    await waitFor(async () => (await t.sessions()).some((x) => x.id === origin), 'the session back');
    assert.strictEqual(t.contextKeys()['vued.tokenRejected'], false);

    // Rejected again; signing in again (with a token that is checked) clears it too.
    server.misbehave({ status: 401, body: '{"error":"Invalid token"}', contentType: 'application/json', method: 'GET', pathIncludes: '/orgs', times: 1 });
    t.tree.refresh();
    await t.tree.roots().catch(() => undefined);
    await waitFor(() => t.statusItem().text === '$(warning) Vued · sign in again', 'the warning again');
    await signIn(t);
    await waitFor(() => t.statusItem().text.startsWith('$(key) Vued'), 'signed in again');
    assert.ok((await t.sessions()).some((x) => x.id === origin));
  });

  it('the walkthrough waits for real events: a checked sign-in from anywhere, a key created, a secret inserted, not a button press', async () => {
    const manifest = vscode.extensions.getExtension('vued.vued-api-keys')!.packageJSON as {
      contributes: { walkthroughs: Array<{ steps: Array<{ id: string; completionEvents?: string[] }> }> };
    };
    const events = Object.fromEntries(manifest.contributes.walkthroughs[0].steps.map((s) => [s.id, s.completionEvents ?? []]));
    assert.deepStrictEqual(events.setToken, ['onContext:vued.tokenChecked']);
    assert.deepStrictEqual(events.createKey, ['onContext:vued.createdKey']);
    assert.deepStrictEqual(events.insertSecret, ['onContext:vued.insertedSecret']);

    // A sign-in that could not be checked does not complete the step…
    const port = await closedPort();
    await setSetting('apiBaseUrl', `http://127.0.0.1:${port}/v1`);
    t.ui.queue(TOKEN);
    await vscode.commands.executeCommand(Commands.setToken);
    assert.notStrictEqual(t.contextKeys()['vued.tokenChecked'], true, 'not after an unchecked sign-in');
    await t.removeSession(`http://127.0.0.1:${port}`);
    // …a checked one does, from the Accounts menu as from Set Access Token.
    await setSetting('apiBaseUrl', server.url);
    t.ui.reset();
    t.ui.queue(TOKEN);
    await t.signInFromAccountsMenu();
    assert.strictEqual(t.contextKeys()['vued.tokenChecked'], true);
  });
});
