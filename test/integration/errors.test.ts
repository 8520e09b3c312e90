/** Failures end in one actionable sentence, write nothing, and never send a second POST. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { VuedApiServer } from '../fixtures/vuedApiServer';
import {
  apiSuite, createAnswers, createPosts, messages, setSetting, type Testing, TOKEN, writeWorkspaceFile,
} from '../support/integration';

describe('errors from the API', () => {
  const suite = apiSuite({ resetSettings: ['requestTimeoutSeconds'] });
  let server: VuedApiServer;
  let t: Testing;
  let envFile: string;
  const ENV = 'A=1\n# untouched\n';

  before(async () => {
    ({ t, server } = suite);
    envFile = writeWorkspaceFile('errors/.env', ENV);
  });

  const cases: Array<{ title: string; misbehave: Parameters<VuedApiServer['misbehave']>[0]; expect: RegExp; action?: string }> = [
    { title: '401 → offers Set Access Token', misbehave: { status: 401, body: '{"error":"Invalid token"}', contentType: 'application/json' }, expect: /token/i, action: 'Set Access Token' },
    { title: '403 → no permission', misbehave: { status: 403, body: '{"detail":"not a member"}', contentType: 'application/json' }, expect: /permission|403/i },
    { title: '422 → the server\'s own words', misbehave: { status: 422, body: '{"detail":[{"msg":"scope foo is unknown"}]}', contentType: 'application/json' }, expect: /scope foo is unknown/ },
    { title: '500 → server error', misbehave: { status: 500, body: 'boom' }, expect: /500|server/i },
    { title: 'HTML 502 page', misbehave: { html502: true }, expect: /502/ },
    { title: 'malformed JSON', misbehave: { malformedJson: true }, expect: /JSON|answer/i },
  ];
  for (const c of cases) {
    it(`${c.title}: one POST, nothing written, a sentence with Show Logs`, async () => {
      server.misbehave({ method: 'POST', ...c.misbehave });
      t.ui.queue(...createAnswers());
      await vscode.commands.executeCommand(Commands.createApiKey);
      assert.strictEqual(createPosts(server).length, 1, 'exactly one POST, never retried');
      const errors = t.ui.transcript.filter((e) => e.kind === 'message' && e.level === 'error');
      assert.strictEqual(errors.length, 1, `one error message: ${JSON.stringify(messages(t.ui.transcript))}`);
      assert.match(errors[0].text, c.expect);
      assert.ok(errors[0].items?.includes('Show Logs'));
      if (c.action) {
        assert.ok(errors[0].items?.includes(c.action), `offers ${c.action}`);
      }
      assert.ok(!errors[0].text.includes(TOKEN));
      assert.strictEqual(fs.readFileSync(envFile, 'utf8'), ENV);
      assert.strictEqual(server.issued().length, 0, 'no key was issued');
    });
  }

  it('a server that hangs times out after vued.requestTimeoutSeconds, with one POST', async () => {
    await setSetting('requestTimeoutSeconds', 1);
    server.misbehave({ method: 'POST', hang: true });
    t.ui.queue(...createAnswers());
    const started = Date.now();
    await vscode.commands.executeCommand(Commands.createApiKey);
    const elapsed = Date.now() - started;
    await setSetting('requestTimeoutSeconds', undefined);
    assert.strictEqual(createPosts(server).length, 1);
    const errors = messages(t.ui.transcript, 'error');
    assert.strictEqual(errors.length, 1);
    assert.match(errors[0], /1 s|answer|time/i);
    assert.ok(elapsed < 10_000, `gave up after the timeout (${elapsed} ms)`);
    assert.strictEqual(fs.readFileSync(envFile, 'utf8'), ENV);
  });
});
