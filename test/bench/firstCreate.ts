/**
 * "Activation + first create": what a person waits for when the first thing they do in a window is
 * Vued: Create API Key, with everything the extension loads on the way (activation, then whatever
 * the flow and the request need the first time).
 *
 * One sample = one fresh code-server (new user-data and extensions dirs, the extension linked as
 * an installed extension), the token in VUED_TOKEN (so nothing runs before the command) and
 * `vued.apiBaseUrl` at a local Vued API server on 127.0.0.1:
 *   1. open Running Extensions and wait until the built-in extensions have settled (as activation.ts);
 *   2. run Vued: Create API Key from the palette (activation event onCommand:vued.createApiKey)
 *      and time Enter → the first question visible;
 *   3. answer the questions (organization id, then the defaults, expiry Never) and time Enter on
 *      the last one → the secret offered (the modal), which includes the first request.
 * The figure is the sum of the two waits; the typing in between is the person's time, not counted.
 * Times are taken by the driver (Node, Date.now) around the browser's events: the same overhead
 * before and after any change, so the figure compares builds, not absolute milliseconds.
 */
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { launchBrowser, startCodeServer, type Browser } from '../support/harness/codeServer';
import { repoRoot } from '../support/harness/paths';
import { namedStep, openWorkbench, runCommand } from '../support/harness/workbench';
import { startVuedApiServer } from '../fixtures/vuedApiServer';
import { sleep } from '../support/sleep';

const ORG = '5b0f3c1e-8a2d-4e7f-9c6b-2d1a0e9f8c7b';

export interface FirstCreateSample {
  /** Enter on the command → the first question shown, ms. */
  toFirstQuestionMs: number;
  /** Enter on the last question → the secret offered, ms. */
  lastEnterToOfferMs: number;
  /** The sum: what the person waited for. */
  ms: number;
  /** POSTs the server received (always 1 in a good sample). */
  posts: number;
  seconds: number;
}

export interface FirstCreateResult {
  method: string;
  samples: FirstCreateSample[];
  errors: string[];
}

async function oneSample(browser: Browser, extensionDir: string, log: (line: string) => void): Promise<FirstCreateSample> {
  const t0 = Date.now();
  const token = `bench_${randomBytes(18).toString('base64url')}`;
  const api = await startVuedApiServer({ token });
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'vued-bench-ws-'));
  const server = await startCodeServer({
    linkExtensions: [extensionDir],
    smokeDriver: false,
    tmpPrefix: 'vued-bench-cs-',
    env: { VUED_TOKEN: token },
    userSettings: { 'vued.apiBaseUrl': api.url, 'workbench.editor.useModal': 'off' },
  });
  let ok = false;
  const { page } = browser;
  const step = namedStep;
  try {
    await step('open the workbench', () => openWorkbench(page, server, workspace));
    await step('open Running Extensions', () => runCommand(page, 'Developer: Show Running Extensions'));
    await step('wait for the other extensions to settle', async () => {
      await page.locator('.runtime-extensions-editor .monaco-list-row').first().waitFor({ timeout: 30_000 });
      await sleep(5_000);
    });
    const early = (await page.locator('.runtime-extensions-editor .monaco-list-row').allInnerTexts()).filter((r) => r.includes('Vued API Keys'));
    if (early.length) {
      throw new Error('Vued was already active before its command ran');
    }
    await step('run Vued: Create API Key', () => runCommand(page, 'Vued: Create API Key'));
    const entered = Date.now();
    const orgInput = page.locator('.quick-input-widget', { hasText: 'Organization ID (a UUID)' });
    await step('first question', () => orgInput.waitFor({ state: 'visible', timeout: 30_000 }));
    const firstQuestion = Date.now();
    await page.keyboard.type(ORG);
    await page.keyboard.press('Enter');
    for (const prompt of ['Name of the new key', 'Scopes, separated by commas or spaces']) {
      await step(prompt, () => page.locator('.quick-input-widget', { hasText: prompt }).waitFor({ state: 'visible', timeout: 20_000 }));
      await page.keyboard.press('Enter');
    }
    await step('expiry question', async () => {
      await page.locator('.quick-input-widget input[placeholder="When should the key expire?"]').waitFor({ state: 'visible', timeout: 20_000 });
      await page.keyboard.type('Never');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Never' }).first().waitFor({ timeout: 10_000 });
    });
    await page.keyboard.press('Enter');
    const lastEnter = Date.now();
    await step('secret offered', () => page.locator('.monaco-dialog-box', { hasText: 'Created API key' }).waitFor({ state: 'visible', timeout: 30_000 }));
    const offered = Date.now();
    const posts = api.requests.filter((r) => r.method === 'POST').length;
    ok = true;
    return {
      toFirstQuestionMs: firstQuestion - entered,
      lastEnterToOfferMs: offered - lastEnter,
      ms: firstQuestion - entered + (offered - lastEnter),
      posts,
      seconds: Math.round((Date.now() - t0) / 100) / 10,
    };
  } finally {
    if (!ok) await page.screenshot({ path: path.join(server.tmp, 'failure.png') }).catch(() => undefined);
    await server.stop({ keep: !ok });
    if (!ok) log(`first create: code-server logs and failure.png kept in ${server.tmp}`);
    await api.close();
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

/** `runs` fresh code-server starts, one "activation + first create" sample each. */
export async function measureFirstCreate(runs: number, log: (line: string) => void = () => undefined, extensionDir = repoRoot()): Promise<FirstCreateResult> {
  const result: FirstCreateResult = {
    method: 'driver clock: Enter on Vued: Create API Key → first question, plus Enter on the last question → secret offered; fresh code-server per sample, token in VUED_TOKEN, local API',
    samples: [],
    errors: [],
  };
  const browser = await launchBrowser({ handleSignals: false });
  try {
    await browser.page.setViewportSize({ width: 1400, height: 1000 });
    for (let i = 0; i < runs; i++) {
      try {
        const s = await oneSample(browser, extensionDir, log);
        result.samples.push(s);
        log(`first create ${i + 1}/${runs}: ${s.ms} ms (to the first question ${s.toFirstQuestionMs}, last Enter → offer ${s.lastEnterToOfferMs}; ${s.posts} POST); ${s.seconds} s`);
      } catch (e) {
        const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
        result.errors.push(msg);
        log(`first create ${i + 1}/${runs}: failed: ${msg}`);
      }
    }
  } finally {
    await browser.close();
  }
  return result;
}
