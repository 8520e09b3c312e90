/**
 * What VS Code shows of an extension's terminal environment contribution, asked of the real
 * workbench (code-server in headless chromium), in the VS Code given:
 *
 *   node out/test/e2e/terminalEnvProbe.js [--vscode 1.139|1.90]
 *
 * A probe extension made in a temp folder sets one variable in `context.environmentVariableCollection`
 * (persistent = false, a description naming the variable) to a random value. The probe opens a
 * terminal, checks that the variable reached it (the shell writes its SHA-256 to a file), hovers the
 * terminal's tab, runs "Terminal: Show Environment Contributions", and looks for the value in what
 * each shows and, after the window is closed, in the user-data dir. Screenshots go to
 * test-results/terminal-env-<surface>-<vscode>.png; the findings to test-results/terminal-env-<vscode>.json.
 *
 * Found in both VS Codes we test (1.139.1 and 1.90.2): the tab's hover names the extension and its
 * description only, but Show Environment Contributions opens an editor listing `NAME=value` for
 * every variable. So the extension does not use the shared collection for held keys; its terminals
 * are made one by one with their own environment (src/commands/newTerminalWithKeys.ts). Run this
 * again on a new VS Code before changing that.
 */
import { createHash, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { launchBrowser, startCodeServer } from '../support/harness/codeServer';
import { repoRoot, vscodeHost } from '../support/harness/paths';
import { openWorkbench, runCommand } from '../support/harness/workbench';
import { filesUnder, scanFiles } from '../support/leakScan';
import { sleep } from '../support/sleep';

const RESULTS = path.join(repoRoot(), 'test-results');
const VARIABLE = 'VUED_PROBE_KEY';

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** A minimal extension that contributes `VARIABLE=value` to every new terminal's environment. */
function writeProbeExtension(dir: string, value: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({
    name: 'terminal-env-probe', publisher: 'vued-test', version: '0.0.1', engines: { vscode: '^1.90.0' },
    main: './extension.js', activationEvents: ['*'],
  }));
  fs.writeFileSync(path.join(dir, 'extension.js'), [
    'exports.activate = (context) => {',
    '  const c = context.environmentVariableCollection;',
    '  c.persistent = false;',
    `  c.description = ${JSON.stringify(`Probe: ${VARIABLE} from the keychain`)};`,
    `  c.replace(${JSON.stringify(VARIABLE)}, ${JSON.stringify(value)});`,
    '};',
  ].join('\n'));
}

interface Finding {
  vscode: string;
  reachedTerminal: boolean;
  hoverText: string;
  hoverShowsValue: boolean;
  contributionsText: string;
  contributionsShowValue: boolean;
  userDataHits: string[];
}

async function main(): Promise<number> {
  const host = vscodeHost(argValue('--vscode'));
  fs.mkdirSync(RESULTS, { recursive: true });
  const value = `probe_${randomBytes(12).toString('hex')}`;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vued-envprobe-'));
  const ext = path.join(tmp, 'ext');
  const ws = path.join(tmp, 'workspace');
  const hashFile = path.join(tmp, 'hash.txt');
  fs.mkdirSync(ws, { recursive: true });
  writeProbeExtension(ext, value);
  const server = await startCodeServer({
    vscode: host,
    linkExtensions: [ext],
    smokeDriver: false,
    userSettings: { 'terminal.integrated.tabs.hideCondition': 'never', 'terminal.integrated.tabs.enabled': true, 'terminal.integrated.hideOnStartup': 'always', 'workbench.hover.delay': 300 },
  });
  const browser = await launchBrowser();
  const { page } = browser;
  const finding: Finding = { vscode: host, reachedTerminal: false, hoverText: '', hoverShowsValue: false, contributionsText: '', contributionsShowValue: false, userDataHits: [] };
  let failed = false;
  try {
    await openWorkbench(page, server, ws);
    await page.waitForTimeout(4000); // the probe activates on '*'
    await runCommand(page, 'Terminal: Create New Terminal');
    await page.locator('.terminal-wrapper .xterm').first().waitFor({ state: 'visible', timeout: 30_000 });
    await page.waitForTimeout(1500);
    await page.locator('.terminal-wrapper .xterm').first().click();
    await page.keyboard.type(`printf %s "$${VARIABLE}" | sha256sum | cut -d' ' -f1 > ${hashFile}`);
    await page.keyboard.press('Enter');
    const expected = createHash('sha256').update(value).digest('hex');
    for (let i = 0; i < 40 && !fs.existsSync(hashFile); i++) await page.waitForTimeout(250);
    finding.reachedTerminal = fs.existsSync(hashFile) && fs.readFileSync(hashFile, 'utf8').trim() === expected;

    // The terminal tab's hover (the tab list is shown even for one terminal: hideCondition never),
    // by the mouse, else by "Terminal: Focus Hover" on the active terminal.
    const tab = page.locator('.terminal-tabs-entry').first();
    await tab.waitFor({ state: 'visible', timeout: 10_000 });
    await page.mouse.move(5, 5);
    const box = await tab.boundingBox();
    if (box) {
      // A hover opens once the mouse rests: move onto the tab, then a little within it.
      await page.mouse.move(box.x + 20, box.y + box.height / 2, { steps: 10 });
      await page.waitForTimeout(300);
      await page.mouse.move(box.x + 25, box.y + box.height / 2, { steps: 3 });
    }
    const hover = page.locator('.workbench-hover, .monaco-hover').filter({ hasText: /environment|Process ID|Command line|Shell/i }).first();
    try {
      await hover.waitFor({ state: 'visible', timeout: 6_000 });
    } catch {
      await runCommand(page, 'Terminal: Focus Hover');
      await hover.waitFor({ state: 'visible', timeout: 6_000 }).catch(() => undefined);
    }
    finding.hoverText = await hover.innerText().catch(() => '');
    await page.screenshot({ path: path.join(RESULTS, `terminal-env-hover-${host}.png`) });
    finding.hoverShowsValue = finding.hoverText.includes(value);
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');

    await runCommand(page, 'Terminal: Show Environment Contributions');
    const editor = page.locator('.editor-instance .view-lines').first();
    await page.locator('.editor-instance .view-line', { hasText: VARIABLE }).first().waitFor({ timeout: 15_000 }).catch(() => undefined);
    finding.contributionsText = await editor.innerText().catch(() => '');
    await page.screenshot({ path: path.join(RESULTS, `terminal-env-contributions-${host}.png`) });
    finding.contributionsShowValue = finding.contributionsText.includes(value);
  } catch (e) {
    failed = true;
    console.error(`terminal env probe: ${e instanceof Error ? e.message : String(e)}`);
    await page.screenshot({ path: path.join(RESULTS, `terminal-env-failure-${host}.png`) }).catch(() => undefined);
  } finally {
    // Closing the page ends the window the way a person closes it: state is flushed first.
    await page.close().catch(() => undefined);
    await sleep(2000);
    await browser.close();
    await server.stop({ keep: true });
    finding.userDataHits = scanFiles(filesUnder(server.userDataDir), [{ value, label: 'the value' }]).map((h) => path.relative(server.userDataDir, h.split(': ')[0]));
    fs.rmSync(server.tmp, { recursive: true, force: true });
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  const printable = { ...finding, hoverText: finding.hoverText.split(value).join('<value>'), contributionsText: finding.contributionsText.split(value).join('<value>') };
  fs.writeFileSync(path.join(RESULTS, `terminal-env-${host}.json`), `${JSON.stringify(printable, null, 2)}\n`);
  console.log(JSON.stringify(printable, null, 2));
  console.log(`terminal env probe (VS Code ${host}): reached the terminal ${finding.reachedTerminal}, hover shows the value ${finding.hoverShowsValue}, Show Environment Contributions shows the value ${finding.contributionsShowValue}, user-data files holding it ${finding.userDataHits.length}`);
  return failed || !finding.reachedTerminal ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
