#!/usr/bin/env node
// Makes the small copies of the README's screenshots that ship in the VSIX: docs/<name>.png (the
// full-size originals, 1400×900 PNG from the UI walk) → media/screenshots/<name>.webp, WebP at
// the same size. Chromium's own encoder does the work (playwright-core with Debian's chromium), so
// no image tool is needed. The README links the copies, so the installed extension's details page
// shows them from the VSIX.
//
//   node scripts/optimize-screenshots.mjs [--quality 0.8]
//
// CHROMIUM overrides the browser path (default /usr/bin/chromium).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

/* global Image, document -- the encoder runs in the page */

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const srcDir = path.join(root, 'docs');
const outDir = path.join(root, 'media/screenshots');
const qi = process.argv.indexOf('--quality');
const quality = qi >= 0 ? Number(process.argv[qi + 1]) : 0.8;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'vued-shots-'));
const env = { ...process.env, HOME: tmp, XDG_CONFIG_HOME: path.join(tmp, 'config'), XDG_CACHE_HOME: path.join(tmp, 'cache') };
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  env,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-breakpad', '--disable-crash-reporter'],
});
try {
  const page = await browser.newPage();
  fs.mkdirSync(outDir, { recursive: true });
  for (const name of fs.readdirSync(srcDir).filter((f) => f.endsWith('.png')).sort()) {
    const png = fs.readFileSync(path.join(srcDir, name));
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
    const webp = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
    const out = path.join(outDir, name.replace(/\.png$/, '.webp'));
    fs.writeFileSync(out, webp);
    console.log(`${path.relative(root, out)}: ${(webp.length / 1024).toFixed(1)} KB (from ${(png.length / 1024).toFixed(1)} KB PNG)`);
  }
} finally {
  await browser.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}
