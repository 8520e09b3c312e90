/**
 * The VS Code-free half of asking git about many files at once (src/platform/git.ts): which
 * repository each file is in, the questions to send each repository (a few git processes per
 * repository, however many files), and the verdicts that git's answers give. Asking file by file
 * costs three processes each; a window with a thousand `.env` files would start three thousand.
 */
import type { PlatformPath } from 'path';

/** What git would do with a file: commit it (it is tracked, or not ignored), or not (ignored, or no repository). */
export type GitVerdict = 'tracked' | 'notIgnored' | 'ignored' | 'noRepository';

/** `path.posix` or `path.win32`: how folders of the file system the paths come from are joined and split. */
export type GitPathRules = Pick<PlatformPath, 'dirname' | 'relative' | 'sep'>;

/**
 * The repository a folder is in, found as git finds it: the nearest folder at or above it that
 * holds a `.git` entry (a folder, or the file of a worktree or submodule). Each folder is looked at
 * once, however many files share it or its parents.
 */
export class RepositoryRoots {
  private readonly known = new Map<string, string | null>();

  constructor(
    /** Whether `dir` holds a `.git` entry. */
    private readonly hasGitEntry: (dir: string) => boolean,
    private readonly rules: GitPathRules,
  ) {}

  /** The repository folder of `dir`, or undefined when no folder above it holds a `.git`. */
  rootOf(dir: string): string | undefined {
    const walked: string[] = [];
    let at = dir;
    let found: string | null | undefined;
    for (;;) {
      found = this.known.get(at);
      if (found !== undefined) {
        break;
      }
      walked.push(at);
      if (this.hasGitEntry(at)) {
        found = at;
        break;
      }
      const up = this.rules.dirname(at);
      if (up === at) {
        found = null;
        break;
      }
      at = up;
    }
    for (const w of walked) {
      this.known.set(w, found);
    }
    return found ?? undefined;
  }
}

/** The files of one repository to ask about, each with its path relative to the repository folder (`/`-separated). */
export interface RepositoryQuestion {
  /** The repository folder (where git runs). */
  root: string;
  files: Array<{ file: string; relative: string }>;
}

/** The files grouped by repository (in the order first met), and those in none. */
export function groupByRepository(
  files: readonly string[],
  roots: RepositoryRoots,
  rules: GitPathRules,
): { questions: RepositoryQuestion[]; outside: string[] } {
  const byRoot = new Map<string, RepositoryQuestion>();
  const outside: string[] = [];
  for (const file of new Set(files)) {
    const root = roots.rootOf(rules.dirname(file));
    if (root === undefined) {
      outside.push(file);
      continue;
    }
    let q = byRoot.get(root);
    if (!q) {
      q = { root, files: [] };
      byRoot.set(root, q);
    }
    q.files.push({ file, relative: rules.relative(root, file).split(rules.sep).join('/') });
  }
  return { questions: [...byRoot.values()], outside };
}

/**
 * Items cut into runs whose joined length stays under `maxChars` (a command line has a limit; each
 * run is one process). An item longer than that gets a run of its own.
 */
export function chunkByLength(items: readonly string[], maxChars: number): string[][] {
  const out: string[][] = [];
  let run: string[] = [];
  let length = 0;
  for (const item of items) {
    if (run.length > 0 && length + item.length + 1 > maxChars) {
      out.push(run);
      run = [];
      length = 0;
    }
    run.push(item);
    length += item.length + 1;
  }
  if (run.length > 0) {
    out.push(run);
  }
  return out;
}

/**
 * The verdict of each file of a repository from git's answers: `tracked` (the relative paths
 * `git ls-files` listed), `ignored` (those `git check-ignore` listed, of the files not tracked);
 * undefined when git could not answer (not a repository after all, git missing): every file is
 * then `noRepository`, as for a single file.
 */
export function verdictsOf(question: RepositoryQuestion, tracked: ReadonlySet<string> | undefined, ignored: ReadonlySet<string> | undefined): Map<string, GitVerdict> {
  const out = new Map<string, GitVerdict>();
  for (const { file, relative } of question.files) {
    if (tracked === undefined) {
      out.set(file, 'noRepository');
    } else if (tracked.has(relative)) {
      out.set(file, 'tracked');
    } else if (ignored === undefined) {
      out.set(file, 'noRepository');
    } else {
      out.set(file, ignored.has(relative) ? 'ignored' : 'notIgnored');
    }
  }
  return out;
}
