#!/usr/bin/env node
// Renders media/icon.svg to media/icon.png (256×256, transparent corners), the Marketplace icon
// that package.json's "icon" names. Uses playwright-core with Debian's chromium (no browser download).
//
//   node scripts/render-icon.mjs [--check]
//
// --check renders to memory only and exits 1 when media/icon.png is missing or not 256×256.
// CHROMIUM overrides the browser path (default /usr/bin/chromium).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { withChromium } from './lib/chromium.mjs';

const SIZE = 256;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const svgFile = path.join(root, 'media/icon.svg');
const pngFile = path.join(root, 'media/icon.png');

/** Width and height from a PNG's IHDR chunk. */
function pngSize(buf) {
  const signature = '89504e470d0a1a0a';
  if (buf.length < 24 || buf.subarray(0, 8).toString('hex') !== signature || buf.toString('latin1', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG file');
  }
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

async function render() {
  const svg = fs.readFileSync(svgFile, 'utf8');
  return withChromium('vued-icon-', async (browser) => {
    const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE }, deviceScaleFactor: 1 });
    const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:transparent">` +
        `<img id="icon" src="${dataUrl}" width="${SIZE}" height="${SIZE}" style="display:block"></body></html>`,
    );
    await page.locator('#icon').evaluate((img) => (img.complete ? undefined : new Promise((r) => (img.onload = r))));
    return page.screenshot({ clip: { x: 0, y: 0, width: SIZE, height: SIZE }, omitBackground: true, type: 'png' });
  });
}

const check = process.argv.includes('--check');
const png = await render();
const { width, height } = pngSize(png);
if (width !== SIZE || height !== SIZE) {
  console.error(`render-icon: rendered ${width}×${height}, expected ${SIZE}×${SIZE}`);
  process.exit(1);
}
if (check) {
  const ok = fs.existsSync(pngFile) && (() => {
    const s = pngSize(fs.readFileSync(pngFile));
    return s.width === SIZE && s.height === SIZE;
  })();
  console.log(`render-icon: ${path.relative(root, pngFile)} ${ok ? `present, ${SIZE}×${SIZE}` : `missing or not ${SIZE}×${SIZE}`}`);
  process.exit(ok ? 0 : 1);
}
fs.writeFileSync(pngFile, png);
console.log(`render-icon: ${path.relative(root, pngFile)} ${width}×${height}, ${png.length} bytes`);
