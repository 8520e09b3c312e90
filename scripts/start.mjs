#!/usr/bin/env node
// `npm start`: a local sandbox to try the extension by hand, with nothing leaving 127.0.0.1.
//
//   node scripts/start.mjs [--port N] [--api-port N] [--no-build] [--workspace-trust]
//
// Builds (tsc + esbuild), installs the VS Code it runs if needed (scripts/setup-vscode-host.sh
// --only 1.139: Node 24 and code-server 4.139.1, not the older VS Code only the tests use),
// starts the local Vued API (out/test/fixtures/vuedApiServer.js) with a generated dev token and a
// sample organization, and starts code-server (VS Code 1.139) with this repo installed as an
// extension, `vued.apiBaseUrl` pointing at the local API and `vued.defaultOrgId` at the sample
// organization, on a fresh copy of test/fixtures/workspace. Open the printed URL in a browser.
// Ports default to free ones picked by the OS. Ctrl+C stops both servers and removes the temp dirs.
//
// To see code changes: run `node esbuild.mjs --watch` in another terminal, then "Developer: Reload
// Window" in the browser.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { setInterval, clearInterval } from 'node:timers';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { run as runIn } from './lib/run.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const SAMPLE_ORG = { id: '5b1f0c3e-8d2a-4e6b-9c47-1a2b3c4d5e6f', name: 'Sample Org' };

function option(name, fallback) {
  const i = argv.indexOf(name);
  if (i < 0) return fallback;
  const n = Number(argv[i + 1]);
  if (!Number.isInteger(n) || n < 0 || n > 65535) {
    console.error(`${name} needs a port number (0 = any free port)`);
    process.exit(2);
  }
  return n;
}

/** Runs a command in the repo root with inherited output; resolves to its exit code. */
const run = (cmd, args, opts = {}) => runIn(cmd, args, { cwd: root, ...opts });

async function importCompiled(rel) {
  const file = path.join(root, rel);
  if (!fs.existsSync(file)) return undefined;
  const mod = await import(pathToFileURL(file).href);
  return mod.default ?? mod;
}

/** Two sample keys for the sample organization, so the key list is not empty (timestamps in seconds). */
function sampleKeys() {
  const now = Math.floor(Date.now() / 1000);
  const day = 24 * 3600;
  return [
    { id: 'a3c5e7f9-1b2d-4f60-8a1c-3e5f7a9b1c2d', name: 'Sample CI key', keyPrefix: 'vued_sk_Ci7q', scopes: ['read'], createdAt: now - 7 * day, lastUsedAt: now - day, expiresAt: null, revokedAt: null },
    { id: 'b4d6f8a0-2c3e-4a71-9b2d-4f6a8b0c2d3e', name: 'Sample staging key', keyPrefix: 'vued_sk_St4g', scopes: ['read', 'write'], createdAt: now - 2 * day, lastUsedAt: null, expiresAt: now + 28 * day, revokedAt: null },
  ];
}

async function main() {
  const port = option('--port', 0);
  const apiPort = option('--api-port', 0);

  if (!argv.includes('--no-build')) {
    console.log('start: building (tsc + esbuild)');
    if ((await run('npx', ['tsc', '-p', '.'])) !== 0) {
      console.error('start: tsc failed (fix the errors above, or use --no-build to start the last build)');
      process.exit(1);
    }
    if ((await run(process.execPath, ['esbuild.mjs'])) !== 0) process.exit(1);
  }
  if (!fs.existsSync(path.join(root, 'dist/extension.js'))) {
    console.error('start: dist/extension.js is missing: run node esbuild.mjs');
    process.exit(1);
  }
  console.log('start: checking the VS Code host');
  if ((await run('bash', ['scripts/setup-vscode-host.sh', '--only', '1.139'])) !== 0) process.exit(1);

  const harness = await importCompiled('out/test/support/harness/codeServer.js');
  const paths = await importCompiled('out/test/support/harness/paths.js');
  if (!harness || !paths) {
    console.error('start: out/test/support/harness is missing: run npx tsc -p .');
    process.exit(1);
  }

  let api;
  let server;
  let workspace;
  let watcher;
  let stopping = false;
  const stopAll = async (code) => {
    if (stopping) return;
    stopping = true;
    if (watcher) clearInterval(watcher);
    console.log('\nstart: stopping');
    await server?.stop({ keep: code !== 0 }).catch((e) => console.error('start: stopping code-server:', e.message));
    if (server && code !== 0) console.error(`start: code-server logs kept in ${server.tmp}`);
    await api?.close().catch((e) => console.error('start: stopping the local API:', e.message));
    if (workspace) paths.removeWorkspaceCopy(workspace);
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    // The token only exists in this sandbox: the local API accepts it and nothing else. It is not put
    // into code-server's environment (VUED_TOKEN): set it with "Vued: Set Access Token".
    const token = `vued-dev-${randomBytes(16).toString('hex')}`;
    const fixtures = await importCompiled('out/test/fixtures/vuedApiServer.js');
    const userSettings = {};
    if (fixtures?.startVuedApiServer) {
      api = await fixtures.startVuedApiServer({ token, port: apiPort, host: '127.0.0.1', organizations: [SAMPLE_ORG] });
      if (typeof api.seedKeys === 'function') api.seedKeys(SAMPLE_ORG.id, sampleKeys());
      userSettings['vued.apiBaseUrl'] = api.url;
      userSettings['vued.defaultOrgId'] = SAMPLE_ORG.id;
    } else {
      console.warn('start: out/test/fixtures/vuedApiServer.js not built: starting VS Code without the local API');
    }

    workspace = paths.copyFixtureWorkspace('vued-start-');
    server = await harness.startCodeServer({
      port,
      linkExtensions: [root],
      smokeDriver: false,
      userSettings,
      workspaceTrust: argv.includes('--workspace-trust'),
      tmpPrefix: 'vued-start-cs-',
    });
    const url = harness.workbenchUrl(server, { folder: workspace });

    console.log('');
    console.log(`Vued API Keys sandbox: VS Code ${paths.bundledVscodeVersion() ?? ''} (code-server), extension from ${root}`);
    if (api) {
      console.log(`  Local Vued API  ${api.url}  (organization "${SAMPLE_ORG.name}" ${SAMPLE_ORG.id})`);
      console.log(`  Dev token       ${token}`);
      console.log('                  In VS Code: F1 > "Vued: Set Access Token", paste the dev token.');
    }
    console.log(`  Workspace       ${workspace}`);
    console.log(`  Logs            ${server.logFile}`);
    console.log('');
    console.log(`Open ${url}`);
    console.log('Press Ctrl+C to stop');

    // If code-server goes away on its own, clean up and say so.
    watcher = setInterval(() => {
      try {
        process.kill(server.pid, 0);
      } catch {
        console.error('start: code-server exited');
        void stopAll(1);
      }
    }, 2000);
  } catch (e) {
    console.error('start:', e instanceof Error ? e.message : e);
    await stopAll(1);
  }
}

main();
