/**
 * A monorepo-sized workspace on disk for the usage rows of the host bench: 20,000 files, of which
 * 2,000 are `.env` files (a `.env` and a `.env.local` in each of 1,000 packages), with planted
 * values of MONOREPO_KEYS. Written by scripts/bench.mjs into the bench's workspace copy before VS
 * Code starts (so no watcher events), read back by test/bench/hostBench.ts.
 */
import * as fs from 'fs';
import * as path from 'path';

export const MONOREPO_DIR = 'monorepo';
export const MONOREPO_ORG = '7a6b5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d';
const PACKAGES = 1_000;
const OTHER_FILES_PER_PACKAGE = 18;
export const MONOREPO_FILES = PACKAGES * (2 + OTHER_FILES_PER_PACKAGE);
export const MONOREPO_ENV_FILES = PACKAGES * 2;

/** 40 keys; their prefixes are what the planted values start with. */
export const MONOREPO_KEYS = Array.from({ length: 40 }, (_, i) => {
  const n = i.toString(16).padStart(4, '0');
  return { id: `c0c0c0c0-0000-4000-8000-00000000${n}`, name: `Mono key ${i}`, keyPrefix: `vued_sk_m${n}` };
});

/** The package whose `.env` the save rows edit. */
export const SAVED_PACKAGE = 'p0500';

function pkg(i: number): string {
  return `p${String(i).padStart(4, '0')}`;
}

/** A `.env` text: config lines, and in every fourth file one planted key value. */
export function envText(i: number, local: boolean): { text: string; planted: number } {
  const lines = [`# package ${pkg(i)}${local ? ' (local overrides)' : ''}`, `PORT=${3000 + i}`, `NODE_ENV=${local ? 'development' : 'production'}`, `DATABASE_URL="postgres://user:pw@db/${pkg(i)}"`, 'FEATURE_FLAGS=a,b,c', ''];
  let planted = 0;
  if ((i + (local ? 2 : 0)) % 4 === 0) {
    const key = MONOREPO_KEYS[i % MONOREPO_KEYS.length];
    lines.splice(3, 0, `VUED_API_KEY=${key.keyPrefix}${'x'.repeat(24)}${i}`);
    planted = 1;
  }
  return { text: lines.join('\n'), planted };
}

/** Writes the tree under `workspace/monorepo`; returns how many usages were planted. */
export function writeMonorepo(workspace: string): number {
  let planted = 0;
  for (let i = 0; i < PACKAGES; i++) {
    const dir = path.join(workspace, MONOREPO_DIR, 'packages', pkg(i));
    fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
    for (const local of [false, true]) {
      const env = envText(i, local);
      planted += env.planted;
      fs.writeFileSync(path.join(dir, local ? '.env.local' : '.env'), env.text);
    }
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: `@mono/${pkg(i)}`, version: '1.0.0' }));
    fs.writeFileSync(path.join(dir, 'README.md'), `# ${pkg(i)}\n`);
    for (let f = 0; f < OTHER_FILES_PER_PACKAGE - 2; f++) {
      fs.writeFileSync(path.join(dir, 'src', `module${f}.ts`), `export const value${f} = ${i * 100 + f};\n`);
    }
  }
  return planted;
}

export function plantedUsages(): number {
  let planted = 0;
  for (let i = 0; i < PACKAGES; i++) {
    planted += envText(i, false).planted + envText(i, true).planted;
  }
  return planted;
}
