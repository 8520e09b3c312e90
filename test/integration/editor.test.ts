/**
 * The editor features in a real VS Code: Problems over a workspace with a revoked, an expired, an
 * expiring, an unknown and a tracked-file key; hover; each quick fix (file bytes checked with
 * dotenv); masking; and no secret in any text the features show.
 */
import * as assert from 'assert';
import * as dotenv from 'dotenv';
import * as fs from 'fs';
import * as path from 'path';
import ts from 'typescript';
import * as vscode from 'vscode';
import { Commands, TreeCommands } from '../../src/constants';
import type { PublicApiKey } from '../../src/core/api/types';
import type { WorkspaceScanReport } from '../../src/editor/workspaceScan';
import type { VuedApiServer } from '../fixtures/vuedApiServer';
import { apiKey } from '../support/builders';
import { git } from '../support/git';
import { filesUnder } from '../support/leakScan';
import { afterWatcher, allIssuedSecrets, printTranscriptOnFailure, setSetting, signIn, startApi, type Testing, testingApi, waitFor, workspaceDir, writeWorkspaceFile } from '../support/integration';
import { sleep } from '../support/sleep';

const ORG_E = '3c9e7a51-0b2d-4e6f-8a1c-5d7b9e2f4a60';
const DAY = 24 * 60 * 60 * 1000;
const BASE62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A made-up secret whose first 12 characters are `vued_sk_<tag>`, the key prefix the server lists. */
function fakeSecret(tag: string): string {
  let s = `vued_sk_${tag}`;
  for (let i = 0; i < 36; i++) s += BASE62[Math.floor(Math.random() * BASE62.length)];
  return s;
}

const SECRETS = {
  revoked: fakeSecret('Rv7q'),
  expired: fakeSecret('Ex7q'),
  expiring: fakeSecret('Eg7q'),
  unknown: fakeSecret('Zz7q'),
  tracked: fakeSecret('Tr7q'),
  loose: fakeSecret('Lo7q'),
  hardTs: fakeSecret('Ht7q'),
  hardPy: fakeSecret('Hp7q'),
  hardGo: fakeSecret('Hg7q'),
  hardTsx: fakeSecret('Hx7q'),
  hardKey: fakeSecret('Hk7q'),
  closedTracked: fakeSecret('Ct7q'),
  closedLoose: fakeSecret('Cl7q'),
  closedIgnored: fakeSecret('Ci7q'),
  closedBinary: fakeSecret('Cb7q'),
  closedLater: fakeSecret('Cw7q'),
  occComment: fakeSecret('Oc7q'),
  occUrl: fakeSecret('Ou7q'),
  listOld: fakeSecret('Ol7q'),
  listOther: fakeSecret('Lx7q'),
  /** A key's secret with - and _ in it: only its known prefix finds it (the shape rule wants 16 letters or digits after vued_sk_). */
  dashed: `vued_sk_Dd7q-${fakeSecret('').slice(8, 20)}_${fakeSecret('').slice(8, 20)}-x`,
};

/** A key of this suite: its prefix is the start of its secret, scope deploy, a month old. */
function seeded(id: string, name: string, secret: string, over: Partial<PublicApiKey>): PublicApiKey {
  return apiKey(id, { name, keyPrefix: secret.slice(0, 12), scopes: ['deploy'], createdAt: Date.now() - 30 * DAY, ...over });
}

const ENV_TEXT = [
  '# editor test\r\n',
  `REVOKED_KEY=${SECRETS.revoked}\r\n`,
  `export EXPIRED_KEY="${SECRETS.expired}"\r\n`,
  `EXPIRING_KEY='${SECRETS.expiring}' # soon\r\n`,
  `UNKNOWN_KEY=${SECRETS.unknown}\r\n`,
  'PLAIN=hello\r\n',
].join('');

/** Keys where no value starts with one: a comment, a URL, a list. */
const OCC_TEXT = `# old: ${SECRETS.occComment}\nDB_URL=https://u:${SECRETS.occUrl}@db.example.com/v1\nKEYS=${SECRETS.listOld},${SECRETS.listOther}\nPLAIN=1\n`;

/** The range of `value` in `text` as an editor shows it. */
function rangeOf(text: string, value: string): vscode.Range {
  const at = text.indexOf(value);
  assert.ok(at >= 0, 'the value is in the text');
  const before = text.slice(0, at).split(/\r?\n/);
  const line = before.length - 1;
  const character = before[line].length;
  return new vscode.Range(line, character, line, character + value.length);
}

/** Where a Problem about a whole literal sits: its opening quote, right before the secret. */
function quoteBefore(text: string, value: string): vscode.Range {
  const r = rangeOf(text, value);
  return new vscode.Range(r.start.translate(0, -1), r.start);
}

function vued(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Vued');
}

function describe1(d: vscode.Diagnostic): string {
  return `${vscode.DiagnosticSeverity[d.severity]} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${String(d.code)}`;
}

const FIX_TITLES = ['Rotate this key…', 'Replace with a new key…', 'Add this file to .gitignore', 'Remove this line', 'Move to .env'];

/** The Vued quick fixes at `range` (the command does not carry their diagnostics back, so by title). */
async function codeActions(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  await vscode.workspace.openTextDocument(uri);
  const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range)) ?? [];
  return actions.filter((a) => FIX_TITLES.includes(a.title));
}

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, position)) ?? [];
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}

/** Scan Workspace for Secrets, through VS Code as the palette runs it. */
async function scanWorkspace(): Promise<WorkspaceScanReport | undefined> {
  return vscode.commands.executeCommand<WorkspaceScanReport | undefined>(Commands.scanWorkspace);
}

/** Every text the features showed during the suite, for the leak check at the end. */
const shown: string[] = [];

describe('editor: problems, hover, quick fixes and masking on Vued keys', function () {
  this.timeout(60_000);
  let server: VuedApiServer;
  let t: Testing;
  let root: string;
  let envUri: vscode.Uri;
  let trackedUri: vscode.Uri;
  let looseUri: vscode.Uri;

  /** Waits for `condition` after a change on disk, falling back to `rescan` and the scanner settling (test/support/integration.ts). */
  const afterDiskChange = (condition: () => boolean, what: string, rescan: () => Promise<unknown>) =>
    afterWatcher(condition, what, async () => {
      await rescan();
      await t.editor.settled();
    });
  const expectDiagnostics = async (uri: vscode.Uri, expected: string[], what: string) => {
    await t.editor.settled();
    await waitFor(() => JSON.stringify(vued(uri).map(describe1)) === JSON.stringify(expected), `${what}: ${JSON.stringify(vued(uri).map(describe1))}`, 15000);
    shown.push(...vued(uri).map((d) => d.message));
  };

  before(async () => {
    t = await testingApi();
    server = await startApi();
    await signIn(t);
    const now = Date.now();
    server.seedKeys(ORG_E, [
      seeded('e0000000-0000-4000-8000-000000000001', 'ci-deploy', SECRETS.revoked, { revokedAt: now - 5 * DAY, lastUsedAt: now - 6 * DAY }),
      seeded('e0000000-0000-4000-8000-000000000002', 'old-build', SECRETS.expired, { expiresAt: now - 2 * DAY }),
      seeded('e0000000-0000-4000-8000-000000000003', 'soon-gone', SECRETS.expiring, { expiresAt: now + 3 * DAY }),
      seeded('e0000000-0000-4000-8000-000000000004', 'committed-one', SECRETS.tracked, {}),
      seeded('e0000000-0000-4000-8000-000000000005', 'loose-one', SECRETS.loose, {}),
      seeded('e0000000-0000-4000-8000-000000000006', 'old-comment', SECRETS.occComment, { revokedAt: now - 3 * DAY }),
      seeded('e0000000-0000-4000-8000-000000000007', 'url-key', SECRETS.occUrl, { expiresAt: now - DAY }),
      seeded('e0000000-0000-4000-8000-000000000008', 'list-old', SECRETS.listOld, { expiresAt: now - DAY }),
      seeded('e0000000-0000-4000-8000-000000000009', 'list-other', SECRETS.listOther, {}),
      seeded('e0000000-0000-4000-8000-00000000000a', 'dashed-one', SECRETS.dashed, {}),
    ]);
    // A git repository in a folder of the workspace: .env ignored, tracked/.env added anyway.
    root = path.join(workspaceDir(), 'editor');
    // Folders first: a file created in a folder made a moment earlier can escape the file watcher.
    for (const dir of ['tracked', 'loose', 'src', 'fresh', 'later', 'later2', 'closed', 'occur', 'pair']) fs.mkdirSync(path.join(root, dir), { recursive: true });
    await sleep(500);
    git(root, 'init', '-q');
    writeWorkspaceFile('editor/.gitignore', '.env\n');
    envUri = vscode.Uri.file(writeWorkspaceFile('editor/.env', ENV_TEXT));
    trackedUri = vscode.Uri.file(writeWorkspaceFile('editor/tracked/.env', `SERVICE_KEY=${SECRETS.tracked}\n`));
    looseUri = vscode.Uri.file(writeWorkspaceFile('editor/loose/.env.local', `LOOSE_KEY=${SECRETS.loose}\n`));
    git(root, 'add', '-f', 'tracked/.env');
    t.ui.reset();
    t.ui.queue(ORG_E, 'Editor org');
    await vscode.commands.executeCommand(TreeCommands.addOrganization);
    // The key list refreshes: the problems follow.
    const org = (await t.tree.roots()).find((r) => r.node.kind === 'organization' && r.node.org.id === ORG_E);
    assert.ok(org, 'the organization is listed');
    await t.tree.children(org.node);
  });
  printTranscriptOnFailure(() => t);
  after(async () => {
    await vscode.workspace.saveAll(false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setSetting('apiBaseUrl', undefined);
    await server.close();
  });

  it('gives exactly the expected problems: count, severity, range (the variable\'s name, never the value) and code', async () => {
    await expectDiagnostics(envUri, [
      `Error ${describe1r(rangeOf(ENV_TEXT, 'REVOKED_KEY'))} revoked`,
      `Error ${describe1r(rangeOf(ENV_TEXT, 'EXPIRED_KEY'))} expired`,
      `Warning ${describe1r(rangeOf(ENV_TEXT, 'EXPIRING_KEY'))} expiring`,
      `Information ${describe1r(rangeOf(ENV_TEXT, 'UNKNOWN_KEY'))} unknown-secret`,
    ], 'editor/.env (ignored by git)');
    const messages = vued(envUri).map((d) => d.message);
    assert.match(messages[0], /^REVOKED_KEY holds the revoked key "ci-deploy" \(revoked on \d{4}-\d{2}-\d{2}\)$/);
    assert.match(messages[1], /^EXPIRED_KEY holds the expired key "old-build" \(expired on /);
    assert.match(messages[2], /^EXPIRING_KEY holds the key "soon-gone", which expires in 3 days/);
    assert.match(messages[3], /^UNKNOWN_KEY holds a Vued secret that is not a key of your organizations, or created elsewhere$/);
    const trackedText = fs.readFileSync(trackedUri.fsPath, 'utf8');
    await expectDiagnostics(trackedUri, [`Warning ${describe1r(rangeOf(trackedText, 'SERVICE_KEY'))} would-be-committed`], 'tracked/.env');
    assert.match(vued(trackedUri)[0].message, /^SERVICE_KEY holds a Vued secret that would be committed: git tracks this file$/);
    const looseText = fs.readFileSync(looseUri.fsPath, 'utf8');
    await expectDiagnostics(looseUri, [`Warning ${describe1r(rangeOf(looseText, 'LOOSE_KEY'))} would-be-committed`], 'loose/.env.local');
    assert.match(vued(looseUri)[0].message, /git does not ignore this file$/);
  });

  it('follows the file: an edit on disk updates the problems (debounced watcher, file not open)', async () => {
    const extra = `${ENV_TEXT}SECOND_REVOKED=${SECRETS.revoked}\r\n`;
    fs.writeFileSync(envUri.fsPath, extra);
    await expectDiagnostics(envUri, [
      `Error ${describe1r(rangeOf(ENV_TEXT, 'REVOKED_KEY'))} revoked`,
      `Error ${describe1r(rangeOf(ENV_TEXT, 'EXPIRED_KEY'))} expired`,
      `Warning ${describe1r(rangeOf(ENV_TEXT, 'EXPIRING_KEY'))} expiring`,
      `Information ${describe1r(rangeOf(ENV_TEXT, 'UNKNOWN_KEY'))} unknown-secret`,
      'Error 6:0-6:14 revoked',
    ], 'after the edit on disk');
    fs.writeFileSync(envUri.fsPath, ENV_TEXT);
    await expectDiagnostics(envUri, ['Error', 'Error', 'Warning', 'Information'].map((s, i) => `${s} ${describe1r(rangeOf(ENV_TEXT, ['REVOKED_KEY', 'EXPIRED_KEY', 'EXPIRING_KEY', 'UNKNOWN_KEY'][i]))} ${['revoked', 'expired', 'expiring', 'unknown-secret'][i]}`), 'back');
  });

  it('hovers a value with the key\'s name, organization, scopes, status and links, never the value', async () => {
    const doc = await vscode.workspace.openTextDocument(envUri);
    const at = rangeOf(ENV_TEXT, SECRETS.revoked).start.translate(0, 5);
    const started = performance.now();
    const md = await hoverText(doc.uri, at);
    console.log(`    hover answered in ${(performance.now() - started).toFixed(1)} ms (through the command, IPC included)`);
    shown.push(md);
    assert.match(md, /\*\*ci\\-deploy\*\* · Vued API key in `REVOKED_KEY`/);
    assert.match(md, /Organization: Editor org/);
    assert.match(md, /Status: revoked on \d{4}-\d{2}-\d{2}/);
    assert.match(md, /Scopes: `deploy`/);
    assert.match(md, /Created: /);
    assert.match(md, /Last used: /);
    assert.match(md, /\[Reveal in Sidebar\]\(command:vued\.editor\.revealKey\?/);
    assert.match(md, /\[Copy Key ID\]\(command:vued\.editor\.copyKeyId\?/);
    assert.doesNotMatch(md, /Rotate/, 'a revoked key is not rotated');
    const expiring = await hoverText(doc.uri, rangeOf(ENV_TEXT, SECRETS.expiring).start);
    shown.push(expiring);
    assert.match(expiring, /Status: expires in 3 days/);
    assert.match(expiring, /\[Rotate\]\(command:vued\.editor\.rotateKey\?/);
    assert.strictEqual(await hoverText(doc.uri, new vscode.Position(5, 7)), '', 'no hover on a plain value');
    for (const s of Object.values(SECRETS)) {
      assert.ok(!md.includes(s) && !expiring.includes(s), 'no secret in a hover');
    }
  });

  it('offers the quick fixes each problem calls for', async () => {
    const titles = async (uri: vscode.Uri, value: string, text: string) => (await codeActions(uri, rangeOf(text, value))).map((a) => a.title);
    const all = {
      revoked: await titles(envUri, SECRETS.revoked, ENV_TEXT),
      expired: await titles(envUri, SECRETS.expired, ENV_TEXT),
      expiring: await titles(envUri, SECRETS.expiring, ENV_TEXT),
      unknown: await titles(envUri, SECRETS.unknown, ENV_TEXT),
      tracked: await titles(trackedUri, SECRETS.tracked, fs.readFileSync(trackedUri.fsPath, 'utf8')),
    };
    shown.push(...Object.values(all).flat());
    assert.deepStrictEqual(all, {
      revoked: ['Remove this line', 'Replace with a new key…'], // the preferred fix first
      expired: ['Rotate this key…', 'Replace with a new key…'],
      expiring: ['Rotate this key…', 'Replace with a new key…'],
      unknown: ['Replace with a new key…'],
      tracked: ['Add this file to .gitignore'],
    });
  });

  it('Remove this line deletes the definition as one undoable edit, every other byte kept', async () => {
    const doc = await vscode.workspace.openTextDocument(envUri);
    await vscode.window.showTextDocument(doc);
    const remove = (await codeActions(envUri, rangeOf(ENV_TEXT, SECRETS.revoked))).find((a) => a.title === 'Remove this line');
    assert.ok(remove?.edit, 'the fix is an edit');
    assert.ok(await vscode.workspace.applyEdit(remove.edit));
    const expected = ENV_TEXT.replace(`REVOKED_KEY=${SECRETS.revoked}\r\n`, '');
    assert.strictEqual(doc.getText(), expected);
    const { REVOKED_KEY, ...rest } = dotenv.parse(ENV_TEXT);
    assert.ok(REVOKED_KEY);
    assert.deepStrictEqual(dotenv.parse(doc.getText()), rest);
    await vscode.commands.executeCommand('undo');
    assert.strictEqual(doc.getText(), ENV_TEXT, 'one undo puts it back');
    await doc.save();
    assert.strictEqual(fs.readFileSync(envUri.fsPath, 'utf8'), ENV_TEXT);
  });

  it('Add this file to .gitignore appends one line beside it and the warning goes', async () => {
    const fix = (await codeActions(looseUri, rangeOf(fs.readFileSync(looseUri.fsPath, 'utf8'), SECRETS.loose))).find((a) => a.title === 'Add this file to .gitignore');
    assert.ok(fix?.command);
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    assert.strictEqual(fs.readFileSync(path.join(root, 'loose', '.gitignore'), 'utf8'), '/.env.local\n');
    await expectDiagnostics(looseUri, [], 'loose/.env.local once ignored');
  });

  it('Rotate this key… runs the rotation: the value is replaced, the old key revoked, the warning gone', async () => {
    const fix = (await codeActions(envUri, rangeOf(ENV_TEXT, SECRETS.expiring))).find((a) => a.title === 'Rotate this key…');
    assert.ok(fix?.command);
    const before = server.issued().length;
    t.ui.reset();
    t.ui.queue('Rotate', 'Revoke Old Key', '$cancel');
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    const issued = server.issued()[before];
    assert.ok(issued, 'one key was created');
    assert.strictEqual(server.issued().length, before + 1);
    const text = fs.readFileSync(envUri.fsPath, 'utf8');
    assert.strictEqual(text, ENV_TEXT.replace(SECRETS.expiring, issued.secret));
    assert.strictEqual(dotenv.parse(text).EXPIRING_KEY, issued.secret);
    assert.ok(server.keys(ORG_E).find((k) => k.id === 'e0000000-0000-4000-8000-000000000003')?.revokedAt, 'the old key was revoked');
    await expectDiagnostics(envUri, [
      `Error ${describe1r(rangeOf(ENV_TEXT, 'REVOKED_KEY'))} revoked`,
      `Error ${describe1r(rangeOf(ENV_TEXT, 'EXPIRED_KEY'))} expired`,
      `Information ${describe1r(rangeOf(ENV_TEXT, 'UNKNOWN_KEY'))} unknown-secret`,
    ], 'after rotation');
    fs.writeFileSync(envUri.fsPath, ENV_TEXT);
  });

  it('Replace with a new key… creates one in the key\'s organization and writes it over this value only', async () => {
    // The rotation revoked "soon-gone", so its old value is now an error.
    await expectDiagnostics(envUri, ['Error', 'Error', 'Error', 'Information'].map((s, i) => `${s} ${describe1r(rangeOf(ENV_TEXT, ['REVOKED_KEY', 'EXPIRED_KEY', 'EXPIRING_KEY', 'UNKNOWN_KEY'][i]))} ${['revoked', 'expired', 'revoked', 'unknown-secret'][i]}`), 'file restored');
    const fix = (await codeActions(envUri, rangeOf(ENV_TEXT, SECRETS.expired))).find((a) => a.title === 'Replace with a new key…');
    assert.ok(fix?.command);
    const before = server.issued().length;
    t.ui.reset();
    t.ui.queue('Replacement', 'deploy', 'Never', '$cancel');
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    const issued = server.issued()[before];
    assert.ok(issued, 'one key was created');
    assert.strictEqual(issued.orgId, ORG_E, 'in the organization of the key it replaces');
    // The replaced key's name, scopes and lifetime are what Enter alone would keep.
    const old = server.keys(ORG_E).find((k) => k.name === 'old-build')!;
    const asked = t.ui.transcript.filter((e) => e.title === 'Vued: Create API Key');
    assert.strictEqual(asked[0].value, 'old-build', 'the name is carried over');
    assert.deepStrictEqual([...(asked[1].picked ?? [])].sort(), [...old.scopes].sort(), 'the scopes are carried over, checked');
    assert.strictEqual(asked[2].active, 'Same lifetime as the replaced key', 'the lifetime is carried over');
    const text = fs.readFileSync(envUri.fsPath, 'utf8');
    assert.strictEqual(text, ENV_TEXT.replace(SECRETS.expired, issued.secret), 'only the value changed; quotes and export kept');
    assert.deepStrictEqual(dotenv.parse(text), { ...dotenv.parse(ENV_TEXT), EXPIRED_KEY: issued.secret });
    assert.ok(t.ui.transcript.some((e) => e.kind === 'message' && /Inserted into editor\/\.env — EXPIRED_KEY/.test(e.text)), 'the offer says where it went');
    fs.writeFileSync(envUri.fsPath, ENV_TEXT);
  });

  it('warns on a secret hard-coded in a source file git would commit; Move to .env for TS and Python, .gitignore only elsewhere', async () => {
    const rootEnv = path.join(workspaceDir(), '.env');
    const rootEnvBefore = fs.readFileSync(rootEnv, 'utf8');
    const files = {
      ts: writeWorkspaceFile('editor/src/app.ts', `const apiKey = "${SECRETS.hardTs}";\nexport default apiKey;\n`),
      py: writeWorkspaceFile('editor/src/app.py', `"""Client."""\nfrom __future__ import annotations\n\nKEY = '${SECRETS.hardPy}'\n`),
      go: writeWorkspaceFile('editor/src/main.go', `package main\n\nconst key = "${SECRETS.hardGo}"\n`),
      plain: writeWorkspaceFile('editor/src/ordinary.ts', 'const prefix = "vued_sk_";\nconst short = "vued_sk_abc";\n'),
    };
    const docs = {
      ts: await vscode.workspace.openTextDocument(files.ts),
      py: await vscode.workspace.openTextDocument(files.py),
      go: await vscode.workspace.openTextDocument(files.go),
      plain: await vscode.workspace.openTextDocument(files.plain),
    };
    for (const [k, v] of [['ts', SECRETS.hardTs], ['py', SECRETS.hardPy], ['go', SECRETS.hardGo]] as const) {
      await expectDiagnostics(docs[k].uri, [`Warning ${describe1r(quoteBefore(docs[k].getText(), v))} hard-coded-secret`], k);
      assert.strictEqual(vued(docs[k].uri)[0].message, 'a Vued secret is hard-coded here; it would be committed');
    }
    await expectDiagnostics(docs.plain.uri, [], 'ordinary code');
    const titles = async (k: 'ts' | 'py' | 'go', v: string) => (await codeActions(docs[k].uri, rangeOf(docs[k].getText(), v))).map((a) => a.title);
    assert.deepStrictEqual(await titles('ts', SECRETS.hardTs), ['Move to .env', 'Add this file to .gitignore']);
    assert.deepStrictEqual(await titles('py', SECRETS.hardPy), ['Move to .env', 'Add this file to .gitignore']);
    assert.deepStrictEqual(await titles('go', SECRETS.hardGo), ['Add this file to .gitignore']);

    const move = async (k: 'ts' | 'py', v: string, name: string) => {
      const fix = (await codeActions(docs[k].uri, rangeOf(docs[k].getText(), v))).find((a) => a.title === 'Move to .env');
      assert.ok(fix?.command);
      t.ui.reset();
      t.ui.queue(name);
      await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    };
    await move('ts', SECRETS.hardTs, 'MOVED_TS_KEY');
    assert.strictEqual(docs.ts.getText(), 'const apiKey = process.env.MOVED_TS_KEY;\nexport default apiKey;\n');
    await move('py', SECRETS.hardPy, 'MOVED_PY_KEY');
    assert.strictEqual(docs.py.getText(), `"""Client."""\nfrom __future__ import annotations\nimport os\n\nKEY = os.environ["MOVED_PY_KEY"]\n`);
    const after = fs.readFileSync(rootEnv, 'utf8');
    assert.ok(after.startsWith(rootEnvBefore), 'the .env keeps every byte it had');
    assert.deepStrictEqual(dotenv.parse(after), { ...dotenv.parse(rootEnvBefore), MOVED_TS_KEY: SECRETS.hardTs, MOVED_PY_KEY: SECRETS.hardPy });
    await expectDiagnostics(docs.ts.uri, [], 'ts after the move');
    await vscode.workspace.saveAll(false);
    fs.writeFileSync(rootEnv, rootEnvBefore);
  });

  it('scans closed files: tracked and not-ignored ones warn without being opened; ignored and binary ones do not; disk edits follow', async () => {
    const texts = {
      tracked: `export const token = '${SECRETS.closedTracked}';\n`,
      loose: `// client\nmodule.exports = { key: "${SECRETS.closedLoose}" };\n`,
      ignored: `KEY = "${SECRETS.closedIgnored}"\n`,
    };
    const files = {
      tracked: vscode.Uri.file(writeWorkspaceFile('editor/closed/tracked.ts', texts.tracked)),
      loose: vscode.Uri.file(writeWorkspaceFile('editor/closed/loose.js', texts.loose)),
      ignored: vscode.Uri.file(writeWorkspaceFile('editor/closed/ignored.py', texts.ignored)),
      // The secret is plain text after the NUL: only the binary check keeps it out.
      binary: vscode.Uri.file(writeWorkspaceFile('editor/closed/blob.bin', Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]), Buffer.from(` ${SECRETS.closedBinary} `)]))),
    };
    writeWorkspaceFile('editor/closed/.gitignore', 'ignored.py\n');
    git(root, 'add', 'closed/tracked.ts');
    // Closed files are read only when asked: the command, as a user runs it from the palette.
    const report = (await scanWorkspace())!;
    console.log(`    workspace scan: ${report.listed} files listed, read and scanned in ${report.ms.toFixed(0)} ms${report.capped ? ' (capped)' : ''}`);
    assert.ok(report.listed >= 4, `the closed files were listed (${report.listed})`);
    for (const uri of Object.values(files)) {
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the file was never opened');
    }
    await expectDiagnostics(files.tracked, [`Warning ${describe1r(quoteBefore(texts.tracked, SECRETS.closedTracked))} hard-coded-secret`], 'closed tracked file');
    await expectDiagnostics(files.loose, [`Warning ${describe1r(quoteBefore(texts.loose, SECRETS.closedLoose))} hard-coded-secret`], 'closed untracked, not ignored file');
    assert.strictEqual(vued(files.loose)[0].message, 'a Vued secret is hard-coded here; it would be committed');
    await expectDiagnostics(files.ignored, [], 'ignored file');
    await expectDiagnostics(files.binary, [], 'binary file');

    // The watcher: a secret removed on disk clears the problem; a file created with one gets it.
    fs.writeFileSync(files.tracked.fsPath, "export const token = process.env.VUED_API_KEY;\n");
    await afterDiskChange(() => vued(files.tracked).length === 0, 'the problem cleared after the edit on disk', scanWorkspace);
    const laterText = `x = "${SECRETS.closedLater}"\n`;
    const later = vscode.Uri.file(writeWorkspaceFile('editor/closed/later.rb', laterText));
    await afterDiskChange(() => vued(later).length === 1, 'a file created on disk is scanned', scanWorkspace);
    await expectDiagnostics(later, [`Warning ${describe1r(quoteBefore(laterText, SECRETS.closedLater))} hard-coded-secret`], 'created file');
    fs.rmSync(later.fsPath);
    await afterDiskChange(() => vued(later).length === 0, 'a deleted file loses its problem', scanWorkspace);
  });

  it('Move to .env still works on a closed file\'s warning once the file is opened; closing it keeps the disk copy\'s verdict', async () => {
    const rootEnv = path.join(workspaceDir(), '.env');
    const rootEnvBefore = fs.readFileSync(rootEnv, 'utf8');
    const uri = vscode.Uri.file(path.join(root, 'closed', 'loose.js'));
    const text = fs.readFileSync(uri.fsPath, 'utf8');
    await expectDiagnostics(uri, [`Warning ${describe1r(quoteBefore(text, SECRETS.closedLoose))} hard-coded-secret`], 'closed file before opening');
    const doc = await vscode.workspace.openTextDocument(uri);
    const fix = (await codeActions(uri, rangeOf(text, SECRETS.closedLoose))).find((a) => a.title === 'Move to .env');
    assert.ok(fix?.command, 'Move to .env is offered');
    t.ui.reset();
    t.ui.queue('CLOSED_JS_KEY');
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    assert.strictEqual(doc.getText(), '// client\nmodule.exports = { key: process.env.CLOSED_JS_KEY };\n');
    const after = fs.readFileSync(rootEnv, 'utf8');
    assert.ok(after.startsWith(rootEnvBefore), 'the .env keeps every byte it had');
    assert.deepStrictEqual(dotenv.parse(after), { ...dotenv.parse(rootEnvBefore), CLOSED_JS_KEY: SECRETS.closedLoose });
    await expectDiagnostics(uri, [], 'the live text wins over the disk copy');
    await doc.save();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.writeFileSync(rootEnv, rootEnvBefore);
    // Back on disk with the secret, the closed file warns again.
    fs.writeFileSync(uri.fsPath, text);
    const back = [`Warning ${describe1r(quoteBefore(text, SECRETS.closedLoose))} hard-coded-secret`];
    await afterDiskChange(() => JSON.stringify(vued(uri).map(describe1)) === JSON.stringify(back), 'closed again, secret back on disk', scanWorkspace);
  });

  it('Move to .env in TSX gives apiKey={process.env.NAME}, which TypeScript parses; an object key gets no Move to .env', async () => {
    const rootEnv = path.join(workspaceDir(), '.env');
    const rootEnvBefore = fs.readFileSync(rootEnv, 'utf8');
    const text = [
      "import { Provider } from './vued';",
      '',
      `export const App = () => <Provider apiKey="${SECRETS.hardTsx}" />;`,
      `export const flags = { '${SECRETS.hardKey}': true };`,
      '',
    ].join('\n');
    const uri = vscode.Uri.file(writeWorkspaceFile('editor/src/App.tsx', text));
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(doc.languageId, 'typescriptreact');
    const both = [SECRETS.hardTsx, SECRETS.hardKey].map((v) => `Warning ${describe1r(quoteBefore(text, v))} hard-coded-secret`);
    await expectDiagnostics(uri, both, 'the TSX file');
    const titles = async (v: string) => (await codeActions(uri, rangeOf(doc.getText(), v))).map((a) => a.title);
    assert.deepStrictEqual(await titles(SECRETS.hardTsx), ['Move to .env', 'Add this file to .gitignore']);
    shown.push(...(await titles(SECRETS.hardTsx)));

    const fix = (await codeActions(uri, rangeOf(doc.getText(), SECRETS.hardTsx))).find((a) => a.title === 'Move to .env');
    assert.ok(fix?.command);
    t.ui.reset();
    t.ui.queue('TSX_API_KEY');
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    const after = doc.getText();
    const hide = (s: string) => s.split(SECRETS.hardKey).join('<the key literal>');
    assert.strictEqual(hide(after), hide(text.replace(`"${SECRETS.hardTsx}"`, '{process.env.TSX_API_KEY}')), 'only the attribute value changed');
    // TypeScript's own parser, loaded in the extension host from the repository's node_modules.
    const sf = ts.createSourceFile('App.tsx', after, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
    const syntaxErrors = (sf as unknown as { parseDiagnostics: readonly ts.Diagnostic[] }).parseDiagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
    assert.deepStrictEqual(syntaxErrors, [], 'the file still parses');
    const env = fs.readFileSync(rootEnv, 'utf8');
    assert.ok(env.startsWith(rootEnvBefore), 'the .env keeps every byte it had');
    assert.deepStrictEqual(dotenv.parse(env), { ...dotenv.parse(rootEnvBefore), TSX_API_KEY: SECRETS.hardTsx });
    await expectDiagnostics(uri, [`Warning ${describe1r(quoteBefore(after, SECRETS.hardKey))} hard-coded-secret`], 'only the key is left');
    assert.deepStrictEqual(await titles(SECRETS.hardKey), ['Add this file to .gitignore'], 'a key is no expression: no Move to .env');

    // Leave no secret behind: the key literal replaced through the editor (the open document, not the disk, is what counts).
    const cleanup = new vscode.WorkspaceEdit();
    cleanup.replace(uri, rangeOf(after, SECRETS.hardKey), 'feature-flag');
    assert.ok(await vscode.workspace.applyEdit(cleanup));
    await doc.save();
    await expectDiagnostics(uri, [], 'no secret left in the TSX file');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.writeFileSync(rootEnv, rootEnvBefore);
  });

  it('masks values on screen: mask labels, each with its problem, toggled by the command', async () => {
    const doc = await vscode.workspace.openTextDocument(envUri);
    await waitFor(() => doc.getText() === ENV_TEXT, 'the editor holds the restored file');
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(0, 0, 0, 0) });
    await waitFor(() => (t.editor.masks(envUri)?.ranges.length ?? 0) === 4, 'masks drawn');
    const snap = t.editor.masks(envUri)!;
    console.log(`    open → masked: ${snap.firstMaskMs?.toFixed(1) ?? '?'} ms`);
    assert.deepStrictEqual(snap.ranges.map((r) => r.label), ['••••••• (ci-deploy)', '••••••• (old-build)', '••••••• (soon-gone)', '••••••• (Vued secret)']);
    // (The rotation above revoked "soon-gone": its old value is an error now.)
    assert.deepStrictEqual(snap.ranges.map((r) => r.problem), ['error', 'error', 'error', 'information'], 'a masked value still shows its problem');
    const revoked = rangeOf(ENV_TEXT, SECRETS.revoked);
    assert.deepStrictEqual(snap.ranges[0], { startLine: revoked.start.line, startCharacter: revoked.start.character, endLine: revoked.end.line, endCharacter: revoked.end.character, label: '••••••• (ci-deploy)', problem: 'error' });
    assert.strictEqual(t.editor.maskingEnabled(), true);
    await vscode.commands.executeCommand('vued.toggleSecretMasking');
    assert.strictEqual(t.editor.maskingEnabled(), false);
    assert.strictEqual(t.editor.masks(envUri)?.ranges.length, 0);
    await vscode.commands.executeCommand('vued.toggleSecretMasking');
    assert.strictEqual(t.editor.masks(envUri)?.ranges.length, 4);
    await setSetting('maskSecretsInEditors', false);
    await waitFor(() => t.editor.masks(envUri)?.ranges.length === 0, 'the setting turns it off');
    await setSetting('maskSecretsInEditors', undefined);
    await waitFor(() => t.editor.masks(envUri)?.ranges.length === 4, 'default on');
    // A file git tracks: its active key's mask carries the "would be committed" warning.
    const tracked = await vscode.window.showTextDocument(trackedUri, { selection: new vscode.Range(1, 0, 1, 0) });
    await waitFor(() => JSON.stringify(t.editor.masks(trackedUri)?.ranges.map((r) => r.problem)) === '["warning"]', `the tracked file's mask: ${JSON.stringify(t.editor.masks(trackedUri)?.ranges)}`);
    assert.strictEqual(tracked.document.getText(), fs.readFileSync(trackedUri.fsPath, 'utf8'));
    assert.strictEqual(doc.getText(), ENV_TEXT, 'the document is unchanged');
  });

  it('a Problem sits beside its secret: opening it (Problems, F8) selects no secret character and the value stays masked; its quick fixes are there', async () => {
    const doc = await vscode.workspace.openTextDocument(envUri);
    await waitFor(() => doc.getText() === ENV_TEXT, 'the editor holds the restored file');
    const editor = await vscode.window.showTextDocument(doc, { selection: new vscode.Range(0, 0, 0, 0) });
    await waitFor(() => t.editor.masks(envUri)?.ranges.length === 4, 'masks drawn');
    await t.editor.settled();
    const secrets = [SECRETS.revoked, SECRETS.expired, SECRETS.expiring, SECRETS.unknown].map((v) => rangeOf(ENV_TEXT, v));
    /** The range covers a character of a secret. */
    const onSecret = (r: vscode.Range) => secrets.some((s) => r.start.isBefore(s.end) && s.start.isBefore(r.end));
    const problems = vued(envUri);
    assert.strictEqual(problems.length, 4);
    for (const d of problems) {
      assert.ok(!onSecret(d.range), `the Problem ${describe1(d)} is on no secret character`);
    }
    // What a click in the Problems panel does: open the file with the Problem's range selected.
    for (const d of problems) {
      const shown = await vscode.window.showTextDocument(doc, { selection: d.range });
      assert.ok(!onSecret(shown.selection), `selection ${describe1r(shown.selection)}`);
      await sleep(100);
      assert.strictEqual(t.editor.masks(envUri)?.ranges.length, 4, `still masked after opening ${describe1(d)}`);
    }
    // F8: the next problem, as VS Code's own command selects it.
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    for (let i = 0; i < 4; i++) {
      await vscode.commands.executeCommand('editor.action.marker.next');
      const sel = vscode.window.activeTextEditor!.selection;
      assert.ok(!onSecret(sel), `F8 selected ${describe1r(sel)}`);
    }
    await vscode.commands.executeCommand('closeMarkersNavigation');
    await sleep(100);
    assert.strictEqual(t.editor.masks(envUri)?.ranges.length, 4, 'still masked after F8');
    // The quick fixes where the Problem sits (on the name), and with the cursor in a revealed value.
    const at = async (r: vscode.Range) => (await codeActions(envUri, r)).map((a) => a.title);
    assert.deepStrictEqual(await at(rangeOf(ENV_TEXT, 'REVOKED_KEY')), ['Remove this line', 'Replace with a new key…']);
    assert.deepStrictEqual(await at(rangeOf(ENV_TEXT, 'EXPIRED_KEY')), ['Rotate this key…', 'Replace with a new key…']);
    assert.deepStrictEqual(await at(new vscode.Range(secrets[1].start.translate(0, 3), secrets[1].start.translate(0, 3))), ['Rotate this key…', 'Replace with a new key…']);
    // Both keys of a list share the name: each fix is for its own key.
    const occ = vscode.Uri.file(writeWorkspaceFile('editor/pair/.env', `PAIR=${SECRETS.listOld},${SECRETS.occUrl}\n`));
    await afterDiskChange(() => vued(occ).length === 2, 'two problems on one name', () => t.editor.rescan());
    assert.deepStrictEqual(vued(occ).map(describe1), ['Error 0:0-0:4 expired', 'Error 0:0-0:4 expired']);
    const pairText = fs.readFileSync(occ.fsPath, 'utf8');
    const replaceAt = async (r: vscode.Range) => (await codeActions(occ, r)).filter((a) => a.title === 'Replace with a new key…').map((a) => a.command?.arguments?.[1] as number);
    assert.deepStrictEqual(await replaceAt(rangeOf(pairText, 'PAIR')), [pairText.indexOf(SECRETS.listOld), pairText.indexOf(SECRETS.occUrl)], 'one fix per key, each for its own');
    assert.deepStrictEqual(await replaceAt(rangeOf(pairText, SECRETS.occUrl)), [pairText.indexOf(SECRETS.occUrl)], 'in a value, its own fix only');
    fs.rmSync(occ.fsPath);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Reveal Value (command and hover link) shows one value until the cursor leaves it; a cursor alone reveals nothing', async () => {
    const doc = await vscode.workspace.openTextDocument(envUri);
    await waitFor(() => doc.getText() === ENV_TEXT, 'the editor holds the restored file');
    const editor = await vscode.window.showTextDocument(doc, { selection: new vscode.Range(0, 0, 0, 0) });
    await waitFor(() => t.editor.masks(envUri)?.ranges.length === 4, 'masks drawn');
    const lines = () => t.editor.masks(envUri)!.ranges.map((r) => r.startLine);
    const revoked = rangeOf(ENV_TEXT, SECRETS.revoked);
    const expired = rangeOf(ENV_TEXT, SECRETS.expired);
    // The cursor on the line, in the value, a selection over it: still masked.
    for (const sel of [new vscode.Selection(1, 0, 1, 0), new vscode.Selection(revoked.start.translate(0, 4), revoked.start.translate(0, 4)), new vscode.Selection(1, 0, 3, 5)]) {
      editor.selection = sel;
      await sleep(150);
      assert.deepStrictEqual(lines(), [1, 2, 3, 4], `masked with the selection at ${describe1r(sel)}`);
    }
    // The hover's link reveals that value and puts the cursor at its start.
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const md = await hoverText(envUri, revoked.start.translate(0, 5));
    shown.push(md);
    const link = /\[Reveal Value\]\(command:vued\.revealValue\?([^)]*)\)/.exec(md);
    assert.ok(link, `the hover offers Reveal Value: ${md}`);
    const args = JSON.parse(decodeURIComponent(link[1])) as unknown[];
    assert.strictEqual(await vscode.commands.executeCommand('vued.revealValue', ...args), true);
    await waitFor(() => JSON.stringify(lines()) === '[2,3,4]', `only that value shown: ${JSON.stringify(lines())}`);
    assert.deepStrictEqual(editor.selection.active, revoked.start, 'the cursor is in the value');
    editor.selection = new vscode.Selection(revoked.end, revoked.end);
    await sleep(150);
    assert.deepStrictEqual(lines(), [2, 3, 4], 'a cursor move inside it keeps it shown');
    editor.selection = new vscode.Selection(1, 0, 1, 0);
    await waitFor(() => JSON.stringify(lines()) === '[1,2,3,4]', 'masked again once the cursor left it');
    const md2 = await hoverText(envUri, revoked.start.translate(0, 5));
    assert.match(md2, /Reveal Value/);
    // The palette command: the value under the cursor; another value revealed masks the first.
    editor.selection = new vscode.Selection(expired.start.translate(0, 2), expired.start.translate(0, 2));
    assert.strictEqual(await vscode.commands.executeCommand('vued.revealValue'), true);
    await waitFor(() => JSON.stringify(lines()) === '[1,3,4]', 'the value at the cursor shown');
    assert.strictEqual(await vscode.commands.executeCommand('vued.revealValue', envUri.toString(), doc.offsetAt(revoked.start)), true);
    await waitFor(() => JSON.stringify(lines()) === '[2,3,4]', 'the other one shown, the first masked again');
    // Another editor taking focus masks it again; nothing to reveal says so and reveals nothing.
    await vscode.window.showTextDocument(trackedUri, { viewColumn: vscode.ViewColumn.Beside });
    await waitFor(() => JSON.stringify(lines()) === '[1,2,3,4]', 'masked once another editor is active');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    const again = await vscode.window.showTextDocument(doc, { selection: new vscode.Range(5, 2, 5, 2) });
    assert.strictEqual(await vscode.commands.executeCommand('vued.revealValue'), false, 'no value at a plain line');
    // The toggle still shows all, and back on every value is masked.
    again.selection = new vscode.Selection(revoked.start, revoked.start);
    assert.strictEqual(await vscode.commands.executeCommand('vued.revealValue'), true);
    await vscode.commands.executeCommand('vued.toggleSecretMasking');
    assert.deepStrictEqual(t.editor.masks(envUri)?.ranges, []);
    await vscode.commands.executeCommand('vued.toggleSecretMasking');
    assert.deepStrictEqual(lines(), [1, 2, 3, 4]);
    assert.strictEqual(doc.getText(), ENV_TEXT, 'the document is unchanged');
  });

  it('measures open → masked for a file not open before', async () => {
    const fresh = vscode.Uri.file(writeWorkspaceFile('editor/fresh/.env', `A=${SECRETS.revoked}\nB=${SECRETS.expired}\n`));
    const started = performance.now();
    await vscode.window.showTextDocument(fresh, { selection: new vscode.Range(0, 0, 0, 0) });
    await waitFor(() => (t.editor.masks(fresh)?.ranges.length ?? 0) === 2, 'both values masked, the one on the cursor\'s line too', 5000);
    const total = performance.now() - started;
    console.log(`    open → masked: ${total.toFixed(1)} ms from showTextDocument (the extension's part: ${t.editor.masks(fresh)?.firstMaskMs?.toFixed(2)} ms)`);
    assert.deepStrictEqual(t.editor.masks(fresh)?.ranges.map((r) => [r.startLine, r.label]), [[0, '••••••• (ci-deploy)'], [1, '••••••• (old-build)']]);
  });

  it('computes the masks once per document version: cursor moves and Reveal Value compute none', async () => {
    const doc = await vscode.workspace.openTextDocument(envUri);
    const editor = await vscode.window.showTextDocument(doc, { selection: new vscode.Range(0, 0, 0, 0) });
    await waitFor(() => t.editor.masks(envUri)?.ranges.length === 4, 'masks drawn');
    const computed = t.editor.masks(envUri)!.computations;
    // Lines 1 to 4 hold a secret each: Reveal Value at each shows exactly that one.
    for (const line of [1, 2, 4, 3]) {
      editor.selection = new vscode.Selection(line, 0, line, 0);
      const value = rangeOf(ENV_TEXT, [SECRETS.revoked, SECRETS.expired, SECRETS.expiring, SECRETS.unknown][line - 1]);
      assert.strictEqual(await vscode.commands.executeCommand('vued.revealValue', envUri.toString(), doc.offsetAt(value.start)), true);
      await waitFor(() => t.editor.masks(envUri)?.ranges.length === 3 && !t.editor.masks(envUri)!.ranges.some((r) => r.startLine === line), `value on line ${line} shown`);
    }
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    await waitFor(() => t.editor.masks(envUri)?.ranges.length === 4, 'masked again');
    assert.strictEqual(t.editor.masks(envUri)!.computations, computed, 'no cursor move computed the masks again');
    // An edit is a new version: computed again, once.
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(6, 0), '# note\r\n')));
    await waitFor(() => t.editor.masks(envUri)?.computations === computed + 1 && t.editor.masks(envUri)?.ranges.length === 4, 'computed again after the edit');
    await vscode.commands.executeCommand('undo');
    await waitFor(() => doc.getText() === ENV_TEXT, 'undone');
    await doc.save();
  });

  it('masks nothing in a file over the size cap: one log line names it, the hover says why', async () => {
    const envText = `BIG_KEY=${SECRETS.revoked}\n# ${'x'.repeat(400)}\n`;
    const srcText = `const key = "${SECRETS.unknown}";\n// ${'y'.repeat(400)}\n`;
    const env = vscode.Uri.file(writeWorkspaceFile('editor/occur/.env.big', envText));
    const src = vscode.Uri.file(writeWorkspaceFile('editor/occur/big.ts', srcText));
    t.editor.setMaskCharLimit(300);
    try {
      for (const [uri, text, secret] of [[env, envText, SECRETS.revoked], [src, srcText, SECRETS.unknown]] as const) {
        const doc = await vscode.workspace.openTextDocument(uri);
        await vscode.window.showTextDocument(doc, { selection: new vscode.Range(1, 0, 1, 0) });
        await waitFor(() => t.editor.masks(uri)?.offForSize === true, `${path.basename(uri.path)}: masking off for its size`);
        assert.deepStrictEqual(t.editor.masks(uri)!.ranges, []);
        const md = await hoverText(uri, rangeOf(text, secret).start.translate(0, 3));
        shown.push(md);
        assert.match(md, /Masking is off for this file because of its size/);
        // Cursor moves and a second look change nothing and log nothing more.
        const editor = vscode.window.activeTextEditor!;
        editor.selection = new vscode.Selection(0, 0, 0, 0);
        editor.selection = new vscode.Selection(1, 0, 1, 0);
      }
      const logLines = async () => filesUnder(t.logDir).flatMap((f) => fs.readFileSync(f, 'utf8').split(/\r?\n/)).filter((l) => /Masking is off for/.test(l));
      await waitFor(async () => (await logLines()).length >= 2, 'the log names the files');
      const lines = await logLines();
      assert.strictEqual(lines.filter((l) => l.includes('editor/occur/.env.big')).length, 1, lines.join('\n'));
      assert.strictEqual(lines.filter((l) => l.includes('editor/occur/big.ts')).length, 1, lines.join('\n'));
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    } finally {
      t.editor.setMaskCharLimit(undefined);
    }
  });

  it('finds every occurrence in a .env: a commented-out key, a key in a URL, both keys of a list; each in Problems and masked', async () => {
    const uri = vscode.Uri.file(writeWorkspaceFile('editor/occur/.env', OCC_TEXT));
    const problems = [
      `Error ${describe1r(rangeOf(OCC_TEXT, '#'))} revoked`,
      `Error ${describe1r(rangeOf(OCC_TEXT, 'DB_URL'))} expired`,
      `Error ${describe1r(rangeOf(OCC_TEXT, 'KEYS'))} expired`,
    ];
    await afterDiskChange(() => JSON.stringify(vued(uri).map(describe1)) === JSON.stringify(problems), 'a new .env with keys in a comment, a URL and a list', () => t.editor.rescan());
    await expectDiagnostics(uri, [
      `Error ${describe1r(rangeOf(OCC_TEXT, '#'))} revoked`,
      `Error ${describe1r(rangeOf(OCC_TEXT, 'DB_URL'))} expired`,
      `Error ${describe1r(rangeOf(OCC_TEXT, 'KEYS'))} expired`,
    ], 'editor/occur/.env');
    const messages = vued(uri).map((d) => d.message);
    assert.match(messages[0], /^A comment on line 1 holds the revoked key "old-comment" \(revoked on /);
    assert.match(messages[1], /^DB_URL holds the expired key "url-key" \(expired on /);
    assert.match(messages[2], /^KEYS holds the expired key "list-old" \(expired on /);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(3, 0, 3, 0) });
    await waitFor(() => (t.editor.masks(uri)?.ranges.length ?? 0) === 4, `every occurrence masked: ${JSON.stringify(t.editor.masks(uri)?.ranges)}`);
    const snap = t.editor.masks(uri)!;
    const expected = ([['occComment', 'old-comment'], ['occUrl', 'url-key'], ['listOld', 'list-old'], ['listOther', 'list-other']] as const).map(([k, name]) => {
      const r = rangeOf(OCC_TEXT, SECRETS[k]);
      return { startLine: r.start.line, startCharacter: r.start.character, endLine: r.end.line, endCharacter: r.end.character, label: `••••••• (${name})` };
    });
    assert.deepStrictEqual(snap.ranges.map(({ problem: _problem, ...r }) => r), expected);
    assert.deepStrictEqual(snap.ranges.map((r) => r.problem), ['error', 'error', 'error', undefined]);
    const md = await hoverText(uri, rangeOf(OCC_TEXT, SECRETS.occComment).start);
    shown.push(md);
    assert.match(md, /old\\-comment/);
  });

  it('Replace with a new key… on one key of a list writes over that key only: the other stays byte for byte', async () => {
    const uri = vscode.Uri.file(path.join(root, 'occur', '.env'));
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.strictEqual(doc.getText(), OCC_TEXT);
    const fix = (await codeActions(uri, rangeOf(OCC_TEXT, SECRETS.listOld))).find((a) => a.title === 'Replace with a new key…');
    assert.ok(fix?.command, 'Replace is offered on a key inside a list');
    const before = server.issued().length;
    t.ui.reset();
    t.ui.queue('List replacement', 'deploy', 'Never', '$cancel');
    await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    const issued = server.issued()[before];
    assert.ok(issued, 'one key was created');
    assert.strictEqual(server.issued().length, before + 1);
    assert.strictEqual(doc.getText(), OCC_TEXT.replace(SECRETS.listOld, issued.secret), 'only the old key\'s characters changed');
    assert.strictEqual(dotenv.parse(doc.getText()).KEYS, `${issued.secret},${SECRETS.listOther}`);
    await doc.save();
    fs.writeFileSync(uri.fsPath, OCC_TEXT);
  });

  it('flags and masks a known key whose secret holds - and _, hard-coded in a tracked source file', async () => {
    const text = `export const key = '${SECRETS.dashed}';\n`;
    const uri = vscode.Uri.file(writeWorkspaceFile('editor/src/dashed.ts', text));
    git(root, 'add', 'src/dashed.ts');
    const doc = await vscode.workspace.openTextDocument(uri);
    await expectDiagnostics(uri, [`Warning ${describe1r(quoteBefore(text, SECRETS.dashed))} hard-coded-secret`], 'dashed key in a tracked .ts file');
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(1, 0, 1, 0) });
    const r = rangeOf(text, SECRETS.dashed);
    const want = [{ startLine: 0, startCharacter: r.start.character, endLine: 0, endCharacter: r.end.character, label: '••••••• (dashed-one)', problem: 'warning' }];
    await waitFor(() => JSON.stringify(t.editor.masks(uri)?.ranges) === JSON.stringify(want), `masked, with the warning on the mask: ${JSON.stringify(t.editor.masks(uri)?.ranges)}`);
    const md = await hoverText(uri, r.start.translate(0, 3));
    shown.push(md);
    assert.match(md, /\[Reveal Value\]\(command:vued\.revealValue\?/, 'a masked secret in a source file offers Reveal Value');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('signed out: no request of its own, problems and hover from the cached key list; after signing in, still no reload', async () => {
    t.ui.reset();
    await vscode.commands.executeCommand('vued.signOut');
    await waitFor(() => !t.signInState().signedIn, 'signed out');
    const before = server.requests.length;
    const text = `LATER_KEY=${SECRETS.revoked}\nNEW_ONE=${SECRETS.unknown}\n`;
    const later = vscode.Uri.file(writeWorkspaceFile('editor/later/.env', text));
    const expectedLater = [`Error ${describe1r(rangeOf(text, 'LATER_KEY'))} revoked`, `Information ${describe1r(rangeOf(text, 'NEW_ONE'))} unknown-secret`];
    await afterDiskChange(() => JSON.stringify(vued(later).map(describe1)) === JSON.stringify(expectedLater), 'signed out', () => t.editor.rescan());
    shown.push(...vued(later).map((d) => d.message));
    const md = await hoverText(later, rangeOf(text, SECRETS.revoked).start);
    shown.push(md);
    assert.match(md, /ci\\-deploy/);
    await sleep(300);
    assert.deepStrictEqual(server.requests.slice(before).map((r) => `${r.method} ${r.path}`), [], 'no request while signed out');
    await signIn(t);
    const signedIn = server.requests.length;
    const again = vscode.Uri.file(writeWorkspaceFile('editor/later2/.env', text));
    const expectedAgain = vued(later).map(describe1);
    await afterDiskChange(() => JSON.stringify(vued(again).map(describe1)) === JSON.stringify(expectedAgain), 'signed in again', () => t.editor.rescan());
    await sleep(500);
    assert.deepStrictEqual(server.requests.slice(signedIn).map((r) => `${r.method} ${r.path}`), [], 'the key list was loaded once per window already');
  });

  it('keeps .env files out of VS Code\'s Local History, which would otherwise copy a secret saved through an editor', () => {
    const exclude = vscode.workspace.getConfiguration('workbench.localHistory').get<Record<string, boolean>>('exclude') ?? {};
    assert.strictEqual(exclude['**/.env'], true);
    assert.strictEqual(exclude['**/.env.*'], true);
  });

  it('shows no secret in any diagnostic, hover or quick-fix title of the suite', () => {
    // The server-issued secrets join the final leak scan of the user-data dir too.
    server.issued().forEach((i) => allIssuedSecrets.add(i.secret));
    const secrets = [...Object.values(SECRETS), ...server.issued().map((i) => i.secret)];
    assert.ok(shown.length > 15, `texts collected (${shown.length})`);
    const hits = shown.filter((text) => secrets.some((s) => text.includes(s)));
    assert.deepStrictEqual(hits, []);
  });
});

function describe1r(r: vscode.Range): string {
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}
