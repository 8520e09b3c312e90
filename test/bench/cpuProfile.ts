/**
 * What a V8 CPU profile (the `Profiler.stop` answer of Node's inspector, the format of a
 * `.cpuprofile` file) says about one extension's code: how much of the profiled thread's time had
 * a frame of its files on the stack, the longest stretch of consecutive such samples, and which of
 * its functions the time was in. Plain Node: the start-up bench (test/bench/startupCpu.ts) applies
 * it to the extension host's profile, the unit tests to profiles of this process.
 *
 * Time of a sample: V8 takes a sample, then the next one `timeDeltas[i + 1]` µs later; the stack it
 * recorded is charged with that gap (the last sample with the gap to the profile's end), as Chrome's
 * DevTools does.
 */
import { fileURLToPath } from 'url';
import { median } from './stats';

export interface CallFrame {
  functionName: string;
  scriptId: string;
  url: string;
  /** 0-based, of the function's start. */
  lineNumber: number;
  columnNumber: number;
}

export interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  /** µs, on the profiler's clock. */
  startTime: number;
  endTime: number;
  /** The leaf node of each sample. */
  samples?: number[];
  /** µs since the previous sample (the first: since startTime). */
  timeDeltas?: number[];
}

/** One function of the watched files, by where it starts. */
export interface FunctionTime {
  /** The script's path (a file: URL made a path). */
  file: string;
  /** 0-based, as V8 reports them. */
  lineNumber: number;
  columnNumber: number;
  /** V8's name for it (the minified name in a minified bundle; '' when anonymous). */
  functionName: string;
  /** ms with this function as the leaf of the stack. */
  selfMs: number;
  /**
   * ms with this function as the watched frame nearest the leaf: its self time plus the time in
   * what it called outside the watched files (VS Code's API, Node's modules).
   */
  ownMs: number;
}

export interface ProfileShare {
  /** The whole profile, ms. */
  profileMs: number;
  samples: number;
  /** Samples whose stack holds a frame of the watched files. */
  watchedSamples: number;
  /** Their time, ms. */
  cpuMs: number;
  /**
   * The part of cpuMs in samples longer than `longSampleMs`: the sampler did not look for that
   * long (a loaded machine, or a blocking system call such as spawning a process), and the whole
   * gap is charged to the stack seen before it.
   */
  longSamplesMs: number;
  /** The median time between two samples of the profile, µs. */
  medianSampleUs: number;
  /**
   * The longest run of consecutive watched samples, ms. Garbage collection samples between two
   * watched samples (the collector has no JS stack) are part of the run: it stopped the same task.
   * A run can span two tasks when the event loop went from one to the next between two samples
   * with nothing else to run: it is the longest the thread was seen busy in the watched code.
   */
  longestRunMs: number;
  /** When it started, ms from the profile's start. */
  longestRunAtMs: number;
  /**
   * Where the longest run entered the watched code: the watched frame nearest the root that most
   * of its samples share (the task's entry point, such as a timer callback or an event handler).
   */
  longestRunEntry?: CallFrame;
  /** Runs longer than `frameMs`. */
  runsOverFrame: number;
  /** The first watched sample, ms from the profile's start (undefined: none). */
  firstWatchedAtMs?: number;
  /** Every function of the watched files that was sampled, most self time first. */
  functions: FunctionTime[];
}

const GC = '(garbage collector)';

/** The path of a profile's script URL: `file:///x/y.js` → `/x/y.js`; a plain path stays; anything else → ''. */
export function scriptPath(url: string): string {
  if (url.startsWith('file:')) {
    try {
      return fileURLToPath(url);
    } catch {
      return '';
    }
  }
  return url.startsWith('/') ? url : '';
}

/** Each sample's time in µs (see the file comment). */
export function sampleDurations(profile: CpuProfile): number[] {
  const deltas = profile.timeDeltas ?? [];
  const n = profile.samples?.length ?? 0;
  const out = new Array<number>(n);
  let at = profile.startTime;
  const stamps = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    at += deltas[i] ?? 0;
    stamps[i] = at;
  }
  for (let i = 0; i < n; i++) {
    const next = i + 1 < n ? stamps[i + 1] : Math.max(profile.endTime, stamps[i]);
    out[i] = Math.max(0, next - stamps[i]);
  }
  return out;
}

/**
 * The share of the files `isWatched(path)` accepts in `profile`. `frameMs`: the length a run must
 * exceed to count in runsOverFrame (default 16, one frame at 60 Hz); `longSampleMs`: see longSamplesMs.
 */
export function watchedShare(profile: CpuProfile, isWatched: (file: string) => boolean, { frameMs = 16, longSampleMs = 1 }: { frameMs?: number; longSampleMs?: number } = {}): ProfileShare {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const pathOf = new Map<string, string>();
  const watchedUrl = (url: string): boolean => {
    let p = pathOf.get(url);
    if (p === undefined) {
      const file = scriptPath(url);
      p = file !== '' && isWatched(file) ? file : '';
      pathOf.set(url, p);
    }
    return p !== '';
  };
  // For each node: the watched frame nearest the leaf (innermost) and nearest the root (outermost)
  // on its stack, itself included; 0 when there is none. Stacks are a few hundred frames at most.
  const innermost = new Map<number, number>();
  const outermost = new Map<number, number>();
  const isWatchedNode = (id: number): boolean => {
    const node = byId.get(id);
    return node !== undefined && watchedUrl(node.callFrame.url);
  };
  const innermostWatched = (id: number): number => {
    let found = innermost.get(id);
    if (found === undefined) {
      const up = parent.get(id);
      found = isWatchedNode(id) ? id : up === undefined ? 0 : innermostWatched(up);
      innermost.set(id, found);
    }
    return found;
  };
  const outermostWatched = (id: number): number => {
    let found = outermost.get(id);
    if (found === undefined) {
      const up = parent.get(id);
      found = (up === undefined ? 0 : outermostWatched(up)) || (isWatchedNode(id) ? id : 0);
      outermost.set(id, found);
    }
    return found;
  };

  const samples = profile.samples ?? [];
  const durations = sampleDurations(profile);
  const fnTimes = new Map<number, { selfUs: number; ownUs: number }>();
  const time = (id: number) => {
    let t = fnTimes.get(id);
    if (!t) fnTimes.set(id, (t = { selfUs: 0, ownUs: 0 }));
    return t;
  };
  let cpuUs = 0;
  let longUs = 0;
  let watchedSamples = 0;
  let firstAtUs: number | undefined;
  let elapsedUs = 0;
  let runUs = 0;
  let runStartUs = 0;
  let gcPendingUs = 0;
  let longestUs = 0;
  let longestAtUs = 0;
  let runsOverFrame = 0;
  let runEntries: number[] = [];
  let longestEntries: number[] = [];
  const endRun = () => {
    if (runUs > longestUs) {
      longestUs = runUs;
      longestAtUs = runStartUs;
      longestEntries = runEntries;
    }
    runEntries = [];
    if (runUs > frameMs * 1000) runsOverFrame++;
    runUs = 0;
    gcPendingUs = 0;
  };
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i];
    const us = durations[i];
    const sampledAtUs = elapsedUs + (deltas[i] ?? 0);
    elapsedUs = sampledAtUs;
    const watched = innermostWatched(id);
    if (watched !== 0) {
      watchedSamples++;
      cpuUs += us;
      if (us > longSampleMs * 1000) longUs += us;
      firstAtUs ??= sampledAtUs;
      time(watched).ownUs += us;
      if (watched === id) time(id).selfUs += us;
      if (runUs === 0) runStartUs = sampledAtUs;
      runEntries.push(outermostWatched(id));
      runUs += gcPendingUs + us;
      gcPendingUs = 0;
    } else if (runUs > 0 && byId.get(id)?.callFrame.functionName === GC) {
      gcPendingUs += us;
    } else if (runUs > 0) {
      endRun();
    }
  }
  if (runUs > 0) endRun();

  // One entry per function: V8 may make several nodes of one function (one per call path).
  const byFunction = new Map<string, { frame: CallFrame; selfUs: number; ownUs: number }>();
  for (const [id, t] of fnTimes) {
    const f = byId.get(id)!.callFrame;
    const key = `${f.url}:${f.lineNumber}:${f.columnNumber}:${f.functionName}`;
    const entry = byFunction.get(key) ?? { frame: f, selfUs: 0, ownUs: 0 };
    entry.selfUs += t.selfUs;
    entry.ownUs += t.ownUs;
    byFunction.set(key, entry);
  }
  const functions: FunctionTime[] = [...byFunction.values()].map(({ frame: f, selfUs, ownUs }) => ({
    file: scriptPath(f.url),
    lineNumber: f.lineNumber,
    columnNumber: f.columnNumber,
    functionName: f.functionName,
    selfMs: selfUs / 1000,
    ownMs: ownUs / 1000,
  }));
  functions.sort((a, b) => b.selfMs - a.selfMs || b.ownMs - a.ownMs);
  const entryCount = new Map<string, { frame: CallFrame; n: number }>();
  for (const id of longestEntries) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const key = `${frame.url}:${frame.lineNumber}:${frame.columnNumber}:${frame.functionName}`;
    const e = entryCount.get(key) ?? { frame, n: 0 };
    e.n++;
    entryCount.set(key, e);
  }
  const longestRunEntry = [...entryCount.values()].sort((a, b) => b.n - a.n)[0]?.frame;
  return {
    profileMs: (profile.endTime - profile.startTime) / 1000,
    samples: samples.length,
    watchedSamples,
    cpuMs: cpuUs / 1000,
    longSamplesMs: longUs / 1000,
    medianSampleUs: durations.length ? median(durations) : 0,
    longestRunMs: longestUs / 1000,
    longestRunAtMs: longestAtUs / 1000,
    longestRunEntry,
    runsOverFrame,
    firstWatchedAtMs: firstAtUs === undefined ? undefined : firstAtUs / 1000,
    functions,
  };
}

/** A predicate for watchedShare: the .js files directly in any of `dirs` (each a folder path). */
export function inFolders(dirs: readonly string[]): (file: string) => boolean {
  const prefixes = [...new Set(dirs.map((d) => (d.endsWith('/') ? d : `${d}/`)))];
  return (file) => file.endsWith('.js') && prefixes.some((p) => file.startsWith(p) && !file.slice(p.length).includes('/'));
}
