/** Inserting the one-time secret into .env files through the real workspace, editors and git. */
import * as assert from 'assert';
import * as dotenv from 'dotenv';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { Commands } from '../../src/constants';
import type { VuedApiServer } from '../fixtures/vuedApiServer';
import {
  apiSuite, createAnswers, createPosts, issuedSecrets, messages, type Testing, workspaceDir, writeWorkspaceFile,
} from '../support/integration';
import { git } from '../support/git';

const INSERT = 'Insert into .env File…';

describe('insert the secret into .env', () => {
  const suite = apiSuite();
  let server: VuedApiServer;
  let t: Testing;

  before(async () => {
    ({ t, server } = suite);
  });

  it('writes into a CRLF file with no final newline, keeping every other byte', async () => {
    const original = '\uFEFF# keep me\r\nexport APP=1\r\n\r\nQUOTED="a # b"\r\nLAST=x';
    const file = writeWorkspaceFile('crlf/.env', original);
    t.ui.queue(...createAnswers(), INSERT, 'crlf/.env', 'VUED_API_KEY', '$cancel');
    await vscode.commands.executeCommand(Commands.createApiKey);
    const [secret] = issuedSecrets(server);
    const after = fs.readFileSync(file, 'utf8');
    assert.ok(after.startsWith(original + '\r\n'), 'the original bytes are a prefix, then one CRLF separator');
    assert.strictEqual(after, `${original}\r\nVUED_API_KEY=${secret}`);
    const parsed = dotenv.parse(after);
    assert.strictEqual(parsed.VUED_API_KEY, secret);
    assert.strictEqual(parsed.QUOTED, 'a # b');
    assert.ok(!messages(t.ui.transcript).some((m) => m.includes('has not been copied')), 'inserting counts as saving the secret');
  });

  it('replaces an existing definition in place, keeping `export` and its comment', async () => {
    const original = 'A=1\nexport VUED_API_KEY=old-value # old\nB=2\n';
    const file = writeWorkspaceFile('replace/.env', original);
    t.ui.queue(...createAnswers(), INSERT, 'replace/.env', 'VUED_API_KEY', 'Replace', '$cancel');
    await vscode.commands.executeCommand(Commands.createApiKey);
    const [secret] = issuedSecrets(server);
    const after = fs.readFileSync(file, 'utf8');
    assert.strictEqual(after, `A=1\nexport VUED_API_KEY=${secret} # old\nB=2\n`);
    assert.strictEqual(dotenv.parse(after).VUED_API_KEY, secret);
  });

  it('"Use Another Name" asks again and leaves the existing variable alone', async () => {
    const original = 'VUED_API_KEY=keep\n';
    const file = writeWorkspaceFile('another/.env', original);
    t.ui.queue(...createAnswers(), INSERT, 'another/.env', 'VUED_API_KEY', 'Use Another Name', 'VUED_API_KEY_2', '$cancel');
    await vscode.commands.executeCommand(Commands.createApiKey);
    const [secret] = issuedSecrets(server);
    const parsed = dotenv.parse(fs.readFileSync(file, 'utf8'));
    assert.strictEqual(parsed.VUED_API_KEY, 'keep');
    assert.strictEqual(parsed.VUED_API_KEY_2, secret);
  });

  it('rejects an invalid variable name inline', async () => {
    const file = writeWorkspaceFile('names/.env', '');
    t.ui.queue(...createAnswers(), INSERT, 'names/.env', '1BAD', 'BAD-NAME', '__proto__', 'GOOD_NAME', '$cancel');
    await vscode.commands.executeCommand(Commands.createApiKey);
    const rejected = t.ui.transcript.filter((e) => e.kind === 'input' && e.validation);
    assert.deepStrictEqual(rejected.map((e) => e.answer), ['1BAD', 'BAD-NAME', '__proto__']);
    // dotenv never loads __proto__: the sentence says so instead of "verifying" a write nobody reads.
    assert.match(rejected[2].validation ?? '', /never loaded/);
    assert.strictEqual(dotenv.parse(fs.readFileSync(file, 'utf8')).GOOD_NAME, issuedSecrets(server)[0]);
  });

  it('edits an open, dirty editor buffer instead of the file on disk', async () => {
    const file = writeWorkspaceFile('dirty/.env', 'ON_DISK=1\n');
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    const editor = await vscode.window.showTextDocument(doc);
    await editor.edit((b) => b.insert(new vscode.Position(1, 0), 'TYPED_BUT_UNSAVED=yes\n'));
    assert.ok(doc.isDirty);
    t.ui.queue(...createAnswers(), INSERT, 'dirty/.env', 'VUED_API_KEY', '$cancel');
    await vscode.commands.executeCommand(Commands.createApiKey);
    const [secret] = issuedSecrets(server);
    assert.strictEqual(fs.readFileSync(file, 'utf8'), 'ON_DISK=1\n', 'the file on disk is untouched');
    assert.ok(doc.isDirty, 'the buffer stays unsaved');
    assert.strictEqual(doc.getText(), `ON_DISK=1\nTYPED_BUT_UNSAVED=yes\nVUED_API_KEY=${secret}\n`);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.getText(), 'ON_DISK=1\nTYPED_BUT_UNSAVED=yes\n', 'the insertion is one undoable edit');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('later: "Insert Last Created Secret" still has the secret', async () => {
    t.ui.queue(...createAnswers(), '$cancel', 'Finish Without Saving It');
    await vscode.commands.executeCommand(Commands.createApiKey);
    const [secret] = issuedSecrets(server);
    const root = workspaceDir();
    const rootEnv = path.join(root, '.env');
    const before = fs.readFileSync(rootEnv, 'utf8');
    t.ui.reset();
    t.ui.queue('.env', 'LATER_KEY');
    await vscode.commands.executeCommand(Commands.insertSecretIntoEnv);
    const after = fs.readFileSync(rootEnv, 'utf8');
    assert.ok(after.startsWith(before));
    assert.strictEqual(dotenv.parse(after).LATER_KEY, secret);
    const picks = t.ui.transcript.find((e) => e.kind === 'pick');
    assert.ok(picks?.items?.[0] === '.env', `the root .env is offered first: ${picks?.items}`);
    assert.strictEqual(createPosts(server).length, 1, 'inserting later sends nothing');
  });

  it('"Create .env in <folder>" creates the file with mode 0600', async () => {
    const rootEnv = path.join(workspaceDir(), '.env');
    const saved = fs.readFileSync(rootEnv);
    fs.rmSync(rootEnv);
    try {
      t.ui.queue(...createAnswers(), INSERT, 'Create .env in', 'NEW_KEY', '$cancel');
      await vscode.commands.executeCommand(Commands.createApiKey);
      const [secret] = issuedSecrets(server);
      assert.strictEqual(fs.readFileSync(rootEnv, 'utf8'), `NEW_KEY=${secret}\n`);
      assert.strictEqual(fs.statSync(rootEnv).mode & 0o777, 0o600);
    } finally {
      fs.writeFileSync(rootEnv, saved);
    }
  });

  describe('asks git first', () => {
    let repo: string;
    before(() => {
      repo = path.join(workspaceDir(), 'repo');
      fs.mkdirSync(path.join(repo, 'tracked'), { recursive: true });
      git(repo, 'init', '-q');
      fs.writeFileSync(path.join(repo, '.gitignore'), '# ours\nignored/\n');
      fs.writeFileSync(path.join(repo, 'tracked', '.env'), 'TRACKED=1\n');
      git(repo, 'add', '.');
      git(repo, 'commit', '-q', '-m', 'fixture');
      fs.mkdirSync(path.join(repo, 'ignored'));
      fs.writeFileSync(path.join(repo, 'ignored', '.env'), 'IGNORED=1\n');
      fs.mkdirSync(path.join(repo, 'plain'));
      fs.writeFileSync(path.join(repo, 'plain', '.env'), 'PLAIN=1');
    });

    it('an ignored file is written without a warning', async () => {
      t.ui.queue(...createAnswers(), INSERT, 'repo/ignored/.env', 'VUED_API_KEY', '$cancel');
      await vscode.commands.executeCommand(Commands.createApiKey);
      assert.ok(!messages(t.ui.transcript, 'warning').some((m) => m.includes('git')), 'no git warning');
      assert.strictEqual(dotenv.parse(fs.readFileSync(path.join(repo, 'ignored', '.env'))).VUED_API_KEY, issuedSecrets(server)[0]);
    });

    it('a file git does not ignore: "Add to .gitignore and Write" appends one line beside it', async () => {
      t.ui.queue(...createAnswers(), INSERT, 'repo/plain/.env', 'VUED_API_KEY', 'Add to .gitignore and Write', '$cancel');
      await vscode.commands.executeCommand(Commands.createApiKey);
      assert.ok(messages(t.ui.transcript, 'warning').some((m) => m.includes('is not ignored by git')));
      assert.strictEqual(fs.readFileSync(path.join(repo, 'plain', '.gitignore'), 'utf8'), '/.env\n');
      assert.strictEqual(fs.readFileSync(path.join(repo, 'plain', '.env'), 'utf8'), `PLAIN=1\nVUED_API_KEY=${issuedSecrets(server)[0]}`);
      // git check-ignore exits 1, and git() throws, for a file git does not ignore.
      assert.doesNotThrow(() => git(repo, 'check-ignore', '-q', 'plain/.env'), 'git now ignores it');
    });

    it('a tracked file warns, and Cancel writes nothing', async () => {
      const file = path.join(repo, 'tracked', '.env');
      t.ui.queue(...createAnswers(), INSERT, 'repo/tracked/.env', 'VUED_API_KEY', '$cancel', '$cancel', 'Finish Without Saving It');
      await vscode.commands.executeCommand(Commands.createApiKey);
      assert.ok(messages(t.ui.transcript, 'warning').some((m) => m.includes('is tracked by git')));
      assert.strictEqual(fs.readFileSync(file, 'utf8'), 'TRACKED=1\n');
    });
  });
});
