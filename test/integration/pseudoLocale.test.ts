/**
 * The translation suite: runs only in the host started with --pseudo, where VS Code's display
 * language is the pseudo-locale (qps-ploc) and the extension loads l10n/bundle.l10n.qps-ploc.json.
 * The main flows run against the local Vued API, and every prompt, title, pick item, validation
 * message, notification and tree label of ours must come out pseudo-localized: once the values
 * that come from the server or the user (names, ids, prefixes, scopes, URLs, the server's own
 * words) are taken out, no plain ASCII letter may be left.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID, TreeCommands } from '../../src/constants';
import { apiKey } from '../support/builders';
import type { TranscriptEntry } from '../support/scriptedUi';
import type { VuedApiServer } from '../fixtures/vuedApiServer';
import { apiSuite, createPosts, ORG, setSetting, signIn, startApi, type Testing, TOKEN, waitFor, writeWorkspaceFile } from '../support/integration';

const LOCALE = 'qps-ploc';
const ACME = '0d7f7c1e-2b3a-4c5d-8e9f-a0b1c2d3e4f5';
const DAY = 86_400_000;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

/** Values that are not ours to translate, and so are taken out before looking for English. */
const DYNAMIC_PATTERNS = [
  UUID,
  /[0-9a-f]{8}…[0-9a-f]{4}/g, // a shortened id
  /https?:\/\/[^\s"')]+/g,
  /vued_sk_[A-Za-z0-9_-]*/g, // a key prefix
  /\$\([a-z-]+\)/g, // a codicon
];

/** What is left of `text` once the given values and the DYNAMIC_PATTERNS are taken out. */
function ours(text: string, dynamic: readonly string[]): string {
  let rest = text;
  for (const value of [...dynamic].sort((a, b) => b.length - a.length)) rest = rest.split(value).join(' ');
  for (const pattern of DYNAMIC_PATTERNS) rest = rest.replace(pattern, ' ');
  return rest;
}

/** Fails when `text` holds English (ASCII letters) of ours, or, unless `mayBeAllDynamic`, no translated text at all. */
function assertPseudo(text: string | undefined, where: string, dynamic: readonly string[], mayBeAllDynamic = false): void {
  assert.ok(text !== undefined, `${where}: no text`);
  const rest = ours(text, dynamic);
  const english = rest.match(/[A-Za-z]+/g);
  assert.ok(!english, `${where}: "${text}" is not pseudo-localized (${english?.join(' ')})`);
  if (!mayBeAllDynamic) assert.ok(/[^\u0020-\u007e]/.test(rest.replace(/\s/g, '')), `${where}: "${text}" has no translated text`);
}

/** Every text of ours in the scripted UI's transcript: titles, prompts, pick items, validation messages, messages and their buttons. */
function assertTranscriptPseudo(transcript: readonly TranscriptEntry[], dynamic: readonly string[]): number {
  let checked = 0;
  transcript.forEach((e, i) => {
    const where = `transcript[${i}] ${e.kind}`;
    if (e.title !== undefined) assertPseudo(e.title, `${where} title`, dynamic);
    assertPseudo(e.text, `${where} text`, dynamic);
    if (e.validation !== undefined) assertPseudo(e.validation, `${where} validation`, dynamic);
    // Pick items can be values (an organization's shortened id); buttons are all ours.
    for (const item of e.items ?? []) assertPseudo(item, `${where} item`, dynamic, e.kind === 'pick');
    checked++;
  });
  return checked;
}

describe('pseudo-locale: every sentence we show is translated', () => {
  const suite = apiSuite({ resetSettings: ['requestTimeoutSeconds'] });
  let t: Testing;
  let server: VuedApiServer;
  let pseudo: Record<string, string>;
  /** The pseudo-localized form of one of our English strings (as a button to answer with). */
  const P = (english: string): string => {
    const text = pseudo[english];
    assert.ok(text, `"${english}" is in the pseudo-locale bundle`);
    return text;
  };

  before(() => {
    ({ t, server } = suite);
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    pseudo = JSON.parse(fs.readFileSync(path.join(ext.extensionPath, 'l10n', `bundle.l10n.${LOCALE}.json`), 'utf8')) as Record<string, string>;
  });

  it('VS Code runs in the pseudo-locale', () => {
    assert.strictEqual(vscode.env.language, LOCALE, 'the host was started with --locale qps-ploc and its language pack');
  });

  it('the checker refuses English, so the checks below can fail', () => {
    assert.throws(() => assertPseudo('Enter a name for the key.', 'probe', []));
    assert.throws(() => assertPseudo(`${P('Show Logs')} now`, 'probe', []));
    assert.throws(() => assertPseudo('CI key', 'probe', ['CI key']), /no translated text/);
    assertPseudo(P('Enter a name for the key.'), 'probe', []);
  });

  it('Set Access Token: prompt, validation and notification', async () => {
    t.ui.queue('has a space', TOKEN);
    await vscode.commands.executeCommand(Commands.setToken);
    const input = t.ui.transcript.find((e) => e.kind === 'input');
    assert.ok(input?.validation, 'the token with a space was refused with a message');
    assert.ok(t.ui.transcript.some((e) => e.kind === 'message' && e.level === 'info'), 'the saved notification');
    const host = new URL(server.url).host;
    assertTranscriptPseudo(t.ui.transcript, [host]);
  });

  it('Create API Key through the quick inputs: prompts, validation messages, picks and the secret offer', async () => {
    const name = 'Pseudo 1';
    t.ui.queue(
      'not-a-uuid', ORG, // organization: refused, then accepted
      '', name, // name: empty is refused
      '%%', '', // scopes: "%%" is not a scope; none
      'custom', // expiry pick, by value
      '2020-13-01', '2020-02-30', '2020-01-01', '2099-12-31', // format, not a real date, in the past, accepted
      '$cancel', P('Finish Without Saving It'), // the secret offer, then finishing without it
    );
    await vscode.commands.executeCommand(Commands.createApiKey);
    assert.strictEqual(createPosts(server).length, 1, 'the key was created');
    const validations = t.ui.transcript.filter((e) => e.validation !== undefined).map((e) => e.validation);
    assert.strictEqual(validations.length, 6, `every refused answer has its message: ${validations.join(' | ')}`);
    assert.strictEqual(new Set(validations).size, 6, 'six different messages');
    const pick = t.ui.transcript.find((e) => e.kind === 'pick');
    assert.strictEqual(pick?.items?.length, 5, 'the five expiry choices');
    const issued = server.issued()[0];
    assertTranscriptPseudo(t.ui.transcript, [name, issued.key.keyPrefix, '2020-02-30']);
    assert.ok(t.ui.transcript.filter((e) => e.kind === 'message').length >= 2, 'the offer and the warning were shown');
  });

  const failures: Array<{ title: string; misbehave: Parameters<VuedApiServer['misbehave']>[0]; words?: string }> = [
    { title: '401', misbehave: { status: 401, body: '{"error":"Invalid token"}', contentType: 'application/json' } },
    { title: '403', misbehave: { status: 403, body: '{}', contentType: 'application/json' } },
    { title: '409', misbehave: { status: 409, body: '{}', contentType: 'application/json' } },
    { title: '422 with the server\'s words', misbehave: { status: 422, body: '{"detail":[{"msg":"scope foo is unknown"}]}', contentType: 'application/json' }, words: 'scope foo is unknown' },
    { title: '429 with Retry-After', misbehave: { status: 429, body: '{}', contentType: 'application/json', headers: { 'retry-after': '150' } } },
    { title: '500', misbehave: { status: 500, body: '' } },
    { title: 'malformed JSON', misbehave: { malformedJson: true }, words: 'application/json' },
  ];
  for (const c of failures) {
    it(`an error from the local API (${c.title}) is shown pseudo-localized, with its buttons`, async () => {
      server.misbehave({ method: 'POST', ...c.misbehave });
      t.ui.queue(ORG, 'Pseudo 2', '', 'never');
      await vscode.commands.executeCommand(Commands.createApiKey);
      const errors = t.ui.transcript.filter((e) => e.kind === 'message' && e.level === 'error');
      assert.strictEqual(errors.length, 1, 'one error message');
      assert.ok(errors[0].items?.includes(P('Show Logs')), 'Show Logs, translated');
      if (c.words && !c.misbehave.malformedJson) assert.ok(errors[0].text.includes(c.words), 'the server\'s words are kept as they are');
      assertTranscriptPseudo(t.ui.transcript, ['Pseudo 2', ...(c.words ? [c.words] : [])]);
    });
  }

  it('a refused connection and a timeout are shown pseudo-localized', async () => {
    const closed = await startApi();
    await closed.close();
    await setSetting('apiBaseUrl', closed.url);
    // A token for the closed server's address too, so the flow goes as far as connecting.
    await signIn(t);
    t.ui.queue(ORG, 'Pseudo 3', '', 'never');
    await vscode.commands.executeCommand(Commands.createApiKey);
    const refused = t.ui.transcript.filter((e) => e.kind === 'message' && e.level === 'error');
    assert.ok(!t.ui.transcript.some((e) => e.password), 'no token prompt: the stored token was used');
    assert.strictEqual(refused.length, 1, 'one connection error');
    await setSetting('apiBaseUrl', server.url);
    t.ui.reset();

    await setSetting('requestTimeoutSeconds', 1);
    server.misbehave({ method: 'POST', hang: true });
    t.ui.queue(ORG, 'Pseudo 3', '', 'never');
    await vscode.commands.executeCommand(Commands.createApiKey);
    await setSetting('requestTimeoutSeconds', undefined);
    const timeout = t.ui.transcript.filter((e) => e.kind === 'message' && e.level === 'error');
    assert.strictEqual(timeout.length, 1, 'one timeout message');
    assertTranscriptPseudo([...refused, ...t.ui.transcript], ['Pseudo 3', new URL(closed.url).host]);
  });

  it('tree: our labels, descriptions, tooltips and the error row are pseudo-localized', async () => {
    const now = Date.now();
    server.seedKeys(ACME, [
      apiKey('aaaa0000-0000-4000-8000-000000000001', { name: 'active one', scopes: ['0'], createdAt: now - 30 * DAY }),
      apiKey('bbbb0000-0000-4000-8000-000000000002', { name: 'expiring one', scopes: ['0'], createdAt: now - 2 * DAY, expiresAt: now + 3 * DAY }),
      apiKey('cccc0000-0000-4000-8000-000000000003', { name: 'expired one', scopes: ['0'], createdAt: now - 3 * DAY, expiresAt: now - DAY }),
      apiKey('dddd0000-0000-4000-8000-000000000004', { name: 'revoked one', scopes: ['0'], createdAt: now - DAY, revokedAt: now - 1000, lastUsedAt: now - 5000 }),
    ]);
    t.ui.queue(ACME, 'Acme');
    await vscode.commands.executeCommand(TreeCommands.addOrganization);
    assertTranscriptPseudo(t.ui.transcript, []);
    const names = ['active one', 'expiring one', 'expired one', 'revoked one'];
    const roots = await t.tree.roots();
    const org = roots.find((r) => r.item.id?.endsWith(`/org:${ACME}`));
    assert.ok(org, 'the organization is in the tree');
    const top = await t.tree.children(org.node);
    const group = top.find((r) => r.item.contextValue === 'inactiveKeys');
    assert.ok(group, 'the revoked and expired keys have their group');
    assertPseudo(String(group.item.label), 'group label', []);
    assert.ok(String(group.item.label).includes('2'), 'the group counts its keys');
    assertPseudo(String(group.item.tooltip), 'group tooltip', []);
    const rows = [...top.filter((r) => r !== group), ...(await t.tree.children(group.node))];
    assert.strictEqual(rows.length, 4);
    // Timestamps in tooltips are dates and times, shown by the host's own formatting.
    const dateTime = (s: string) => s.replace(/\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?( ?UTC| ?Z)?/g, ' ');
    for (const row of rows) {
      const label = String(row.item.label);
      assert.ok(names.includes(label), `a key row: ${label}`);
      const description = String(row.item.description);
      if (!label.startsWith('active')) assertPseudo(description, `${label}: description`, ['0']);
      assertPseudo(row.item.accessibilityInformation?.label, `${label}: accessibility label`, [label, '0']);
      const tip = t.tree.tooltip(row.node) ?? '';
      assertPseudo(dateTime(tip), `${label}: tooltip`, [label, '`0`', 'dddd0000', 'aaaa0000', 'bbbb0000', 'cccc0000']);
    }

    server.misbehave({ method: 'GET', pathIncludes: '/api-keys', status: 500, body: '' });
    t.tree.refresh();
    const failed = await t.tree.children(org.node);
    assert.strictEqual(failed.length, 1, 'one error row');
    assertPseudo(String(failed[0].item.label), 'error row', []);
  });

  it('editor: Problems and the hover of a .env value are pseudo-localized', async () => {
    const now = Date.now();
    const revoked = apiKey('eeee0000-0000-4000-8000-000000000005', { name: 'gone one', scopes: ['0'], createdAt: now - DAY, revokedAt: now - 1000 });
    server.seedKeys(ACME, [revoked]);
    t.tree.refresh();
    const roots = await t.tree.roots();
    const org = roots.find((r) => r.item.id?.endsWith(`/org:${ACME}`));
    assert.ok(org, 'the organization from the tree test is still there');
    await t.tree.children(org.node);
    const tail = 'Q7x2'.repeat(9);
    const file = writeWorkspaceFile('pseudo/.env', `REVOKED_KEY=${revoked.keyPrefix}${tail}\nUNKNOWN_KEY=vued_sk_Zz7q${tail}\n`);
    const uri = vscode.Uri.file(file);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    await t.editor.rescan();
    const ours_ = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Vued');
    await waitFor(() => ours_().length === 2, 'two Problems in pseudo/.env', 15_000);
    const day = /\d{4}-\d{2}-\d{2}/g;
    for (const d of ours_()) assertPseudo(d.message.replace(day, ' '), 'Problem', ['REVOKED_KEY', 'UNKNOWN_KEY', 'gone one']);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(0, 14));
    const markdown = hovers
      .flatMap((h) => h.contents)
      .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
      .filter((v) => v.includes('REVOKED_KEY'));
    assert.strictEqual(markdown.length, 1, 'our hover');
    const shown = markdown[0].replace(/\(command:[^)]*\)/g, ' ').replace(/\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?/g, ' ');
    assertPseudo(shown, 'hover', ['REVOKED_KEY', 'gone one', 'Acme', '`0`']);
    // The cursor is on line 0, so the unknown secret on line 1 is masked, named in the display language.
    const mask = () => t.editor.masks(uri)?.ranges.find((r) => r.startLine === 1);
    await waitFor(() => mask() !== undefined, 'the unknown secret masked');
    const label = mask()!.label;
    assert.ok(label.startsWith('••••••• ('), label);
    assertPseudo(label.replace('•••••••', ' '), 'mask label', []);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
