/**
 * The UI walk: a person's path through the real workbench (code-server 1.139 in headless chromium),
 * with the extension installed from the repo and `vued.apiBaseUrl` pointing at the local Vued API.
 *
 *   node out/test/e2e/uiWalk.js
 *
 * First the Accounts menu, from a signed-out start: Accounts → VS Code's "Sign in with Vued…" entry
 * → the masked token box → the account listed there → its Sign Out (VS Code's confirmation) → the
 * sidebar's welcome view again. Then F1 → Set Access Token → F1 → Create API Key → organization → name → scopes → expiration → the secret
 * offer → Insert into .env → file → variable → Done. Then, from outside: one valid POST, the .env holds
 * the secret (dotenv) with its other bytes unchanged, and neither the token nor the secret appears in
 * the user-data dir (settings, state, logs, the Vued output log) or in any notification or dialog text.
 * Writes test-results/e2e.json ({ passed, failed }) and screenshots in test-results/, with
 * test-results/screenshots.json: each picture's step and SHA-256, and the build they show
 * (buildHash of scripts/screenshots.mjs, taken before code-server starts). `npm run screenshots`
 * then publishes them to docs/ and media/screenshots/.
 */
import * as assert from 'assert';
import { createHash, randomBytes } from 'crypto';
import * as dotenv from 'dotenv';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import type { Page } from 'playwright-core';
import { apiKey } from '../support/builders';
import { launchBrowser, startCodeServer, workbenchUrl } from '../support/harness/codeServer';
import { bundledVscodeVersion, copyFixtureWorkspace, removeWorkspaceCopy, repoRoot } from '../support/harness/paths';
import { runCommand } from '../support/harness/workbench';
import { filesUnder, scanFiles } from '../support/leakScan';
import { startVuedApiServer, type VuedApiServer } from '../fixtures/vuedApiServer';

const ORG = '3f2c9a70-1b6e-4d2a-9c51-7e8d0f4b6a21';
const RESULTS = path.join(repoRoot(), 'test-results');
const DAY = 86_400_000;
const t0 = Date.now();
const lap = (m: string) => console.log(`  [${((Date.now() - t0) / 1000).toFixed(1)}s] ${m}`);

/** A picture the walk took for the docs: its file in test-results/, the step it shows, its SHA-256. */
interface Screenshot {
  file: string;
  step: string;
  sha256: string;
}
const screenshots: Screenshot[] = [];

/** Takes a picture of the workbench for the docs and records it for test-results/screenshots.json. */
async function screenshot(page: Page, file: string, step: string): Promise<void> {
  const png = await page.screenshot({ path: path.join(RESULTS, file) });
  screenshots.push({ file, step, sha256: createHash('sha256').update(png).digest('hex') });
}

/** Every text a notification toast or dialog showed during the walk. */
const seenTexts = new Set<string>();
async function collectTexts(page: Page): Promise<void> {
  const texts = await page
    .locator('.notifications-toasts .notification-toast, .monaco-dialog-box, .notifications-center')
    .allInnerTexts()
    .catch(() => [] as string[]);
  texts.forEach((t) => seenTexts.add(t));
}

interface ReadmeImage {
  src: string;
  loaded: boolean;
}

/**
 * Opens this extension's page in the Extensions view (Show Installed Extensions → its row) and
 * returns the images of the README it renders, once none is still loading: each with whether
 * it loaded (complete, with a natural width). The README sits in a webview's inner frame.
 */
async function detailsPageImages(page: Page): Promise<ReadmeImage[]> {
  const row = page.locator('.extensions-viewlet .monaco-list-row', { hasText: 'Vued API Keys' }).first();
  // The command is run again if the view has not shown the row after a while (a palette entry can
  // be taken by another window event, and the Extensions view is slow to fill on a busy machine).
  for (let attempt = 1; ; attempt++) {
    await runCommand(page, 'Extensions: Show Installed Extensions');
    try {
      await row.waitFor({ state: 'visible', timeout: 15_000 });
      break;
    } catch (e) {
      if (attempt === 3) throw e;
    }
  }
  await row.click();
  const probe = `(() => {
    if (!document.body || !document.body.innerText.includes('without leaving the editor')) return null;
    return Array.from(document.images).map((i) => ({ src: i.getAttribute('src') || '', loaded: i.complete && i.naturalWidth > 0, pending: !i.complete }));
  })()`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    for (const frame of page.frames()) {
      const images = await frame.evaluate<(ReadmeImage & { pending: boolean })[] | null>(probe).catch(() => null);
      if (images && (images.every((i) => !i.pending) || Date.now() > deadline)) {
        return images.map(({ src, loaded }) => ({ src, loaded }));
      }
    }
    if (Date.now() > deadline) throw new Error("the extension's details page did not show its README");
    await page.waitForTimeout(250);
  }
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

/**
 * Runs a tree row's context-menu item and waits for the modal it opens. VS Code's menu acts on the
 * keyboard once an item has focus; a menu opened while the tree still re-renders can close at once,
 * so this tries again (three times at most).
 */
async function contextMenuToDialog(page: Page, rowText: string, item: string, dialogText: string) {
  for (let attempt = 1; ; attempt++) {
    const row = page.locator('.pane-body .monaco-list-row', { hasText: rowText }).first();
    await row.click({ button: 'right' });
    const entry = page.locator('.monaco-menu .action-label', { hasText: item }).first();
    await entry.waitFor({ state: 'visible', timeout: 5_000 });
    await entry.hover();
    await page.keyboard.press('Enter');
    const box = page.locator('.monaco-dialog-box', { hasText: dialogText });
    try {
      await box.waitFor({ state: 'visible', timeout: 4_000 });
      await collectTexts(page);
      return box;
    } catch (e) {
      if (attempt >= 3) throw e;
      await page.keyboard.press('Escape');
    }
  }
}

/** Create API Key through the palette with the recent organization and every default. */
async function createWithDefaults(page: Page): Promise<void> {
  await runCommand(page, 'Vued: Create API Key');
  await page.locator('.quick-input-widget input[placeholder="Organization for the new key"]').waitFor({ state: 'visible', timeout: 20_000 });
  await page.keyboard.press('Enter');
  await answer(page, 'Name of the new key', undefined);
  await answerScopes(page, undefined);
  await pickByPlaceholder(page, 'When should the key expire?', 'Never');
}

async function dialog(page: Page, hasText: string) {
  const box = page.locator('.monaco-dialog-box', { hasText });
  await box.waitFor({ state: 'visible', timeout: 30_000 });
  await collectTexts(page);
  return box;
}

/** What an editor paints: the text of its visible spans, and the mask texts drawn (as text or `::before` content). */
interface Paint {
  painted: string;
  masks: string[];
}

async function readPaint(page: Page): Promise<Paint> {
  return page.evaluate<Paint>(`(() => {
    const out = { painted: '', masks: [] };
    for (const line of document.querySelectorAll('.editor-instance .monaco-editor .view-lines .view-line')) {
      for (const el of line.querySelectorAll('span')) {
        const before = getComputedStyle(el, '::before').content;
        if (before && before.includes('\\u2022')) out.masks.push(before);
        if (el.children.length > 0) continue;
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        const shown = style.display !== 'none' && style.visibility !== 'hidden' && Number(style.opacity) !== 0 && box.width > 0;
        if (el.textContent.includes('\\u2022')) out.masks.push(el.textContent);
        else if (shown) out.painted += el.textContent;
      }
      out.painted += '\\n';
    }
    return out;
  })()`);
}

async function goToLine(page: Page, line: number): Promise<void> {
  await runCommand(page, 'Go to Line/Column...');
  await page.keyboard.type(String(line));
  await page.keyboard.press('Enter');
  await page.waitForTimeout(400);
}

/**
 * Opens apps/web/.env.local: reads the Problems panel, the paint of a masked value (walkMaskingHolds),
 * hovers the masked value (screenshot for the README), then rotates "Staging" from the light bulb.
 */
async function walkEditor(page: Page, out: { problems?: string; hover?: string; maskedPaint?: Paint; rotated?: boolean } & MaskingWalk, oldCiValue: string): Promise<void> {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget').waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.press('Control+A');
  await page.keyboard.type('apps/web/.env.local');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: '.env.local' }).first().waitFor({ timeout: 20_000 });
  await page.keyboard.press('Enter');
  await page.locator('.editor-instance .view-line', { hasText: 'OLD_KEY=' }).first().waitFor({ timeout: 20_000 });
  await goToLine(page, 1);
  await page.waitForFunction(`[...document.querySelectorAll('.editor-instance .view-line span')].some((el) => getComputedStyle(el, '::before').content.includes('Old CI key') || (el.children.length === 0 && el.textContent.includes('(Old CI key)')))`, undefined, { timeout: 20_000 });
  out.maskedPaint = await readPaint(page);

  await runCommand(page, 'View: Toggle Problems');
  const problems = page.locator('.markers-panel', { hasText: 'holds the revoked key' });
  await problems.first().waitFor({ timeout: 20_000 });
  await page.locator('.markers-panel', { hasText: 'which expires in' }).first().waitFor({ timeout: 20_000 });
  out.problems = await page.locator('.markers-panel').first().innerText();

  // Hover the masked value (the cursor stays on line 1).
  await page.locator('.editor-instance .view-line', { hasText: 'OLD_KEY=' }).first().click({ position: { x: 2, y: 5 } });
  await goToLine(page, 1);
  const maskBox = await page.evaluateHandle(`[...document.querySelectorAll('.editor-instance .view-line span')].find((el) => getComputedStyle(el, '::before').content.includes('Old CI key') || (el.children.length === 0 && el.textContent.includes('(Old CI key)')))`);
  const box = await maskBox.asElement()?.boundingBox();
  if (box) {
    await page.mouse.move(box.x + Math.max(4, box.width / 2), box.y + box.height / 2, { steps: 4 });
  }
  const hover = page.locator('.monaco-hover', { hasText: 'Old CI key' });
  try {
    await hover.first().waitFor({ state: 'visible', timeout: 6_000 });
  } catch {
    // Hovering the drawn mask did not open it in this VS Code: ask for the hover at the value.
    await goToLine(page, 2);
    await page.keyboard.press('End');
    await runCommand(page, 'Show or Focus Hover');
    await hover.first().waitFor({ state: 'visible', timeout: 10_000 });
  }
  out.hover = await hover.first().innerText();
  await screenshot(page, 'editor-hover.png', 'A .env with a revoked and an expiring key: the Problems panel, and the hover over the revoked key\'s masked value');
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape');

  await walkMaskingHolds(page, out, oldCiValue);

  // Rotate "Staging" from the light bulb of its line.
  await goToLine(page, 3);
  const bulb = page.locator('.lightBulbWidget, .lightbulb-glyph').first();
  try {
    await bulb.waitFor({ state: 'visible', timeout: 5_000 });
    await bulb.click();
  } catch {
    await page.keyboard.press('ControlOrMeta+.');
  }
  const item = page.locator('.action-widget .monaco-list-row, .context-view .action-label', { hasText: 'Rotate this key…' }).first();
  await item.waitFor({ state: 'visible', timeout: 10_000 });
  await item.click();
  const confirm = await dialog(page, 'Rotate the API key "Staging"?');
  await confirm.locator('.monaco-button', { hasText: 'Rotate' }).click();
  const rotated = await dialog(page, 'was rotated');
  await rotated.locator('.monaco-button', { hasText: 'Revoke Old Key' }).click();
  // The new key is in the file: the flow ends with a notification, not another modal.
  await page.locator('.notifications-toasts', { hasText: 'was revoked' }).first().waitFor({ timeout: 20_000 });
  await collectTexts(page);
  out.rotated = true;
}

/** What the masking walk saw: the paint after a click on the value's Problem, with the cursor in it, after Reveal Value. */
interface MaskingWalk {
  problemClickPaint?: Paint;
  /** The status bar's cursor item after the Problems click ("Ln 2, Col 8 (7 selected)": the name, not the value). */
  problemClickStatus?: string;
  cursorPaint?: Paint;
  revealedPaint?: Paint;
}

/**
 * Masking holds: a click on the value's Problem in the Problems panel and the cursor in the value
 * leave it masked; Vued: Reveal Value from the palette paints it.
 */
async function walkMaskingHolds(page: Page, out: MaskingWalk, oldCiValue: string): Promise<void> {
  const row = page.locator('.markers-panel .monaco-list-row', { hasText: 'holds the revoked key' }).first();
  await row.click();
  await page.waitForTimeout(800);
  out.problemClickPaint = await readPaint(page);
  out.problemClickStatus = await page.locator('[id="status.editor.selection"]').first().innerText({ timeout: 5_000 }).catch(() => undefined);
  await goToLine(page, 2);
  await page.keyboard.press('End');
  await page.waitForTimeout(400);
  out.cursorPaint = await readPaint(page);
  await runCommand(page, 'Vued: Reveal Value');
  // Hidden characters are still in the DOM's text: wait for them to be painted.
  for (let waited = 0; waited < 10_000; waited += 250) {
    out.revealedPaint = await readPaint(page);
    if (out.revealedPaint.painted.includes(oldCiValue)) {
      break;
    }
    await page.waitForTimeout(250);
  }
}

/** What the keychain walk saw. */
interface KeychainWalk {
  /** The SHA-256 the terminal's shell wrote of $VUED_API_KEY, and the secret it was meant to get. */
  terminalHash?: string;
  secret?: string;
  /** The terminal tab's hover, Show Environment Contributions' text, the status bar's tooltip. */
  tabHover?: string;
  contributions?: string;
  statusTooltip?: string;
  sidebarRows?: string[];
  error?: string;
}

/**
 * A key kept in the keychain, through the workbench: create with the defaults, choose Use in
 * Terminals and Debugging at the offer (VUED_API_KEY, the default name), open New Terminal with
 * Vued Keys from the palette and hash $VUED_API_KEY in its shell; then what VS Code shows of it
 * (the tab's hover, Show Environment Contributions, the status bar's tooltip). Screenshot for the README.
 */
async function walkKeychain(page: Page, api: VuedApiServer, out: KeychainWalk): Promise<void> {
  const before = api.issued().length;
  await runCommand(page, 'View: Close All Editors');
  await createWithDefaults(page);
  const offer = await dialog(page, 'Created API key "');
  // The name starts as the workspace folder's.
  const keyName = api.issued()[before]?.key.name ?? '';
  await offer.locator('.monaco-button', { hasText: 'Use in Terminals and Debugging' }).click();
  await answer(page, 'Variable that this workspace', undefined);
  const kept = await dialog(page, 'Kept in the keychain for VUED_API_KEY');
  await kept.locator('.monaco-button', { hasText: 'Done' }).click();
  await kept.waitFor({ state: 'hidden', timeout: 10_000 });
  out.secret = api.issued()[before]?.secret;

  // The sidebar: the key's row, opened, lists the variable it is kept for.
  await runCommand(page, 'Vued: Focus on API Keys View');
  const variableRow = page.locator('.pane-body .monaco-list-row', { hasText: 'VUED_API_KEY' }).first();
  const keyRows = page.locator('.pane-body .monaco-list-row', { hasText: keyName });
  for (let i = 0; i < (await keyRows.count()) && !(await variableRow.isVisible()); i++) {
    await keyRows.nth(i).click();
    await page.waitForTimeout(400);
  }
  await variableRow.waitFor({ timeout: 10_000 });
  out.sidebarRows = await page.locator('.pane-body .monaco-list-row').allInnerTexts();
  await runCommand(page, 'Vued: New Terminal with Vued Keys');
  const xterm = page.locator('.terminal-wrapper.active .xterm, .terminal-wrapper .xterm').first();
  await xterm.waitFor({ state: 'visible', timeout: 30_000 });
  await page.waitForTimeout(1500);
  await xterm.click();
  const hashFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'vued-walk-hash-')), 'hash.txt');
  await page.keyboard.type(`printf %s "$VUED_API_KEY" | sha256sum | cut -d' ' -f1 > ${hashFile}; echo "VUED_API_KEY reached this terminal"`);
  await page.keyboard.press('Enter');
  for (let i = 0; i < 80 && !(fs.existsSync(hashFile) && fs.readFileSync(hashFile, 'utf8').trim()); i++) await page.waitForTimeout(250);
  out.terminalHash = fs.existsSync(hashFile) ? fs.readFileSync(hashFile, 'utf8').trim() : undefined;
  fs.rmSync(path.dirname(hashFile), { recursive: true, force: true });

  await page.mouse.move(5, 5);
  await screenshot(page, 'keychain-terminal.png', 'Use in Terminals and Debugging, then New Terminal with Vued Keys from the palette: the shell hashes VUED_API_KEY; the sidebar lists the variable under its key');

  // The terminal tab's hover (the tab list shows even for one terminal: hideCondition never).
  const tab = page.locator('.terminal-tabs-entry', { hasText: 'Vued Keys' }).first();
  const box = await tab.boundingBox().catch(() => null);
  if (box) {
    await page.mouse.move(box.x + 20, box.y + box.height / 2, { steps: 10 });
    await page.waitForTimeout(300);
    await page.mouse.move(box.x + 25, box.y + box.height / 2, { steps: 3 });
    const hover = page.locator('.workbench-hover').first();
    await hover.waitFor({ state: 'visible', timeout: 8_000 }).catch(() => undefined);
    out.tabHover = await hover.innerText().catch(() => '');
    seenTexts.add(out.tabHover);
    await page.mouse.move(5, 5);
  }
  await runCommand(page, 'Terminal: Show Environment Contributions');
  await page.locator('.editor-instance .view-line', { hasText: 'Terminal Environment Changes' }).first().waitFor({ timeout: 15_000 });
  out.contributions = await page.locator('.editor-instance .view-lines').first().innerText();
  seenTexts.add(out.contributions);
  await runCommand(page, 'View: Close All Editors');

  // The status bar item's tooltip names the variable.
  const item = page.locator('.statusbar-item', { hasText: 'Vued' }).first();
  const itemBox = await item.boundingBox();
  if (itemBox) {
    await page.mouse.move(itemBox.x + itemBox.width / 2, itemBox.y + itemBox.height / 2, { steps: 6 });
    await page.waitForTimeout(300);
    await page.mouse.move(itemBox.x + itemBox.width / 2 + 2, itemBox.y + itemBox.height / 2, { steps: 2 });
    const tip = page.locator('.workbench-hover, .monaco-hover', { hasText: 'VUED_API_KEY' }).first();
    await tip.waitFor({ state: 'visible', timeout: 8_000 }).catch(() => undefined);
    out.statusTooltip = await tip.innerText().catch(() => '');
    seenTexts.add(out.statusTooltip);
    await page.mouse.move(5, 5);
  }
  await collectTexts(page);
}

/** What the Accounts-menu walk saw. */
interface AccountsWalk {
  /** The text of VS Code's sign-in entry for the Vued provider, as the menu showed it. */
  signInEntry?: string;
  /** The type of the input the token was typed into. */
  inputType?: string | null;
  /** The Accounts menu's items after signing in there. */
  itemsSignedIn?: string[];
  /** The sidebar's text while signed in, and after signing out from the Accounts menu. */
  sidebarSignedIn?: string;
  sidebarSignedOut?: string;
  /** The text of VS Code's sign-out confirmation. */
  signOutDialog?: string;
  error?: string;
}

/** The items of the Accounts menu (top level and any open submenu), opening it first; retried until `until` shows or the time is up. */
async function openAccountsMenu(page: Page, until: string | RegExp, timeoutMs = 60_000): Promise<string[]> {
  // The item, not its icon's centre: a pending sign-in request puts a badge there.
  const accounts = page.locator('.activitybar .action-item', { has: page.locator('.action-label[aria-label^="Accounts"]') }).first();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await accounts.click({ position: { x: 8, y: 8 } });
    try {
      await page.locator('.monaco-menu .action-label', { hasText: until }).first().waitFor({ state: 'visible', timeout: 3_000 });
      const items = await page.locator('.monaco-menu [role=menuitem]').allInnerTexts();
      items.forEach((t) => seenTexts.add(t));
      return items;
    } catch (e) {
      // The extension registers its request a moment after the window opens: close and look again.
      if (Date.now() > deadline) throw new Error(`the Accounts menu never showed ${String(until)}`, { cause: e });
      await page.keyboard.press('Escape');
    }
  }
}

/** Runs the item of the open menu that shows `text` (hover, then Enter: VS Code's menus act on the focused item). */
async function runMenuItem(page: Page, text: string | RegExp): Promise<void> {
  const item = page.locator('.monaco-menu .action-label', { hasText: text }).first();
  await item.waitFor({ state: 'visible', timeout: 10_000 });
  await item.hover();
  await page.keyboard.press('Enter');
}

/**
 * Signs in and out through the Accounts menu only: VS Code's entry for the Vued provider, the
 * masked box, the account listed, its Sign Out, VS Code's confirmation, and the sidebar following.
 */
async function walkAccounts(page: Page, token: string, host: string, out: AccountsWalk): Promise<void> {
  // The account is named by the host and the token's short fingerprint (the local API names nobody).
  const account = `${host} (token ${createHash('sha256').update(token).digest('hex').slice(0, 8)})`;
  const items = await openAccountsMenu(page, /Sign in with Vued/);
  out.signInEntry = items.find((t) => /Sign in with Vued/.test(t));
  await runMenuItem(page, /Sign in with Vued/);
  const box = page.locator('.quick-input-widget', { hasText: 'Vued access token for' });
  await box.waitFor({ state: 'visible', timeout: 20_000 });
  out.inputType = await page.locator('.quick-input-widget .quick-input-box input').first().getAttribute('type');
  await page.keyboard.type(token);
  await collectTexts(page);
  await page.keyboard.press('Enter');
  await box.waitFor({ state: 'hidden', timeout: 20_000 });

  out.itemsSignedIn = await openAccountsMenu(page, `${account} (Vued)`, 30_000);
  await page.keyboard.press('Escape');
  // The sidebar follows: signed in, with no organization yet.
  await page.locator('.activitybar .action-item', { has: page.locator('.action-label[aria-label^="Vued"]') }).first().click();
  const pane = page.locator('.part.sidebar .pane-body').first();
  await page.locator('.part.sidebar', { hasText: 'No organizations yet' }).waitFor({ timeout: 20_000 });
  out.sidebarSignedIn = await pane.innerText();

  await openAccountsMenu(page, `${account} (Vued)`, 30_000);
  await page.locator('.monaco-menu .action-label', { hasText: `${account} (Vued)` }).first().hover();
  await runMenuItem(page, /^Sign Out$/);
  const confirm = await dialog(page, 'Sign out of');
  out.signOutDialog = await confirm.innerText();
  await confirm.locator('.monaco-button', { hasText: 'Sign Out' }).click();
  await confirm.waitFor({ state: 'hidden', timeout: 10_000 });
  await page.locator('.part.sidebar', { hasText: 'Sign in to browse and create Vued API keys' }).waitFor({ timeout: 20_000 });
  out.sidebarSignedOut = await pane.innerText();
  await collectTexts(page);
  // Back to the Explorer, so the rest of the walk opens the Vued sidebar as a first-time user does.
  await runCommand(page, 'View: Show Explorer');
}

interface Check {
  name: string;
  ok: boolean;
  error?: string;
}

async function main(): Promise<number> {
  fs.mkdirSync(RESULTS, { recursive: true });
  // The build the pictures show: the tree as the walk starts (dist/ was built from it just before).
  const shots = (await import(pathToFileURL(path.join(repoRoot(), 'scripts/screenshots.mjs')).href)) as { buildHash: (repo: string) => string };
  const build = shots.buildHash(repoRoot());
  fs.rmSync(path.join(RESULTS, 'screenshots.json'), { force: true });
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
  // A file that already holds the seeded "Production backend" key (its prefix is vued_sk_7a1e).
  const prodFile = path.join(ws, 'apps', 'api', '.env.production');
  const prodBefore = '# production\r\nexport API_KEY=vued_sk_7a1eQm4Zt8Lp0Wc6Yd2Rf9Hs1Kx5Nb3Vg7Tj\r\nDEBUG=false\r\n';
  fs.mkdirSync(path.dirname(prodFile), { recursive: true });
  fs.writeFileSync(prodFile, prodBefore);
  const envBefore = fs.readFileSync(envFile, 'utf8');
  // A .env with the revoked "Old CI key" (prefix vued_sk_9f8e) and the expiring "Staging" (vued_sk_2c9d), for the editor walk.
  const webFile = path.join(ws, 'apps', 'web', '.env.local');
  const oldCiValue = 'vued_sk_9f8eL2pQ7rT4vX9zB3nM6kW1yH5jD8gF0sA4c';
  const stagingValue = 'vued_sk_2c9dR8tY3uI6oP1aS4dF7gH0jK2lZ5xC9vB1n';
  const webBefore = `# web\nOLD_KEY=${oldCiValue}\nSTAGING_KEY=${stagingValue}\nPORT=3000\n`;
  fs.mkdirSync(path.dirname(webFile), { recursive: true });
  fs.writeFileSync(webFile, webBefore);
  const editorWalk: { problems?: string; hover?: string; maskedPaint?: Paint; rotated?: boolean; error?: string } & MaskingWalk = {};
  let walked = false;
  let rotateDetail = '';
  let rotatedRows: string[] = [];
  let errorWalked = false;
  let clipboardAfterCopy = '';
  let postsAfterCreate = -1;
  const errorPosts: Record<string, number> = {};
  let envWithSecret = '';
  let sidebarRowsBefore: string[] = [];
  let sidebarRowsAfter: string[] = [];
  let readmeImages: ReadmeImage[] = [];
  const accountsWalk: AccountsWalk = {};
  const tokenWalk: TokenWalk = {};
  const keychainWalk: KeychainWalk = {};
  const scopesWalk: ScopesWalk = {};
  try {
    api = await startVuedApiServer({ token });
    const now = Date.now();
    api.seedKeys(ORG, [
      apiKey('7a1e0c52-9b3d-4f6a-8c2e-5d4b3a291f07', { name: 'Production backend', scopes: ['read', 'write'], createdAt: Math.floor((now - 20 * DAY) / 1000), lastUsedAt: Math.floor((now - 3600e3) / 1000) }),
      apiKey('2c9d4e1f-0a8b-4c7d-9e6f-1a2b3c4d5e6f', { name: 'Staging', createdAt: Math.floor((now - 10 * DAY) / 1000), expiresAt: Math.floor((now + 3 * DAY) / 1000) }),
      apiKey('9f8e7d6c-5b4a-4392-8170-6e5d4c3b2a19', { name: 'Old CI key', scopes: ['deploy'], createdAt: Math.floor((now - 90 * DAY) / 1000), revokedAt: Math.floor((now - 30 * DAY) / 1000) }),
    ]);
    server = await startCodeServer({
      linkExtensions: [repoRoot()],
      smokeDriver: false,
      tmpPrefix: 'vued-walk-',
      userSettings: { 'vued.apiBaseUrl': api.url, 'vued.requestTimeoutSeconds': 2, 'vued.clearClipboardAfterSeconds': 0, 'terminal.integrated.tabs.hideCondition': 'never', 'workbench.hover.delay': 300 },
    });
    lap(`code-server up (pid ${server.pid}); local Vued API at ${api.url}`);
    browser = await launchBrowser();
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const { page } = browser;
    await page.goto(workbenchUrl(server, { folder: ws }));
    await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
    lap('workbench rendered');

    try {
      await walkAccounts(page, token, new URL(api.url).host, accountsWalk);
      lap(`Accounts menu: signed in and out there (${JSON.stringify(accountsWalk.signInEntry)}; after sign-in: ${JSON.stringify(accountsWalk.itemsSignedIn)})`);
    } catch (e) {
      accountsWalk.error = e instanceof Error ? e.message : String(e);
      console.error(`  Accounts walk stopped: ${accountsWalk.error}`);
      await page.screenshot({ path: path.join(RESULTS, 'accounts-walk-failure.png') }).catch(() => undefined);
      await page.keyboard.press('Escape');
    }

    await walkWrongThenRightToken(page, token, tokenWalk);
    lap('token set through the password box (a wrong one refused first)');

    await runCommand(page, 'Vued: Create API Key');
    await answer(page, 'Organization ID (a UUID)', ORG);
    await answer(page, 'Name of the new key', 'UI walk key', { replace: true });
    await answerScopes(page, 'read write');
    // The last step accepted with Enter pressed twice, as an impatient user does: still one key.
    await page.locator('.quick-input-widget input[placeholder="When should the key expire?"]').waitFor({ state: 'visible', timeout: 20_000 });
    await page.keyboard.type('90 days');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: '90 days' }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    lap('four steps answered');

    const offer = await dialog(page, 'Created API key "UI walk key"');
    await offer.locator('.monaco-button', { hasText: 'Insert into .env File…' }).click();
    await pickByPlaceholder(page, 'Choose the .env file for the secret of "UI walk key"', '.env');
    await answer(page, 'Name of the variable that will hold the secret', undefined);
    // Inserted: the flow ends with a notification (Copy Secret, Open .env), not the offer again.
    const after = page.locator('.notifications-toasts .notification-toast', { hasText: 'Inserted into .env' }).first();
    await after.waitFor({ timeout: 20_000 });
    await collectTexts(page);
    lap('secret inserted into .env');
    // Let the closing quick input and the finished progress toast fade before the screenshot.
    await page.locator('.notifications-toasts', { hasText: 'Creating API key' }).waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
    await screenshot(page, 'create-key.png', 'Create API Key: the secret inserted into .env, the flow ended with a notification');
    await after.locator('.monaco-button', { hasText: 'Copy Secret' }).click();
    await page.locator('.notifications-toasts', { hasText: 'Secret copied to the clipboard' }).first().waitFor({ timeout: 20_000 });
    await collectTexts(page);
    clipboardAfterCopy = await page.evaluate<string>('navigator.clipboard.readText()').catch((e: Error) => `unreadable: ${e.message}`);
    postsAfterCreate = api.count('POST');
    envWithSecret = fs.readFileSync(envFile, 'utf8');

    // The sidebar: the organization and the key just created, then revoke it from its context menu.
    // Click the activity-bar item, not its icon's centre: once a key expires soon, the item's badge
    // sits over the icon and takes the click, as it does for a user.
    await page.locator('.activitybar .action-item', { has: page.locator('.action-label[aria-label^="Vued"]') }).first().click();
    // Widen the sidebar so rows show their descriptions (drag the sash at its right edge).
    const sidebar = await page.locator('.part.sidebar').boundingBox();
    if (sidebar) {
      const x = sidebar.x + sidebar.width + 1;
      await page.mouse.move(x, sidebar.y + sidebar.height / 2);
      await page.mouse.down();
      await page.mouse.move(x + 260, sidebar.y + sidebar.height / 2, { steps: 8 });
      await page.mouse.up();
    }
    const keyRow = page.locator('.pane-body .monaco-list-row', { hasText: 'UI walk key' }).first();
    await keyRow.waitFor({ timeout: 20_000 });
    sidebarRowsBefore = await page.locator('.pane-body .monaco-list-row').allInnerTexts();
    lap(`sidebar rows: ${JSON.stringify(sidebarRowsBefore)}`);
    await screenshot(page, 'sidebar.png', 'The API Keys view: the new key listed first, the expiring key marked');
    const confirm = await contextMenuToDialog(page, 'UI walk key', 'Revoke API Key', 'Revoke the API key "UI walk key"?');
    await confirm.locator('.monaco-button', { hasText: 'Revoke' }).click();
    const cleanup = await dialog(page, 'is still in 1 .env file');
    await cleanup.locator('.monaco-button', { hasText: 'Remove from .env Files' }).click();
    // Revoked keys that no file holds move under the organization's collapsed "Revoked and expired (N)"
    // row: open it. "Old CI key" is not in it: apps/web/.env.local still holds it.
    const group = page.locator('.pane-body .monaco-list-row', { hasText: 'Revoked and expired (1)' }).first();
    await group.waitFor({ timeout: 20_000 });
    if ((await group.getAttribute('aria-expanded')) !== 'true') {
      await group.click();
    }
    await page.locator('.pane-body .monaco-list-row', { hasText: 'UI walk key' }).filter({ hasText: 'revoked' }).first().waitFor({ timeout: 20_000 });
    await page.locator('.notifications-toasts', { hasText: 'Revoked the API key' }).waitFor({ timeout: 10_000 });
    await collectTexts(page);
    sidebarRowsAfter = await page.locator('.pane-body .monaco-list-row').allInnerTexts();
    lap('revoked from the sidebar; its row says revoked');
    await screenshot(page, 'sidebar-revoked.png', 'The new key revoked from its context menu: its row under Revoked and expired');

    // Rotate "Production backend" from its context menu: the file that holds it gets the new key.
    await page.locator('.pane-body .monaco-list-row', { hasText: 'Production backend' }).filter({ hasText: 'in .env.production' }).first().waitFor({ timeout: 20_000 });
    const rotateConfirm = await contextMenuToDialog(page, 'Production backend', 'Rotate API Key', 'Rotate the API key "Production backend"?');
    rotateDetail = await rotateConfirm.innerText();
    await rotateConfirm.locator('.monaco-button', { hasText: 'Rotate' }).click();
    const rotated = await dialog(page, 'was rotated');
    await rotated.locator('.monaco-button', { hasText: 'Revoke Old Key' }).click();
    await page.locator('.notifications-toasts', { hasText: 'was revoked' }).first().waitFor({ timeout: 20_000 });
    // Both rows: the old key (now revoked) and its replacement, which holds the file now.
    await page.locator('.pane-body .monaco-list-row', { hasText: 'Production backend' }).filter({ hasText: 'revoked' }).first().waitFor({ timeout: 20_000 });
    await page.locator('.pane-body .monaco-list-row', { hasText: 'Production backend' }).filter({ hasText: 'in .env.production' }).first().waitFor({ timeout: 20_000 });
    await screenshot(page, 'rotated.png', 'Production backend rotated from its context menu: the replacement holds the .env file, the old key is under Revoked and expired');
    rotatedRows = await page.locator('.pane-body .monaco-list-row').allInnerTexts();
    lap(`rotated from the sidebar: ${JSON.stringify(rotatedRows)}`);
    walked = true;

    // Error walks through the UI: each failure is one sentence, one POST, nothing retried.
    const failures: Array<[string, Parameters<VuedApiServer['misbehave']>[0], RegExp]> = [
      ['401', { status: 401, body: '{"error":"Invalid token"}', contentType: 'application/json' }, /rejected the access token/],
      ['500', { status: 500, body: 'boom' }, /server error \(500\)/],
      ['timeout', { hang: true }, /did not answer within 2 s/],
      ['malformed', { malformedJson: true }, /not valid JSON/],
    ];
    for (const [label, misbehaviour, message] of failures) {
      const before = api.count('POST');
      api.misbehave({ method: 'POST', ...misbehaviour });
      await createWithDefaults(page);
      await page.locator('.notifications-toasts .notification-toast', { hasText: message }).first().waitFor({ timeout: 20_000 });
      await collectTexts(page);
      errorPosts[label] = api.count('POST') - before;
      // Toasts stack up (VS Code shows a few at a time): start each walk with none.
      await runCommand(page, 'Notifications: Clear All Notifications');
    }
    // Cancelled mid-request from the progress notification.
    const beforeCancel = api.count('POST');
    api.misbehave({ method: 'POST', delayMs: 4000 });
    await createWithDefaults(page);
    const progress = page.locator('.notifications-toasts .notification-toast', { hasText: 'Creating API key' }).first();
    await progress.waitFor({ timeout: 20_000 });
    await collectTexts(page);
    await progress.locator('.monaco-button', { hasText: 'Cancel' }).click();
    await page.locator('.notifications-toasts .notification-toast', { hasText: /cancelled/ }).first().waitFor({ timeout: 20_000 });
    await collectTexts(page);
    await page.waitForTimeout(4500); // the server finishes the slow request; nothing is sent again
    errorPosts.cancelled = api.count('POST') - beforeCancel;
    lap(`error walks: ${JSON.stringify(errorPosts)}`);
    errorWalked = true;

    try {
      await walkEditor(page, editorWalk, oldCiValue);
      lap('editor walk: problems, hover, masking, rotate from the light bulb');
    } catch (e) {
      editorWalk.error = e instanceof Error ? e.message : String(e);
      console.error(`  editor walk stopped: ${editorWalk.error}`);
      await page.screenshot({ path: path.join(RESULTS, 'editor-walk-failure.png') }).catch(() => undefined);
    }
    await collectTexts(page);

    try {
      await walkKeychain(page, api, keychainWalk);
      lap('keychain walk: Use in Terminals and Debugging, New Terminal with Vued Keys, its hash');
    } catch (e) {
      keychainWalk.error = e instanceof Error ? e.message : String(e);
      console.error(`  keychain walk stopped: ${keychainWalk.error}`);
      await page.screenshot({ path: path.join(RESULTS, 'keychain-walk-failure.png') }).catch(() => undefined);
      await page.keyboard.press('Escape');
    }

    await walkScopes(page, api, scopesWalk).catch(async (e: unknown) => walkStopped(page, 'scopes', scopesWalk, e));

    readmeImages = await detailsPageImages(page);
    await screenshot(page, 'details-page.png', 'The extension\'s page in the Extensions view, rendering the README');
    lap(`details page: ${readmeImages.filter((i) => i.loaded).length} of ${readmeImages.length} README images loaded`);
  } catch (e) {
    console.error(`  UI walk stopped: ${e instanceof Error ? e.message : e}`);
    if (browser) await browser.page.screenshot({ path: path.join(RESULTS, 'ui-walk-failure.png') }).catch(() => undefined);
  }
  check('the walk reached the end through the workbench UI', () => assert.ok(walked));
  check('the scope step: the scopes of the user\'s keys as check boxes; one checked with a click and one typed (shown as the row Enter adds) make the key\'s scopes', () => checkScopesWalk(scopesWalk));
  check('Accounts menu: signed out, VS Code lists its "Sign in with Vued…" entry, which asks for the token in a masked box', () => {
    assert.ok(accountsWalk.signInEntry, `the entry was shown (${accountsWalk.error ?? ''})`);
    assert.strictEqual(accountsWalk.signInEntry, 'Sign in with Vued to use Vued API Keys (1)');
    assert.strictEqual(accountsWalk.inputType, 'password');
  });
  check('Accounts menu: after signing in there, the host is listed as a Vued account and the sidebar is signed in', () => {
    assert.ok(api && accountsWalk.itemsSignedIn, `the menu was read (${accountsWalk.error ?? ''})`);
    assert.ok(accountsWalk.itemsSignedIn.some((t) => t.startsWith(`${new URL(api.url).host} (token `) && t.endsWith(') (Vued)')), JSON.stringify(accountsWalk.itemsSignedIn));
    assert.ok(!accountsWalk.itemsSignedIn.some((t) => /Sign in with Vued/.test(t)), `the sign-in entry went: ${JSON.stringify(accountsWalk.itemsSignedIn)}`);
    assert.match(accountsWalk.sidebarSignedIn ?? '', /No organizations yet/);
    assert.doesNotMatch(accountsWalk.sidebarSignedIn ?? '', /Sign in to browse/);
  });
  check('Accounts menu: Sign Out there, confirmed in VS Code\'s dialog, brings back the sidebar\'s welcome view', () => {
    assert.ok(api && accountsWalk.signOutDialog, `the dialog was shown (${accountsWalk.error ?? ''})`);
    // The account is named by the host and the token's short fingerprint.
    assert.match(accountsWalk.signOutDialog, new RegExp(`Sign out of '${new URL(api.url).host.replace(/[.]/g, '\\.')} \\(token [0-9a-f]{8}\\)'\\?`));
    assert.match(accountsWalk.sidebarSignedOut ?? '', /Sign in to browse and create Vued API keys/);
    assert.match(accountsWalk.sidebarSignedOut ?? '', /Set Access Token/);
  });
  // VS Code's extension page renders an extension's README with http(s) images only: it empties
  // the src of a relative one (the shipped copies) until the README links them by an https URL.
  // So this checks that the page shows the README with each of its images, and reports how many
  // loaded.
  check("the extension's details page renders the README with each of its images", () => {
    const expected = [...fs.readFileSync(path.join(repoRoot(), 'README.md'), 'utf8').matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].length;
    assert.ok(expected > 0, 'the README has images');
    assert.strictEqual(readmeImages.length, expected, `images on the page: ${JSON.stringify(readmeImages)}`);
    console.log(`  details page: ${readmeImages.filter((i) => i.loaded).length} of ${readmeImages.length} README images loaded (src as rendered: ${JSON.stringify(readmeImages.map((i) => i.src))})`);
  });

  const secrets = api ? api.issued().map((i) => i.secret) : [];
  check('Copy put the secret on the clipboard (the browser\'s own clipboard)', () => {
    assert.strictEqual(clipboardAfterCopy, secrets[0]);
  });
  check('the error walks (401, 500, timeout, malformed, cancel) each sent exactly one POST, never retried', () => {
    assert.ok(errorWalked, 'the error walks ran');
    assert.deepStrictEqual(errorPosts, { '401': 1, '500': 1, timeout: 1, malformed: 1, cancelled: 1 });
    console.log(`  no double create: Enter pressed twice → ${postsAfterCreate} POST; 401 → ${errorPosts['401']}, 500 → ${errorPosts['500']}, timeout → ${errorPosts.timeout}, malformed → ${errorPosts.malformed}, cancelled mid-request → ${errorPosts.cancelled}; automatic retries: 0`);
  });
  check('the local API got exactly one valid POST for the walk\'s key, though Enter was pressed twice', () => {
    assert.ok(api);
    assert.strictEqual(postsAfterCreate, 1);
    const posts = api.requests.filter((r) => r.method === 'POST').slice(0, 1);
    assert.strictEqual(posts[0].path, `/v1/orgs/${ORG}/api-keys`);
    assert.strictEqual(posts[0].headers.authorization, `Bearer ${token}`);
    const body = posts[0].json as Record<string, unknown>;
    assert.deepStrictEqual(Object.keys(body).sort(), ['expires_at', 'name', 'scopes']);
    assert.strictEqual(body.name, 'UI walk key');
    assert.deepStrictEqual(body.scopes, ['read', 'write']);
    assert.ok(typeof body.expires_at === 'string' && Date.parse(body.expires_at) > Date.now() + 89 * 86400_000);
    assert.ok(secrets.length >= 1);
  });
  check('the workspace .env held the secret (dotenv) and its other bytes were unchanged', () => {
    assert.strictEqual(dotenv.parse(envWithSecret).VUED_API_KEY, secrets[0]);
    assert.ok(envWithSecret.startsWith(envBefore), 'the original content is untouched');
    assert.strictEqual(envWithSecret, `${envBefore}${envBefore.endsWith('\n') || envBefore === '' ? '' : '\n'}VUED_API_KEY=${secrets[0]}\n`);
  });
  check('the sidebar showed the organization and the new key first, with the seeded keys', () => {
    const rows = sidebarRowsBefore.map((r) => r.replace(/\s+/g, ' '));
    assert.ok(rows.some((r) => r.includes('3f2c9a70…6a21')), `organization row: ${rows}`);
    const names = rows.map((r) => r.split(' ')[0]);
    assert.ok(rows.findIndex((r) => r.startsWith('UI walk key')) < rows.findIndex((r) => r.startsWith('Production backend')), `newest first: ${names}`);
    // Rows lead with status and usage; the days left when a key expires soon.
    assert.ok(rows.some((r) => r.startsWith('Staging') && r.includes('expires in 3 days · in .env.local')), `expiring key marked: ${rows}`);
    assert.ok(rows.some((r) => r.startsWith('Production backend') && r.includes('active · in .env.production')), `usage after the status: ${rows}`);
    // A revoked key that a file still holds stays in sight, outside the collapsed group.
    assert.ok(rows.some((r) => r.startsWith('Old CI key') && r.includes('revoked · still in .env.local')), `revoked key still in a file: ${rows}`);
  });
  check('revoking from the context menu sent one DELETE, the row says revoked, and .env lost only that line', () => {
    assert.ok(api);
    assert.strictEqual(api.requests.filter((r) => r.method === 'DELETE' && r.path.endsWith(api.issued()[0].key.id)).length, 1);
    assert.ok(sidebarRowsAfter.some((r) => r.includes('UI walk key') && r.includes('revoked')));
    assert.strictEqual(fs.readFileSync(envFile, 'utf8'), envBefore);
  });

  await browser?.close();
  // Stop code-server first so every log and state database is flushed to disk before the scan.
  const userData = server?.userDataDir;
  const serverTmp = server?.tmp;
  await server?.stop({ keep: true });
  check('rotating from the sidebar replaced only the value in the file that held the key, then revoked the old key', () => {
    assert.ok(api);
    assert.ok(rotateDetail.includes('apps/api/.env.production — API_KEY'), `the modal names the file and variable: ${rotateDetail}`);
    const rotatedKey = api.issued().find((i) => i.key.name === 'Production backend');
    assert.ok(rotatedKey, 'a replacement with the same name was created');
    assert.deepStrictEqual(rotatedKey.key.scopes, ['read', 'write']);
    const text = fs.readFileSync(prodFile, 'utf8');
    assert.strictEqual(dotenv.parse(text).API_KEY, rotatedKey.secret);
    assert.strictEqual(text, prodBefore.replace('vued_sk_7a1eQm4Zt8Lp0Wc6Yd2Rf9Hs1Kx5Nb3Vg7Tj', rotatedKey.secret));
    assert.ok(api.keys(ORG).find((k) => k.id === '7a1e0c52-9b3d-4f6a-8c2e-5d4b3a291f07')?.revokedAt, 'the old key was revoked');
    const pair = rotatedRows.filter((r) => r.startsWith('Production backend')).map((r) => /created (\S+)/.exec(r)?.[1]);
    assert.ok(pair.length === 2, 'old (revoked) and new rows');
    assert.ok(pair[0] !== undefined && pair[1] !== undefined && pair[0] !== pair[1], `the pair tells apart by creation date: ${rotatedRows}`);
  });
  check('keychain: Use in Terminals and Debugging, then a terminal opened from the palette gets the key (the SHA-256 its shell wrote matches)', () => {
    assert.ok(keychainWalk.secret, `a key was kept (${keychainWalk.error ?? ''})`);
    assert.strictEqual(keychainWalk.terminalHash, createHash('sha256').update(keychainWalk.secret).digest('hex'));
    assert.ok(keychainWalk.sidebarRows?.some((r) => r.includes('VUED_API_KEY') && r.includes('keychain')), `the sidebar lists the variable under the key: ${JSON.stringify(keychainWalk.sidebarRows)}`);
  });
  check('keychain: the terminal tab\'s hover and Show Environment Contributions show no value; the status bar names the variable', () => {
    assert.ok(keychainWalk.secret && keychainWalk.contributions, `read (${keychainWalk.error ?? ''})`);
    assert.ok(!keychainWalk.contributions.includes('VUED_API_KEY'), `not a contribution of the shared terminal environment: ${keychainWalk.contributions}`);
    for (const text of [keychainWalk.tabHover ?? '', keychainWalk.contributions, keychainWalk.statusTooltip ?? '']) assert.ok(!text.includes(keychainWalk.secret));
    assert.match(keychainWalk.statusTooltip ?? '', /get VUED_API_KEY from the keychain/);
  });
  check('editor: the Problems panel lists the revoked and the expiring key by name, never a value', () => {
    assert.ok(editorWalk.problems, `the Problems panel was read (${editorWalk.error ?? ''})`);
    assert.match(editorWalk.problems, /OLD_KEY holds the revoked key "Old CI key"/);
    assert.match(editorWalk.problems, /STAGING_KEY holds the key "Staging", which expires in 3 days/);
    assert.ok(![oldCiValue, stagingValue].some((v) => editorWalk.problems!.includes(v)));
  });
  check('editor: the hover names the key and its status, not the value', () => {
    assert.ok(editorWalk.hover, 'the hover was shown');
    assert.match(editorWalk.hover, /Old CI key/);
    assert.match(editorWalk.hover, /revoked on/);
    assert.match(editorWalk.hover, /Reveal in Sidebar/);
    assert.ok(!editorWalk.hover.includes(oldCiValue));
  });
  check('editor: a masked value is not painted (the mask text is), stays so after a click on its Problem and with the cursor in it, and is painted after Vued: Reveal Value', () => {
    const { maskedPaint: masked, problemClickPaint: clicked, cursorPaint: cursor, revealedPaint: revealed } = editorWalk;
    assert.ok(masked && clicked && cursor && revealed, `the editor was read (${editorWalk.error ?? ''})`);
    for (const [what, paint] of [['on opening', masked], ['after a click on its Problem', clicked], ['with the cursor in it', cursor]] as const) {
      assert.ok(paint.masks.some((m) => m.includes('••••••• (Old CI key)')), `mask text shown ${what}: ${JSON.stringify(paint.masks)}`);
      assert.ok(paint.painted.includes('OLD_KEY='), `the line itself is painted ${what}`);
      assert.ok(!paint.painted.includes(oldCiValue.slice(8)), `no character run of the value is painted ${what}`);
    }
    // The Problem sits on the variable's name: the click selects at most those 7 characters, never the value's.
    const selected = Number(/\((\d+) selected\)/.exec(editorWalk.problemClickStatus ?? '')?.[1] ?? 0);
    assert.ok(editorWalk.problemClickStatus !== undefined && selected <= 'OLD_KEY'.length, `the Problems click selected the name at most: ${editorWalk.problemClickStatus ?? '(status not read)'}`);
    assert.ok(revealed.painted.includes(oldCiValue), 'painted after Reveal Value');
    assert.ok(!revealed.masks.some((m) => m.includes('(Old CI key)')), 'and its mask is gone');
  });
  check('editor: Rotate from the light bulb replaced only the value and revoked the old key', () => {
    assert.ok(api && editorWalk.rotated, 'the rotation ran');
    const staging = api.issued().find((i) => i.key.name === 'Staging');
    assert.ok(staging, 'a replacement for "Staging" was created');
    const text = fs.readFileSync(webFile, 'utf8');
    assert.strictEqual(text, webBefore.replace(stagingValue, staging.secret));
    assert.strictEqual(dotenv.parse(text).STAGING_KEY, staging.secret);
    assert.ok(api.keys(ORG).find((k) => k.id === '2c9d4e1f-0a8b-4c7d-9e6f-1a2b3c4d5e6f')?.revokedAt, 'the old key was revoked');
  });
  check('Set Access Token: a wrong token is refused in the box with the reason and the box stays open; the right one is checked', () => {
    assert.match(tokenWalk.refusal ?? '', /rejected this token \(401/, `the reason under the box (${tokenWalk.error ?? ''})`);
    assert.strictEqual(tokenWalk.stayedOpen, true);
    assert.match(tokenWalk.confirmation ?? '', /Signed in to .*the token was checked/);
  });
  check('the token and the secret appear nowhere in the user-data dir, logs or notifications', () => {
    assert.ok(userData && serverTmp && secrets.length >= 2, `keys were created (${secrets.length}), the cancelled one included`);
    const files = filesUnder(serverTmp);
    const vuedLog = files.find((f) => /Vued\.log$/.test(f) || /vued\.vued-api-keys.*\.log$/.test(f));
    assert.ok(vuedLog, 'the Vued output log was written (so the scan covers it)');
    assert.match(fs.readFileSync(vuedLog, 'utf8'), /POST .*\/api-keys/, 'the Vued log has the request line');
    const hits = scanFiles(files, [{ value: token, label: 'the token' }, ...secrets.map((value) => ({ value, label: 'a secret' })), { value: oldCiValue, label: 'a .env value' }]);
    const textHits = [...seenTexts].filter((t) => t.includes(token) || secrets.some((s) => t.includes(s)) || t.includes(oldCiValue) || t.includes(stagingValue));
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
  const manifest = { build, vscode: bundledVscodeVersion(), takenAt: new Date().toISOString(), checks: { passed, failed }, screenshots };
  fs.writeFileSync(path.join(RESULTS, 'screenshots.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`  screenshots: ${screenshots.length} pictures of build ${build.slice(0, 12)} in test-results/screenshots.json (publish them with npm run screenshots)`);
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

interface TokenWalk {
  refusal?: string;
  stayedOpen?: boolean;
  confirmation?: string;
  error?: string;
}

/** Set Access Token with a wrong token first: the box keeps it with the reason; then the right token, checked. */
async function walkWrongThenRightToken(page: Page, token: string, out: TokenWalk): Promise<void> {
  await runCommand(page, 'Vued: Set Access Token');
  // With the reason shown, VS Code puts it where the prompt was: the box is found by its title then.
  const box = page.locator('.quick-input-widget', { hasText: 'Vued: Set Access Token' });
  await answer(page, 'Vued access token for', `walk-wrong-${process.pid}-Qx2`);
  const refusal = page.locator('.quick-input-widget .quick-input-message', { hasText: 'rejected this token' });
  await refusal.waitFor({ state: 'visible', timeout: 20_000 });
  out.refusal = await refusal.innerText();
  out.stayedOpen = await box.isVisible();
  await page.screenshot({ path: path.join(RESULTS, 'token-refused.png') });
  await answer(page, 'Vued: Set Access Token', token, { replace: true });
  const toast = page.locator('.notifications-toasts', { hasText: 'the token was checked' });
  await toast.waitFor({ timeout: 20_000 });
  out.confirmation = await toast.innerText();
  await collectTexts(page);
}

interface ScopesWalk {
  title?: string;
  items?: string[];
  offered?: string;
  scopes?: string[];
  error?: string;
}

/** A walk that stopped: why, in the log and the walk's record, with a picture, and the workbench left without a question open. */
async function walkStopped(page: Page, name: string, out: { error?: string }, e: unknown): Promise<void> {
  out.error = e instanceof Error ? e.message : String(e);
  console.error(`  ${name} walk stopped: ${out.error}`);
  await page.screenshot({ path: path.join(RESULTS, `${name}-walk-failure.png`) }).catch(() => undefined);
  await page.keyboard.press('Escape');
}

/**
 * The scope step: a box while nothing can be checked yet (a first key), else a multi-select pick of
 * the scopes the user's keys use. Types `typed`, if any, and presses Enter, as a user does in both.
 */
async function answerScopes(page: Page, typed: string | undefined): Promise<void> {
  const box = page.locator('.quick-input-widget', { hasText: 'Scopes, separated by commas or spaces' });
  const pick = page.locator('.quick-input-widget input[placeholder^="Check or type scopes"]');
  await box.or(pick).first().waitFor({ state: 'visible', timeout: 20_000 });
  if (typed !== undefined) {
    await page.keyboard.type(typed);
  }
  await collectTexts(page);
  await page.keyboard.press('Enter');
}

/**
 * Create API Key by a user whose keys have scopes: the scope step lists them as check boxes; a
 * click on "write" checks it, `keys:deploy` is typed (the pick shows the row Enter adds), Enter.
 * The key the local API made has both scopes.
 */
async function walkScopes(page: Page, api: VuedApiServer, out: ScopesWalk): Promise<void> {
  await runCommand(page, 'Vued: Create API Key');
  await page.locator('.quick-input-widget input[placeholder="Organization for the new key"]').waitFor({ state: 'visible', timeout: 20_000 });
  await page.keyboard.press('Enter');
  await answer(page, 'Name of the new key', 'Scoped walk key', { replace: true });
  await page.locator('.quick-input-widget input[placeholder^="Check or type scopes"]').waitFor({ state: 'visible', timeout: 20_000 });
  const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
  await rows.first().waitFor({ timeout: 10_000 });
  out.title = await page.locator('.quick-input-widget .quick-input-title').innerText();
  out.items = (await rows.allInnerTexts()).map((r) => r.trim());
  await page.locator('.quick-input-widget .monaco-list-row .quick-input-list-label', { hasText: 'write' }).first().click();
  await page.locator('.quick-input-widget .quick-input-count', { hasText: '1' }).waitFor({ timeout: 10_000 });
  // The click leaves the focus in the list: typing goes to the box again.
  await page.locator('.quick-input-widget .quick-input-box input').click();
  await page.keyboard.type('keys:deploy');
  const added = rows.filter({ hasText: 'Add scope "keys:deploy"' }).first();
  await added.waitFor({ timeout: 10_000 });
  out.offered = (await added.innerText()).trim();
  await collectTexts(page);
  await page.screenshot({ path: path.join(RESULTS, 'scopes-step.png') });
  await page.keyboard.press('Enter');
  await pickByPlaceholder(page, 'When should the key expire?', 'Never');
  const offer = await dialog(page, 'Created API key "Scoped walk key"');
  await page.keyboard.press('Escape');
  await offer.waitFor({ state: 'hidden', timeout: 10_000 });
  const unsaved = await dialog(page, 'has not been copied or inserted anywhere');
  await unsaved.locator('.monaco-button', { hasText: 'Finish Without Saving It' }).click();
  await unsaved.waitFor({ state: 'hidden', timeout: 10_000 });
  out.scopes = api.keys(ORG).find((k) => k.name === 'Scoped walk key')?.scopes;
}

function checkScopesWalk(out: ScopesWalk): void {
  assert.ok(out.scopes, `a key was made (${out.error ?? ''})`);
  assert.match(out.title ?? '', /3\/4/, `the step count is in the title: ${out.title}`);
  assert.ok(['read', 'write'].every((s) => out.items?.includes(s)), `the scopes of the user's keys are the items: ${JSON.stringify(out.items)}`);
  assert.match(out.offered ?? '', /Add scope "keys:deploy"/);
  assert.deepStrictEqual(out.scopes, ['write', 'keys:deploy'], 'the checked scope, then the typed one');
}
