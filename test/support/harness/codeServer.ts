/**
 * A throw-away code-server (VS Code server + web workbench: 1.139 by default, or the oldest we claim,
 * 1.90, with `vscode: '1.90'` or VUED_VSCODE=1.90) bound to 127.0.0.1, and a
 * headless Debian chromium to look at it. Every start gets fresh user-data, extensions and XDG
 * dirs in one temp folder, so nothing is read from or written to the home folder and parallel
 * runs never share state. Port 0 (the default) lets the OS pick a free port.
 *
 *   const server = await startCodeServer({ linkExtensions: [repoRoot()] });
 *   const browser = await launchBrowser();
 *   await browser.page.goto(workbenchUrl(server, { folder: '/tmp/ws' }));
 *   ...
 *   await browser.close(); await server.stop({ keep: failed });
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { sleep } from '../sleep';
import { assertHostInstalled, hostPaths, vscodeHost, type VscodeHost } from './paths';

export interface CodeServerOptions {
  /** Which installed VS Code to start (default: VUED_VSCODE, else 1.139). */
  vscode?: VscodeHost;
  /** 0 (default): the OS picks a free port. */
  port?: number;
  /** Unpacked extension folders to install (linked as <publisher>.<name>-<version>). */
  linkExtensions?: string[];
  /** Merged over the quiet defaults into <user-data>/User/settings.json. */
  userSettings?: Record<string, unknown>;
  /** Extra environment for code-server (and so for its extension host and terminals). */
  env?: Record<string, string>;
  /** Needed for the test payload (extensionDevelopmentPath/extensionTestsPath). Default true. */
  smokeDriver?: boolean;
  /** Workspace trust is off by default; true turns it on (the trust dialog then appears). */
  workspaceTrust?: boolean;
  /**
   * Display language of the workbench and the extension host (code-server's --locale), such as
   * `qps-ploc`, the pseudo-locale: `vscode.env.language` then names it, and an extension's
   * `l10n/bundle.l10n.<language>.json` and `package.nls.<language>.json` are loaded. Default: none (English).
   */
  locale?: string;
  /** How long to wait for the workbench HTML. Default 60 s. */
  readyTimeoutMs?: number;
  /** Temp dir name prefix. */
  tmpPrefix?: string;
  /**
   * A folder of an earlier start to start in again (its user-data and extensions dirs kept), as a
   * window opened later on the same machine; made when missing. Default: a new temp folder.
   */
  tmpDir?: string;
}

export interface CodeServer {
  /** http://127.0.0.1:<port> */
  url: string;
  /** 127.0.0.1:<port>, as the browser sees it (for vscode-remote:// URIs). */
  authority: string;
  port: number;
  /** The temp folder holding everything of this run (logs included). */
  tmp: string;
  userDataDir: string;
  extensionsDir: string;
  /** code-server's stdout/stderr. The extension host's log is under <userDataDir>/logs. */
  logFile: string;
  pid: number;
  /** Stops code-server and its children; keep: true leaves the temp folder for debugging. */
  stop(opts?: { keep?: boolean }): Promise<void>;
}

/** Settings that keep a test workbench quiet: no telemetry, updates, welcome page or AI features. */
export function quietSettings(workspaceTrust = false): Record<string, unknown> {
  return {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'chat.disableAIFeatures': true,
    'security.workspace.trust.enabled': workspaceTrust,
    'git.openRepositoryInParentFolders': 'never',
  };
}

const LISTENING = /HTTP server listening on https?:\/\/[^\s:]+:(\d+)/;

/** Environment for the server: ours minus anything that would tie it to another VS Code. */
function serverEnv(tmp: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('VSCODE_') || k === 'ELECTRON_RUN_AS_NODE' || k === 'NODE_OPTIONS') continue;
    env[k] = v;
  }
  return {
    ...env,
    ...extra,
    XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
    XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
    XDG_CACHE_HOME: path.join(tmp, 'xdg-cache'),
  };
}

/** true while any process of the group is alive. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

/** GET <base>/?ew=true until it serves the workbench page (/healthz answers 200 even when VS Code failed to load). */
function fetchWorkbench(base: string): Promise<string> {
  return new Promise((resolve) => {
    const req = http.get(`${base}/?ew=true`, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => {
        resolve(res.statusCode === 200 && body.includes('vscode-workbench-web-configuration') ? '' : `HTTP ${res.statusCode}`);
      });
    });
    req.setTimeout(5000, () => req.destroy(new Error('request timed out')));
    req.on('error', (e) => resolve(e.message));
  });
}

/**
 * VS Code resolves a display language other than English only when a language pack for it is
 * installed; otherwise the extension host runs in `en` and no extension bundle of that language is
 * loaded. code-server cannot download the pseudo-language pack, so this registers an empty one for
 * `locale` in the user-data dir's languagepacks.json (the index VS Code keeps of installed packs):
 * the workbench's own strings stay English, but `vscode.env.language` is `locale` and every
 * extension's bundles for it load.
 */
function writeLanguagePack(userDataDir: string, locale: string): void {
  const translations = path.join(userDataDir, `${locale}.i18n.json`);
  fs.writeFileSync(translations, JSON.stringify({ contents: {} }));
  const packs = { [locale]: { hash: `vued-test-${locale}`, extensions: [{ extensionIdentifier: { id: 'vued-test.language-pack' }, version: '0.0.0' }], translations: { vscode: translations }, label: locale } };
  fs.writeFileSync(path.join(userDataDir, 'languagepacks.json'), JSON.stringify(packs, null, 2));
}

export async function startCodeServer(opts: CodeServerOptions = {}): Promise<CodeServer> {
  const host = hostPaths(undefined, opts.vscode ?? vscodeHost());
  assertHostInstalled(host);
  const workspaceTrust = opts.workspaceTrust ?? false;
  const tmp = opts.tmpDir ?? fs.mkdtempSync(path.join(os.tmpdir(), opts.tmpPrefix ?? 'vued-cs-'));
  fs.mkdirSync(tmp, { recursive: true });
  const userDataDir = path.join(tmp, 'data');
  const extensionsDir = path.join(tmp, 'ext');
  for (const d of [extensionsDir, path.join(userDataDir, 'User'), 'xdg-config', 'xdg-data', 'xdg-cache']) {
    fs.mkdirSync(path.resolve(tmp, d), { recursive: true });
  }
  const config = path.join(tmp, 'config.yaml');
  fs.writeFileSync(config, 'auth: none\ncert: false\n');

  // A folder is picked up only from a fresh extensions dir, named <publisher>.<name>-<version>.
  for (const ext of opts.linkExtensions ?? []) {
    const pj = JSON.parse(fs.readFileSync(path.join(ext, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
    const link = path.join(extensionsDir, `${pj.publisher}.${pj.name}-${pj.version}`);
    if (!fs.existsSync(link)) fs.symlinkSync(path.resolve(ext), link);
  }
  fs.writeFileSync(
    path.join(userDataDir, 'User/settings.json'),
    JSON.stringify({ ...quietSettings(workspaceTrust), ...(opts.userSettings ?? {}) }, null, 2),
  );

  if (opts.locale) writeLanguagePack(userDataDir, opts.locale);

  const logFile = path.join(tmp, 'code-server.log');
  const log = fs.openSync(logFile, 'w');
  // code-server 4.90 has no --vscode-option: a preload adds the smoke-test driver's own option.
  const oldCli = host.vscode === '1.90';
  const args = [
    ...(oldCli ? ['--require', path.join(__dirname, 'smokeDriverOption.js')] : []),
    host.entry,
    '--config', config,
    '--bind-addr', `127.0.0.1:${opts.port ?? 0}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
  ];
  if (!workspaceTrust) args.push('--disable-workspace-trust');
  if (opts.locale) args.push('--locale', opts.locale);
  // Without the smoke-test driver the built workbench ignores the test payload.
  if (opts.smokeDriver ?? true) args.push(...(oldCli ? ['--enable-smoke-test-driver'] : ['--vscode-option', 'enable-smoke-test-driver']));

  // Own process group, so stop() can also end the extension host, pty host etc. it forks.
  const child = spawn(host.node, args, {
    cwd: tmp,
    detached: true,
    stdio: ['ignore', log, log],
    env: serverEnv(tmp, opts.env ?? {}),
  });
  fs.closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${host.node}`);
  let exited = false;
  child.once('exit', () => (exited = true));
  // If this process dies without calling stop(), do not leave the server behind.
  const onExit = (): void => {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  };
  process.once('exit', onExit);

  let stopped = false;
  const stop = async ({ keep = !!process.env.VUED_KEEP_TMP }: { keep?: boolean } = {}): Promise<void> => {
    if (!stopped) {
      stopped = true;
      process.removeListener('exit', onExit);
      if (!exited) {
        child.kill('SIGTERM');
        for (let i = 0; i < 50 && !exited; i++) await sleep(100);
      }
      if (groupAlive(pid)) {
        try {
          process.kill(-pid, 'SIGTERM');
        } catch {
          /* gone */
        }
        for (let i = 0; i < 20 && groupAlive(pid); i++) await sleep(100);
        if (groupAlive(pid)) onExit();
      }
    }
    if (!keep) fs.rmSync(tmp, { recursive: true, force: true });
  };

  const deadline = Date.now() + (opts.readyTimeoutMs ?? 60_000);
  const fail = async (why: string): Promise<never> => {
    await stop({ keep: true });
    throw new Error(`code-server did not start: ${why}\n--- ${logFile} (kept) ---\n${tail(logFile)}`);
  };
  let port = opts.port ?? 0;
  while (!port) {
    const m = LISTENING.exec(tail(logFile, 50));
    if (m) port = Number(m[1]);
    else if (exited) return fail(`exited with ${child.exitCode ?? child.signalCode}`);
    else if (Date.now() > deadline) return fail('no "HTTP server listening" line');
    else await sleep(100);
  }
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    const problem = await fetchWorkbench(url);
    if (!problem) break;
    if (exited) return fail(`exited with ${child.exitCode ?? child.signalCode}`);
    if (Date.now() > deadline) return fail(`workbench not served at ${url}: ${problem}`);
    await sleep(250);
  }
  return { url, authority: `127.0.0.1:${port}`, port, tmp, userDataDir, extensionsDir, logFile, pid, stop };
}

/** A vscode-remote:// URI for a path on the server, as the workbench in the browser needs it. */
export function remoteUri(server: Pick<CodeServer, 'authority'>, fsPath: string): string {
  return `vscode-remote://${server.authority}${path.resolve(fsPath)}`;
}

/** The workbench URL opening `folder`, with an optional smoke-driver payload ([key, value] pairs). */
export function workbenchUrl(server: Pick<CodeServer, 'url'>, opts: { folder?: string; payload?: [string, string][] } = {}): string {
  const q: string[] = [];
  if (opts.folder) q.push(`folder=${encodeURIComponent(path.resolve(opts.folder))}`);
  if (opts.payload?.length) q.push(`payload=${encodeURIComponent(JSON.stringify(opts.payload))}`);
  return `${server.url}/${q.length ? `?${q.join('&')}` : ''}`;
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/**
 * Headless Debian chromium (no browser download), 1400×900, quiet on the network.
 * handleSignals: false stops playwright from closing the browser and exiting the process on
 * Ctrl+C/SIGTERM, for callers that handle the signals themselves (default true).
 * profileDir: a folder of an earlier launch to launch in again (its profile kept: the web
 * workbench's storage and secret storage live there), kept on close. Default: a new temp folder.
 */
export async function launchBrowser(opts: { headless?: boolean; handleSignals?: boolean; profileDir?: string } = {}): Promise<Browser> {
  const host = hostPaths();
  const tmp = opts.profileDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'vued-chromium-'));
  fs.mkdirSync(tmp, { recursive: true });
  const remove = () => {
    if (!opts.profileDir) fs.rmSync(tmp, { recursive: true, force: true });
  };
  const profile = path.join(tmp, 'profile');
  // Chromium writes crash-report settings and dconf caches under $HOME/XDG dirs: keep them in tmp.
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) env[k] = v;
  Object.assign(env, { HOME: tmp, XDG_CONFIG_HOME: path.join(tmp, 'config'), XDG_CACHE_HOME: path.join(tmp, 'cache') });
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: host.chromium,
      env,
      headless: opts.headless ?? !process.env.VUED_HEADFUL,
      handleSIGINT: opts.handleSignals ?? true,
      handleSIGTERM: opts.handleSignals ?? true,
      handleSIGHUP: opts.handleSignals ?? true,
      viewport: { width: 1400, height: 900 },
      // As a person's browser allows a site they work in: VS Code 1.90's web clipboard goes
      // straight to navigator.clipboard, which headless chromium refuses without these.
      permissions: ['clipboard-read', 'clipboard-write'],
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--no-first-run',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-default-apps',
        '--disable-breakpad',
        '--disable-crash-reporter',
        '--disable-features=Translate,MediaRouter,OptimizationHints',
      ],
    });
  } catch (e) {
    remove();
    throw e;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close().catch(() => undefined);
      remove();
    },
  };
}
