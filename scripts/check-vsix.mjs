#!/usr/bin/env node
// Checks what the VSIX holds: only what the extension needs at run time and what the Marketplace
// shows, nothing of the sources, tests, source maps, node_modules or dotfiles.
//
//   node scripts/check-vsix.mjs [--build] [--json <file>] [<file.vsix>]
//
//   --build        first run `npm run package` (production bundle + vsce), and afterwards put the
//                  development bundle back (`node esbuild.mjs`), so later test layers run the same
//                  bundle, with its source map, as before
//   --json <file>  write { passed, failed, checks } there (scripts/run-tests.mjs reads it)
//   <file.vsix>    default vued-api-keys.vsix (what `npm run package` writes)
//
// A VSIX is a zip file; it is read here with a small reader of the zip's central directory (and
// zlib for inflating), so no unzip tool or dependency is needed. Exit code 0 when every check passed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { run as runIn } from './lib/run.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The entries of a zip file, from its central directory: name, sizes, compression method and
 * where the entry's local header is. Throws on anything that is not a plain (non-zip64) zip.
 */
export function readZipEntries(buf) {
  const EOCD = 0x06054b50;
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory record)');
  const count = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  const offset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff) throw new Error('zip64 archives are not supported');
  if (offset + size > eocd) throw new Error('corrupt zip: central directory out of range');
  const entries = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`corrupt zip: bad central directory entry ${n}`);
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const localHeader = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    entries.push({ name, method, compressedSize, uncompressedSize, localHeader });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The bytes of one entry (stored or deflated). */
export function readZipEntry(buf, entry) {
  const h = entry.localHeader;
  if (buf.readUInt32LE(h) !== 0x04034b50) throw new Error(`corrupt zip: bad local header for ${entry.name}`);
  const start = h + 30 + buf.readUInt16LE(h + 26) + buf.readUInt16LE(h + 28);
  const data = buf.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return Buffer.from(data);
  if (entry.method === 8) return zlib.inflateRawSync(data);
  throw new Error(`${entry.name}: unsupported compression method ${entry.method}`);
}

/** Unpacks a zip into `dir` (entries with absolute paths or `..` are refused). */
export function extractZip(buf, dir) {
  for (const entry of readZipEntries(buf)) {
    if (entry.name.endsWith('/')) continue;
    const target = path.resolve(dir, entry.name);
    if (!target.startsWith(path.resolve(dir) + path.sep)) throw new Error(`refusing to unpack ${entry.name} outside ${dir}`);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, readZipEntry(buf, entry));
  }
}

// What may be in the package: vsce's own two files, and under extension/ the manifest (with its
// localized strings, package.nls[.<locale>].json, which VS Code reads next to it), the two bundles,
// media/**, and the readme, changelog, license and security model (vsce writes them as readme.md,
// changelog.md, LICENSE.txt, SECURITY.md; the case is not checked). .vscodeignore holds the same list.
const ALLOWED = [
  /^\[Content_Types\]\.xml$/,
  /^extension\.vsixmanifest$/,
  /^extension\/package\.json$/,
  /^extension\/package\.nls(\.[A-Za-z-]+)?\.json$/,
  /^extension\/l10n\/bundle\.l10n(\.[A-Za-z-]+)?\.json$/,
  /^extension\/dist\/(extension|features)\.js$/,
  /^extension\/media\/(?!.*(?:^|\/)\.)[^]+$/,
  /^extension\/readme\.md$/i,
  /^extension\/changelog\.md$/i,
  /^extension\/license(\.txt|\.md)?$/i,
  /^extension\/security\.md$/i,
];
const REQUIRED = [
  ['[Content_Types].xml', (n) => n === '[Content_Types].xml'],
  ['extension.vsixmanifest', (n) => n === 'extension.vsixmanifest'],
  ['extension/package.json', (n) => n === 'extension/package.json'],
  ['extension/dist/extension.js', (n) => n === 'extension/dist/extension.js'],
  ['extension/dist/features.js', (n) => n === 'extension/dist/features.js'],
  ['extension/README.md', (n) => /^extension\/readme\.md$/i.test(n)],
  ['extension/CHANGELOG.md', (n) => /^extension\/changelog\.md$/i.test(n)],
  ['extension/LICENSE(.txt)', (n) => /^extension\/license(\.txt|\.md)?$/i.test(n)],
  ['extension/SECURITY.md', (n) => /^extension\/security\.md$/i.test(n)],
];

/**
 * Names and strings that exist only in the test-mode API and its scripted Ui (test/support/):
 * property names and messages survive minification, so any of them in a bundle means test code
 * shipped. test/unit/bundle.test.ts checks that a build with the test API holds every one.
 */
export const TEST_ONLY_MARKERS = [
  'scripted answer',
  'breakSecretStorage',
  'replaceStorageForTests',
  'heldKeyId',
  'signInState',
  'locked collection',
  'transcript',
];

/** The markers of TEST_ONLY_MARKERS found in `bundle` (the text of a shipped .js file). */
export function testCodeIn(bundle) {
  return TEST_ONLY_MARKERS.filter((m) => bundle.includes(m));
}

/** Runs every check on the VSIX at `file`; returns [{ name, ok, detail }]. */
export function checkVsix(file) {
  const checks = [];
  const check = (name, ok, detail = '') => checks.push({ name, ok: !!ok, detail });
  let buf;
  let entries;
  try {
    buf = fs.readFileSync(file);
    entries = readZipEntries(buf);
    check(`${path.basename(file)} is a readable zip`, true, `${entries.length} entries, ${(buf.length / 1024).toFixed(1)} KB`);
  } catch (e) {
    check(`${path.basename(file)} is a readable zip`, false, e.message);
    return checks;
  }
  const names = entries.map((e) => e.name).filter((n) => !n.endsWith('/'));

  for (const [label, matches] of REQUIRED) {
    check(`holds ${label}`, names.some(matches));
  }
  const stray = names.filter((n) => !ALLOWED.some((re) => re.test(n)));
  check('holds nothing outside the allowed list', stray.length === 0, stray.join(', '));
  const forbidden = [
    ['no sources (src/, *.ts)', (n) => /(^|\/)src\//.test(n) || /\.ts$/.test(n)],
    ['no tests (test/, out/)', (n) => /^extension\/(test|out)\//.test(n)],
    ['no source maps (*.map)', (n) => n.endsWith('.map')],
    ['no node_modules', (n) => n.includes('node_modules/')],
    ['no dotfiles', (n) => n.split('/').some((part) => part.startsWith('.'))],
    ['no docs/ screenshots', (n) => /^extension\/docs\//.test(n)],
  ];
  for (const [name, bad] of forbidden) {
    const hits = names.filter(bad);
    check(name, hits.length === 0, hits.join(', '));
  }

  // The packed manifest points at files that are in the package.
  let manifest;
  try {
    manifest = JSON.parse(readZipEntry(buf, entries.find((e) => e.name === 'extension/package.json')).toString('utf8'));
  } catch (e) {
    check('extension/package.json parses', false, e.message);
  }
  if (manifest) {
    // Every %key% of the manifest is defined in package.nls.json (else VS Code shows "%key%").
    const placeholders = [...new Set([...JSON.stringify(manifest).matchAll(/"%([^%"\s]+)%"/g)].map((m) => m[1]))];
    if (placeholders.length) {
      const nlsEntry = entries.find((e) => e.name === 'extension/package.nls.json');
      let nls = {};
      try {
        nls = nlsEntry ? JSON.parse(readZipEntry(buf, nlsEntry).toString('utf8')) : {};
      } catch (e) {
        check('extension/package.nls.json parses', false, e.message);
      }
      const undefinedKeys = placeholders.filter((k) => typeof nls[k] !== 'string');
      check(`the manifest's ${placeholders.length} %placeholders% are defined in package.nls.json`, undefinedKeys.length === 0, undefinedKeys.slice(0, 10).join(', '));
    }
    const main = `extension/${path.posix.normalize(manifest.main ?? '')}`;
    check(`"main" (${manifest.main}) is in the package`, names.includes(main) || names.includes(`${main}.js`));
    // The translations of the code's strings: VS Code reads <l10n>/bundle.l10n.<language>.json.
    const l10n = manifest.l10n ? `extension/${path.posix.normalize(manifest.l10n)}/bundle.l10n.json` : undefined;
    check(`"l10n" (${manifest.l10n ?? 'not set'}) holds bundle.l10n.json in the package`, l10n !== undefined && names.includes(l10n));
    // The pseudo-locale is for the translation test only: no user runs VS Code in it.
    const pseudo = names.filter((n) => /\.qps-ploc\.json$/.test(n));
    check('no pseudo-locale (qps-ploc) file is packed', pseudo.length === 0, pseudo.join(', '));
    const icon = manifest.icon ? `extension/${path.posix.normalize(manifest.icon)}` : undefined;
    check(`"icon" (${manifest.icon ?? 'not set'}) is a PNG in the package`, icon && /\.png$/i.test(icon) && names.includes(icon));
    // Files the contributions name (view icons, walkthrough media) must be packed too.
    const named = [];
    const collect = (v) => {
      if (Array.isArray(v)) v.forEach(collect);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if (['icon', 'image', 'markdown', 'svg'].includes(k) && typeof x === 'string' && !x.startsWith('$(')) named.push(x);
          else collect(x);
        }
      }
    };
    collect(manifest.contributes);
    const missing = named.filter((f) => !names.includes(`extension/${path.posix.normalize(f)}`));
    check(`every file the contributions name is in the package (${named.length})`, missing.length === 0, missing.join(', '));
  }

  // Every shipped .js is a production bundle: minified, no source map reference, no test code.
  for (const jsEntry of entries.filter((e) => e.name.endsWith('.js'))) {
    const js = readZipEntry(buf, jsEntry).toString('utf8');
    const file = jsEntry.name.replace(/^extension\//, '');
    check(`${file} has no sourceMappingURL (production build)`, !/\/\/# sourceMappingURL=/.test(js));
    // HTTP is Node's own http/https (src/core/api/nodeHttp.ts): node-fetch and its polyfills stay out.
    check(`${file} does not carry node-fetch or web-streams-polyfill`, !/node-fetch|web-streams-polyfill|ReadableStreamDefaultReader.prototype/.test(js));
    const testCode = testCodeIn(js);
    check(`${file} holds no test-only code (test/support/)`, testCode.length === 0, testCode.join(', '));
  }

  // The details page of the installed extension renders the packed README: every image it shows
  // must be a relative link to a file in the package (there is no repository to resolve it against).
  const readmeEntry = entries.find((e) => /^extension\/readme\.md$/i.test(e.name));
  if (readmeEntry) {
    const readme = readZipEntry(buf, readmeEntry).toString('utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)|<img[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1] ?? m[2]);
    const unpacked = images.filter((src) => /^[a-z]+:/i.test(src) || !names.includes(`extension/${path.posix.normalize(src)}`));
    check(`the README's ${images.length} images are packed next to it`, images.length > 0 && unpacked.length === 0, unpacked.join(', '));
  }
  // The Marketplace icon is 256×256 (its IHDR chunk).
  const iconEntry = entries.find((e) => e.name === 'extension/media/icon.png');
  if (iconEntry) {
    const png = readZipEntry(buf, iconEntry);
    const size = png.toString('latin1', 12, 16) === 'IHDR' ? `${png.readUInt32BE(16)}×${png.readUInt32BE(20)}` : 'not a PNG';
    check('media/icon.png is 256×256', size === '256×256', size);
  }
  return checks;
}

/** Runs a command in the repo root with inherited output; resolves to its exit code. */
const run = (cmd, args, opts = {}) => runIn(cmd, args, { cwd: root, ...opts });

async function main() {
  const argv = process.argv.slice(2);
  const jsonAt = argv.indexOf('--json');
  const jsonFile = jsonAt >= 0 ? argv[jsonAt + 1] : undefined;
  const positional = argv.filter((a, i) => !a.startsWith('--') && !(jsonAt >= 0 && i === jsonAt + 1));
  const file = path.resolve(root, positional[0] ?? 'vued-api-keys.vsix');
  const checks = [];

  if (argv.includes('--build')) {
    fs.rmSync(file, { force: true });
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const code = await run(npm, ['run', 'package']);
    checks.push({ name: '`npm run package` builds the VSIX', ok: code === 0 && fs.existsSync(file), detail: code === 0 ? '' : `exit ${code}` });
  }
  if (fs.existsSync(file)) checks.push(...checkVsix(file));
  else checks.push({ name: `${path.relative(root, file)} exists`, ok: false, detail: 'run: npm run package' });

  if (argv.includes('--build')) {
    const code = await run(process.execPath, ['esbuild.mjs']);
    if (code !== 0) console.error('check-vsix: could not rebuild the development bundle (node esbuild.mjs)');
  }

  console.log(`\nVSIX contents: ${path.relative(root, file)}`);
  for (const c of checks) console.log(`  ${c.ok ? '✓' : '✗'} ${c.name}${c.detail ? ` (${c.detail})` : ''}`);
  const passed = checks.filter((c) => c.ok).length;
  const failed = checks.length - passed;
  console.log(`vsix: ${passed} passed, ${failed} failed`);
  if (jsonFile) fs.writeFileSync(jsonFile, `${JSON.stringify({ passed, failed, checks }, null, 2)}\n`);
  process.exit(failed ? 1 : 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error('check-vsix:', e);
    process.exit(1);
  });
}
