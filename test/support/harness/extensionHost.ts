/**
 * Runs a test module (a .js file exporting `run(): Promise<void>`, the contract of
 * @vscode/test-electron's extensionTestsPath) inside code-server's real Node extension host.
 *
 * The workbench is opened with the smoke-test driver's payload (extensionDevelopmentPath,
 * extensionTestsPath, extensionEnvironment). The extension host's console output comes back
 * through window.codeAutomationLog, and the result (0 when run() resolved) through
 * window.codeAutomationExit.
 */
import * as util from 'util';
import { launchBrowser, remoteUri, startCodeServer, workbenchUrl, type CodeServerOptions } from './codeServer';

export interface ExtensionTestOptions {
  /** The extension under test (folder with package.json). */
  extensionDevelopmentPath: string;
  /** Compiled module exporting run(). */
  extensionTestsPath: string;
  /** Folder to open as the workspace. */
  workspacePath: string;
  /** Environment variables for the extension host. */
  extensionEnvironment?: Record<string, string>;
  /** Whole run, server start included. Default 10 minutes. */
  timeoutMs?: number;
  /** Each relayed line of the extension host's console (noise already filtered unless verbose). */
  onLog?: (line: string, type: string) => void;
  /** Relay the filtered noise too. */
  verbose?: boolean;
  /** Passed to startCodeServer (smokeDriver is always on). */
  server?: Omit<CodeServerOptions, 'smokeDriver'>;
  /** Keep the code-server temp folder even when the run passed. */
  keepLogs?: boolean;
  /** Aborting ends the run early (browser and server are stopped, logs kept). */
  signal?: AbortSignal;
  /** The browser profile folder to use and keep (launchBrowser's profileDir): a later run in it finds the window's storage. */
  browserProfile?: string;
}

export interface ExtensionTestResult {
  /** codeAutomationExit's code; undefined on timeout or harness error. */
  exitCode: number | undefined;
  timedOut: boolean;
  /** Ended through `signal`. */
  aborted: boolean;
  /** Harness failure (server did not start, browser crashed, ...). */
  error?: Error;
  /** Every relayed (non-noise) line, in order. */
  lines: string[];
  /** The kept code-server temp folder (logs), when kept. */
  logDir?: string;
  seconds: number;
}

/**
 * Lines the workbench and extension host print on a closed network that say nothing about the
 * tests: gallery/telemetry lookups, agent/chat features starting, connection chatter.
 */
export const NOISE: RegExp[] = [
  /^\[(AgentHost|ChatModelSelection|AccountPolicyGate|Service Worker|reconnection-grace-time|LanguageModels?|Chat[A-Za-z]*|Mcp[A-Za-z]*)[\]:]/,
  /^(Resolving|Resolved) connection token/,
  /^Creating a socket/,
  /^Updating additional builtin/,
  /getaddrinfo (ENOTFOUND|EAI_AGAIN)/,
  /^Canceled: Canceled/,
  /^\[(Extension Host|remote)\] ?$/,
  /marketplace\.visualstudio\.com|open-vsx\.org|update\.code\.visualstudio\.com|vscode-sync|default\.exp-tas\.com/,
  /^Extension Host$/,
  /^Started local extension host/,
  /^Error while fetching extensions/,
  /^Creation of workbench contribution '.*' took \d+ms/,
];

export function isNoise(line: string): boolean {
  return NOISE.some((re) => re.test(line));
}

/** console.log arguments as VS Code relays them: a %c style prefix, then the message. */
function formatArgs(args: unknown): string {
  const list = Array.isArray(args) ? args : [args];
  if (typeof list[0] === 'string' && list[0].includes('%c')) {
    // "%c[Extension Host] %cmessage" + css args: drop the css arguments and the prefix.
    const styles = (list[0].match(/%c/g) ?? []).length;
    const text = util.format(list[0].replace(/%c/g, ''), ...list.slice(1 + styles));
    return text.replace(/^\[Extension Host\] ?/, '');
  }
  return util.format(...list);
}

export async function runExtensionTests(opts: ExtensionTestOptions): Promise<ExtensionTestResult> {
  const t0 = Date.now();
  const timeoutMs = opts.timeoutMs ?? 10 * 60_000;
  const lines: string[] = [];
  const result: ExtensionTestResult = { exitCode: undefined, timedOut: false, aborted: false, lines, seconds: 0 };
  let server: Awaited<ReturnType<typeof startCodeServer>> | undefined;
  let browser: Awaited<ReturnType<typeof launchBrowser>> | undefined;
  let timer: NodeJS.Timeout | undefined;
  try {
    // The timeout covers the whole run: server start, workbench load and the tests.
    server = await startCodeServer({
      readyTimeoutMs: Math.min(60_000, timeoutMs),
      ...opts.server,
      smokeDriver: true,
      tmpPrefix: 'vued-it-',
    });
    browser = await launchBrowser({ handleSignals: !opts.signal, profileDir: opts.browserProfile });
    const { page } = browser;
    let finish: (outcome: number | 'timeout' | 'aborted' | Error) => void = () => undefined;
    const done = new Promise<number | 'timeout' | 'aborted' | Error>((resolve) => (finish = resolve));
    timer = setTimeout(() => finish('timeout'), Math.max(0, t0 + timeoutMs - Date.now()));
    if (opts.signal?.aborted) finish('aborted');
    opts.signal?.addEventListener('abort', () => finish('aborted'), { once: true });
    page.on('crash', () => finish(new Error('the workbench page crashed')));
    await page.exposeFunction('codeAutomationExit', (code: number) => finish(Number(code)));
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown) => {
      const text = formatArgs(args);
      // A noisy message is dropped whole (its stack trace included).
      if (!opts.verbose && isNoise(text.trimStart())) return;
      for (const line of text.split(/\r?\n/)) {
        lines.push(line);
        opts.onLog?.(line, type);
      }
    });
    page.on('pageerror', (e) => {
      const line = `[pageerror] ${e.message}`;
      if (!opts.verbose && isNoise(e.message)) return;
      lines.push(line);
      opts.onLog?.(line, 'error');
    });
    const payload: [string, string][] = [
      ['extensionDevelopmentPath', remoteUri(server, opts.extensionDevelopmentPath)],
      ['extensionTestsPath', remoteUri(server, opts.extensionTestsPath)],
      ['skipWelcome', 'true'],
    ];
    if (opts.extensionEnvironment && Object.keys(opts.extensionEnvironment).length) {
      payload.push(['extensionEnvironment', JSON.stringify(opts.extensionEnvironment)]);
    }
    await page.goto(workbenchUrl(server, { folder: opts.workspacePath, payload }));
    const outcome = await done;
    // Closing the page first ends the window as a person closing it does: it writes its state.
    if (opts.browserProfile) await page.close({ runBeforeUnload: true }).catch(() => undefined);
    if (outcome === 'timeout') result.timedOut = true;
    else if (outcome === 'aborted') result.aborted = true;
    else if (outcome instanceof Error) result.error = outcome;
    else result.exitCode = outcome;
  } catch (e) {
    result.error = e instanceof Error ? e : new Error(String(e));
  } finally {
    if (timer) clearTimeout(timer);
    await browser?.close();
    const keep = opts.keepLogs || result.exitCode !== 0;
    if (server) {
      await server.stop({ keep });
      if (keep) result.logDir = server.tmp;
    }
    result.seconds = (Date.now() - t0) / 1000;
  }
  return result;
}
