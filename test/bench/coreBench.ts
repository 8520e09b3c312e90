/**
 * Benchmarks of the pure core, in plain Node: run by scripts/bench.mjs as a child process
 * (`node out/test/bench/coreBench.js`), so its heap starts empty and nothing else runs in it.
 * Prints one line `vued-core-bench: {json}` (times in ms).
 *
 * - env: upsertEnvVariable (a new variable appended) on generated 10,000- and 100,000-line `.env`
 *   texts, the two sizes alternated within the same run, medians.
 * - usage: the usage scan row, see usageScanBench().
 * - atomicWrite: updateFile on a 100,000-line `.env` on disk, and its parts; see atomicWriteBench().
 */
import * as fs from 'fs';
import * as os from 'os';
import { createRequire } from 'module';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { parseEnv, upsertEnvVariable } from '../../src/core/dotenv';
import { acquireFileLock } from '../../src/platform/fileLock';
import { updateFile } from '../../src/platform/fileWrite';
import { median, round } from './stats';

export const CORE_BENCH_LINE = 'vued-core-bench: ';



function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

/**
 * A `.env` text of `lines` lines, the mix a large real file has: section comments, blank lines,
 * plain, `export`ed, double- and single-quoted values, inline comments, a few escaped line breaks.
 */
export function generateEnv(lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines; i++) {
    switch (i % 12) {
      case 0:
        out.push(`# --- section ${i / 12} ---`);
        break;
      case 1:
        out.push('');
        break;
      case 2:
        out.push(`export SERVICE_${i}_URL=https://svc-${i}.internal.example:8443/v1`);
        break;
      case 3:
        out.push(`GREETING_${i}="hello world ${i}"`);
        break;
      case 4:
        out.push(`LITERAL_${i}='single quoted ${i} $NOT_EXPANDED'`);
        break;
      case 5:
        out.push(`PORT_${i}=${3000 + (i % 1000)} # inline comment`);
        break;
      case 6:
        out.push(`MULTI_${i}="line one\\nline two ${i}"`);
        break;
      default:
        out.push(`KEY_${i}=${i.toString(36)}_${(i * 2654435761 >>> 0).toString(16)}`);
    }
  }
  return `${out.join('\n')}\n`;
}

export interface EnvBenchResult {
  smallLines: number;
  largeLines: number;
  largeBytes: number;
  smallMedianMs: number;
  largeMedianMs: number;
  ratio: number;
  smallSamplesMs: number[];
  largeSamplesMs: number[];
  /** One parseEnv of each text (upsertEnvVariable parses twice: before, and after to verify). */
  parseSmallMedianMs: number;
  parseLargeMedianMs: number;
}

export function envInsertBench(rounds = 15): EnvBenchResult {
  const small = generateEnv(10_000);
  const large = generateEnv(100_000);
  const insert = (text: string) => upsertEnvVariable(text, 'VUED_API_KEY', 'vued_sk_Zx81kQpLmN0aB3cD4eF5gH6iJ7kL8mN9oP0qR1sT');
  // Check once that the edit is what we mean to time: one line appended, nothing else touched.
  const check = insert(large);
  if (!check.text.startsWith(large) || check.replaced) {
    throw new Error('upsertEnvVariable did not append the new variable to the generated file');
  }
  for (let i = 0; i < 3; i++) {
    insert(small);
    insert(large);
  }
  const smallMs: number[] = [];
  const largeMs: number[] = [];
  const parseSmallMs: number[] = [];
  const parseLargeMs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    // Alternate the order, so neither size always runs right after the other's garbage.
    if (i % 2 === 0) {
      smallMs.push(time(() => insert(small)));
      largeMs.push(time(() => insert(large)));
    } else {
      largeMs.push(time(() => insert(large)));
      smallMs.push(time(() => insert(small)));
    }
    parseSmallMs.push(time(() => parseEnv(small)));
    parseLargeMs.push(time(() => parseEnv(large)));
  }
  const s = median(smallMs);
  const l = median(largeMs);
  return {
    smallLines: 10_000,
    largeLines: 100_000,
    largeBytes: Buffer.byteLength(large),
    smallMedianMs: round(s),
    largeMedianMs: round(l),
    ratio: round(l / s),
    smallSamplesMs: smallMs.map((x) => round(x)),
    largeSamplesMs: largeMs.map((x) => round(x)),
    parseSmallMedianMs: round(median(parseSmallMs)),
    parseLargeMedianMs: round(median(parseLargeMs)),
  };
}

export type UsageBenchResult =
  | { status: 'not built yet'; reason: string }
  | { status: 'error'; reason: string }
  | { status: 'measured'; files: number; lines: number; keys: number; usagesFound: number; medianMs: number; samplesMs: number[]; what: string };

/**
 * ===== USAGE SCAN ROW: "usage scan: 2,000 files / 50,000 lines ≤ 300 ms" =====
 *
 * Times `scanEnvUsages(files, keys)` from src/core/usage.ts (compiled to out/src/core/usage.js)
 * over 2,000 in-memory `.env` texts of 25 lines each (50,000 lines), against 200 keys, a quarter of
 * the files holding one of them. Reading the files from disk is not part of it. When the compiled
 * module is missing or has no `scanEnvUsages`, the row is reported as "not built yet" and no figure
 * is made up. If the scan's signature changes, adapt the call below.
 */
export function usageScanBench(rounds = 9): UsageBenchResult {
  const modulePath = path.join(__dirname, '../../src/core/usage.js');
  if (!fs.existsSync(modulePath)) {
    return { status: 'not built yet', reason: `${path.relative(process.cwd(), modulePath)} does not exist` };
  }
  const mod = createRequire(__filename)(modulePath) as { scanEnvUsages?: unknown };
  if (typeof mod.scanEnvUsages !== 'function') {
    return { status: 'not built yet', reason: 'out/src/core/usage.js does not export scanEnvUsages' };
  }
  const scan = mod.scanEnvUsages as (files: Array<{ path: string; text: string }>, keys: Array<{ id: string; keyPrefix: string }>) => unknown[];

  const FILES = 2_000;
  const LINES_PER_FILE = 25;
  const KEYS = 200;
  const keys = Array.from({ length: KEYS }, (_, k) => {
    const hex = k.toString(16).padStart(4, '0');
    return { id: `aaaa${hex}-0000-4000-8000-000000000000`, keyPrefix: `vued_sk_${hex}` };
  });
  const files: Array<{ path: string; text: string }> = [];
  let holding = 0;
  for (let f = 0; f < FILES; f++) {
    const lines: string[] = [];
    for (let l = 0; l < LINES_PER_FILE; l++) {
      if (l === 12 && f % 4 === 0) {
        const key = keys[f % KEYS];
        lines.push(`VUED_API_KEY=${key.keyPrefix}${'x'.repeat(32)}`);
        holding++;
      } else if (l % 5 === 0) {
        lines.push(`# comment ${f}.${l}`);
      } else {
        lines.push(`VAR_${l}=value-${f}-${l}`);
      }
    }
    files.push({ path: `pkg${f % 50}/app${f}/.env`, text: `${lines.join('\n')}\n` });
  }
  try {
    let found = scan(files, keys).length;
    if (found !== holding) {
      return { status: 'error', reason: `scanEnvUsages found ${found} usages, the corpus holds ${holding}` };
    }
    for (let i = 0; i < 2; i++) scan(files, keys);
    const samples: number[] = [];
    for (let i = 0; i < rounds; i++) {
      samples.push(time(() => (found = scan(files, keys).length)));
    }
    return {
      status: 'measured',
      files: FILES,
      lines: FILES * LINES_PER_FILE,
      keys: KEYS,
      usagesFound: found,
      medianMs: round(median(samples)),
      samplesMs: samples.map((x) => round(x)),
      what: 'scanEnvUsages over in-memory texts (no file reading)',
    };
  } catch (e) {
    return { status: 'error', reason: `scanEnvUsages threw: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/**
 * ===== ATOMIC WRITE ROW: "atomic .env write, 100,000 lines ≤ 50 ms" =====
 *
 * Times updateFile (src/platform/fileWrite.ts) writing a 100,000-line `.env` (2.6 MB) in a temp
 * folder, the plan returning a precomputed text (one line appended), so the figure is the write
 * path alone: lock, re-read, temp file, fsync, rename, folder fsync. Then the same steps one by
 * one, to show what each costs, and the write path before (fs.writeFile: truncate and write in
 * place, no fsync) for comparison. Rounds alternate old and new text, medians.
 */
export async function atomicWriteBench(rounds = 15) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vued-bench-write-'));
  const target = path.join(dir, '.env');
  const a = generateEnv(100_000);
  const b = upsertEnvVariable(a, 'VUED_API_KEY', 'vued_sk_Zx81kQpLmN0aB3cD4eF5gH6iJ7kL8mN9oP0qR1sT').text;
  fs.writeFileSync(target, a);
  const t = async (fn: () => Promise<unknown>) => {
    const t0 = performance.now();
    await fn();
    return performance.now() - t0;
  };
  const s = { updateFile: [] as number[], lock: [] as number[], read: [] as number[], writeTemp: [] as number[], fsync: [] as number[], rename: [] as number[], fsyncFolder: [] as number[], plainWriteFile: [] as number[] };
  try {
    for (let i = 0; i < rounds + 2; i++) {
      const text = i % 2 ? a : b;
      const keep = i >= 2; // two warm-up rounds
      const u = await t(() => updateFile(target, () => ({ write: text })));
      // The same steps, one by one.
      let lock: Awaited<ReturnType<typeof acquireFileLock>> | undefined;
      const l0 = await t(async () => (lock = await acquireFileLock(target)));
      const r = await t(async () => {
        const bytes = await fs.promises.readFile(target);
        if (!Buffer.from(bytes.toString('utf8'), 'utf8').equals(bytes)) throw new Error('not UTF-8');
      });
      const tmp = path.join(dir, `.vued-tmp-bench-${i}`);
      const h = await fs.promises.open(tmp, 'wx', 0o600);
      const w = await t(() => h.writeFile(text));
      const f = await t(() => h.sync());
      await h.close();
      const rn = await t(() => fs.promises.rename(tmp, target));
      const fd = await t(async () => {
        const d = await fs.promises.open(dir, 'r');
        await d.sync();
        await d.close();
      });
      const l1 = await t(() => lock!.release());
      const p = await t(() => fs.promises.writeFile(target, text));
      if (!keep) continue;
      s.updateFile.push(u);
      s.lock.push(l0 + l1);
      s.read.push(r);
      s.writeTemp.push(w);
      s.fsync.push(f);
      s.rename.push(rn);
      s.fsyncFolder.push(fd);
      s.plainWriteFile.push(p);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const med = Object.fromEntries(Object.entries(s).map(([k, v]) => [`${k}MedianMs`, round(median(v))]));
  return { lines: 100_000, bytes: Buffer.byteLength(b), rounds, ...med, updateFileSamplesMs: s.updateFile.map((x) => round(x)) };
}

if (require.main === module) {
  const result: Record<string, unknown> = { node: process.version };
  try {
    result.env = envInsertBench();
  } catch (e) {
    result.envError = e instanceof Error ? e.message : String(e);
  }
  result.usage = usageScanBench();
  atomicWriteBench()
    .then((r) => (result.atomicWrite = r))
    .catch((e: unknown) => (result.atomicWriteError = e instanceof Error ? e.message : String(e)))
    .finally(() => console.log(`${CORE_BENCH_LINE}${JSON.stringify(result)}`));
}
