import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MAX_HOST_LABEL_LENGTH, parseHosts } from '../../src/core/connection/hosts';
import { MAX_SCOPE_LENGTH, MAX_SCOPES, scopesProblem } from '../../src/core/keys/inputs';
import { repoRoot } from '../support/harness/paths';

interface Setting {
  type: string;
  scope?: string;
  default?: unknown;
  order?: number;
  minimum?: number;
  markdownDescription?: string;
  description?: string;
  maxItems?: number;
  items?: { type: string; pattern?: string; maxLength?: number; patternErrorMessage?: string };
}

const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as {
  contributes: { configuration: { properties: Record<string, Setting> } };
};
const nls = JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.nls.json'), 'utf8')) as Record<string, string>;
const settings = manifest.contributes.configuration.properties;

describe('the settings in package.json', () => {
  it('each has an order of its own and a localized markdownDescription', () => {
    const orders = Object.values(settings).map((s) => s.order);
    assert.ok(orders.every((o) => Number.isInteger(o)), `orders: ${orders.join(', ')}`);
    assert.equal(new Set(orders).size, orders.length, 'two settings share an order');
    for (const [key, s] of Object.entries(settings)) {
      assert.equal(s.description, undefined, `${key} has a plain description`);
      const ref = /^%(.+)%$/.exec(s.markdownDescription ?? '');
      assert.ok(ref && nls[ref[1]], `${key}: markdownDescription ${s.markdownDescription} is not in package.nls.json`);
    }
  });

  it('the seconds settings are integers', () => {
    const seconds = Object.keys(settings).filter((k) => k.endsWith('Seconds'));
    assert.deepEqual(seconds, ['vued.requestTimeoutSeconds', 'vued.clearClipboardAfterSeconds']);
    for (const k of seconds) assert.equal(settings[k].type, 'integer', k);
  });

  it('the settings that decide where a token is sent are application-scoped: vued.apiBaseUrl and vued.hosts', () => {
    assert.equal(settings['vued.apiBaseUrl'].scope, 'application');
    assert.equal(settings['vued.hosts'].scope, 'application');
  });

  it('vued.hosts: its default adds no host, and its label limit is the one parseHosts applies', () => {
    const hosts = settings['vued.hosts'] as Setting & { items?: { properties?: { label?: { maxLength?: number } } } };
    assert.equal(hosts.type, 'array');
    assert.deepEqual(parseHosts('https://api.example.com/v1', hosts.default).hosts.length, 1);
    assert.equal(hosts.items?.properties?.label?.maxLength, MAX_HOST_LABEL_LENGTH);
  });

  describe('vued.defaultScopes accepts exactly the scopes the create flow accepts', () => {
    const s = settings['vued.defaultScopes'];
    const pattern = new RegExp(s.items?.pattern ?? '(?:)', 'u');
    const maxLength = s.items?.maxLength ?? Infinity;
    /** What the settings editor accepts for one array item (JSON schema: pattern and maxLength). */
    const settingAccepts = (scope: string): boolean => pattern.test(scope) && scope.length <= maxLength;
    const samples = [
      'keys:read', 'keys:write', 'audio/*', 'org.admin', 'a', 'A-Z_0.9:/*', '*', 'x'.repeat(MAX_SCOPE_LENGTH),
      '', ' ', 'keys read', 'keys,read', 'é', 'keys;read', 'k\tr', 'a+b', 'a@b', '"q"', 'x'.repeat(MAX_SCOPE_LENGTH + 1),
      '[a]', 'a\\b', 'a#b', '\u00a0', 'ключ',
    ];
    for (const scope of samples) {
      it(JSON.stringify(scope.length > 20 ? `${scope.slice(0, 12)}… (${scope.length})` : scope), () => {
        // The create flow reads one input as a list (spaces and commas separate): one scope is valid
        // when the input made of it alone is valid and is that one scope.
        const codeAccepts = scope.trim() === scope && scope !== '' && !/[\s,]/.test(scope) && scopesProblem(scope) === undefined;
        assert.equal(settingAccepts(scope), codeAccepts);
      });
    }
    it('the list is bounded like the create flow', () => {
      assert.equal(s.maxItems, MAX_SCOPES);
      assert.ok(s.items?.patternErrorMessage, 'no patternErrorMessage for a bad scope');
    });
  });
});

interface WalkthroughStep {
  id: string;
  media: { svg?: string; image?: string; markdown?: string; altText?: string };
}

describe('the walkthrough in package.json', () => {
  const steps = (JSON.parse(fs.readFileSync(path.join(repoRoot(), 'package.json'), 'utf8')) as {
    contributes: { walkthroughs: Array<{ steps: WalkthroughStep[] }> };
  }).contributes.walkthroughs.flatMap((w) => w.steps);

  it('each step shows a small SVG of ours drawn in the theme\'s colours, with a localized alt text', () => {
    assert.ok(steps.length >= 4, `steps: ${steps.map((s) => s.id).join(', ')}`);
    for (const step of steps) {
      const file = step.media.svg;
      assert.ok(file && /^media\/walkthrough\/[a-z-]+\.svg$/.test(file), `${step.id}: media.svg is ours: ${JSON.stringify(step.media)}`);
      const text = fs.readFileSync(path.join(repoRoot(), file), 'utf8');
      // The VSIX is over its size budget already: each picture stays under 2 KB.
      assert.ok(Buffer.byteLength(text) < 2048, `${file}: ${Buffer.byteLength(text)} bytes`);
      assert.match(text, /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
      assert.match(text, /var\(--vscode-editor-background\)|var\(--vscode-sideBar-background/, `${file}: its background is the theme's`);
      assert.match(text, /var\(--vscode-foreground\)/, `${file}: its text is the theme's`);
      // No colour of its own: a fixed colour would read in one theme only (var() fallbacks are themes' colours too).
      const fixed = [...text.matchAll(/(?:fill|stroke)="([^"]+)"/g)].map((m) => m[1]).filter((c) => c !== 'none' && !c.startsWith('var(--vscode-'));
      assert.deepEqual(fixed, [], `${file}: colours not from the theme`);
      assert.doesNotMatch(text, /<script|href=|xlink:/i, `${file}: nothing but drawing`);
      const alt = step.media.altText ?? '';
      const key = /^%(.+)%$/.exec(alt)?.[1];
      assert.ok(key && (nls[key] ?? '').length > 30, `${step.id}: altText is a localized sentence: ${alt} → ${key ? nls[key] : ''}`);
    }
  });

  it('each step\'s picture is packed into the VSIX (vsce lists it with .vscodeignore applied)', async function () {
    this.timeout(60_000);
    const vsce = pathToFileURL(path.join(repoRoot(), 'node_modules/@vscode/vsce/out/package.js')).href;
    const { listFiles } = (await import(vsce)) as { listFiles: (o: { cwd: string; dependencies: boolean }) => Promise<string[]> };
    const packed = await listFiles({ cwd: repoRoot(), dependencies: false });
    assert.ok(packed.includes('package.json'), `vsce listed the package: ${packed.join(', ')}`);
    const missing = steps.map((s) => s.media.svg ?? s.media.image ?? s.media.markdown ?? '').filter((f) => !packed.includes(f));
    assert.deepEqual(missing, []);
  });
});
