/**
 * The integration suite's entry, loaded by VS Code as extensionTestsPath (code-server via
 * test/runCodeServer.ts, or VS Code desktop via test/runElectron.ts). Runs every
 * *.test.js file compiled next to this one (out/test/integration/**) with mocha, inside the
 * extension host, so the tests can `import * as vscode from 'vscode'`.
 *
 * The trusted run ends with the leak scan (./leakScan.ts) as a root `after` hook.
 *
 * Prints `vscode <version>` first and `integration: N passed, M failed` last; the runners parse
 * both. Set VUED_TEST_GREP (in the extension host's environment) to run only matching tests.
 */
import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import * as vscode from 'vscode';
import { leakScan } from './leakScan';

type MochaClass = typeof Mocha;

/**
 * Mocha from the repo's node_modules: the extension host's cwd is not the repo, so resolve from
 * this file. Mocha 12's main entry is ESM; require() of ESM needs Node >= 20.19/22.12, so fall
 * back to its CommonJS build.
 */
function loadMocha(): MochaClass {
  const req = createRequire(__filename);
  const entry = req.resolve('mocha', { paths: [__dirname] });
  let mod: { Mocha?: MochaClass; default?: MochaClass } | MochaClass;
  try {
    mod = req(entry) as typeof mod;
  } catch {
    mod = req(path.join(path.dirname(entry), 'lib', 'mocha.cjs')) as typeof mod;
  }
  if (typeof mod === 'function') return mod;
  const ctor = mod.Mocha ?? mod.default;
  if (!ctor) throw new Error(`no Mocha export in ${entry}`);
  return ctor;
}

/** Every *.test.js below `dir`, sorted so the order is stable. */
function findTests(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(full));
    else if (entry.isFile() && entry.name.endsWith('.test.js')) found.push(full);
  }
  return found.sort();
}

export async function run(): Promise<void> {
  console.log(`vscode ${vscode.version}`);
  const MochaCtor = loadMocha();
  const mocha = new MochaCtor({ ui: 'bdd', timeout: 30_000, reporter: 'spec', color: false });
  if (process.env.VUED_TEST_GREP) mocha.grep(process.env.VUED_TEST_GREP);
  // Suites for a workspace in Restricted Mode run only in the host started with --untrusted, the
  // translation suite only in the host started in the pseudo-locale (--pseudo), the two-window
  // suite only in the hosts started with --reopen; each host runs only its own files.
  const suite = process.env.VUED_TEST_SUITE;
  const special = /(untrusted|pseudo|reopen)/;
  for (const file of findTests(__dirname)) {
    const name = special.exec(path.basename(file))?.[1];
    if (name === suite) mocha.addFile(file);
  }
  // After the whole trusted suite (not a subset chosen by VUED_TEST_GREP, which creates too few
  // keys to scan for), no token or secret may be left anywhere in the user-data dir.
  if (suite === undefined && !process.env.VUED_TEST_GREP) {
    mocha.rootHooks({ afterAll: leakScan });
  }

  let passed = 0;
  let failed = 0;
  let error: unknown;
  try {
    await new Promise<void>((resolve) => {
      const runner = mocha.run(() => resolve());
      runner.on('pass', () => passed++);
      runner.on('fail', () => failed++);
    });
  } catch (e) {
    // A test file that throws while loading ends up here, before any test ran.
    error = e;
    failed++;
    console.error('integration: could not load the tests:', e);
  }
  console.log(`integration: ${passed} passed, ${failed} failed`);
  if (failed > 0) throw error instanceof Error ? error : new Error(`${failed} integration test(s) failed`);
}
