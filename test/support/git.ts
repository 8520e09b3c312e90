/** git in the repositories the tests make, with one author and no user configuration to trip over. */
import { execFileSync } from 'child_process';

/** An author (a commit needs one, and the machine may have none), no signing, no line-break rewriting. */
const CONFIG = ['-c', 'user.name=Vued Tests', '-c', 'user.email=tests@127.0.0.1', '-c', 'commit.gpgsign=false', '-c', 'core.autocrlf=false'];

/**
 * Runs `git …args` in a folder (or with `input` on its standard input) and returns what it printed;
 * throws, with git's own words, when git fails or exits non-zero.
 */
export function git(where: string | { cwd: string; input: string }, ...args: string[]): string {
  const options = typeof where === 'string' ? { cwd: where } : where;
  return execFileSync('git', [...CONFIG, ...args], { ...options, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
}
