/**
 * Restricted Mode (run by `runCodeServer --untrusted`): keys can be created and copied, but no
 * secret is written into .env or .gitignore files until the workspace is trusted.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { VuedApiServer } from '../fixtures/vuedApiServer';
import { git } from '../support/git';
import { apiSuite, createAnswers, createPosts, issuedSecrets, messages, ORG, type Testing, workspaceDir, writeWorkspaceFile } from '../support/integration';

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

  it('gets no key kept in the keychain: not kept from the offer, no terminal, nothing merged into a launch configuration', async () => {
    const origin = new URL(server.url).origin;
    // A key kept for this workspace while it was trusted (as another window would have kept it).
    const secret = `vued_sk_Ut7q${'Hk2mNp5qRs8t'.repeat(3)}`;
    const key = { origin, orgId: ORG, id: 'd0000000-0000-4000-8000-000000000d01', name: 'Kept while trusted', keyPrefix: secret.slice(0, 12) };
    await t.keychain.hold(key, secret, 'VUED_API_KEY');
    try {
      const reads = t.keychain.secretReads();
      t.ui.queue(...createAnswers(), 'Use in Terminals and Debugging', 'Copy to Clipboard', '$cancel');
      await vscode.commands.executeCommand(Commands.createApiKey);
      assert.ok(messages(t.ui.transcript, 'warning').some((m) => m.includes('needs a trusted workspace')), messages(t.ui.transcript).join(' | '));
      assert.deepStrictEqual(t.keychain.mappings().map((m) => m.keyId), [key.id], 'the new key was not kept');
      await vscode.env.clipboard.writeText('');

      t.ui.reset();
      t.ui.queue('$cancel');
      assert.strictEqual(await vscode.commands.executeCommand(Commands.newTerminalWithKeys), undefined, 'no terminal');
      assert.ok(messages(t.ui.transcript, 'warning').some((m) => m.includes('only in a trusted workspace')), messages(t.ui.transcript).join(' | '));

      const config = { type: 'node', request: 'launch', name: 'Restricted', program: '${workspaceFolder}/app.js', env: { PORT: '1' } };
      assert.deepStrictEqual(await t.keychain.resolveDebug({ ...config }), config, 'the launch configuration is left as it is');
      assert.strictEqual(t.keychain.secretReads(), reads, 'the keychain was not even read');
      assert.match(t.keychain.statusTooltip() ?? '', /Nothing is injected until the workspace is trusted/);
    } finally {
      await t.keychain.forget(origin, key.id);
    }
  });

  it('never reads closed files for the hard-coded secret scan until the workspace is trusted', async () => {
    const repo = path.join(workspaceDir(), 'restricted-repo');
    fs.mkdirSync(repo, { recursive: true });
    git(repo, 'init', '-q');
    const secret = `vued_sk_Rm7q${'A1b2C3d4'.repeat(4)}`;
    const file = vscode.Uri.file(writeWorkspaceFile('restricted-repo/app.ts', `const key = "${secret}";\n`));
    // Asked for, as a user would from the palette: still nothing is read in Restricted Mode.
    const report = await vscode.commands.executeCommand(Commands.scanWorkspace);
    await t.editor.settled();
    assert.deepStrictEqual(report, { listed: 0, capped: false, ms: 0 }, 'nothing listed or read');
    assert.deepStrictEqual(vscode.languages.getDiagnostics(file).filter((d) => d.source === 'Vued'), [], 'no problem from a file nobody opened');
  });
});
