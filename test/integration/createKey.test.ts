/** The create flow inside VS Code against the local Vued API, answered through the scripted UI. */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import { PROGRESS_DELAY_MS, withCancellableProgress } from '../../src/platform/progress';
import type { VuedApiServer } from '../fixtures/vuedApiServer';
import {
  apiSuite, createAnswers, createPosts, issuedSecrets, messages, ORG, setSetting, type Testing, TOKEN,
} from '../support/integration';
import { sleep } from '../support/sleep';

describe('create an API key', () => {
  const suite = apiSuite({ signIn: false });
  let server: VuedApiServer;
  let t: Testing;

  before(async () => {
    ({ t, server } = suite);
  });

  it('registers every command the manifest contributes', async () => {
    const ext = vscode.extensions.getExtension('vued.vued-api-keys')!;
    const contributed: string[] = ext.packageJSON.contributes.commands.map((c: { command: string }) => c.command);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of Object.values(Commands)) {
      assert.ok(contributed.includes(id), `${id} is contributed in package.json`);
    }
    for (const id of contributed) {
      assert.ok(registered.has(id), `${id} is registered`);
    }
  });

  it('stores the token in SecretStorage and sends it as a bearer token', async () => {
    t.ui.queue(TOKEN);
    await vscode.commands.executeCommand(Commands.setToken);
    const prompt = t.ui.transcript.find((e) => e.kind === 'input');
    assert.ok(prompt?.password, 'the token is asked for in a password box');
    assert.ok(messages(t.ui.transcript, 'info').some((m) => m.startsWith('Signed in to') && m.includes('the token was checked')));

    t.ui.reset();
    t.ui.queue(...createAnswers(), '$cancel', 'Finish Without Saving It');
    await vscode.commands.executeCommand(Commands.createApiKey);
    // No token prompt this time: the token came back from SecretStorage.
    assert.ok(!t.ui.transcript.some((e) => e.password), 'no second token prompt');
    const posts = createPosts(server);
    assert.strictEqual(posts.length, 1);
    assert.strictEqual(posts[0].headers.authorization, `Bearer ${TOKEN}`);
  });

  it('sends exactly the contract body with the answers, in 4 numbered steps with Back from step 2', async () => {
    t.ui.queue(...createAnswers({ name: '  Deploy key  ', scopes: 'read, write read  admin', expiry: '30 days' }), '$cancel', 'Finish Without Saving It');
    const before = Date.now();
    await vscode.commands.executeCommand(Commands.createApiKey);
    const posts = createPosts(server);
    assert.strictEqual(posts.length, 1);
    assert.strictEqual(posts[0].path, `/v1/orgs/${ORG}/api-keys`);
    assert.match(posts[0].headers['content-type'], /^application\/json/);
    const body = posts[0].json as Record<string, unknown>;
    assert.deepStrictEqual(Object.keys(body).sort(), ['expires_at', 'name', 'scopes']);
    assert.strictEqual(body.name, 'Deploy key');
    assert.deepStrictEqual(body.scopes, ['read', 'write', 'admin']);
    const expires = Date.parse(String(body.expires_at));
    assert.ok(Math.abs(expires - (before + 30 * 86400_000)) < 60_000, `expires_at is 30 days ahead: ${body.expires_at}`);

    const steps = t.ui.transcript.filter((e) => e.title === 'Vued: Create API Key');
    assert.deepStrictEqual(steps.map((e) => `${e.step}/${e.totalSteps}`), ['1/4', '2/4', '3/4', '4/4']);
    assert.deepStrictEqual(steps.map((e) => Boolean(e.back)), [false, true, true, true]);
  });

  it('Back keeps earlier answers; Escape sends nothing', async () => {
    t.ui.queue(ORG, 'First name', '$back', 'Second name', 'ops', '$cancel');
    await vscode.commands.executeCommand(Commands.createApiKey);
    const names = t.ui.transcript.filter((e) => e.step === 2);
    assert.strictEqual(names.length, 2, 'the name step was shown twice');
    assert.strictEqual(names[1].value, 'First name', 'Back shows the earlier answer again');
    assert.strictEqual(createPosts(server).length, 0, 'Escape at the last step sends no request');
  });

  it('never sends null expiry for a preset and sends null for Never', async () => {
    t.ui.queue(...createAnswers({ expiry: 'Never', scopes: '' }), '$cancel', 'Finish Without Saving It');
    await vscode.commands.executeCommand(Commands.createApiKey);
    const body = createPosts(server)[0].json as Record<string, unknown>;
    assert.strictEqual(body.expires_at, null);
    assert.deepStrictEqual(body.scopes, []);
  });

  it('offers the secret without ever showing it, and asks before dropping it', async () => {
    t.ui.queue(...createAnswers(), '$cancel', '$cancel', 'Copy to Clipboard', '$cancel');
    await vscode.commands.executeCommand(Commands.createApiKey);
    const [secret] = issuedSecrets(server);
    assert.ok(secret, 'the server issued a secret');
    const shown = messages(t.ui.transcript);
    const offer = shown.filter((m) => m.startsWith('Created API key "CI key"'));
    assert.ok(offer.length >= 2, 'the offer is shown again after "Go Back"');
    assert.ok(shown.some((m) => m.includes('has not been copied or inserted')), 'finishing without saving asks first');
    assert.strictEqual(await vscode.env.clipboard.readText(), secret, 'Copy put the secret on the clipboard');
    for (const m of shown) {
      assert.ok(!m.includes(secret), 'no message shows the secret');
      assert.ok(!m.includes(TOKEN), 'no message shows the token');
    }
    assert.strictEqual(t.heldKeyId(), server.issued()[0].key.id, 'the window holds the secret for later insertion');
    await vscode.env.clipboard.writeText('');
  });

  it('a second start while a create runs creates nothing', async () => {
    server.misbehave({ method: 'POST', delayMs: 800 });
    t.ui.queue(...createAnswers(), '$cancel', 'Finish Without Saving It');
    const first = vscode.commands.executeCommand(Commands.createApiKey);
    await sleep(200);
    await vscode.commands.executeCommand(Commands.createApiKey);
    await first;
    assert.strictEqual(createPosts(server).length, 1);
    assert.ok(messages(t.ui.transcript).some((m) => m === 'An API key is already being created.'));
  });

  it('shows no progress notification for a quick request, and one after PROGRESS_DELAY_MS for a slow one', async () => {
    const shown: Array<{ at: number; options: vscode.ProgressOptions }> = [];
    // VS Code's own withProgress, watched: the slow run really shows its notification.
    const show: typeof vscode.window.withProgress = (options, task) => {
      shown.push({ at: performance.now(), options });
      return vscode.window.withProgress(options, task);
    };
    let aborted: boolean | undefined;
    const quick = await withCancellableProgress('quick', async (signal) => (await sleep(5), (aborted = signal.aborted), 'done'), { show });
    assert.strictEqual(quick, 'done');
    assert.strictEqual(aborted, false);
    await sleep(PROGRESS_DELAY_MS + 100);
    assert.strictEqual(shown.length, 0, 'a request that ended within the delay showed nothing');

    const started = performance.now();
    const slow = await withCancellableProgress('slow', async () => (await sleep(PROGRESS_DELAY_MS + 300), 'slow done'), { show });
    assert.strictEqual(slow, 'slow done');
    assert.strictEqual(shown.length, 1, 'one notification');
    assert.ok(shown[0].at - started >= PROGRESS_DELAY_MS - 5, `shown after the delay (${Math.round(shown[0].at - started)} ms)`);
    assert.strictEqual(shown[0].options.location, vscode.ProgressLocation.Notification);
    assert.strictEqual(shown[0].options.cancellable, true);
  });

  it('cancels before the notification exists (the caller\'s token) and from the notification once shown', async () => {
    const shown: string[] = [];
    const notification = new vscode.CancellationTokenSource();
    const show: typeof vscode.window.withProgress = (options, task) => {
      shown.push(String(options.title));
      return Promise.resolve(task({ report: () => undefined }, notification.token));
    };
    const untilAborted = (signal: AbortSignal) =>
      new Promise<string>((resolve) => signal.addEventListener('abort', () => resolve('aborted'), { once: true }));

    const early = new vscode.CancellationTokenSource();
    setTimeout(() => early.cancel(), 50);
    assert.strictEqual(await withCancellableProgress('early', untilAborted, { show, cancel: early.token }), 'aborted');
    assert.deepStrictEqual(shown, [], 'cancelled before any notification was shown');

    setTimeout(() => notification.cancel(), PROGRESS_DELAY_MS + 100);
    assert.strictEqual(await withCancellableProgress('late', untilAborted, { show }), 'aborted');
    assert.deepStrictEqual(shown, ['late'], 'the notification\'s Cancel aborted the run');
  });

  it('a create cancelled through the command\'s token before the notification sends one POST, never a second', async () => {
    server.misbehave({ method: 'POST', delayMs: 1500 });
    t.ui.queue(...createAnswers(), '$cancel', 'Finish Without Saving It');
    const cancel = new vscode.CancellationTokenSource();
    const posted = new Promise<void>((resolve) => {
      const poll = setInterval(() => createPosts(server).length > 0 && (clearInterval(poll), resolve()), 2);
    });
    const run = vscode.commands.executeCommand(Commands.createApiKey, { cancel: cancel.token });
    await posted;
    const sentAt = performance.now();
    cancel.cancel();
    const result = await run;
    assert.ok(performance.now() - sentAt < 1000, 'the command ended without waiting for the answer');
    assert.strictEqual(result, undefined);
    await sleep(1700);
    assert.strictEqual(createPosts(server).length, 1, 'one POST, not retried');
    assert.ok(messages(t.ui.transcript, 'error').some((m) => /cancelled/.test(m)), `the user is told: ${JSON.stringify(messages(t.ui.transcript))}`);
  });

  it('refuses a non-loopback http:// base URL without sending anything', async () => {
    await setSetting('apiBaseUrl', 'http://example.com/v1');
    t.ui.queue(...createAnswers());
    await vscode.commands.executeCommand(Commands.createApiKey);
    const errors = messages(t.ui.transcript, 'error');
    assert.strictEqual(errors.length, 1);
    assert.match(errors[0], /https:\/\//);
    assert.ok(!t.ui.transcript.some((e) => e.kind === 'input' || e.kind === 'pick'), 'no question was asked');
    assert.strictEqual(server.requests.length, 0);
  });

  it('signing out deletes the token: the next create asks for one again', async () => {
    await vscode.commands.executeCommand(Commands.signOut);
    t.ui.reset();
    t.ui.queue('$cancel');
    await vscode.commands.executeCommand(Commands.createApiKey);
    assert.ok(t.ui.transcript[0]?.password, 'a token is asked for first');
    assert.strictEqual(server.requests.length, 0);
    t.ui.reset();
    t.ui.queue(TOKEN);
    await vscode.commands.executeCommand(Commands.setToken);
  });
});
