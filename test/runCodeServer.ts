/**
 * Integration tests inside a real VS Code (code-server 4.139.1 = VS Code 1.139.1, or with
 * --vscode 1.90 code-server 4.90.3 = VS Code 1.90.2, the oldest engines.vscode claims; real Node
 * extension host), on a machine that cannot download VS Code desktop.
 *
 *   node out/test/runCodeServer.js [--vscode 1.139|1.90] [--verbose] [--keep] [--extension-path DIR] [--untrusted | --pseudo | --reopen]
 *
 * --untrusted turns workspace trust on, so the folder opens in Restricted Mode, and runs only the
 * test files named *untrusted*.test.js (the default run leaves them out).
 * --pseudo starts VS Code in the pseudo-locale (`--locale qps-ploc`), so the extension loads
 * l10n/bundle.l10n.qps-ploc.json and package.nls.qps-ploc.json, and runs only the test files named
 * *pseudo*.test.js (the default run leaves them out).
 * --reopen runs the test files named *reopen*.test.js twice, as two windows opened one after the
 * other on the same machine: the same code-server user-data dir, port (the web workbench keeps its
 * storage per origin), browser profile and workspace folder, with VUED_TEST_PHASE=first, then
 * second, and VUED_TEST_REOPEN_DIR naming that shared folder (the default run leaves them out).
 *
 * Needs: `npx tsc -p .`, `node esbuild.mjs` (dist/extension.js) and `bash scripts/setup-vscode-host.sh`.
 * Loads the repo as the extension under development, opens a fresh copy of
 * test/fixtures/workspace, and runs out/test/integration/index.js in the extension host.
 * Writes test-results/integration[-untrusted|-pseudo|-reopen][-1.90].json ({ passed, failed, vscodeVersion, seconds });
 * the file name carries the VS Code only when it is not the default one.
 *
 * Environment:
 *   VUED_TEST_TIMEOUT_MS      whole-run timeout (default 600000)
 *   VUED_TEST_EXTENSION_ENV   JSON object of extra environment variables for the extension host
 *   VUED_TEST_GREP            only tests whose title matches (passed to the suite)
 *   VUED_EXTENSION_PATH       another extension folder to load instead of the repo
 *   VUED_KEEP_TMP=1           keep the code-server temp folder (logs) even when green
 * Exit code: 0 when every test passed; 1 on failures or a broken run; 124 on timeout; 130 when
 * interrupted (Ctrl+C stops the server and browser and keeps the logs; a second Ctrl+C leaves at once).
 */
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { runExtensionTests } from './support/harness/extensionHost';
import { DEFAULT_VSCODE_HOST, bundledVscodeVersion, copyFixtureWorkspace, hostPaths, removeWorkspaceCopy, repoRoot, vscodeHost } from './support/harness/paths';

/** VS Code's pseudo-locale: every translated string is rewritten with accented look-alike letters. */
const PSEUDO_LOCALE = 'qps-ploc';
const COUNT_LINE = /^integration: (\d+) passed, (\d+) failed$/;
const VERSION_LINE = /^vscode (\d+\.\d+\.\d+\S*)$/;

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The extension folder must hold a manifest with publisher/name/main, and the bundle it points to. */
function checkExtension(dir: string): string | undefined {
  const manifest = path.join(dir, 'package.json');
  if (!fs.existsSync(manifest)) return `${manifest} not found`;
  const pj = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { publisher?: string; name?: string; main?: string };
  if (!pj.publisher || !pj.name) return `${manifest} has no publisher/name`;
  if (pj.main && !fs.existsSync(path.resolve(dir, pj.main)) && !fs.existsSync(path.resolve(dir, `${pj.main}.js`))) {
    return `${path.resolve(dir, pj.main)} not found (build it: node esbuild.mjs)`;
  }
  return undefined;
}

/** A port no one listens on now (the OS picks it), for two starts that must share an origin. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function extensionEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  if (process.env.VUED_TEST_EXTENSION_ENV) {
    const parsed = JSON.parse(process.env.VUED_TEST_EXTENSION_ENV) as Record<string, unknown>;
    for (const [k, v] of Object.entries(parsed)) env[k] = String(v);
  }
  if (process.env.VUED_TEST_GREP) env.VUED_TEST_GREP = process.env.VUED_TEST_GREP;
  return env;
}

async function main(): Promise<number> {
  const root = repoRoot();
  const extensionDevelopmentPath = path.resolve(argValue('--extension-path') ?? process.env.VUED_EXTENSION_PATH ?? root);
  const extensionTestsPath = path.join(__dirname, 'integration', 'index.js');
  const resultsDir = path.join(root, 'test-results');
  // --untrusted: the same host with workspace trust on, running only the untrusted-workspace suite.
  const untrusted = process.argv.includes('--untrusted');
  // --pseudo: the pseudo-locale, running only the translation suite.
  const pseudo = !untrusted && process.argv.includes('--pseudo');
  // --reopen: two windows one after the other on the same machine, running only the reopen suite.
  const reopen = !untrusted && !pseudo && process.argv.includes('--reopen');
  // --vscode 1.90: the oldest VS Code we claim instead of the current one.
  const vscode = vscodeHost(argValue('--vscode') ?? process.env.VUED_VSCODE);
  const host = hostPaths(undefined, vscode);
  const suffix = `${untrusted ? '-untrusted' : pseudo ? '-pseudo' : reopen ? '-reopen' : ''}${vscode === DEFAULT_VSCODE_HOST ? '' : `-${vscode}`}`;
  const resultsFile = path.join(resultsDir, `integration${suffix}.json`);
  fs.mkdirSync(resultsDir, { recursive: true });
  fs.rmSync(resultsFile, { force: true });

  const problem = checkExtension(extensionDevelopmentPath) ?? (fs.existsSync(extensionTestsPath) ? undefined : `${extensionTestsPath} not found (run: npx tsc -p .)`);
  if (problem) {
    console.error(`integration: cannot run: ${problem}`);
    return 1;
  }
  const timeoutMs = Number(process.env.VUED_TEST_TIMEOUT_MS || 600_000);
  const workspacePath = copyFixtureWorkspace();
  console.log(`integration: VS Code ${bundledVscodeVersion(host) ?? '?'} (code-server), extension ${extensionDevelopmentPath}, workspace ${workspacePath}`);

  const abort = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (abort.signal.aborted) process.exit(130); // second Ctrl+C: leave now (the exit hook ends code-server)
      console.error(`integration: ${signal}, stopping`);
      abort.abort();
    });
  }
  const suite = untrusted ? 'untrusted' : pseudo ? 'pseudo' : reopen ? 'reopen' : undefined;
  // --reopen: one folder for both windows (code-server's user data, the browser profile), one port.
  const shared = reopen ? fs.mkdtempSync(path.join(os.tmpdir(), 'vued-reopen-')) : undefined;
  const port = reopen ? await freePort() : undefined;
  let counts: { passed: number; failed: number } | undefined;
  let vscodeVersion: string | undefined;
  let result: Awaited<ReturnType<typeof runExtensionTests>> | undefined;
  let seconds = 0;
  for (const phase of reopen ? ['first', 'second'] : [undefined]) {
    const extensionEnv = {
      ...extensionEnvironment(),
      ...(suite ? { VUED_TEST_SUITE: suite } : {}),
      ...(phase && shared ? { VUED_TEST_PHASE: phase, VUED_TEST_REOPEN_DIR: shared } : {}),
    };
    if (phase) console.log(`integration: window ${phase === 'first' ? 1 : 2} of 2 (${phase})`);
    result = await runExtensionTests({
      signal: abort.signal,
      extensionDevelopmentPath,
      extensionTestsPath,
      workspacePath,
      extensionEnvironment: extensionEnv,
      // VS Code 1.90's web workbench ignores the payload's extensionEnvironment: its extension host
      // gets the same variables from code-server's own environment instead.
      server: {
        vscode,
        ...(untrusted ? { workspaceTrust: true } : {}),
        ...(pseudo ? { locale: PSEUDO_LOCALE } : {}),
        ...(vscode === '1.90' ? { env: extensionEnv } : {}),
        ...(shared ? { tmpDir: path.join(shared, 'server'), port } : {}),
      },
      browserProfile: shared ? path.join(shared, 'browser') : undefined,
      timeoutMs,
      verbose: process.argv.includes('--verbose') || !!process.env.VUED_VERBOSE,
      keepLogs: !!shared || process.argv.includes('--keep') || !!process.env.VUED_KEEP_TMP,
      onLog: (line, type) => (type === 'error' ? console.error(line) : console.log(line)),
    });
    seconds += result.seconds;
    let phaseCounts: { passed: number; failed: number } | undefined;
    for (const line of result.lines) {
      const c = COUNT_LINE.exec(line.trim());
      if (c) phaseCounts = { passed: Number(c[1]), failed: Number(c[2]) };
      const v = VERSION_LINE.exec(line.trim());
      if (v) vscodeVersion = v[1];
    }
    counts = phaseCounts && { passed: (counts?.passed ?? 0) + phaseCounts.passed, failed: (counts?.failed ?? 0) + phaseCounts.failed };
    if (!phaseCounts || phaseCounts.failed > 0 || result.exitCode !== 0) break;
  }
  if (!result) throw new Error('no run');
  seconds = Math.round(seconds * 10) / 10;
  if (counts) {
    const json = { ...counts, vscodeVersion: vscodeVersion ?? bundledVscodeVersion(host) ?? null, seconds };
    fs.writeFileSync(resultsFile, `${JSON.stringify(json, null, 2)}\n`);
  }

  const ok = result.exitCode === 0 && !!counts && counts.failed === 0;
  if (result.timedOut) {
    console.error(`integration: timed out after ${timeoutMs} ms (VUED_TEST_TIMEOUT_MS)`);
  } else if (result.aborted) {
    console.error('integration: interrupted');
  } else if (result.error) {
    console.error(`integration: harness error: ${result.error.message}`);
  } else if (!counts) {
    console.error('integration: the suite printed no "integration: N passed, M failed" line');
  }
  if (result.logDir) {
    console.error(`integration: logs kept in ${result.logDir} (code-server.log, data/logs/*/exthost1/remoteexthost.log)`);
  }
  if (shared && ok && !process.argv.includes('--keep') && !process.env.VUED_KEEP_TMP) fs.rmSync(shared, { recursive: true, force: true });
  else if (shared) console.error(`integration: the two windows' folder kept in ${shared}`);
  if (ok) removeWorkspaceCopy(workspacePath);
  else console.error(`integration: workspace copy kept in ${workspacePath}`);
  console.log(
    `integration: ${ok ? 'PASSED' : 'FAILED'} in ${seconds} s on VS Code ${vscodeVersion ?? '?'}${counts ? ` (${counts.passed} passed, ${counts.failed} failed)` : ''}`,
  );
  if (result.timedOut) return 124;
  if (result.aborted) return 130;
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error('integration: runner error:', e);
    process.exit(1);
  },
);
