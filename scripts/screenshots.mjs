#!/usr/bin/env node
// `npm run screenshots`: publishes the UI walk's pictures as the ones the docs show, with proof of
// the build they show.
//
//   node out/test/e2e/uiWalk.js             (first: the walk writes test-results/*.png and
//                                            test-results/screenshots.json)
//   node scripts/screenshots.mjs [--quality 0.7]
//
// The walk's manifest names each picture, the step of the walk that took it, its SHA-256, and the
// build it shows: buildHash() of the tree the walk ran (every file of src/, package.json and
// package.nls.json). This script refuses a manifest of another build or a picture that is not the
// one the manifest names, then:
//   - copies every picture of the walk to docs/screenshots/<name>.png (full size, for the docs);
//   - makes the WebP copy of each picture the README links (media/screenshots/<name>.webp, which
//     the VSIX ships), with chromium's own encoder (playwright-core and Debian's chromium), and
//     removes the copies the README no longer links;
//   - writes docs/screenshots.json: the build, and per picture its step and the SHA-256 of each
//     file written. test/unit/screenshots.test.ts checks it against the README, the committed
//     files and the current tree.
// CHROMIUM overrides the browser path (default /usr/bin/chromium).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withChromium } from './lib/chromium.mjs';

/* global Image, document -- the WebP encoder runs in chromium's page */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Where the walk writes its manifest, and where this script publishes it. */
export const WALK_MANIFEST = 'test-results/screenshots.json';
export const DOCS_MANIFEST = 'docs/screenshots.json';
const DOCS_DIR = 'docs/screenshots';
const WEBP_DIR = 'media/screenshots';

export const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** Every file below `dir` (relative to `base`, with / separators), sorted. */
function filesBelow(base, dir) {
  const out = [];
  for (const e of fs.readdirSync(path.join(base, dir), { withFileTypes: true })) {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) out.push(...filesBelow(base, rel));
    else if (e.isFile()) out.push(rel);
  }
  return out.sort();
}

/**
 * The build a picture shows: a SHA-256 over the path and content of every file of src/, and of
 * package.json and package.nls.json (the manifest's titles, menus and settings are on screen too).
 * Line endings are read as \n, so a checkout with CRLF hashes the same.
 */
export function buildHash(repo = root) {
  const files = [...filesBelow(repo, 'src'), 'package.json', 'package.nls.json'];
  const h = createHash('sha256');
  for (const rel of files) {
    const text = fs.readFileSync(path.join(repo, rel), 'utf8').replace(/\r\n/g, '\n');
    h.update(`${rel}\0${sha256(text)}\n`);
  }
  return h.digest('hex');
}

/** The images a Markdown text shows: `![alt](src)` and `<img src="…">`, as check-vsix reads them. */
export function markdownImages(text) {
  return [...text.matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)|<img[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1] ?? m[2]);
}

function fail(message) {
  console.error(`screenshots: ${message}`);
  process.exit(1);
}

/** Encodes each PNG as WebP in chromium's page: { name: Buffer } in, { name: Buffer } out. */
async function toWebp(pngs, quality) {
  return withChromium('vued-shots-', async (browser) => {
    const out = {};
    const page = await browser.newPage();
    for (const [name, png] of Object.entries(pngs)) {
      const dataUrl = await page.evaluate(
        async ([b64, q]) => {
          const img = new Image();
          img.src = `data:image/png;base64,${b64}`;
          await img.decode();
          const canvas = document.createElement('canvas');
          canvas.width = img.naturalWidth;
          canvas.height = img.naturalHeight;
          canvas.getContext('2d').drawImage(img, 0, 0);
          return canvas.toDataURL('image/webp', q);
        },
        [png.toString('base64'), quality],
      );
      if (!dataUrl.startsWith('data:image/webp;base64,')) throw new Error(`chromium did not encode WebP for ${name}`);
      out[name] = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
    }
    return out;
  });
}

async function main() {
  const qi = process.argv.indexOf('--quality');
  const quality = qi >= 0 ? Number(process.argv[qi + 1]) : 0.7;
  const walkFile = path.join(root, WALK_MANIFEST);
  if (!fs.existsSync(walkFile)) fail(`${WALK_MANIFEST} is missing: run the UI walk first (npx tsc -p . && node esbuild.mjs && node out/test/e2e/uiWalk.js)`);
  const walk = JSON.parse(fs.readFileSync(walkFile, 'utf8'));
  const now = buildHash();
  if (walk.build !== now) {
    fail(`the walk's pictures show build ${walk.build.slice(0, 12)}, but src/ and package.json are build ${now.slice(0, 12)} now: run the UI walk again`);
  }
  if (walk.checks?.failed) console.warn(`screenshots: the walk had ${walk.checks.failed} failed check(s); look at its pictures before committing them`);
  const pngs = {};
  for (const shot of walk.screenshots) {
    const file = path.join(root, 'test-results', shot.file);
    if (!fs.existsSync(file) || sha256(fs.readFileSync(file)) !== shot.sha256) fail(`test-results/${shot.file} is not the picture the walk's manifest names (another run overwrote it?)`);
    pngs[shot.file.replace(/\.png$/, '')] = fs.readFileSync(file);
  }

  // The README's pictures, by name: media/screenshots/<name>.webp, each one the walk took.
  const linked = markdownImages(fs.readFileSync(path.join(root, 'README.md'), 'utf8'));
  const webpNames = [];
  for (const src of linked) {
    const m = new RegExp(`^${WEBP_DIR}/([^/]+)\\.webp$`).exec(src);
    if (!m) fail(`README.md links ${src}: the README's pictures are ${WEBP_DIR}/<name>.webp copies of the walk's pictures`);
    if (!pngs[m[1]]) fail(`README.md links ${src}, but the walk took no ${m[1]}.png (it took ${Object.keys(pngs).join(', ')})`);
    webpNames.push(m[1]);
  }
  const webps = await toWebp(Object.fromEntries(webpNames.map((n) => [n, pngs[n]])), quality);

  fs.mkdirSync(path.join(root, DOCS_DIR), { recursive: true });
  fs.mkdirSync(path.join(root, WEBP_DIR), { recursive: true });
  for (const f of fs.readdirSync(path.join(root, DOCS_DIR))) if (!pngs[f.replace(/\.png$/, '')]) fs.rmSync(path.join(root, DOCS_DIR, f));
  for (const f of fs.readdirSync(path.join(root, WEBP_DIR))) if (!webps[f.replace(/\.webp$/, '')]) fs.rmSync(path.join(root, WEBP_DIR, f));
  const screenshots = [];
  for (const shot of walk.screenshots) {
    const name = shot.file.replace(/\.png$/, '');
    const png = `${DOCS_DIR}/${name}.png`;
    fs.writeFileSync(path.join(root, png), pngs[name]);
    const entry = { step: shot.step, png, sha256: shot.sha256 };
    if (webps[name]) {
      entry.webp = `${WEBP_DIR}/${name}.webp`;
      entry.webpSha256 = sha256(webps[name]);
      fs.writeFileSync(path.join(root, entry.webp), webps[name]);
      console.log(`${entry.webp}: ${(webps[name].length / 1024).toFixed(1)} KB (from ${(pngs[name].length / 1024).toFixed(1)} KB PNG)`);
    }
    screenshots.push(entry);
  }
  const manifest = { build: walk.build, vscode: walk.vscode, takenAt: walk.takenAt, screenshots };
  fs.writeFileSync(path.join(root, DOCS_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`${DOCS_MANIFEST}: ${screenshots.length} pictures of build ${walk.build.slice(0, 12)} (VS Code ${walk.vscode ?? '?'}), ${webpNames.length} linked by the README`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => fail(e instanceof Error ? e.message : String(e)));
}
