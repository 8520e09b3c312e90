/**
 * The UI walk: a person's path through the real workbench (code-server 1.139 in headless chromium),
 * with the extension installed from the repo and `vued.apiBaseUrl` pointing at the local Vued API.
 *
 *   node out/test/e2e/uiWalk.js
 *
 * F1 → Set Access Token → F1 → Create API Key → organization → name → scopes → expiration → the secret
 * offer → Insert into .env → file → variable → Done. Then, from outside: one valid POST, the .env holds
 * the secret (dotenv) with its other bytes unchanged, and neither the token nor the secret appears in
 * the user-data dir (settings, state, logs, the Vued output log) or in any notification or dialog text.
 * Writes test-results/e2e.json ({ passed, failed }) and screenshots in test-results/.
 */
import * as assert from 'assert';
import { randomBytes } from 'crypto';
import * as dotenv from 'dotenv';
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { launchBrowser, startCodeServer, workbenchUrl } from '../harness/codeServer';
import { copyFixtureWorkspace, removeWorkspaceCopy, repoRoot } from '../harness/paths';
import { runCommand } from '../harness/workbench';
import { startVuedApiServer, VuedApiServer } from '../fixtures/vuedApiServer';

const ORG = '3f2c9a70-1b6e-4d2a-9c51-7e8d0f4b6a21';
const RESULTS = path.join(repoRoot(), 'test-results');
const t0 = Date.now();
const lap = (m: string) => console.log(`  [${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

/** Every text a notification toast or dialog showed during the walk. */
const seenTexts = new Set<string>();
async function collectTexts(page: Page): Promise<void> {
  const texts = await page
    .locator('.notifications-toasts .notification-toast, .monaco-dialog-box, .notifications-center')
    .allInnerTexts()
    .catch(() => [] as string[]);
  texts.forEach((t) => seenTexts.add(t));
}

/** Waits until the quick input shows `text` (a prompt, title or item), then types and accepts. */
async function answer(page: Page, text: string, typed: string | undefined, opts: { replace?: boolean } = {}): Promise<void> {
  const widget = page.locator('.quick-input-widget', { hasText: text });
  await widget.waitFor({ state: 'visible', timeout: 20_000 });
  if (typed !== undefined) {
    if (opts.replace) {
      await page.keyboard.press('ControlOrMeta+A');
    }
    await page.keyboard.type(typed);
  }
  await collectTexts(page);
  await page.keyboard.press('Enter');
}

async function pickByPlaceholder(page: Page, placeholder: string, filter: string): Promise<void> {
  await page.locator(`.quick-input-widget input[placeholder=${JSON.stringify(placeholder)}]`).waitFor({ state: 'visible', timeout: 20_000 });
  await page.keyboard.type(filter);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: filter }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
}

async function dialog(page: Page, hasText: string) {
  const box = page.locator('.monaco-dialog-box', { hasText });
  await box.waitFor({ state: 'visible', timeout: 30_000 });
  await collectTexts(page);
  return box;
}

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(full));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** Where `needles` occur in the files (as UTF-8 and UTF-16LE bytes, as state databases may hold either). */
function scanFiles(files: string[], needles: string[]): string[] {
  const hits: string[] = [];
  for (const file of files) {
    const bytes = fs.readFileSync(file);
    for (const needle of needles) {
      if (bytes.includes(Buffer.from(needle, 'utf8')) || bytes.includes(Buffer.from(needle, 'utf16le'))) {
        hits.push(file);
      }
    }
  }
  return hits;
}

interface Check {
  name: string;
  ok: boolean;
  error?: string;
}

async function main(): Promise<number> {
  fs.mkdirSync(RESULTS, { recursive: true });
  const token = `walk_${randomBytes(18).toString('base64url')}`;
  const checks: Check[] = [];
  const check = (name: string, fn: () => void) => {
    try {
      fn();
      checks.push({ name, ok: true });
      console.log(`  ✔ ${name}`);
    } catch (e) {
      checks.push({ name, ok: false, error: e instanceof Error ? e.message : String(e) });
      console.log(`  ✘ ${name}: ${e instanceof Error ? e.message : e}`);
    }
  };

  let api: VuedApiServer | undefined;
  let server: Awaited<ReturnType<typeof startCodeServer>> | undefined;
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  const ws = copyFixtureWorkspace('vued-walk-');
  const envFile = path.join(ws, '.env');
  const envBefore = fs.readFileSync(envFile, 'utf8');
  let walked = false;
  try {
    api = await startVuedApiServer({ token });
    server = await startCodeServer({
      linkExtensions: [repoRoot()],
      smokeDriver: false,
      tmpPrefix: 'vued-walk-',
      userSettings: { 'vued.apiBaseUrl': api.url },
    });
    lap(`code-server up (pid ${server.pid}); local Vued API at ${api.url}`);
    browser = await launchBrowser();
    const { page } = browser;
    await page.goto(workbenchUrl(server, { folder: ws }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    lap('workbench rendered');

    await runCommand(page, 'Vued: Set Access Token');
    await answer(page, 'Vued access token for', token);
    await page.locator('.notifications-toasts', { hasText: 'Access token saved' }).waitFor({ timeout: 20_000 });
    await collectTexts(page);
    lap('token set through the password box');

    await runCommand(page, 'Vued: Create API Key');
    await answer(page, 'Organization ID (a UUID)', ORG);
    await answer(page, 'Name of the new key', 'UI walk key', { replace: true });
    await answer(page, 'Scopes, separated by commas or spaces', 'read write');
    await pickByPlaceholder(page, 'When should the key expire?', '90 days');
    lap('four steps answered');

    const offer = await dialog(page, 'Created API key "UI walk key"');
    await offer.locator('.monaco-button', { hasText: 'Insert into .env File…' }).click();
    await pickByPlaceholder(page, 'Choose the .env file for the secret of "UI walk key"', '.env');
    await answer(page, 'Name of the variable that will hold the secret', undefined);
    const after = await dialog(page, 'Inserted into .env');
    lap('secret inserted into .env');
    // Let the closing quick input and the finished progress toast fade before the screenshot.
    await page.locator('.notifications-toasts', { hasText: 'Creating API key' }).waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
    await page.screenshot({ path: path.join(RESULTS, 'create-key.png') });
    await after.locator('.monaco-button', { hasText: 'Done' }).click();
    await after.waitFor({ state: 'hidden', timeout: 10_000 });
    await page.waitForTimeout(500);
    await collectTexts(page);
    walked = true;
  } catch (e) {
    console.error(`  UI walk stopped: ${e instanceof Error ? e.message : e}`);
    if (browser) await browser.page.screenshot({ path: path.join(RESULTS, 'ui-walk-failure.png') }).catch(() => undefined);
  }
  check('the walk reached the end through the workbench UI', () => assert.ok(walked));

  const secrets = api ? api.issued().map((i) => i.secret) : [];
  check('the local API got exactly one valid POST', () => {
    assert.ok(api);
    const posts = api.requests.filter((r) => r.method === 'POST');
    assert.strictEqual(posts.length, 1);
    assert.strictEqual(posts[0].path, `/v1/orgs/${ORG}/api-keys`);
    assert.strictEqual(posts[0].headers.authorization, `Bearer ${token}`);
    const body = posts[0].json as Record<string, unknown>;
    assert.deepStrictEqual(Object.keys(body).sort(), ['expires_at', 'name', 'scopes']);
    assert.strictEqual(body.name, 'UI walk key');
    assert.deepStrictEqual(body.scopes, ['read', 'write']);
    assert.ok(typeof body.expires_at === 'string' && Date.parse(body.expires_at) > Date.now() + 89 * 86400_000);
    assert.strictEqual(secrets.length, 1);
  });
  check('the workspace .env holds the secret (dotenv) and its other bytes are unchanged', () => {
    const text = fs.readFileSync(envFile, 'utf8');
    assert.strictEqual(dotenv.parse(text).VUED_API_KEY, secrets[0]);
    assert.ok(text.startsWith(envBefore), 'the original content is untouched');
    assert.strictEqual(text, `${envBefore}${envBefore.endsWith('\n') || envBefore === '' ? '' : '\n'}VUED_API_KEY=${secrets[0]}\n`);
  });

  await browser?.close();
  // Stop code-server first so every log and state database is flushed to disk before the scan.
  const userData = server?.userDataDir;
  const serverTmp = server?.tmp;
  await server?.stop({ keep: true });
  check('the token and the secret appear nowhere in the user-data dir, logs or notifications', () => {
    assert.ok(userData && serverTmp && secrets.length === 1);
    const files = filesUnder(serverTmp);
    const vuedLog = files.find((f) => /Vued\.log$/.test(f) || /vued\.vued-api-keys.*\.log$/.test(f));
    assert.ok(vuedLog, 'the Vued output log was written (so the scan covers it)');
    assert.match(fs.readFileSync(vuedLog, 'utf8'), /POST .*\/api-keys/, 'the Vued log has the request line');
    const hits = scanFiles(files, [token, ...secrets]);
    const textHits = [...seenTexts].filter((t) => t.includes(token) || secrets.some((s) => t.includes(s)));
    assert.ok(seenTexts.size > 0, 'notification and dialog texts were collected');
    console.log(`  leak scan: ${files.length + seenTexts.size} places checked, ${hits.length + textHits.length} found`);
    assert.deepStrictEqual(hits, []);
    assert.deepStrictEqual(textHits, []);
  });

  if (serverTmp && checks.every((c) => c.ok)) fs.rmSync(serverTmp, { recursive: true, force: true });
  else if (serverTmp) console.log(`  code-server files kept in ${serverTmp}`);
  await api?.close();
  removeWorkspaceCopy(ws);
  const passed = checks.filter((c) => c.ok).length;
  const failed = checks.length - passed;
  fs.writeFileSync(path.join(RESULTS, 'e2e.json'), JSON.stringify({ passed, failed, seconds: (Date.now() - t0) / 1000 }, null, 2));
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
