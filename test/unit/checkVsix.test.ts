/**
 * scripts/check-vsix.mjs and .vscodeignore say the same thing about the documents a VSIX ships:
 * README, CHANGELOG, LICENSE and SECURITY.md. Each top-level file .vscodeignore lets in is
 * required by the package check (a package without it fails), and a document that stays in the
 * repository (CONTRIBUTING.md, docs/) is refused. The packages are real zip files written here.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { repoRoot } from '../support/harness/paths';

const root = repoRoot();

interface Check {
  name: string;
  ok: boolean;
  detail: string;
}
interface CheckVsix {
  checkVsix(file: string): Check[];
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A zip file of stored (uncompressed) entries, as any unzip reads it. */
function zip(files: Record<string, string | Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content);
    const nameBytes = Buffer.from(name);
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** The top-level files .vscodeignore lets into the package by name (`!README.md`, not `!media/**`). */
function shippedDocuments(): string[] {
  return fs
    .readFileSync(path.join(root, '.vscodeignore'), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => /^![^/*]+$/.test(l) && !/^!package(\.nls)?\.json$/.test(l))
    .map((l) => l.slice(1));
}

describe('scripts/check-vsix.mjs and .vscodeignore: the documents a VSIX ships', () => {
  let check: CheckVsix;
  let dir: string;
  before(async () => {
    check = (await import(pathToFileURL(path.join(root, 'scripts/check-vsix.mjs')).href)) as CheckVsix;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vued-vsix-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** A package as vsce lays it out, with the documents given (under extension/). */
  const packageWith = (documents: string[], extra: Record<string, string> = {}) => {
    const files: Record<string, string | Buffer> = {
      '[Content_Types].xml': '<Types/>',
      'extension.vsixmanifest': '<PackageManifest/>',
      'extension/package.json': JSON.stringify({ name: 'x', main: './dist/extension.js', l10n: './l10n', icon: 'media/icon.png' }),
      'extension/dist/extension.js': '"use strict";exports.activate=()=>{};',
      'extension/dist/features.js': '"use strict";exports.start=()=>({});',
      'extension/l10n/bundle.l10n.json': '{}',
      'extension/media/icon.png': fs.readFileSync(path.join(root, 'media/icon.png')),
      ...extra,
    };
    for (const d of documents) files[`extension/${d}`] = `# ${d}\n`;
    const file = path.join(dir, `p${fs.readdirSync(dir).length}.vsix`);
    fs.writeFileSync(file, zip(files));
    return check.checkVsix(file);
  };
  const failed = (checks: Check[]) => checks.filter((c) => !c.ok).map((c) => c.name);
  const holdsChecks = (checks: Check[]) => checks.filter((c) => c.name.startsWith('holds ') && c.name !== 'holds nothing outside the allowed list');

  it('.vscodeignore lets in README.md, CHANGELOG.md, LICENSE and SECURITY.md', () => {
    assert.deepStrictEqual(shippedDocuments().sort(), ['CHANGELOG.md', 'LICENSE', 'README.md', 'SECURITY.md']);
  });

  it('a package with every one of them passes every "holds" check and the allowed list', () => {
    const checks = packageWith(shippedDocuments());
    assert.ok(checks.length > 5, checks.map((c) => c.name).join('; '));
    assert.deepStrictEqual(failed(holdsChecks(checks)), []);
    assert.ok(checks.find((c) => c.name === 'holds nothing outside the allowed list')?.ok, JSON.stringify(checks));
  });

  for (const missing of ['README.md', 'CHANGELOG.md', 'LICENSE', 'SECURITY.md']) {
    it(`a package without ${missing} fails a "holds" check`, () => {
      const checks = packageWith(shippedDocuments().filter((d) => d !== missing));
      assert.strictEqual(failed(holdsChecks(checks)).length, 1, JSON.stringify(failed(checks)));
    });
  }

  it('a document that stays in the repository (CONTRIBUTING.md, docs/) is refused', () => {
    const checks = packageWith(shippedDocuments(), { 'extension/CONTRIBUTING.md': '#', 'extension/docs/performance.md': '#' });
    const allowed = checks.find((c) => c.name === 'holds nothing outside the allowed list');
    assert.ok(allowed && !allowed.ok);
    assert.match(allowed.detail, /extension\/CONTRIBUTING\.md/);
    assert.match(allowed.detail, /extension\/docs\/performance\.md/);
  });
});
