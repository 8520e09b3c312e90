// Shared by the project's scripts: run a command with inherited output, resolve to its exit code.
import { spawn } from 'node:child_process';

/**
 * Runs `cmd args` (in `cwd`, with `env` added to ours) and resolves to its exit code: 127 when it
 * could not start, 128 when a signal ended it.
 */
export function run(cmd, args, { cwd, env } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('error', (e) => {
      console.error(`${cmd}: ${e.message}`);
      resolve(127);
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}
