import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { ApiError, MAYBE_CREATED, MAYBE_CREATED_MESSAGE } from '../../../../src/core/api/errors';
import { parseApiKeyList, parseCreatedApiKey, parseOrganizationList, parsePublicApiKey } from '../../../../src/core/api/validate';
import type { PublicApiKey } from '../../../../src/core/api/types';
import { apiKey } from '../../../support/builders';
import { repoRoot } from '../../../support/harness/paths';

const SECRET = 'vued_sk_Z9y8X7w6V5u4T3s2R1q0PpOoNnMmLlKkJjIiHhGg';

/** A key as the server sends it; `over` may set any field to anything, as a broken server would. */
function wireKey(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    ...apiKey('0b7f4c1e-8a7d-4d0e-9a51-0e3b1c2d3e4f', { name: 'CI key', keyPrefix: SECRET.slice(0, 12), scopes: ['audio:read'], createdAt: 1_735_689_600, expiresAt: 1_767_225_600 }),
    ...over,
  };
}

function malformed(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ApiError, String(e));
    assert.equal(e.kind, 'malformed');
    return e;
  }
  assert.fail('expected a malformed error');
}

describe('validate', () => {
  describe('parseCreatedApiKey', () => {
    it('accepts the contract shape and returns only the known fields', () => {
      const out = parseCreatedApiKey({ token: wireKey({ extra: 'x', secret: 'leak' }), secret: SECRET, other: 1 });
      assert.deepEqual(out, { token: wireKey(), secret: SECRET });
      assert.equal('secret' in out.token, false);
    });

    it('absent lastUsedAt/expiresAt/revokedAt become null', () => {
      const k = wireKey();
      delete k.lastUsedAt;
      delete k.expiresAt;
      delete k.revokedAt;
      const out = parseCreatedApiKey({ token: k, secret: SECRET });
      assert.equal(out.token.lastUsedAt, null);
      assert.equal(out.token.expiresAt, null);
      assert.equal(out.token.revokedAt, null);
    });

    const bad: { title: string; json: unknown; field: string; expected: string }[] = [
      { title: 'not an object', json: [], field: 'its body', expected: 'an object but is a list' },
      { title: 'null', json: null, field: 'its body', expected: 'an object but is null' },
      { title: 'no token', json: { secret: SECRET }, field: 'token', expected: 'an object but is nothing' },
      { title: 'no secret', json: { token: wireKey() }, field: 'secret', expected: 'a non-empty string but is nothing' },
      { title: 'empty secret', json: { token: wireKey(), secret: '' }, field: 'secret', expected: 'a non-empty string but is an empty string' },
      { title: 'blank secret', json: { token: wireKey(), secret: '   ' }, field: 'secret', expected: 'a non-empty string but is a string' },
      { title: 'numeric secret', json: { token: wireKey(), secret: 12345678 }, field: 'secret', expected: 'a non-empty string but is a number' },
      { title: 'id number', json: { token: wireKey({ id: 7 }), secret: SECRET }, field: 'token.id', expected: 'a non-empty string but is a number' },
      { title: 'id empty', json: { token: wireKey({ id: '' }), secret: SECRET }, field: 'token.id', expected: 'a non-empty string but is an empty string' },
      { title: 'name missing', json: { token: wireKey({ name: undefined }), secret: SECRET }, field: 'token.name', expected: 'a string but is nothing' },
      { title: 'keyPrefix number', json: { token: wireKey({ keyPrefix: 12 }), secret: SECRET }, field: 'token.keyPrefix', expected: 'a string but is a number' },
      { title: 'scopes string', json: { token: wireKey({ scopes: 'a b' }), secret: SECRET }, field: 'token.scopes', expected: 'a list of strings but is a string' },
      { title: 'scopes item number', json: { token: wireKey({ scopes: ['a', 2] }), secret: SECRET }, field: 'token.scopes[1]', expected: 'a string but is a number' },
      { title: 'createdAt string', json: { token: wireKey({ createdAt: '2025-01-01' }), secret: SECRET }, field: 'token.createdAt', expected: 'a number but is a string' },
      { title: 'createdAt null', json: { token: wireKey({ createdAt: null }), secret: SECRET }, field: 'token.createdAt', expected: 'a number but is null' },
      { title: 'expiresAt string', json: { token: wireKey({ expiresAt: 'never' }), secret: SECRET }, field: 'token.expiresAt', expected: 'a number or null but is a string' },
      { title: 'revokedAt boolean', json: { token: wireKey({ revokedAt: false }), secret: SECRET }, field: 'token.revokedAt', expected: 'a number or null but is a boolean' },
      { title: 'lastUsedAt object', json: { token: wireKey({ lastUsedAt: {} }), secret: SECRET }, field: 'token.lastUsedAt', expected: 'a number or null but is an object' },
    ];
    for (const c of bad) {
      it(`rejects ${c.title}, naming ${c.field}`, () => {
        const err = malformed(() => parseCreatedApiKey(c.json));
        assert.equal(err.message, `Vued's answer does not match the API: ${c.field} should be ${c.expected}.`);
        assert.ok(!err.message.includes(SECRET));
        assert.ok(!err.message.includes(SECRET.slice(0, 12)), 'not even the prefix');
      });
    }

    it('never puts a secret into the message, even when the secret is where a field should be', () => {
      const err = malformed(() => parseCreatedApiKey({ token: wireKey({ name: { secret: SECRET }, keyPrefix: SECRET }), secret: SECRET }));
      assert.ok(!err.message.includes(SECRET));
      assert.ok(!JSON.stringify(err).includes(SECRET));
    });

    it('adds the hint and the request to the error', () => {
      const err = malformed(() => parseCreatedApiKey({ token: wireKey({ id: 1 }), secret: SECRET }, { method: 'POST', url: 'https://a.example/v1/x', hint: MAYBE_CREATED_MESSAGE }));
      assert.ok(err.message.endsWith(`; ${MAYBE_CREATED}.`));
      assert.equal(err.method, 'POST');
      assert.equal(err.url, 'https://a.example/v1/x');
    });
  });

  describe('parsePublicApiKey', () => {
    it('accepts ms timestamps and numbers for all dates', () => {
      const k = parsePublicApiKey(wireKey({ createdAt: 1_735_689_600_000, lastUsedAt: 1_735_689_700_000, revokedAt: 1_735_689_800 }));
      assert.equal(k.createdAt, 1_735_689_600_000);
      assert.equal(k.lastUsedAt, 1_735_689_700_000);
      assert.equal(k.revokedAt, 1_735_689_800);
    });
    it('rejects NaN-like values', () => {
      malformed(() => parsePublicApiKey(wireKey({ createdAt: Number.NaN })));
    });
  });

  describe('parseApiKeyList', () => {
    const shapes: [string, unknown][] = [
      ['a bare array', [wireKey()]],
      ['items', { items: [wireKey()] }],
      ['data', { data: [wireKey()], total: 1 }],
      ['keys', { keys: [wireKey()] }],
      ['apiKeys', { apiKeys: [wireKey()] }],
    ];
    for (const [title, json] of shapes) {
      it(`accepts ${title}`, () => assert.deepEqual(parseApiKeyList(json), [wireKey()] as unknown as PublicApiKey[]));
    }
    it('accepts an empty list', () => assert.deepEqual(parseApiKeyList({ items: [] }), []));
    it('drops a secret that a list item carries', () => {
      const [k] = parseApiKeyList([wireKey({ secret: SECRET })]);
      assert.equal('secret' in k, false);
    });
    it('rejects an object without a known list field', () => {
      const err = malformed(() => parseApiKeyList({ results: [wireKey()] }));
      assert.match(err.message, /its body should be a list of API keys \(a list, or an object with items\/data\/keys\/apiKeys\) but is an object/);
    });
    it('names the bad item by its path', () => {
      assert.match(malformed(() => parseApiKeyList({ data: [wireKey(), wireKey({ keyPrefix: null })] })).message, /data\[1\]\.keyPrefix should be a string but is null/);
      assert.match(malformed(() => parseApiKeyList([wireKey(), 'x'])).message, /\[1\] should be an object but is a string/);
    });
  });

  describe('parseOrganizationList', () => {
    const shapes: [string, unknown][] = [
      ['a bare array', [{ id: 'o1', name: 'Acme' }, { id: 'o2' }]],
      ['items', { items: [{ id: 'o1', name: 'Acme' }, { id: 'o2' }] }],
      ['data', { data: [{ id: 'o1', name: 'Acme' }, { id: 'o2', name: null }] }],
      ['orgs', { orgs: [{ id: 'o1', name: 'Acme', plan: 'pro' }, { id: 'o2' }] }],
      ['organizations', { organizations: [{ id: 'o1', name: 'Acme' }, { id: 'o2' }] }],
    ];
    for (const [title, json] of shapes) {
      it(`accepts ${title}`, () => assert.deepEqual(parseOrganizationList(json), [{ id: 'o1', name: 'Acme' }, { id: 'o2' }]));
    }
    const bad: [string, unknown, RegExp][] = [
      ['no id', [{ name: 'x' }], /\[0\]\.id should be a non-empty string but is nothing/],
      ['numeric id', { items: [{ id: 3 }] }, /items\[0\]\.id should be a non-empty string but is a number/],
      ['numeric name', { orgs: [{ id: 'o', name: 4 }] }, /orgs\[0\]\.name should be a string but is a number/],
      ['a string', 'orgs', /its body should be a list of organizations/],
    ];
    for (const [title, json, re] of bad) {
      it(`rejects ${title}`, () => assert.match(malformed(() => parseOrganizationList(json)).message, re));
    }
  });

  describe('the contract copy in test/fixtures/api', () => {
    // Read from the source tree, not out/.
    const yamlPath = path.join(repoRoot(), 'test/fixtures/api/vued-public-api.create-api-key.yaml');
    const yaml = readFileSync(yamlPath, 'utf8');

    /** Property names of a schema under components/schemas, read by indentation. */
    function propertiesOf(schema: string): string[] {
      const lines = yaml.split('\n');
      const start = lines.findIndex((l) => l === `    ${schema}:`);
      assert.ok(start !== -1, `schema ${schema} is in the contract`);
      const props = lines.findIndex((l, i) => i > start && l === '      properties:');
      const out: string[] = [];
      for (let i = props + 1; i < lines.length; i++) {
        const m = /^ {8}([A-Za-z_]+):/.exec(lines[i]);
        if (m) out.push(m[1]);
        else if (/^ {0,7}\S/.test(lines[i])) break;
      }
      return out;
    }

    it('PublicApiKey fields are exactly the fields the parser returns', () => {
      const fromContract = propertiesOf('PublicApiKey');
      assert.equal(fromContract.length, 8);
      assert.deepEqual(Object.keys(parsePublicApiKey(wireKey())).sort(), [...fromContract].sort());
    });

    it('CreatedPublicApiKey is {token, secret}', () => {
      assert.deepEqual(propertiesOf('CreatedPublicApiKey').sort(), ['secret', 'token']);
      assert.deepEqual(Object.keys(parseCreatedApiKey({ token: wireKey(), secret: SECRET })).sort(), ['secret', 'token']);
    });

    it('ApiKeyCreate is {name, expires_at, scopes} (the client sends exactly these)', () => {
      assert.deepEqual(propertiesOf('ApiKeyCreate').sort(), ['expires_at', 'name', 'scopes']);
    });

    it('the operation is POST /orgs/{org_id}/api-keys on /v1', () => {
      assert.match(yaml, /^ {2}\/orgs\/\{org_id\}\/api-keys:\n {4}post:/m);
      assert.match(yaml, /url: https:\/\/vued-office-api-dev\.onrender\.com\/v1/);
    });
  });
});
