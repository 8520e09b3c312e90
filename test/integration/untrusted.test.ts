/**
 * Restricted Mode (run by `runCodeServer --untrusted`): keys can be created and copied, but no
 * secret is written into .env or .gitignore files until the workspace is trusted.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { VuedApiServer } from '../fixtures/vuedApiServer';
import { apiSuite, createAnswers, createPosts, issuedSecrets, messages, type Testing, workspaceDir } from './helpers';

describe('untrusted workspace', () => {
  const suite = apiSuite();
  let server: VuedApiServer;
  let t: Testing;
  before(() => {
    ({ t, server } = suite);
  });

  it('runs in Restricted Mode', () => {
    assert.strictEqual(vscode.workspace.isTrusted, false);
  });

  it('creates and copies a key, but refuses to write .env until the workspace is trusted', async () => {
    const env = `${workspaceDir()}/.env`;
    const before = fs.readFileSync(env, 'utf8');
    t.ui.queue(...createAnswers(), 'Insert into .env File…', 'Copy to Clipboard', '$cancel');
    await vscode.commands.executeCommand(Commands.createApiKey);
    assert.strictEqual(createPosts(server).length, 1, 'creating works');
    const refused = messages(t.ui.transcript, 'warning').find((m) => m.includes('needs a trusted workspace'));
    assert.ok(refused, `the user is told why: ${messages(t.ui.transcript).join(' | ')}`);
    assert.ok(t.ui.transcript.find((e) => e.text === refused)?.items?.includes('Manage Workspace Trust'));
    assert.ok(!t.ui.transcript.some((e) => e.kind === 'pick' && /\.env file/.test(e.text)), 'no file was even offered');
    assert.strictEqual(fs.readFileSync(env, 'utf8'), before, '.env unchanged');
    assert.strictEqual(await vscode.env.clipboard.readText(), issuedSecrets(server)[0], 'Copy still works');
    await vscode.env.clipboard.writeText('');
  });
});
