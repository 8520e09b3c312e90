import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { chunkByLength, type GitVerdict, groupByRepository, RepositoryRoots, verdictsOf } from '../core/common/gitExposure';
import { splitNulList } from '../core/editor/sourceFiles';

export type { GitVerdict };

interface GitResult {
  code: number;
  stdout: string;
}

/** Runs git in `cwd`; undefined when git is not installed or could not start. `input` goes to its stdin. */
function git(cwd: string, args: string[], input?: string): Promise<GitResult | undefined> {
  return new Promise((resolve) => {
    const child = execFile('git', args, { cwd, timeout: 10_000, windowsHide: true, maxBuffer: 64 * 1024 * 1024 }, (err, stdout) => {
      if (err && typeof (err as NodeJS.ErrnoException).code === 'string') {
        resolve(undefined); // git is not installed (ENOENT) or could not start: no warning possible
        return;
      }
      const code = err ? Number((err as { code?: number }).code ?? 1) : 0;
      resolve({ code, stdout: String(stdout) });
    });
    // A git that exits before reading everything closes its stdin: that is its answer, not an error.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input ?? '');
  });
}

/** How long one command line of paths may get (Windows allows 32,767 characters). */
const MAX_PATHS_CHARS = 24_000;

export interface GitAskOptions {
  /** Called between files while they are sorted by repository (a long list yields there). */
  pace?: () => Promise<void>;
  /** Told of each git process started (tests count them). */
  onSpawn?: (args: readonly string[]) => void;
}

/**
 * What git would do with each file (which may not exist yet): tracked already, not ignored (it
 * would be committed), ignored, or no repository. One `git ls-files` and one `git check-ignore
 * --stdin` per repository (more only for a command line too long), however many files: never a
 * process per file. No git, or not in a repository → no warning.
 */
export async function gitVerdicts(files: readonly string[], options: GitAskOptions = {}): Promise<Map<string, GitVerdict>> {
  const roots = new RepositoryRoots((dir) => fs.existsSync(path.join(dir, '.git')), path);
  for (const file of files) {
    roots.rootOf(path.dirname(file));
    await options.pace?.();
  }
  const { questions, outside } = groupByRepository(files, roots, path);
  const out = new Map<string, GitVerdict>(outside.map((f) => [f, 'noRepository']));
  const run = (cwd: string, args: string[], input?: string) => {
    options.onSpawn?.(args);
    return git(cwd, args, input);
  };
  for (const q of questions) {
    let tracked: Set<string> | undefined = new Set();
    for (const chunk of chunkByLength(q.files.map((f) => f.relative), MAX_PATHS_CHARS)) {
      const listed = await run(q.root, ['--literal-pathspecs', 'ls-files', '-z', '--cached', '--', ...chunk]);
      if (!listed || listed.code !== 0) {
        tracked = undefined; // not a repository after all (exit 128), or git missing
        break;
      }
      splitNulList(listed.stdout).forEach((p) => tracked!.add(p));
    }
    let ignored: Set<string> | undefined;
    const known = tracked;
    const untracked = known ? q.files.map((f) => f.relative).filter((p) => !known.has(p)) : [];
    if (known && untracked.length > 0) {
      const answer = await run(q.root, ['check-ignore', '-z', '--stdin'], `${untracked.join('\0')}\0`);
      // 0: some are ignored, 1: none is; anything else is an error.
      ignored = answer && (answer.code === 0 || answer.code === 1) ? new Set(splitNulList(answer.stdout)) : undefined;
    } else {
      ignored = new Set();
    }
    verdictsOf(q, tracked, ignored).forEach((v, f) => out.set(f, v));
  }
  return out;
}

/** What git would do with one file (see gitVerdicts). */
export async function gitVerdict(filePath: string): Promise<GitVerdict> {
  return (await gitVerdicts([filePath])).get(filePath) ?? 'noRepository';
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
