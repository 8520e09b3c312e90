/**
 * Start-up CPU: the extension host's time in OUR code during the first seconds after a window
 * opens, from a CPU profile of the extension host. VS Code's activation figure (activation.ts)
 * covers loading dist/extension.js and its activate() only; this counts everything our files do
 * after that too (dist/main.js a macrotask later, the editor features, the first scans), which
 * runs on the one thread every extension of the window shares.
 *
 * One sample = one fresh code-server (new user-data and extensions dirs) opened on the scenario's
 * workspace in headless chromium, with three extensions installed:
 *   - a profiler (writeProfilerExtension, bench-only, written to a temp folder): it activates on
 *     `*`, starts Node's inspector Profiler in the extension host (sampling every
 *     `samplingIntervalUs`), and `windowMs` later stops it and writes the profile to a file this
 *     module reads;
 *   - our extension: a copy of the unpacked VSIX whose manifest adds the profiler to
 *     `extensionDependencies`, so that VS Code finishes the profiler's activate() before it loads
 *     ours (the profiler also records, once profiling, that none of our files is loaded yet);
 *   - an empty extension with the same activation events, whose activate() only takes the `vscode`
 *     API object: the floor of what the profile charges to an extension that does nothing. It runs
 *     in the same windows, so both figures come from the same conditions.
 * A sample of the profile counts as ours when its stack holds a frame of a .js file in our copy's
 * dist/ (whichever bundles the build makes); see test/bench/cpuProfile.ts for the arithmetic.
 *
 * The window is counted from the extension host's start (the profiler's activation, just before
 * ours), not from the browser's request for the workbench: on a loaded machine the workbench takes
 * 8–13 s to start the extension host, and a window counted from the request would cut our work
 * short by however long that took. The delay is reported with each sample.
 *
 * Sign-in: VS Code in the browser keeps SecretStorage in the window's memory (its web encryption
 * service is never available, so secrets are not persisted), so no token can be stored before a
 * window opens. The signed-in scenarios therefore put the token in VUED_TOKEN in the extension
 * host's environment, which the extension reads first: the window opens signed in, as one opened
 * with a stored token does, and the profile covers everything from the first moment.
 *
 * "View open" and "a .env in an editor": the profiler, right after starting, runs
 * `workbench.view.extension.vued` and opens the file, as a window restored with them open shows
 * them at once (the workbench in a fresh browser profile has no layout to restore).
 *
 * Function names: the VSIX ships minified code. The project's esbuild.mjs is run once more with
 * esbuild's source maps on (sourceMapsOf); when that build's code is byte for byte the shipped
 * file's, the top functions are given as src/ file:line and name, else as dist/ file:line:column.
 */
import { execFileSync } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import { SourceMap, type SourceMapping } from 'module';
import * as os from 'os';
import * as path from 'path';
import type { Organization, PublicApiKey } from '../../src/core/api/types';
import { startVuedApiServer, type VuedApiServer } from '../fixtures/vuedApiServer';
import { apiKey } from '../support/builders';
import { git } from '../support/git';
import { launchBrowser, startCodeServer, type Browser } from '../support/harness/codeServer';
import { repoRoot } from '../support/harness/paths';
import { namedStep, openWorkbench } from '../support/harness/workbench';
import { sleep } from '../support/sleep';
import { inFolders, scriptPath, watchedShare, type CpuProfile, type FunctionTime, type ProfileShare } from './cpuProfile';

export type ScenarioId = 'a' | 'b' | 'c';

interface Scenario {
  id: ScenarioId;
  title: string;
  signedIn: boolean;
  /** Open the Vued view container as the window starts (else the Explorer is shown). */
  viewOpen: boolean;
  /** A file to open in an editor as the window starts, relative to the workspace. */
  openFile?: string;
  /** Writes the workspace into the (empty) folder. */
  write(dir: string): void;
}

/** The figures of one extension in one window (ms; from ProfileShare). */
export interface ExtensionShare {
  cpuMs: number;
  /** Of cpuMs, in samples longer than 1 ms (see ProfileShare.longSamplesMs). */
  longSamplesMs: number;
  longestRunMs: number;
  /** ms after the window was asked for (the browser's request for the workbench). */
  longestRunAtMs: number;
  /** The function of ours the longest run entered through (where, name). */
  longestRunEntry?: string;
  runsOverFrame: number;
  samples: number;
  /** The first sample, ms after the window was asked for. */
  firstAtMs?: number;
}

export interface StartupSample {
  ours: ExtensionShare;
  empty: ExtensionShare;
  /** The profile's length, ms (windowMs, from the profiler's start). */
  profileMs: number;
  /** The browser asked for the workbench → profiling started (the extension host started extensions), ms. */
  profilerStartedAfterOpenMs: number;
  /** The median time between two samples, µs (the requested interval is samplingIntervalUs). */
  medianSampleUs: number;
  /** Requests our extension sent to the local API in the window, e.g. "GET /orgs ×1". */
  apiRequests: string[];
  vscode: string;
  node: string;
  /** Seconds the sample took, server start to stop. */
  seconds: number;
}

export interface TopFunction {
  /** `src/views/apiKeysTree.ts:512` (source-mapped) or `dist/main.js:1:23456`. */
  where: string;
  name: string;
  /** Mean per window, ms. */
  selfMs: number;
  /** Mean per window, ms: self time plus what it called outside our files. */
  ownMs: number;
}

export interface ScenarioResult {
  id: ScenarioId;
  title: string;
  samples: StartupSample[];
  errors: string[];
  /** Our 10 functions with the most self time, mean over the windows. */
  top: TopFunction[];
  /** Our 10 functions with the most time including what they called outside our files (ownMs). */
  topOwn: TopFunction[];
}

export interface StartupCpuResult {
  method: string;
  windowMs: number;
  samplingIntervalUs: number;
  /** How the top functions were named: 'source maps' or why not. */
  names: string;
  scenarios: ScenarioResult[];
}

export interface StartupCpuOptions {
  /** The unpacked extension (a folder with package.json and dist/). Default: the repo. */
  extensionDir?: string;
  runs?: number;
  windowMs?: number;
  samplingIntervalUs?: number;
  scenarios?: ScenarioId[];
  /** Where to keep each window's profile as `<scenario>-<n>.cpuprofile` (DevTools opens them). Default: not kept. */
  profilesDir?: string;
  log?: (line: string) => void;
}

const PROFILER = { publisher: 'vued-bench', name: 'startup-profiler', version: '0.0.1' };
const EMPTY = { publisher: 'vued-bench', name: 'startup-empty', version: '0.0.1' };
const CONFIG_ENV = 'VUED_STARTUP_BENCH';
const ORG: Organization = { id: '2e7c9a41-5b3d-4f60-8a1e-c4d2b7f90a13', name: 'Bench org' };
const PACKAGES = 1_000;
const SOURCE_FILES_PER_PACKAGE = 9;

const idOf = (m: { publisher: string; name: string }): string => `${m.publisher}.${m.name}`;

/** The three keys of the signed-in scenarios; their prefixes are what the planted values start with. */
const KEYS: PublicApiKey[] = [0, 1, 2].map((i) =>
  apiKey(`5a5a5a5a-0000-4000-8000-00000000000${i}`, { name: `Start-up key ${i}`, keyPrefix: `vued_sk_s00${i}`, createdAt: 1_700_000_000 + i }),
);

/** A value of key `k`'s shape (its 12-character prefix, then 36 base62 characters). */
function plantedSecret(k: number, n: number): string {
  return `${KEYS[k].keyPrefix}${n.toString(36).padStart(8, '0')}${'Q7'.repeat(14)}`;
}

function envText(label: string, port: number, secret?: string): string {
  const lines = [`# ${label}`, `PORT=${port}`, 'NODE_ENV=development', `DATABASE_URL="postgres://app:app@localhost:5432/${label.replace(/\W/g, '_')}"`];
  if (secret) lines.push(`VUED_API_KEY=${secret}`);
  lines.push('LOG_LEVEL=info', '');
  return lines.join('\n');
}

/** (a), (b): a small app with one `.env`. */
function writeSmallWorkspace(dir: string): void {
  fs.writeFileSync(path.join(dir, '.env'), envText('app', 3000, plantedSecret(0, 0)));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(path.join(dir, 'src/index.ts'), "const key = process.env.VUED_API_KEY;\nexport const configured = key !== undefined;\n");
}

function pkg(i: number): string {
  return `p${String(i).padStart(4, '0')}`;
}

/** (c): a git repository of PACKAGES packages, each a `.env` and SOURCE_FILES_PER_PACKAGE source files, all committed. */
function writeMonorepoRepo(dir: string): void {
  for (let i = 0; i < PACKAGES; i++) {
    const src = path.join(dir, 'packages', pkg(i), 'src');
    fs.mkdirSync(src, { recursive: true });
    // One .env in four holds a value of one of the keys: usages for the tree to find.
    fs.writeFileSync(path.join(dir, 'packages', pkg(i), '.env'), envText(`packages/${pkg(i)}`, 3000 + i, i % 4 === 0 ? plantedSecret(i % KEYS.length, i) : undefined));
    fs.writeFileSync(path.join(src, 'index.ts'), `${Array.from({ length: SOURCE_FILES_PER_PACKAGE - 1 }, (_, f) => `export * from './module${f}';`).join('\n')}\nexport const apiKey = process.env.VUED_API_KEY;\n`);
    for (let f = 0; f < SOURCE_FILES_PER_PACKAGE - 1; f++) {
      fs.writeFileSync(path.join(src, `module${f}.ts`), `export function value${f}(): number {\n  return ${i * 100 + f};\n}\n`);
    }
  }
  git(dir, 'init', '-q');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'monorepo');
}

const SCENARIOS: readonly Scenario[] = [
  { id: 'a', title: 'one .env, signed out, view hidden', signedIn: false, viewOpen: false, write: writeSmallWorkspace },
  { id: 'b', title: 'one .env, signed in (3 keys), view open, the .env in an editor', signedIn: true, viewOpen: true, openFile: '.env', write: writeSmallWorkspace },
  {
    id: 'c',
    title: `${PACKAGES.toLocaleString('en-US')} packages (git; a .env and ${SOURCE_FILES_PER_PACKAGE} source files each), signed in (3 keys), view open, a .env in an editor`,
    signedIn: true,
    viewOpen: true,
    openFile: `packages/${pkg(0)}/.env`,
    write: writeMonorepoRepo,
  },
];

/**
 * The profiler extension (plain JS, written to a temp folder; see the file comment). It reads
 * its orders from the JSON file named by VUED_STARTUP_BENCH and does nothing without it.
 */
function writeProfilerExtension(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const manifest = { ...PROFILER, displayName: 'Start-up Profiler (bench)', engines: { vscode: '^1.90.0' }, main: './extension.js', activationEvents: ['*'] };
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const source = `'use strict';
const fs = require('fs');
const inspector = require('inspector');
const vscode = require('vscode');

/** For each watched extension: active yet, and which of its files Node has loaded. */
function state(watch) {
  const loaded = Object.keys(require.cache);
  const out = {};
  for (const w of watch) {
    const ext = vscode.extensions.getExtension(w.id);
    out[w.id] = { installed: !!ext, active: !!(ext && ext.isActive), loaded: loaded.filter((f) => w.dirs.some((d) => f.startsWith(d + '/'))) };
  }
  return out;
}

function write(out, result) {
  fs.writeFileSync(out + '.part', JSON.stringify(result));
  fs.renameSync(out + '.part', out);
}

exports.activate = async () => {
  const file = process.env.${CONFIG_ENV};
  if (!file) return;
  const config = JSON.parse(fs.readFileSync(file, 'utf8'));
  const session = new inspector.Session();
  const post = (method, params) => new Promise((resolve, reject) => session.post(method, params || {}, (err, res) => (err ? reject(err) : resolve(res))));
  let startedAt;
  let atStart;
  try {
    session.connect();
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: config.samplingIntervalUs });
    await post('Profiler.start');
    startedAt = Date.now();
    atStart = state(config.watch);
  } catch (e) {
    write(config.out, { error: String((e && e.stack) || e) });
    return;
  }
  const setup = [];
  const note = (what, p) => p.then(() => setup.push({ what, ok: true }), (e) => setup.push({ what, ok: false, error: String((e && e.message) || e) }));
  if (config.openView) note(config.openView, vscode.commands.executeCommand(config.openView));
  for (const f of config.openFiles || []) note(f, vscode.window.showTextDocument(vscode.Uri.file(f), { preview: false }));
  setTimeout(async () => {
    let result;
    try {
      const { profile } = await post('Profiler.stop');
      result = { profile, startedAt, stoppedAt: Date.now(), atStart, atEnd: state(config.watch), setup, vscode: vscode.version, node: process.version };
    } catch (e) {
      result = { error: String((e && e.stack) || e) };
    }
    session.disconnect();
    write(config.out, result);
  }, config.windowMs);
};
`;
  fs.writeFileSync(path.join(dir, 'extension.js'), source);
}

interface Manifest {
  publisher: string;
  name: string;
  version: string;
  engines: Record<string, string>;
  activationEvents?: string[];
  extensionDependencies?: string[];
  contributes?: {
    commands?: { command: string }[];
    views?: Record<string, { id: string }[]>;
    authentication?: { id: string }[];
  };
}

function readManifest(dir: string): Manifest {
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;
}

/** Every event that activates the extension: its own and the ones VS Code (1.74+) adds from its contributions. */
function activationEvents(m: Manifest): string[] {
  return [
    ...(m.activationEvents ?? []),
    ...(m.contributes?.commands ?? []).map((c) => `onCommand:${c.command}`),
    ...Object.values(m.contributes?.views ?? {}).flat().map((v) => `onView:${v.id}`),
    ...(m.contributes?.authentication ?? []).map((a) => `onAuthenticationRequest:${a.id}`),
  ];
}

/** What of an extension folder VS Code reads to run it. */
const RUNTIME_FILES = /^(package\.json|package\.nls(\.[\w-]+)?\.json|dist|l10n|media)$/;

/** Our extension for the bench: the unpacked VSIX's runtime files copied, activated only after the profiler. */
function copyOurExtension(from: string, dir: string): Manifest {
  fs.mkdirSync(dir, { recursive: true });
  for (const entry of fs.readdirSync(from)) {
    if (RUNTIME_FILES.test(entry)) fs.cpSync(path.join(from, entry), path.join(dir, entry), { recursive: true });
  }
  const manifest = readManifest(dir);
  manifest.extensionDependencies = [...(manifest.extensionDependencies ?? []), idOf(PROFILER)];
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** The empty extension: the same activation events as `ours`, an activate() that only takes the API. */
function writeEmptyExtension(dir: string, ours: Manifest): void {
  fs.mkdirSync(path.join(dir, 'dist'), { recursive: true });
  const manifest = {
    ...EMPTY,
    displayName: 'Start-up Empty (bench)',
    engines: ours.engines,
    main: './dist/extension.js',
    activationEvents: activationEvents(ours),
    extensionDependencies: [idOf(PROFILER)],
  };
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  fs.writeFileSync(path.join(dir, 'dist/extension.js'), "'use strict';\nexports.activate = () => {\n  require('vscode');\n};\nexports.deactivate = () => undefined;\n");
}

/** The folder forms under which a linked extension's dist/ can appear (as given, real path, link in the extensions dir). */
function distFolders(dir: string, extensionsDir: string, m: { publisher: string; name: string; version: string }): string[] {
  return [path.join(dir, 'dist'), path.join(fs.realpathSync(dir), 'dist'), path.join(extensionsDir, `${m.publisher}.${m.name}-${m.version}`, 'dist')];
}

// ---------------------------------------------------------------------------------------------
// Names for the minified code

interface Maps {
  /** The shipped dist/ folder the maps are of (as given and its real path). */
  dist: string[];
  /** dist file name → its map, for the files whose code is the shipped file's. */
  byFile: Map<string, { map: SourceMap; dir: string }>;
  note: string;
}

/**
 * Source maps for the shipped dist/ (see the file comment): esbuild.mjs copied into a temp folder
 * next to a stand-in `esbuild` package that turns esbuild's `sourcemap` option on and hands
 * everything else to the real esbuild, then run from the repo with the flags of `npm run package`.
 */
function sourceMapsOf(root: string, shippedDist: string, tmp: string): Maps {
  const byFile = new Map<string, { map: SourceMap; dir: string }>();
  const dist = [shippedDist, fs.realpathSync(shippedDist)];
  try {
    const work = path.join(tmp, 'maps');
    const shim = path.join(work, 'node_modules/esbuild');
    fs.mkdirSync(shim, { recursive: true });
    fs.copyFileSync(path.join(root, 'esbuild.mjs'), path.join(work, 'esbuild.mjs'));
    const real = require.resolve('esbuild', { paths: [root] });
    fs.writeFileSync(path.join(shim, 'package.json'), JSON.stringify({ name: 'esbuild', type: 'module', main: 'index.js' }));
    fs.writeFileSync(
      path.join(shim, 'index.js'),
      `import real from ${JSON.stringify(real)};\n` +
        "const mapped = (o) => ({ ...o, sourcemap: 'external' });\n" +
        'export const context = (o) => real.context(mapped(o));\n' +
        'export const build = (o) => real.build(mapped(o));\n' +
        'export default real;\n',
    );
    const out = path.join(work, 'dist');
    execFileSync(process.execPath, [path.join(work, 'esbuild.mjs'), '--production', '--outdir', out], { cwd: root, stdio: 'pipe' });
    const differ: string[] = [];
    for (const f of fs.readdirSync(shippedDist).filter((n) => n.endsWith('.js'))) {
      const rebuilt = path.join(out, f);
      if (fs.existsSync(`${rebuilt}.map`) && fs.readFileSync(rebuilt).equals(fs.readFileSync(path.join(shippedDist, f)))) {
        byFile.set(f, { map: new SourceMap(JSON.parse(fs.readFileSync(`${rebuilt}.map`, 'utf8'))), dir: out });
      } else {
        differ.push(f);
      }
    }
    return { dist, byFile, note: differ.length ? `source maps; no map for ${differ.join(', ')} (the rebuilt code differs from the shipped file)` : 'source maps' };
  } catch (e) {
    return { dist, byFile, note: `no source maps (${e instanceof Error ? e.message.split('\n')[0] : String(e)}): minified positions` };
  }
}

/** The name a source line gives the function starting at `column`: a declaration, a method, or what it is assigned to. */
function nameInSource(line: string, column: number): string | undefined {
  const after = line.slice(column);
  const declared = /^(?:export\s+)?(?:default\s+)?(?:async\s+)?(?:function\s*\*?\s*|(?:static\s+|get\s+|set\s+|private\s+|public\s+|protected\s+|readonly\s+)*)([A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\s*\(/.exec(after);
  if (declared && !['if', 'for', 'while', 'switch', 'catch', 'return', 'function', 'await', 'new', 'async'].includes(declared[1])) return declared[1];
  const assigned = /([A-Za-z_$][\w$]*)\s*(?::\s*[^=]+)?[=:]\s*(?:async\s*)?(?:function\b\s*)?$/.exec(line.slice(0, column));
  return assigned?.[1];
}

/**
 * A readable name for the function at `line`/`column` of a source file: its own (nameInSource),
 * else, for a callback, "callback in <the function around it>" (the nearest line above that is
 * indented less and declares a function).
 */
function sourceFunctionName(lines: string[], line: number, column: number): string | undefined {
  const own = nameInSource(lines[line] ?? '', column);
  if (own) return own;
  const indent = (l: string) => l.length - l.trimStart().length;
  let depth = indent(lines[line] ?? '');
  for (let i = line - 1; i >= 0 && depth > 0; i--) {
    const l = lines[i];
    if (l.trim() === '' || indent(l) >= depth) continue;
    depth = indent(l);
    const outer = nameInSource(l, depth);
    if (outer && /[({]\s*$|=>\s*$|\{\s*$/.test(l.trimEnd())) return `callback in ${outer}`;
  }
  return undefined;
}

function nameOf(fn: FunctionTime, maps: Maps, root: string): { where: string; name: string } {
  const file = path.basename(fn.file);
  const mapped = maps.dist.includes(path.dirname(fn.file)) ? maps.byFile.get(file) : undefined;
  // findEntry answers {} where the map says nothing: code esbuild wrote itself (its helpers).
  const entry: Partial<SourceMapping> = mapped?.map.findEntry(fn.lineNumber, fn.columnNumber) ?? {};
  if (mapped && entry.originalSource !== undefined && entry.originalLine !== undefined) {
    const source = path.resolve(mapped.dir, entry.originalSource);
    let name: string | undefined;
    try {
      name = sourceFunctionName(fs.readFileSync(source, 'utf8').split('\n'), entry.originalLine, entry.originalColumn ?? 0);
    } catch {
      name = undefined;
    }
    return { where: `${path.relative(root, source)}:${entry.originalLine + 1}`, name: name ?? '(anonymous)' };
  }
  const where = `dist/${file}:${fn.lineNumber + 1}:${fn.columnNumber + 1}`;
  if (fn.lineNumber === 0 && fn.columnNumber === 0 && fn.functionName === '') return { where, name: '(the module loading)' };
  return { where, name: mapped ? `(bundler helper ${fn.functionName || 'anonymous'})` : fn.functionName || '(anonymous)' };
}

// ---------------------------------------------------------------------------------------------
// One window

interface HelperResult {
  profile?: CpuProfile;
  startedAt?: number;
  atStart?: Record<string, { installed: boolean; active: boolean; loaded: string[] }>;
  atEnd?: Record<string, { installed: boolean; active: boolean; loaded: string[] }>;
  setup?: { what: string; ok: boolean; error?: string }[];
  vscode?: string;
  node?: string;
  error?: string;
}

/** One extension's figures, times from the window's opening (`startMs`: the profile's start after it). */
function share(s: ProfileShare, startMs: number, maps: Maps, root: string): ExtensionShare {
  const entry = s.longestRunEntry;
  const fn = entry && { file: scriptPath(entry.url), lineNumber: entry.lineNumber, columnNumber: entry.columnNumber, functionName: entry.functionName, selfMs: 0, ownMs: 0 };
  const named = fn && nameOf(fn, maps, root);
  return {
    cpuMs: s.cpuMs,
    longSamplesMs: s.longSamplesMs,
    longestRunMs: s.longestRunMs,
    longestRunAtMs: startMs + s.longestRunAtMs,
    longestRunEntry: named && `${named.where} ${named.name}`,
    runsOverFrame: s.runsOverFrame,
    samples: s.watchedSamples,
    firstAtMs: s.firstWatchedAtMs === undefined ? undefined : startMs + s.firstWatchedAtMs,
  };
}

async function readWhenWritten(file: string, deadline: number): Promise<HelperResult> {
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline) throw new Error('no profile written: the profiler extension did not run or did not finish');
    await sleep(250);
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as HelperResult;
}

interface Installed {
  profilerDir: string;
  oursDir: string;
  ours: Manifest;
  emptyDir: string;
}

interface WindowResult {
  sample: StartupSample;
  profile: CpuProfile;
  /** Our functions in this window, for the scenario's top list. */
  functions: FunctionTime[];
}

async function oneWindow(
  browser: Browser,
  scenario: Scenario,
  workspace: string,
  ext: Installed,
  opts: Required<Pick<StartupCpuOptions, 'windowMs' | 'samplingIntervalUs' | 'log'>>,
  names: { maps: Maps; root: string },
  tmp: string,
): Promise<WindowResult> {
  const { maps, root } = names;
  const t0 = Date.now();
  const token = `bench_${randomBytes(18).toString('base64url')}`;
  let api: VuedApiServer | undefined;
  if (scenario.signedIn) {
    api = await startVuedApiServer({ token, organizations: [ORG] });
    api.seedKeys(ORG.id, KEYS);
  }
  const work = fs.mkdtempSync(path.join(tmp, `window-${scenario.id}-`));
  const configFile = path.join(work, 'config.json');
  const out = path.join(work, 'profile.json');
  const server = await startCodeServer({
    linkExtensions: [ext.profilerDir, ext.oursDir, ext.emptyDir],
    smokeDriver: false,
    tmpPrefix: 'vued-bench-cs-',
    // VUED_TOKEN empty when signed out: a token in the bench's own environment must not sign (a) in.
    env: { [CONFIG_ENV]: configFile, VUED_TOKEN: scenario.signedIn ? token : '' },
    // Loopback only: signed out, nothing is sent, and nothing could leave this machine if it were.
    userSettings: { 'vued.apiBaseUrl': api?.url ?? 'http://127.0.0.1:9/v1', 'workbench.editor.useModal': 'off' },
  }).catch(async (e: unknown) => {
    await api?.close();
    throw e;
  });
  const oursId = idOf(ext.ours);
  const emptyId = idOf(EMPTY);
  const oursDirs = distFolders(ext.oursDir, server.extensionsDir, ext.ours);
  const emptyDirs = distFolders(ext.emptyDir, server.extensionsDir, EMPTY);
  let ok = false;
  const { page } = browser;
  try {
    const openedAt = Date.now();
    const config = {
      out,
      windowMs: opts.windowMs,
      samplingIntervalUs: opts.samplingIntervalUs,
      watch: [
        { id: oursId, dirs: oursDirs },
        { id: emptyId, dirs: emptyDirs },
      ],
      openView: scenario.viewOpen ? 'workbench.view.extension.vued' : undefined,
      openFiles: scenario.openFile ? [path.join(workspace, scenario.openFile)] : [],
    };
    fs.writeFileSync(configFile, JSON.stringify(config));
    await namedStep('open the workbench', () => openWorkbench(page, server, workspace));
    const result = await namedStep('wait for the profile', () => readWhenWritten(out, openedAt + opts.windowMs + 90_000));
    if (result.error || !result.profile || !result.atStart || !result.atEnd) throw new Error(`the profiler failed: ${result.error ?? 'no profile'}`);
    // The profile must hold everything our extension did: nothing of ours ran before it started.
    for (const id of [oursId, emptyId]) {
      const before = result.atStart[id];
      const after = result.atEnd[id];
      if (!before?.installed) throw new Error(`${id} is not installed in the window`);
      if (before.active || before.loaded.length > 0) throw new Error(`${id} was already ${before.active ? 'active' : `loaded (${before.loaded.join(', ')})`} when profiling started`);
      if (!after?.active) throw new Error(`${id} did not activate within ${opts.windowMs / 1000} s`);
    }
    for (const s of result.setup ?? []) if (!s.ok) throw new Error(`could not open ${s.what}: ${s.error}`);
    if (config.openView && !result.setup?.some((s) => s.what === config.openView)) throw new Error('the view did not open within the window');
    const requests = new Map<string, number>();
    for (const r of api?.requests ?? []) {
      const key = `${r.method} ${r.path.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, '{id}')}`;
      requests.set(key, (requests.get(key) ?? 0) + 1);
    }
    if (scenario.signedIn && scenario.viewOpen && requests.size === 0) throw new Error('signed in with the view open, yet nothing reached the local API');
    const ours = watchedShare(result.profile, inFolders(oursDirs));
    const empty = watchedShare(result.profile, inFolders(emptyDirs));
    if (ours.watchedSamples === 0) throw new Error(`no sample in our files although they loaded (${result.atEnd[oursId].loaded.join(', ')})`);
    ok = true;
    const startMs = (result.startedAt ?? openedAt) - openedAt;
    return {
      sample: {
        ours: share(ours, startMs, maps, root),
        empty: share(empty, startMs, maps, root),
        profileMs: ours.profileMs,
        profilerStartedAfterOpenMs: startMs,
        medianSampleUs: ours.medianSampleUs,
        apiRequests: [...requests].map(([k, n]) => `${k} ×${n}`),
        vscode: result.vscode ?? '?',
        node: result.node ?? '?',
        seconds: Math.round((Date.now() - t0) / 100) / 10,
      },
      functions: ours.functions,
      profile: result.profile,
    };
  } finally {
    if (!ok) await page.screenshot({ path: path.join(server.tmp, 'failure.png') }).catch(() => undefined);
    await page.goto('about:blank').catch(() => undefined);
    await server.stop({ keep: !ok });
    if (!ok) opts.log(`start-up (${scenario.id}): code-server logs and failure.png kept in ${server.tmp}`);
    await api?.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Our `n` functions with the most `by` time over the windows of a scenario, mean self and own time per window. */
function topFunctions(perWindow: FunctionTime[][], maps: Maps, root: string, by: 'selfMs' | 'ownMs', n = 10): TopFunction[] {
  const sum = new Map<string, { fn: FunctionTime; selfMs: number; ownMs: number }>();
  for (const fns of perWindow) {
    for (const fn of fns) {
      const key = `${path.basename(fn.file)}:${fn.lineNumber}:${fn.columnNumber}:${fn.functionName}`;
      const s = sum.get(key) ?? { fn, selfMs: 0, ownMs: 0 };
      s.selfMs += fn.selfMs;
      s.ownMs += fn.ownMs;
      sum.set(key, s);
    }
  }
  const windows = Math.max(1, perWindow.length);
  return [...sum.values()]
    .sort((a, b) => b[by] - a[by] || b.selfMs + b.ownMs - a.selfMs - a.ownMs)
    .slice(0, n)
    .map((s) => ({ ...nameOf(s.fn, maps, root), selfMs: s.selfMs / windows, ownMs: s.ownMs / windows }));
}

/**
 * `runs` fresh windows per scenario (a, b, c by default), each profiled for `windowMs` from its
 * extension host's start (just before our activation). * opened. `extensionDir`: the unpacked VSIX (scripts/bench.mjs) or the repo.
 */
export async function measureStartupCpu(options: StartupCpuOptions = {}): Promise<StartupCpuResult> {
  const root = repoRoot();
  const extensionDir = options.extensionDir ?? root;
  const runs = options.runs ?? 3;
  const windowMs = options.windowMs ?? 20_000;
  const samplingIntervalUs = options.samplingIntervalUs ?? 100;
  const log = options.log ?? (() => undefined);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vued-bench-startup-'));
  const result: StartupCpuResult = {
    method:
      `CPU profile of the extension host (Node inspector, ${samplingIntervalUs} µs sampling) from just before our activation, for ${windowMs / 1000} s; ` +
      "samples whose stack holds a frame of our dist/*.js; an empty extension with the same activation events in the same windows; fresh code-server per window",
    windowMs,
    samplingIntervalUs,
    names: '',
    scenarios: [],
  };
  let browser: Browser | undefined;
  try {
    const ext: Installed = { profilerDir: path.join(tmp, 'profiler'), oursDir: path.join(tmp, 'ours'), emptyDir: path.join(tmp, 'empty'), ours: undefined as unknown as Manifest };
    writeProfilerExtension(ext.profilerDir);
    ext.ours = copyOurExtension(extensionDir, ext.oursDir);
    writeEmptyExtension(ext.emptyDir, ext.ours);
    const maps = sourceMapsOf(root, path.join(ext.oursDir, 'dist'), tmp);
    result.names = maps.note;
    browser = await launchBrowser({ handleSignals: false });
    for (const scenario of SCENARIOS.filter((s) => !options.scenarios || options.scenarios.includes(s.id))) {
      const res: ScenarioResult = { id: scenario.id, title: scenario.title, samples: [], errors: [], top: [], topOwn: [] };
      result.scenarios.push(res);
      const workspace = fs.mkdtempSync(path.join(tmp, `ws-${scenario.id}-`));
      const perWindow: FunctionTime[][] = [];
      try {
        const w0 = Date.now();
        scenario.write(workspace);
        log(`start-up (${scenario.id}): workspace written in ${((Date.now() - w0) / 1000).toFixed(1)} s`);
        for (let i = 0; i < runs; i++) {
          try {
            const { sample: s, functions, profile } = await oneWindow(browser, scenario, workspace, ext, { windowMs, samplingIntervalUs, log }, { maps, root }, tmp);
            res.samples.push(s);
            perWindow.push(functions);
            if (options.profilesDir) {
              fs.mkdirSync(options.profilesDir, { recursive: true });
              fs.writeFileSync(path.join(options.profilesDir, `${scenario.id}-${i + 1}.cpuprofile`), JSON.stringify(profile));
            }
            log(
              `start-up (${scenario.id}) ${i + 1}/${runs}: ours ${s.ours.cpuMs.toFixed(1)} ms, longest run ${s.ours.longestRunMs.toFixed(1)} ms; ` +
                `empty ${s.empty.cpuMs.toFixed(1)} ms; extension host started ${(s.profilerStartedAfterOpenMs / 1000).toFixed(1)} s after the window was asked for; ${s.seconds} s`,
            );
          } catch (e) {
            const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
            res.errors.push(msg);
            log(`start-up (${scenario.id}) ${i + 1}/${runs}: failed: ${msg}`);
          }
        }
      } finally {
        fs.rmSync(workspace, { recursive: true, force: true });
      }
      res.top = topFunctions(perWindow, maps, root, 'selfMs');
      res.topOwn = topFunctions(perWindow, maps, root, 'ownMs');
    }
  } finally {
    await browser?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return result;
}
