import { execFile } from 'child_process';
import * as path from 'path';
import { splitNulList } from '../core/editor/sourceFiles';

/** What git would do with a file: nothing to warn about, or it would be committed. */
export type GitExposure =
  | { state: 'noRepository' }
  | { state: 'ignored' }
  | { state: 'notIgnored'; repoRoot: string }
  | { state: 'tracked'; repoRoot: string };

interface GitResult {
  code: number;
  stdout: string;
}

function git(cwd: string, args: string[]): Promise<GitResult | undefined> {
  return new Promise((resolve) => {
    execFile('git', args, { cwd, timeout: 10_000, windowsHide: true }, (err, stdout) => {
      if (err && typeof (err as NodeJS.ErrnoException).code === 'string') {
        resolve(undefined); // git is not installed (ENOENT) or could not start: no warning possible
        return;
      }
      const code = err ? Number((err as { code?: number }).code ?? 1) : 0;
      resolve({ code, stdout: String(stdout) });
    });
  });
}

/**
 * Asks git whether `filePath` (which may not exist yet) would be committed: tracked already
 * (`git ls-files`), or not ignored (`git check-ignore`). No git, or not in a repository → no warning.
 */
export async function gitExposure(filePath: string): Promise<GitExposure> {
  const dir = path.dirname(filePath);
  const top = await git(dir, ['rev-parse', '--show-toplevel']);
  if (!top || top.code !== 0) {
    return { state: 'noRepository' };
  }
  const repoRoot = top.stdout.trim();
  const rel = path.relative(repoRoot, filePath).split(path.sep).join('/');
  const tracked = await git(repoRoot, ['ls-files', '--error-unmatch', '--', rel]);
  if (tracked && tracked.code === 0) {
    return { state: 'tracked', repoRoot };
  }
  const ignored = await git(repoRoot, ['check-ignore', '-q', '--', rel]);
  if (ignored && ignored.code === 0) {
    return { state: 'ignored' };
  }
  if (ignored && ignored.code === 1) {
    return { state: 'notIgnored', repoRoot };
  }
  return { state: 'noRepository' };
}

/**
 * The files under `dir` that git tracks or does not ignore (`git ls-files --cached --others
 * --exclude-standard`), as absolute paths; undefined when `dir` is not in a repository or git cannot run.
 */
export function gitListFiles(dir: string): Promise<string[] | undefined> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
      { cwd: dir, timeout: 60_000, windowsHide: true, maxBuffer: 256 * 1024 * 1024 },
      (err, stdout) => {
        if (err) {
          resolve(undefined); // not a repository (exit 128), git missing, or too much output
          return;
        }
        resolve([...new Set(splitNulList(String(stdout)))].map((p) => path.join(dir, p)));
      },
    );
  });
}
