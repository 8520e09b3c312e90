#!/usr/bin/env node
// The test command (`npm test`): every layer, each with a header and its wall time.
//
//   node scripts/run-tests.mjs            build, lint, unit, package, VS Code host setup, integration (trusted
//                                         and Restricted Mode, in VS Code 1.139 and 1.90), two windows on the
//                                         same user data (--reopen, 1.139 and 1.90), the pseudo-locale
//                                         translation suite (1.139), UI walk
//   node scripts/run-tests.mjs --unit     build, lint, unit only (no VS Code host needed)
//   node scripts/run-tests.mjs --no-e2e   everything but the UI walk
//
// Layers: build (tsc + esbuild), lint (eslint), unit (mocha over out/test/unit/**/*.test.js),
// package (scripts/check-vsix.mjs --build: builds the VSIX and checks its contents, writing
// test-results/vsix.json), host setup (scripts/setup-vscode-host.sh), integration
// (out/test/runCodeServer.js, once per VS Code and trust mode, each writing its
// test-results/integration*.json; and --reopen per VS Code), pseudo-locale (out/test/runCodeServer.js --pseudo: VS Code in qps-ploc,
// writing test-results/integration-pseudo.json), UI walk
// (out/test/e2e/uiWalk.js when it exists, which writes test-results/e2e.json). A failing layer
// does not stop the later ones, so the count is complete; only a failed build stops the run. A
// layer that ends without counts adds 1 failed; a lint failure fails the run without adding to the
// count. The last line printed is always `N passed, M failed`.
// Exit code 0 only when every layer passed and M = 0.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run as runIn } from './lib/run.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = path.join(root, 'test-results');
const argv = process.argv.slice(2);

/** Every *.test.js file below dir, sorted. */
function findTests(dir) {
  if (!fs.existsSync(dir)) return [];
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...findTests(full));
    else if (entry.isFile() && entry.name.endsWith('.test.js')) found.push(full);
  }
  return found.sort();
}

/** Runs a command in the repo root with inherited output; resolves to its exit code. */
const run = (cmd, args, opts = {}) => runIn(cmd, args, { cwd: root, ...opts });

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

// ---- unit worker: `run-tests.mjs --unit-worker <result.json>` (a child process, so a test that
// leaves handles open or crashes cannot take the runner down with it) ----
async function unitWorker(resultFile) {
  const write = (r) => fs.writeFileSync(resultFile, `${JSON.stringify(r)}\n`);
  const files = findTests(path.join(root, 'out/test/unit'));
  if (!files.length) {
    console.log('no unit tests found in out/test/unit');
    write({ passed: 0, failed: 0 });
    process.exit(0);
  }
  const { default: Mocha } = await import('mocha');
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout: 10_000, color: !!process.stdout.isTTY });
  if (process.env.VUED_TEST_GREP) mocha.grep(process.env.VUED_TEST_GREP);
  for (const f of files) mocha.addFile(f);
  await mocha.loadFilesAsync();
  let passed = 0;
  let failed = 0;
  let pending = 0;
  const runner = mocha.run(() => {
    write({ passed, failed, pending, files: files.length });
    process.exit(failed ? 1 : 0);
  });
  runner.on('pass', () => passed++);
  runner.on('fail', () => failed++);
  runner.on('pending', () => pending++);
}

if (argv[0] === '--unit-worker') {
  unitWorker(argv[1]).catch((e) => {
    console.error('unit tests could not be loaded:', e);
    process.exit(1);
  });
} else {
  main();
}

// ---- the runner ----
async function main() {
  const unitOnly = argv.includes('--unit');
  const noE2e = argv.includes('--no-e2e');
  const t0 = Date.now();
  /** @type {{ name: string, status: string, seconds: number }[]} */
  const steps = [];
  let passed = 0;
  let failed = 0;
  let runFailed = false;

  async function step(name, fn) {
    console.log(`\n===== ${name} =====`);
    const start = Date.now();
    let status;
    try {
      status = await fn();
    } catch (e) {
      console.error(e);
      status = { ok: false, note: `crashed: ${e instanceof Error ? e.message : e}` };
    }
    const seconds = (Date.now() - start) / 1000;
    if (!status.ok) runFailed = true;
    const note = status.note ?? (status.ok ? 'ok' : 'FAILED');
    steps.push({ name, status: note, seconds });
    console.log(`===== ${name}: ${note} (${seconds.toFixed(1)} s) =====`);
    return status.ok;
  }

  /** Adds a test layer's counts; a layer that failed without reporting a failure adds one. */
  function count(code, result) {
    if (!result || typeof result.passed !== 'number' || typeof result.failed !== 'number') {
      failed += 1;
      return { ok: false, note: `FAILED without counts (exit ${code}): counted as 1 failed` };
    }
    let f = result.failed;
    if (code !== 0 && f === 0) f = 1;
    passed += result.passed;
    failed += f;
    const extra = `${result.pending ? `, ${result.pending} pending` : ''}${result.vscodeVersion ? `, VS Code ${result.vscodeVersion}` : ''}`;
    return { ok: code === 0 && f === 0, note: `${result.passed} passed, ${f} failed${extra}${code !== 0 && result.failed === 0 ? ` (exit ${code})` : ''}` };
  }

  function finish() {
    const total = (Date.now() - t0) / 1000;
    console.log('\n===== summary =====');
    for (const s of steps) console.log(`${s.name.padEnd(18)} ${s.status.padEnd(60)} ${s.seconds.toFixed(1).padStart(6)} s`);
    console.log(`${'total'.padEnd(18)} ${''.padEnd(60)} ${total.toFixed(1).padStart(6)} s`);
    const ok = !runFailed && failed === 0;
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(ok ? 0 : 1);
  }

  fs.mkdirSync(resultsDir, { recursive: true });

  // a) build: a failure stops the run (nothing later would test the current code)
  const built = await step('build', async () => {
    // out/ afresh: a test file deleted from test/ must not keep running from an earlier compile.
    fs.rmSync(path.join(root, 'out'), { recursive: true, force: true });
    if ((await run('npx', ['tsc', '-p', '.'])) !== 0) return { ok: false, note: 'FAILED: tsc' };
    if ((await run(process.execPath, ['esbuild.mjs'])) !== 0) return { ok: false, note: 'FAILED: esbuild' };
    return { ok: true };
  });
  if (!built) {
    failed += 1;
    finish();
    return;
  }

  // b) lint: fails the run, adds no tests
  await step('lint', async () => ({ ok: (await run('npx', ['eslint', '.'])) === 0 }));

  // c) unit
  await step('unit', async () => {
    const file = path.join(resultsDir, 'unit.json');
    fs.rmSync(file, { force: true });
    const code = await run(process.execPath, [fileURLToPath(import.meta.url), '--unit-worker', file]);
    return count(code, readJson(file));
  });

  if (!unitOnly) {
    // c2) package: `npm run package`, then check that the VSIX holds only what ships
    // (scripts/check-vsix.mjs; each check counts as a test). It puts the development bundle back
    // afterwards, so the layers below run the same bundle as before.
    await step('package', async () => {
      const file = path.join(resultsDir, 'vsix.json');
      fs.rmSync(file, { force: true });
      const code = await run(process.execPath, [path.join(root, 'scripts/check-vsix.mjs'), '--build', '--json', file]);
      return count(code, readJson(file));
    });

    const uiWalk = path.join(root, 'out/test/e2e/uiWalk.js');
    const wantUiWalk = !noE2e && fs.existsSync(uiWalk);

    // d) the VS Code host (idempotent)
    const hostReady = await step('host setup', async () => ({ ok: (await run('bash', ['scripts/setup-vscode-host.sh'])) === 0 }));

    /** A layer that runs in the VS Code host: a node script that writes its counts to `results`. */
    const hostLayer = (name, script, args, results) =>
      step(name, async () => {
        if (!hostReady) {
          failed += 1;
          return { ok: false, note: 'not run (host setup failed): counted as 1 failed' };
        }
        const file = path.join(resultsDir, results);
        fs.rmSync(file, { force: true });
        return count(await run(process.execPath, [script, ...args]), readJson(file));
      });
    const runCodeServer = path.join(root, 'out/test/runCodeServer.js');

    // e) integration, inside code-server's VS Code; then the same host with workspace trust on,
    // for the Restricted Mode suite. Both in VS Code 1.139 and in 1.90, the oldest that
    // engines.vscode claims (each suite prints the VS Code it ran in).
    await hostLayer('integration 1.139', runCodeServer, [], 'integration.json');
    await hostLayer('untrusted 1.139', runCodeServer, ['--untrusted'], 'integration-untrusted.json');
    await hostLayer('integration 1.90', runCodeServer, ['--vscode', '1.90'], 'integration-1.90.json');
    await hostLayer('untrusted 1.90', runCodeServer, ['--untrusted', '--vscode', '1.90'], 'integration-untrusted-1.90.json');
    // Two windows one after the other on the same user data (--reopen): a key kept in the keychain
    // reaches the second window's terminal and debug session, and no byte of it reaches the disk.
    await hostLayer('reopen 1.139', runCodeServer, ['--reopen'], 'integration-reopen.json');
    await hostLayer('reopen 1.90', runCodeServer, ['--reopen', '--vscode', '1.90'], 'integration-reopen-1.90.json');
    // e2) the translation suite in the pseudo-locale: nothing we show may be left in English.
    await hostLayer('pseudo-locale', runCodeServer, ['--pseudo'], 'integration-pseudo.json');

    // f) UI walk through the workbench
    if (noE2e) {
      console.log('\nUI walk skipped (--no-e2e)');
    } else if (!wantUiWalk) {
      console.log(`\nUI walk not present (${path.relative(root, uiWalk)} not built): nothing counted`);
    } else {
      await hostLayer('ui walk', uiWalk, [], 'e2e.json');
    }
  }
  finish();
}

