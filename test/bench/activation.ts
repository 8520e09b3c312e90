/**
 * Activation time as VS Code itself measures it: the "Running Extensions" editor
 * (`workbench.action.showRuntimeExtensions`, "Developer: Show Running Extensions") shows per
 * extension `Activation: N ms`, where N = codeLoadingTime + activateCallTime of the extension host
 * (loading dist/extension.js and the synchronous part of activate()).
 *
 * One sample = one fresh code-server (new user-data and extensions dirs, the extension linked as
 * an installed extension, not in development or test mode) opened on an empty folder in headless
 * chromium:
 *   1. open Running Extensions from the palette: running a first command also activates the
 *      built-in extensions that wait for it (`*`), so wait until their list stops changing;
 *   2. run "Vued: Show Logs" from the palette (activation event onCommand:vued.showLogs);
 *   3. bring Running Extensions to the front again and read the Vued row;
 *   4. read the same activation's split (Load Code / Call Activate) from "Developer: Startup
 *      Performance" — informational.
 * A minimal extension (writeControlExtension) is linked in the same window and activated the same
 * way, alternately before and after Vued: its figure is the floor any extension pays here.
 * Waiting in step 1 keeps the other extensions' start-up work out of the sample, as when a person
 * runs a Vued command some time after the window opened.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { launchBrowser, startCodeServer, type Browser } from '../support/harness/codeServer';
import { repoRoot } from '../support/harness/paths';
import { namedStep, openWorkbench, runCommand } from '../support/harness/workbench';
import { sleep } from '../support/sleep';

export interface ExtensionActivation {
  /** Running Extensions' figure (codeLoadingTime + activateCallTime), ms. */
  ms: number;
  /** From Startup Performance's activation table, when it could be read. */
  loadCodeMs?: number;
  callActivateMs?: number;
  event?: string;
}

export interface ActivationSample extends ExtensionActivation {
  /** The same figures, same window, for an empty extension (activate does nothing). */
  control?: ExtensionActivation;
  /** Which command ran first in this sample (they alternate). */
  first: 'vued' | 'control';
  /** Seconds this sample took (server start to reading the figures). */
  seconds: number;
}

export interface ActivationResult {
  method: string;
  samples: ActivationSample[];
  errors: string[];
}

const DISPLAY_NAME = 'Vued API Keys';
const ROW = '.runtime-extensions-editor .monaco-list-row';

const CONTROL = {
  publisher: 'vued-bench',
  name: 'activation-control',
  displayName: 'Activation Control',
  command: 'vuedBenchControl.noop',
  label: 'Activation Control: No-op',
};

/**
 * An empty extension linked next to Vued: the floor of what any extension's activation costs in
 * this window (VS Code builds the extension's `vscode` API object, the module loads, activate()
 * returns at once). Written to a temp folder; returns it.
 */
function writeControlExtension(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vued-bench-control-'));
  const manifest = {
    name: CONTROL.name,
    displayName: CONTROL.displayName,
    publisher: CONTROL.publisher,
    version: '0.0.1',
    engines: { vscode: '^1.90.0' },
    main: './extension.js',
    activationEvents: [],
    contributes: { commands: [{ command: CONTROL.command, title: 'No-op', category: CONTROL.displayName }] },
  };
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  fs.writeFileSync(
    path.join(dir, 'extension.js'),
    "const vscode = require('vscode');\n" +
      // Empty: the floor of any extension's activation. Its command is only the activation event.
      'exports.activate = () => { void vscode; };\n',
  );
  return dir;
}

/** Rows of the Running Extensions editor (all of them: the page is tall enough for the list). */
async function runtimeRows(page: Page): Promise<string[]> {
  return (await page.locator(ROW).allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

/** Waits until the activated extensions and their times stop changing (or maxMs passes). */
async function waitForQuietHost(page: Page, maxMs: number): Promise<void> {
  await page.locator(ROW).first().waitFor({ timeout: 30_000 });
  const end = Date.now() + maxMs;
  let last = '';
  let stableSince = Date.now();
  while (Date.now() < end) {
    const now = (await runtimeRows(page)).join('\n');
    if (now !== last || now.includes('Activating')) {
      last = now;
      stableSince = Date.now();
    } else if (Date.now() - stableSince >= 2_000) {
      return;
    }
    await sleep(250);
  }
}

/** `| vued.vued-api-keys | false | 8 | 2 | 0 | onCommand:vued.showLogs | ...` from Startup Performance. */
async function readStartupPerformance(page: Page, extensionId: string): Promise<Partial<ExtensionActivation>> {
  const line = page.locator('.monaco-editor .view-line', { hasText: `| ${extensionId} ` }).first();
  await line.waitFor({ timeout: 15_000 });
  const cells = (await line.innerText()).split('|').map((c) => c.replace(/\u00a0/g, ' ').trim()).filter((c) => c !== '');
  // Extension | Eager | Load Code | Call Activate | Finish Activate | Event | By
  const loadCodeMs = Number(cells[2]);
  const callActivateMs = Number(cells[3]);
  return {
    loadCodeMs: Number.isFinite(loadCodeMs) ? loadCodeMs : undefined,
    callActivateMs: Number.isFinite(callActivateMs) ? callActivateMs : undefined,
    event: cells[5],
  };
}

/** `publisher.name` from an extension folder's manifest. */
function extensionId(dir: string): string {
  const pj = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { publisher: string; name: string };
  return `${pj.publisher}.${pj.name}`;
}

/** Waits for the row of `displayName` in the (open) Running Extensions editor to show its time. */
async function readRuntimeRow(page: Page, displayName: string): Promise<number> {
  const row = page.locator(ROW, { hasText: displayName }).first();
  await row.waitFor({ timeout: 30_000 });
  let text = '';
  for (let i = 0; i < 100; i++) {
    text = (await row.innerText()).replace(/\s+/g, ' ');
    if (/Activation: \d+ms/.test(text)) break;
    await sleep(100);
  }
  const m = /Activation: (\d+)ms/.exec(text);
  if (!m) throw new Error(`no activation time in the ${displayName} row: "${text}"`);
  return Number(m[1]);
}

async function oneSample(browser: Browser, extensionDir: string, controlDir: string, first: 'vued' | 'control', log: (line: string) => void): Promise<ActivationSample> {
  const t0 = Date.now();
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'vued-bench-ws-'));
  const server = await startCodeServer({
    linkExtensions: [extensionDir, controlDir],
    smokeDriver: false,
    tmpPrefix: 'vued-bench-cs-',
    // Loopback only: activation sends nothing, and nothing could leave this machine if it did.
    // Editors in the main area rather than a modal (which the palette's Escape closes and whose
    // list shows only a dozen rows): with the tall page, every row of Running Extensions renders.
    userSettings: { 'vued.apiBaseUrl': 'http://127.0.0.1:9/v1', 'workbench.editor.useModal': 'off' },
  });
  let ok = false;
  const { page } = browser;
  const step = namedStep;
  try {
    await step('open the workbench', () => openWorkbench(page, server, workspace));
    await step('open Running Extensions', () => runCommand(page, 'Developer: Show Running Extensions'));
    await step('wait for the other extensions to settle', () => waitForQuietHost(page, 20_000));
    const early = (await runtimeRows(page)).filter((r) => r.startsWith(DISPLAY_NAME) || r.startsWith(CONTROL.displayName));
    if (early.length) {
      throw new Error(`already active before their commands ran: ${early.join('; ')}`);
    }
    const commands = first === 'vued' ? ['Vued: Show Logs', CONTROL.label] : [CONTROL.label, 'Vued: Show Logs'];
    await step(`run ${commands[0]}`, () => runCommand(page, commands[0]));
    await sleep(1_000);
    await step(`run ${commands[1]}`, () => runCommand(page, commands[1]));
    // Bring Running Extensions to the front again (the Output panel took the focus).
    await step('open Running Extensions again', () => runCommand(page, 'Developer: Show Running Extensions'));
    const sample: ActivationSample = { ms: await step('read the Vued row', () => readRuntimeRow(page, DISPLAY_NAME)), first, seconds: 0 };
    sample.control = { ms: await step('read the control row', () => readRuntimeRow(page, CONTROL.displayName)) };
    try {
      await runCommand(page, 'Developer: Startup Performance');
      Object.assign(sample, await readStartupPerformance(page, extensionId(extensionDir)));
      Object.assign(sample.control, await readStartupPerformance(page, `${CONTROL.publisher}.${CONTROL.name}`));
    } catch (e) {
      log(`activation: could not read Startup Performance (${e instanceof Error ? e.message.split('\n')[0] : e})`);
    }
    sample.seconds = Math.round((Date.now() - t0) / 100) / 10;
    ok = true;
    return sample;
  } finally {
    if (!ok) await page.screenshot({ path: path.join(server.tmp, 'failure.png') }).catch(() => undefined);
    await server.stop({ keep: !ok });
    if (!ok) log(`activation: code-server logs and failure.png kept in ${server.tmp}`);
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

/**
 * `runs` fresh code-server starts, one activation sample each. `extensionDir` is the extension
 * folder to install (default: the repo; scripts/bench.mjs passes the unpacked VSIX).
 */
export async function measureActivation(runs: number, log: (line: string) => void = () => undefined, extensionDir = repoRoot()): Promise<ActivationResult> {
  const result: ActivationResult = {
    method: 'VS Code "Running Extensions" editor (codeLoadingTime + activateCallTime), onCommand:vued.showLogs, fresh code-server per sample',
    samples: [],
    errors: [],
  };
  const controlDir = writeControlExtension();
  const browser = await launchBrowser({ handleSignals: false });
  try {
    // Tall enough that the Running Extensions list and the Startup Performance report are rendered whole.
    await browser.page.setViewportSize({ width: 1400, height: 6000 });
    for (let i = 0; i < runs; i++) {
      try {
        const s = await oneSample(browser, extensionDir, controlDir, i % 2 === 0 ? 'vued' : 'control', log);
        result.samples.push(s);
        log(
          `activation ${i + 1}/${runs}: Vued ${s.ms} ms (load code ${s.loadCodeMs ?? '?'}, call activate ${s.callActivateMs ?? '?'}), ` +
            `minimal extension ${s.control?.ms ?? '?'} ms (load code ${s.control?.loadCodeMs ?? '?'}, call activate ${s.control?.callActivateMs ?? '?'}); ${s.seconds} s`,
        );
      } catch (e) {
        const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
        result.errors.push(msg);
        log(`activation ${i + 1}/${runs}: failed: ${msg}`);
      }
    }
  } finally {
    await browser.close();
    fs.rmSync(controlDir, { recursive: true, force: true });
  }
  return result;
}
