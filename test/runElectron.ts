/**
 * The same integration suite in VS Code desktop, through @vscode/test-electron — for machines
 * that can download VS Code from update.code.visualstudio.com (a developer laptop, most CI).
 * Machines that reach only the npm registry cannot (getaddrinfo ENOTFOUND): use
 * test/runCodeServer.ts there, which runs the suite in code-server's VS Code.
 *
 *   npx tsc -p . && node esbuild.mjs && node out/test/runElectron.js
 *
 * Downloads VS Code into .vscode-test/ (git-ignored) on first use; VUED_VSCODE_VERSION picks a
 * version ('stable' by default, or e.g. '1.90.0', the oldest engine the manifest accepts).
 * On Linux without a display, run it under xvfb-run. VUED_TEST_GREP and VUED_TEST_EXTENSION_ENV
 * work as for runCodeServer. The suite prints `integration: N passed, M failed` at the end.
 */
import * as path from 'path';
import { runTests } from '@vscode/test-electron';
import { copyFixtureWorkspace, removeWorkspaceCopy, repoRoot } from './support/harness/paths';

async function main(): Promise<number> {
  const extensionDevelopmentPath = repoRoot();
  const extensionTestsPath = path.join(__dirname, 'integration', 'index.js');
  const extensionTestsEnv: Record<string, string> = {};
  if (process.env.VUED_TEST_EXTENSION_ENV) {
    for (const [k, v] of Object.entries(JSON.parse(process.env.VUED_TEST_EXTENSION_ENV) as Record<string, unknown>)) {
      extensionTestsEnv[k] = String(v);
    }
  }
  if (process.env.VUED_TEST_GREP) extensionTestsEnv.VUED_TEST_GREP = process.env.VUED_TEST_GREP;

  const workspace = copyFixtureWorkspace();
  try {
    return await runTests({
      version: process.env.VUED_VSCODE_VERSION || 'stable',
      extensionDevelopmentPath,
      extensionTestsPath,
      extensionTestsEnv,
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
  } finally {
    removeWorkspaceCopy(workspace);
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error('integration (electron): failed:', e instanceof Error ? e.message : e);
    process.exit(1);
  },
);
