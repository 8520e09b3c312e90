/**
 * No lost updates and no orphaned keys, in the real extension host: another program (or the user in
 * the editor) changes the file at the moment the flow waits for the user, and both changes are kept;
 * a host that ends between the POST and the secret being safe leaves a journal entry that the next
 * start resolves with one DELETE. `dotenv` reads the results.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as dotenv from 'dotenv';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { Commands, TreeCommands } from '../../src/constants';
import { type TreeNode } from '../../src/views/tree/treeNode';
import type { VuedApiServer } from '../fixtures/vuedApiServer';
import { apiKey } from '../support/builders';
import { git } from '../support/git';
import { apiSuite, createAnswers, messages, ORG, type Testing, workspaceDir, writeWorkspaceFile, liveKeyNode } from '../support/integration';
import { sleep } from '../support/sleep';

const ORG_L = '3c9e1f70-5a2b-4d8c-b6e4-71f0a2d9c5e3';
const INSERT = 'Insert into .env File…';

/** The pid of a process that has ended: an extension host that is gone. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''], { env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' } });
  assert.ok(child.pid && child.status === 0, 'a short-lived process ran');
  return child.pid;
}

/** Where this extension host runs, as the journal records it (it runs in this very process). */
function herePlace(): { hostName: string; remoteName?: string; machineId?: string; pidNamespace?: string } {
  const place: { hostName: string; remoteName?: string; machineId?: string; pidNamespace?: string } = { hostName: os.hostname() };
  if (vscode.env.remoteName) place.remoteName = vscode.env.remoteName;
  if (vscode.env.machineId) place.machineId = vscode.env.machineId;
  if (process.platform === 'linux') place.pidNamespace = fs.readlinkSync('/proc/self/ns/pid');
  return place;
}

async function openDirty(file: string): Promise<{ doc: vscode.TextDocument; type: (text: string) => Promise<void> }> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
  const editor = await vscode.window.showTextDocument(doc);
  return {
    doc,
    type: async (text) => {
      assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), text)), 'the typed text went into the buffer');
      // The host learns that the buffer is dirty a moment after the edit lands; a person types
      // long before they answer, so wait for it as they would have.
      const end = Date.now() + 3000;
      while (!doc.isDirty && Date.now() < end) await sleep(10);
      assert.ok(doc.isDirty, 'the buffer has unsaved changes before the answer');
    },
  };
}

/** Waits until the server has had no request for 300 ms (at most 5 s). */
async function serverQuiet(server: VuedApiServer): Promise<void> {
  const end = Date.now() + 5000;
  let seen = server.requests.length;
  let since = Date.now();
  while (Date.now() < end && Date.now() - since < 300) {
    await sleep(20);
    if (server.requests.length !== seen) [seen, since] = [server.requests.length, Date.now()];
  }
}

async function closeEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/**
 * The create questions with the organization typed in: which organizations the first step lists
 * depends on the suites that ran before this one.
 */
function typedOrgAnswers(): string[] {
  return ['Enter organization ID…', ...createAnswers()];
}

describe('no lost updates, no orphaned keys', () => {
  const suite = apiSuite();
  let server: VuedApiServer;
  let t: Testing;
  let repo: string;

  before(async () => {
    ({ t, server } = suite);
    t.ui.queue(ORG_L, 'Lost updates org');
    await vscode.commands.executeCommand(TreeCommands.addOrganization);
    t.ui.reset();
    repo = path.join(workspaceDir(), 'lostrepo');
    fs.mkdirSync(repo, { recursive: true });
    git(repo, 'init', '-q');
  });

  beforeEach(async () => {
    await t.journal.store([]);
  });

  afterEach(async () => {
    await closeEditors();
  });

  async function orgNode(): Promise<TreeNode> {
    t.tree.refresh();
    const row = (await t.tree.roots()).find((r) => r.node.kind === 'organization' && r.node.org.id === ORG_L);
    assert.ok(row, 'the organization is in the tree');
    return row.node;
  }

  async function keyNode(name: string): Promise<TreeNode> {
    return liveKeyNode(t, await orgNode(), name);
  }

  /** Creates a key in ORG_L and inserts its secret into `rel` (outside any git repository) as VUED_API_KEY. */
  async function keyInFile(name: string, rel: string): Promise<{ id: string; secret: string }> {
    writeWorkspaceFile(rel, '');
    const before = server.issued().length;
    t.ui.reset();
    t.ui.queue(name, 'read', 'Never', INSERT, rel, 'VUED_API_KEY', '$cancel');
    await vscode.commands.executeCommand(TreeCommands.createApiKeyInOrganization, await orgNode());
    const issued = server.issued()[before];
    assert.ok(issued, 'the key was created');
    assert.strictEqual(dotenv.parse(fs.readFileSync(path.join(workspaceDir(), rel))).VUED_API_KEY, issued.secret);
    t.ui.reset();
    return { id: issued.key.id, secret: issued.secret };
  }

  describe('insert', () => {
    it('a line another program appends while "Write Anyway" is open is kept', async () => {
      const file = writeWorkspaceFile('lostrepo/a/.env', '# ours\nFIRST=1\n');
      t.ui.queue(...typedOrgAnswers(), INSERT, 'lostrepo/a/.env', 'VUED_API_KEY', () => {
        fs.appendFileSync(file, 'ADDED_MEANWHILE=from-a-cli\n');
        return 'Write Anyway';
      }, '$cancel');
      await vscode.commands.executeCommand(Commands.createApiKey);
      const secret = server.issued()[0].secret;
      const after = fs.readFileSync(file, 'utf8');
      assert.strictEqual(after, `# ours\nFIRST=1\nADDED_MEANWHILE=from-a-cli\nVUED_API_KEY=${secret}\n`);
      assert.deepStrictEqual(dotenv.parse(after), { FIRST: '1', ADDED_MEANWHILE: 'from-a-cli', VUED_API_KEY: secret });
    });

    it('"Add to .gitignore and Write": lines added meanwhile to .gitignore and .env are kept', async () => {
      const file = writeWorkspaceFile('lostrepo/b/.env', 'B=1\n');
      const ignore = writeWorkspaceFile('lostrepo/b/.gitignore', 'node_modules/\n');
      t.ui.queue(...typedOrgAnswers(), INSERT, 'lostrepo/b/.env', 'VUED_API_KEY', () => {
        fs.appendFileSync(ignore, 'dist/\n');
        fs.appendFileSync(file, 'ALSO=2\n');
        return 'Add to .gitignore and Write';
      }, '$cancel');
      await vscode.commands.executeCommand(Commands.createApiKey);
      const secret = server.issued()[0].secret;
      assert.strictEqual(fs.readFileSync(ignore, 'utf8'), 'node_modules/\ndist/\n/.env\n');
      assert.deepStrictEqual(dotenv.parse(fs.readFileSync(file)), { B: '1', ALSO: '2', VUED_API_KEY: secret });
    });

    it('replace: a line appended while "Replace" is open is kept', async () => {
      const file = writeWorkspaceFile('lost/replace/.env', 'VUED_API_KEY=old # note\nZ=9\n');
      t.ui.queue(...typedOrgAnswers(), INSERT, 'lost/replace/.env', 'VUED_API_KEY', () => {
        fs.appendFileSync(file, 'ADDED_MEANWHILE=yes\n');
        return 'Replace';
      }, '$cancel');
      await vscode.commands.executeCommand(Commands.createApiKey);
      const secret = server.issued()[0].secret;
      assert.strictEqual(fs.readFileSync(file, 'utf8'), `VUED_API_KEY=${secret} # note\nZ=9\nADDED_MEANWHILE=yes\n`);
    });

    it('the variable defined meanwhile: asked again, and stopping leaves the other program\'s value', async () => {
      const file = writeWorkspaceFile('lostrepo/c/.env', 'C=1\n');
      t.ui.queue(...typedOrgAnswers(), INSERT, 'lostrepo/c/.env', 'VUED_API_KEY', () => {
        fs.appendFileSync(file, 'VUED_API_KEY=theirs\n');
        return 'Write Anyway';
      }, '$cancel', '$cancel', 'Finish Without Saving It');
      await vscode.commands.executeCommand(Commands.createApiKey);
      assert.ok(messages(t.ui.transcript, 'warning').some((m) => m.startsWith('VUED_API_KEY was defined in lostrepo/c/.env meanwhile.')), 'asked again');
      assert.strictEqual(fs.readFileSync(file, 'utf8'), 'C=1\nVUED_API_KEY=theirs\n');
    });

    it('open in an editor: text typed while "Write Anyway" is open stays, and the secret goes into the buffer', async () => {
      const file = writeWorkspaceFile('lostrepo/d/.env', 'ON_DISK=1\n');
      const { doc, type } = await openDirty(file);
      t.ui.queue(...typedOrgAnswers(), INSERT, 'lostrepo/d/.env', 'VUED_API_KEY', async () => {
        await type('TYPED=meanwhile\n');
        return 'Write Anyway';
      }, '$cancel');
      await vscode.commands.executeCommand(Commands.createApiKey);
      const secret = server.issued()[0].secret;
      assert.deepStrictEqual(dotenv.parse(doc.getText()), { TYPED: 'meanwhile', ON_DISK: '1', VUED_API_KEY: secret });
      assert.ok(doc.isDirty, 'a buffer with unsaved changes stays unsaved');
      assert.strictEqual(fs.readFileSync(file, 'utf8'), 'ON_DISK=1\n');
    });
  });

  describe('rotate', () => {
    it('a line appended while "Rotate?" is open is kept, and the value is rotated', async () => {
      const rel = 'lost/rot1/.env';
      const { secret: oldSecret } = await keyInFile('Rotated on disk', rel);
      const file = path.join(workspaceDir(), rel);
      t.ui.queue(() => {
        fs.appendFileSync(file, 'ADDED_MEANWHILE=1\n');
        return 'Rotate';
      }, 'Revoke Old Key', '$cancel');
      const result = await vscode.commands.executeCommand<{ revokedOld: boolean }>(TreeCommands.rotateApiKey, await keyNode('Rotated on disk'));
      const fresh = server.issued()[server.issued().length - 1];
      const parsed = dotenv.parse(fs.readFileSync(file));
      assert.deepStrictEqual(parsed, { VUED_API_KEY: fresh.secret, ADDED_MEANWHILE: '1' });
      assert.notStrictEqual(fresh.secret, oldSecret);
      assert.strictEqual(result.revokedOld, true);
    });

    it('open in an editor: text typed while "Rotate?" is open stays, the buffer gets the new key, and while it is unsaved revoking is not offered', async () => {
      const rel = 'lost/rot2/.env';
      const { secret: oldSecret } = await keyInFile('Rotated in editor', rel);
      const file = path.join(workspaceDir(), rel);
      const { doc, type } = await openDirty(file);
      t.ui.queue(async () => {
        await type('TYPED=meanwhile\n');
        return 'Rotate';
      }, '$cancel', '$cancel');
      const result = await vscode.commands.executeCommand<{ revokedOld: boolean }>(TreeCommands.rotateApiKey, await keyNode('Rotated in editor'));
      const fresh = server.issued()[server.issued().length - 1];
      assert.deepStrictEqual(dotenv.parse(doc.getText()), { TYPED: 'meanwhile', VUED_API_KEY: fresh.secret });
      // The user's typing is not saved for them, so the file an application reads still holds the old key.
      assert.ok(doc.isDirty, 'the buffer keeps its unsaved changes');
      assert.strictEqual(dotenv.parse(fs.readFileSync(file)).VUED_API_KEY, oldSecret);
      assert.strictEqual(result.revokedOld, false);
      assert.ok(!messages(t.ui.transcript).some((m) => /was rotated/.test(m)), 'revoking was not offered');
      const report = messages(t.ui.transcript, 'warning').find((m) => /Rotation incomplete/.test(m));
      assert.ok(report?.includes(`${rel} still holds the old key (its editor holds the new key but has unsaved changes`), report);
    });
  });

  describe('revoke cleanup', () => {
    it('a line appended while "Remove from .env Files" is open is kept', async () => {
      const rel = 'lost/rev1/.env';
      await keyInFile('Revoked on disk', rel);
      const file = path.join(workspaceDir(), rel);
      t.ui.queue('Revoke', () => {
        fs.appendFileSync(file, 'ADDED_MEANWHILE=1\n');
        return 'Remove from .env Files';
      });
      assert.strictEqual(await vscode.commands.executeCommand(TreeCommands.revokeApiKey, await keyNode('Revoked on disk')), true);
      assert.strictEqual(fs.readFileSync(file, 'utf8'), 'ADDED_MEANWHILE=1\n');
    });

    it('open in an editor: text typed while the question is open stays, and only the variable goes', async () => {
      const rel = 'lost/rev2/.env';
      await keyInFile('Revoked in editor', rel);
      const file = path.join(workspaceDir(), rel);
      const { doc, type } = await openDirty(file);
      t.ui.queue('Revoke', async () => {
        await type('TYPED=meanwhile\n');
        return 'Remove from .env Files';
      });
      await vscode.commands.executeCommand(TreeCommands.revokeApiKey, await keyNode('Revoked in editor'));
      assert.strictEqual(doc.getText(), 'TYPED=meanwhile\n');
    });

    it('a variable whose value changed meanwhile is left alone, and named', async () => {
      const rel = 'lost/rev3/.env';
      await keyInFile('Revoked, changed', rel);
      const file = path.join(workspaceDir(), rel);
      t.ui.queue('Revoke', () => {
        fs.writeFileSync(file, 'VUED_API_KEY=someone-elses\n');
        return 'Remove from .env Files';
      });
      await vscode.commands.executeCommand(TreeCommands.revokeApiKey, await keyNode('Revoked, changed'));
      assert.strictEqual(fs.readFileSync(file, 'utf8'), 'VUED_API_KEY=someone-elses\n');
      assert.ok(messages(t.ui.transcript, 'info').some((m) => m.includes('lost/rev3/.env — VUED_API_KEY')), 'named as left alone');
    });
  });

  describe('orphans (the journal entry the flow wrote, its extension host ended)', () => {
    /**
     * As the next start finds `entries` when the host that wrote them has died (and its held secret
     * with it): runs the check, answers Revoke It, and returns the warning and the DELETEs it sent.
     */
    const checkAfterHostDied = async (entries: object[]) => {
      await t.journal.store(entries.map((e) => ({ ...e, hostPid: deadPid() })));
      t.forgetHeldSecret();
      t.ui.reset();
      const seen = server.requests.length;
      t.ui.queue('Revoke It');
      await t.journal.check();
      return { warning: messages(t.ui.transcript, 'warning')[0], deletes: server.requests.slice(seen).filter((r) => r.method === 'DELETE') };
    };

    it('create: the entry stands while the offer waits; the next check names the key and Revoke sends one DELETE', async () => {
      let atOffer: unknown;
      t.ui.queue(...createAnswers({ name: 'Orphan create' }), () => {
        atOffer = t.journal.stored();
        return '$cancel';
      }, 'Finish Without Saving It');
      await vscode.commands.executeCommand(Commands.createApiKey);
      const issued = server.issued()[0];
      const entries = atOffer as Array<{ intent: string; keyName: string; hostPid?: number }>;
      assert.strictEqual(entries.length, 1, 'one entry while the secret is being offered');
      assert.strictEqual(entries[0].intent, 'create');
      assert.strictEqual(entries[0].keyName, 'Orphan create');
      assert.ok(!JSON.stringify(atOffer).includes(issued.secret), 'the entry holds no secret');
      assert.deepStrictEqual(t.journal.stored(), [], 'cleared once the offer was answered');

      // The host died at that moment: its entry stays behind, the secret is gone with it.
      const { warning, deletes } = await checkAfterHostDied(entries);
      assert.match(warning, /^A key "Orphan create" was created on .+ but its secret was never saved\.$/);
      assert.deepStrictEqual(deletes.map((r) => r.path.endsWith(`/orgs/${ORG}/api-keys/${issued.key.id}`)), [true], 'exactly one DELETE, for that key');
      assert.deepStrictEqual(t.journal.stored(), []);
    });

    it('create: the entry is stored while the last questions are open, rewritten when Back changes the name, removed on cancel', async () => {
      const seen: unknown[] = [];
      // Answered a moment after the question shows, as a person would: the draft's write has landed by then.
      // (The draft's write is asynchronous: wait up to 3 s for the entry to carry the name answered,
      // then record what is stored; a flow that never wrote it, or wrote the old name, fails below.)
      const later = (answer: string, name: string) => async () => {
        const end = Date.now() + 3000;
        const names = () => (t.journal.stored() as Array<{ keyName: string }>).map((e) => e.keyName);
        while (JSON.stringify(names()) !== JSON.stringify([name]) && Date.now() < end) await sleep(10);
        seen.push(t.journal.stored());
        return answer;
      };
      const posts = server.count('POST');
      t.ui.queue(ORG, 'Draft one', later('read', 'Draft one'), '$back', '$back', 'Draft two', later('read', 'Draft two'), later('$cancel', 'Draft two'));
      await vscode.commands.executeCommand(Commands.createApiKey);
      assert.strictEqual(t.ui.pending(), 0, `every answer was used: ${JSON.stringify(t.ui.transcript.map((e) => e.text))}`);
      const names = seen.map((v) => (v as Array<{ keyName: string }>).map((e) => e.keyName));
      assert.deepStrictEqual(names, [['Draft one'], ['Draft two'], ['Draft two']], 'one entry at a time, named as answered');
      const entry = (seen[2] as Array<{ intent: string; organizationId: string; hostPid?: number }>)[0];
      assert.strictEqual(entry.intent, 'create');
      assert.strictEqual(entry.organizationId, ORG);
      assert.strictEqual(entry.hostPid, process.pid, "this host's entry, left alone by other windows' checks");
      assert.deepStrictEqual((entry as { place?: unknown }).place, herePlace(), 'and where this host runs, so only windows of the same place judge its pid');
      assert.deepStrictEqual(t.journal.stored(), [], 'removed when the questions were cancelled');
      assert.strictEqual(server.count('POST'), posts, 'nothing was sent');
    });

    it('rotate: the entry stands between the POST and the writes; the next check names the files still holding the old key', async () => {
      const rel = 'lost/rotorphan/.env';
      await keyInFile('Orphan rotate', rel);
      const file = path.join(workspaceDir(), rel);
      // Another writer holds the file's lock for a moment, so the flow waits between its POST and its write.
      const lock = path.join(path.dirname(file), '.env-vued-lock-.env');
      fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, host: os.hostname(), time: Date.now() + 2000, token: 'other-writer' }), { flag: 'wx' });
      const posts = server.count('POST');
      let midway: unknown;
      try {
        t.ui.queue('Rotate', '$cancel');
        const rotation = vscode.commands.executeCommand(TreeCommands.rotateApiKey, await keyNode('Orphan rotate'));
        const end = Date.now() + 4000;
        while (server.count('POST') === posts && Date.now() < end) {
          await sleep(10);
        }
        assert.strictEqual(server.count('POST'), posts + 1, 'the replacement was created');
        midway = t.journal.stored();
        fs.rmSync(lock);
        await rotation;
      } finally {
        fs.rmSync(lock, { force: true });
      }
      const fresh = server.issued()[server.issued().length - 1];
      const entries = midway as Array<{ intent: string; keyName: string; files?: string[] }>;
      assert.strictEqual(entries.length, 1);
      assert.strictEqual(entries[0].intent, 'rotate');
      assert.deepStrictEqual(entries[0].files, [rel]);
      assert.ok(!JSON.stringify(midway).includes(fresh.secret));
      assert.deepStrictEqual(t.journal.stored(), [], 'cleared once every write finished');

      const { warning, deletes } = await checkAfterHostDied(entries);
      assert.match(warning, /^A key "Orphan rotate" was created on .+ but its secret was never saved \(it was to replace the old key in a rotation\)\./);
      assert.ok(warning.endsWith(`${rel} still holds the old key.`), warning);
      assert.deepStrictEqual(deletes.map((r) => r.path.endsWith(`/api-keys/${fresh.key.id}`)), [true], 'exactly one DELETE, for the new key');
    });

    it('an entry of another machine, remote or PID namespace is not judged and not removed, even with its pid gone here', async () => {
      const origin = new URL(server.url).origin;
      const here = herePlace();
      const dead = deadPid();
      const elsewhere = [
        { ...here, hostName: `${here.hostName}-other` },
        { ...here, remoteName: 'ssh-remote' },
        { ...here, pidNamespace: 'pid:[4026532175]' },
      ].map((place, i) => ({ id: `elsewhere-${i}`, intent: 'create', origin, organizationId: ORG_L, keyName: 'Orphan create', startedAt: Date.now() - 60_000, hostPid: dead, place }));
      // The same entry of this place, its host gone: that one is judged (the control).
      const gone = { ...elsewhere[0], id: 'gone-here', place: here };
      await t.journal.store([...elsewhere, gone]);
      // The sidebar may still be refreshing after the tests before: count only this check's lists.
      await serverQuiet(server);
      const lists = server.count('GET', `/orgs/${ORG_L}/api-keys`);
      await t.journal.check();
      assert.deepStrictEqual(
        (t.journal.stored() as Array<{ id: string }>).map((e) => e.id),
        ['elsewhere-0', 'elsewhere-1', 'elsewhere-2'],
        'only the entry of this place was resolved (its key was never created)',
      );
      assert.strictEqual(server.count('GET', `/orgs/${ORG_L}/api-keys`) - lists, 1, 'listed once, for the entry of this place');
      assert.deepStrictEqual(t.ui.transcript, []);
      assert.strictEqual(server.count('DELETE'), 0);
    });

    it('an entry of elsewhere older than a week is named with where it started, and nothing is revoked or removed unless asked', async () => {
      const origin = new URL(server.url).origin;
      const started = Date.now() - 8 * 24 * 60 * 60_000;
      const place = { hostName: 'build-box', remoteName: 'ssh-remote' };
      const old = { id: 'week-old', intent: 'create', origin, organizationId: ORG_L, keyName: 'Week-old create', startedAt: started, hostPid: deadPid(), place };
      // The key the interrupted create made, a second after it started.
      server.seedKeys(ORG_L, [apiKey('k-week-old', { name: 'Week-old create', keyPrefix: 'vued_sk_WeekOld', createdAt: started + 1000 })]);
      // An entry of an earlier version (no place), as old.
      const unplaced = { id: 'unplaced', intent: 'rotate', origin, organizationId: ORG_L, keyName: 'Unplaced rotate', startedAt: started, hostPid: process.pid, files: [] };
      await t.journal.store([old, unplaced]);

      t.ui.queue('Dismiss', 'Dismiss');
      await t.journal.check();
      const [named, unplacedNamed] = t.ui.transcript.filter((e) => e.kind === 'message');
      assert.strictEqual(named.level, 'warning');
      assert.match(named.text, /^Creating the key "Week-old create" was started on .+ by a window on build-box \(ssh-remote\) and has not finished for over a week\. If that window is gone, the key may exist with its secret never saved\.$/);
      assert.deepStrictEqual(named.items, ['Look Up the Key', 'Dismiss']);
      assert.match(unplacedNamed.text, /^Rotating the key "Unplaced rotate" was started on .+ by a window that did not record where it ran and has not finished for over a week\./);
      assert.strictEqual(server.count('GET', '/api-keys'), 0, 'nothing is looked up unless asked');
      assert.strictEqual(server.count('DELETE'), 0);
      assert.strictEqual((t.journal.stored() as unknown[]).length, 2, 'dismissed: both entries stay');

      // Asked to look it up: the key is found and named; kept, nothing is revoked, and the entry goes.
      t.ui.reset();
      t.ui.queue('Look Up the Key', 'Keep It', 'Dismiss');
      await t.journal.check();
      const asked = messages(t.ui.transcript, 'warning');
      assert.match(asked[1], /^A key "Week-old create" was created on .+ but its secret was never saved\.$/);
      assert.strictEqual(server.count('GET', '/api-keys'), 1);
      assert.strictEqual(server.count('DELETE'), 0, 'kept: no DELETE');
      assert.deepStrictEqual((t.journal.stored() as Array<{ id: string }>).map((e) => e.id), ['unplaced']);
      assert.strictEqual(server.keys(ORG_L).find((k) => k.id === 'k-week-old')?.revokedAt, null);
    });

    it('an entry of a host still running is left alone', async () => {
      await t.journal.store([{ id: 'live', intent: 'create', origin: new URL(server.url).origin, organizationId: ORG_L, keyName: 'Orphan create', startedAt: Date.now(), hostPid: process.pid, place: herePlace() }]);
      await t.journal.check();
      assert.deepStrictEqual(t.ui.transcript, []);
      assert.strictEqual(server.count('GET', '/api-keys'), 0, 'not even listed');
      assert.strictEqual((t.journal.stored() as unknown[]).length, 1);
    });
  });
});
