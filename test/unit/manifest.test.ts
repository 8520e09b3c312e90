import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
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
