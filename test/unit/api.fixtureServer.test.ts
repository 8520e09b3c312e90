/**
 * The local Vued API itself: other suites (integration, UI walk, npm start) rely on it behaving
 * like the contract, so its own rules are tested here with plain HTTP (node:http), not the client.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as http from 'node:http';
import * as path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { PublicApiKey } from '../../src/core/api/types';
import { parseCliArgs, startVuedApiServer, type VuedApiServer } from '../fixtures/vuedApiServer';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  json?: unknown;
}

function call(base: string, method: string, p: string, opts: { token?: string; body?: string; contentType?: string } = {}): Promise<Answer> {
  const u = new URL(base + p);
  const headers: Record<string, string> = {};
  if (opts.token !== undefined) headers.Authorization = `Bearer ${opts.token}`;
  if (opts.body !== undefined) headers['Content-Type'] = opts.contentType ?? 'application/json';
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = text ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

const TOKEN = 'fixture-token-123';
const ORG = randomUUID();

describe('local Vued API (test/fixtures/vuedApiServer)', function () {
  this.timeout(10_000);
  let server: VuedApiServer;
  const post = (body: unknown, org: string = ORG, token: string = TOKEN): Promise<Answer> =>
    call(server.url, 'POST', `/orgs/${org}/api-keys`, { token, body: typeof body === 'string' ? body : JSON.stringify(body) });

  before(async () => {
    server = await startVuedApiServer({ token: TOKEN });
  });
  after(() => server.close());
  beforeEach(() => server.reset());

  it('listens on 127.0.0.1 under /v1', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    assert.equal(server.url, `http://127.0.0.1:${server.port}/v1`);
  });

  it('creates a key: uuid v4 id, vued_sk_ + 40 base62 secret, keyPrefix = first 12 chars, createdAt in seconds', async () => {
    const before = Math.floor(Date.now() / 1000);
    const a = await post({ name: 'k1', scopes: ['audio:read'], expires_at: null });
    assert.equal(a.status, 200);
    const { token, secret } = a.json as { token: PublicApiKey; secret: string };
    assert.match(token.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.match(secret, /^vued_sk_[A-Za-z0-9]{40}$/);
    assert.equal(token.keyPrefix, secret.slice(0, 12));
    assert.equal(token.name, 'k1');
    assert.deepEqual(token.scopes, ['audio:read']);
    assert.ok(token.createdAt >= before && token.createdAt < 1e12, String(token.createdAt));
    assert.deepEqual([token.lastUsedAt, token.expiresAt, token.revokedAt], [null, null, null]);
    assert.deepEqual(server.keys(ORG), [token]);
  });

  it('defaults name to "Public API key" and scopes to []', async () => {
    const a = await post({});
    assert.equal(a.status, 200);
    const { token } = a.json as { token: PublicApiKey };
    assert.equal(token.name, 'Public API key');
    assert.deepEqual(token.scopes, []);
  });

  it('turns expires_at (ISO string or number) into expiresAt', async () => {
    const iso = '2099-01-02T03:04:05Z';
    const a = await post({ expires_at: iso });
    assert.equal((a.json as { token: PublicApiKey }).token.expiresAt, Date.parse(iso) / 1000);
    const b = await post({ expires_at: 4_000_000_000_000 });
    assert.equal((b.json as { token: PublicApiKey }).token.expiresAt, 4_000_000_000);
  });

  it('writes milliseconds with timestampUnit "ms"', async () => {
    const ms = await startVuedApiServer({ token: TOKEN, timestampUnit: 'ms' });
    try {
      const before = Date.now();
      const a = await call(ms.url, 'POST', `/orgs/${ORG}/api-keys`, { token: TOKEN, body: '{"expires_at":4000000000}' });
      const { token } = a.json as { token: PublicApiKey };
      assert.ok(token.createdAt >= before && token.createdAt > 1e12);
      assert.equal(token.expiresAt, 4_000_000_000_000);
    } finally {
      await ms.close();
    }
  });

  const rejected: { title: string; body: string; status: number; loc?: (string | number)[] }[] = [
    { title: 'an unknown field', body: '{"name":"x","secret":"y"}', status: 422, loc: ['body', 'secret'] },
    { title: 'a numeric name', body: '{"name":5}', status: 422, loc: ['body', 'name'] },
    { title: 'scopes not a list', body: '{"scopes":"a"}', status: 422, loc: ['body', 'scopes'] },
    { title: 'a numeric scope', body: '{"scopes":["a",1]}', status: 422, loc: ['body', 'scopes', 1] },
    { title: 'expires_at not a date', body: '{"expires_at":"tomorrow"}', status: 422, loc: ['body', 'expires_at'] },
    { title: 'expires_at boolean', body: '{"expires_at":true}', status: 422, loc: ['body', 'expires_at'] },
    { title: 'expires_at in the past', body: '{"expires_at":"2000-01-01T00:00:00Z"}', status: 422, loc: ['body', 'expires_at'] },
    { title: 'a body that is a list', body: '[]', status: 422, loc: ['body'] },
    { title: 'broken JSON', body: '{"name":', status: 422, loc: ['body'] },
  ];
  for (const c of rejected) {
    it(`answers ${c.status} to ${c.title}, FastAPI style, and stores nothing`, async () => {
      const a = await post(c.body);
      assert.equal(a.status, c.status);
      const detail = (a.json as { detail: { loc: unknown[]; msg: string }[] }).detail;
      assert.ok(Array.isArray(detail) && detail.length >= 1);
      assert.deepEqual(detail[0].loc, c.loc);
      assert.equal(typeof detail[0].msg, 'string');
      assert.deepEqual(server.keys(ORG), []);
    });
  }

  it('answers 415 without a JSON content type', async () => {
    const a = await call(server.url, 'POST', `/orgs/${ORG}/api-keys`, { token: TOKEN, body: '{}', contentType: 'text/plain' });
    assert.equal(a.status, 415);
  });

  it('answers 401 {"error":"Invalid token"} to a wrong or missing token', async () => {
    for (const token of ['nope', undefined]) {
      const a = await call(server.url, 'POST', `/orgs/${ORG}/api-keys`, { token, body: '{}' });
      assert.equal(a.status, 401);
      assert.deepEqual(a.json, { error: 'Invalid token' });
    }
    assert.deepEqual(server.keys(ORG), []);
  });

  it('answers 422 to an org id that is not a UUID', async () => {
    const a = await post({}, 'not-a-uuid');
    assert.equal(a.status, 422);
    assert.deepEqual((a.json as { detail: { loc: unknown[] }[] }).detail[0].loc, ['path', 'org_id']);
  });

  it('answers 404 to an org outside a configured organization list, and to unknown paths', async () => {
    const orgs = await startVuedApiServer({ token: TOKEN, organizations: [{ id: ORG, name: 'Acme' }] });
    try {
      assert.equal((await call(orgs.url, 'POST', `/orgs/${randomUUID()}/api-keys`, { token: TOKEN, body: '{}' })).status, 404);
      assert.equal((await call(orgs.url, 'POST', `/orgs/${ORG}/api-keys`, { token: TOKEN, body: '{}' })).status, 200);
      assert.equal((await call(orgs.url, 'GET', '/nothing', { token: TOKEN })).status, 404);
      assert.equal((await call(orgs.url.replace('/v1', '/v2'), 'GET', '/orgs', { token: TOKEN })).status, 404);
      const list = await call(orgs.url, 'GET', '/orgs', { token: TOKEN });
      assert.deepEqual(list.json, { items: [{ id: ORG, name: 'Acme' }] });
    } finally {
      await orgs.close();
    }
  });

  it('lists keys under {items} without secrets, per organization', async () => {
    await post({ name: 'a' });
    await post({ name: 'b' });
    await post({ name: 'other' }, randomUUID());
    const a = await call(server.url, 'GET', `/orgs/${ORG}/api-keys`, { token: TOKEN });
    assert.equal(a.status, 200);
    const items = (a.json as { items: PublicApiKey[] }).items;
    assert.deepEqual(items.map((k) => k.name), ['a', 'b']);
    assert.doesNotMatch(a.text, /vued_sk_[A-Za-z0-9]{40}|"secret"/);
  });

  it('revokes with DELETE → 204 and revokedAt; 404 for an unknown key', async () => {
    const { token } = (await post({})).json as { token: PublicApiKey };
    const d = await call(server.url, 'DELETE', `/orgs/${ORG}/api-keys/${token.id}`, { token: TOKEN });
    assert.equal(d.status, 204);
    assert.equal(d.text, '');
    assert.equal(typeof server.keys(ORG)[0].revokedAt, 'number');
    const u = await call(server.url, 'DELETE', `/orgs/${ORG}/api-keys/${randomUUID()}`, { token: TOKEN });
    assert.equal(u.status, 404);
  });

  it('with listKeys:false, revoke:false, organizations:null → 404, 405, 404', async () => {
    const bare = await startVuedApiServer({ token: TOKEN, listKeys: false, revoke: false, organizations: null });
    try {
      assert.equal((await call(bare.url, 'GET', `/orgs/${ORG}/api-keys`, { token: TOKEN })).status, 404);
      assert.equal((await call(bare.url, 'DELETE', `/orgs/${ORG}/api-keys/${randomUUID()}`, { token: TOKEN })).status, 405);
      assert.equal((await call(bare.url, 'GET', '/orgs', { token: TOKEN })).status, 404);
      assert.equal((await call(bare.url, 'POST', `/orgs/${ORG}/api-keys`, { token: TOKEN, body: '{}' })).status, 200);
    } finally {
      await bare.close();
    }
  });

  it('serves a custom basePath', async () => {
    const custom = await startVuedApiServer({ token: TOKEN, basePath: '/api/public/' });
    try {
      assert.match(custom.url, /\/api\/public$/);
      assert.equal((await call(custom.url, 'GET', '/orgs', { token: TOKEN })).status, 200);
    } finally {
      await custom.close();
    }
  });

  it('records every request with lowercased headers, body and parsed JSON', async () => {
    await post({ name: 'rec' });
    assert.equal(server.requests.length, 1);
    const r = server.requests[0];
    assert.equal(r.method, 'POST');
    assert.equal(r.path, `/v1/orgs/${ORG}/api-keys`);
    assert.equal(r.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(r.headers['content-type'], 'application/json');
    assert.equal(r.body, '{"name":"rec"}');
    assert.deepEqual(r.json, { name: 'rec' });
    assert.equal(server.count('post', '/api-keys'), 1);
    assert.equal(server.count('GET'), 0);
  });

  it('seeds keys for an organization', async () => {
    const seeded: PublicApiKey = { id: randomUUID(), name: 'seed', keyPrefix: 'vued_sk_abcd', scopes: [], createdAt: 1, lastUsedAt: null, expiresAt: null, revokedAt: null };
    server.seedKeys(ORG, [seeded]);
    const a = await call(server.url, 'GET', `/orgs/${ORG}/api-keys`, { token: TOKEN });
    assert.deepEqual(a.json, { items: [seeded] });
  });

  describe('misbehaviours', () => {
    it('is a queue consumed by matching requests (method, pathIncludes, times)', async () => {
      server.misbehave({ method: 'GET', pathIncludes: '/orgs', status: 503, times: 2 });
      server.misbehave({ method: 'POST', status: 409, body: '{"error":"dup"}' });
      assert.equal((await post({})).status, 409);
      assert.equal((await post({})).status, 200, 'the POST misbehaviour was used up');
      assert.equal((await call(server.url, 'GET', '/orgs', { token: TOKEN })).status, 503);
      assert.equal((await call(server.url, 'GET', '/orgs', { token: TOKEN })).status, 503);
      assert.equal((await call(server.url, 'GET', '/orgs', { token: TOKEN })).status, 200);
    });

    it('times: Infinity applies until reset()', async () => {
      server.misbehave({ status: 500, times: Infinity });
      for (let i = 0; i < 3; i++) assert.equal((await post({})).status, 500);
      server.reset();
      assert.equal((await post({})).status, 200);
    });

    it('status/body/contentType/headers', async () => {
      server.misbehave({ status: 429, body: 'slow down', contentType: 'text/plain', headers: { 'Retry-After': '9' } });
      const a = await post({});
      assert.equal(a.status, 429);
      assert.equal(a.text, 'slow down');
      assert.equal(a.headers['content-type'], 'text/plain');
      assert.equal(a.headers['retry-after'], '9');
    });

    it('html502, malformedJson, redirectTo', async () => {
      server.misbehave({ html502: true });
      const h = await post({});
      assert.equal(h.status, 502);
      assert.match(h.text, /<title>502 Bad Gateway<\/title>/);
      server.misbehave({ malformedJson: true });
      const m = await post({});
      assert.equal(m.status, 200);
      assert.throws(() => JSON.parse(m.text));
      server.misbehave({ redirectTo: 'http://127.0.0.1:9/elsewhere' });
      const r = await post({});
      assert.equal(r.status, 307);
      assert.equal(r.headers.location, 'http://127.0.0.1:9/elsewhere');
      assert.deepEqual(server.keys(ORG), []);
    });

    it('delayMs delays a normal answer', async () => {
      server.misbehave({ delayMs: 120 });
      const t = Date.now();
      const a = await post({});
      assert.equal(a.status, 200);
      assert.ok(Date.now() - t >= 110);
    });

    it('hang never answers, and close() still finishes', async () => {
      const h = await startVuedApiServer({ token: TOKEN });
      h.misbehave({ hang: true });
      let settled = false;
      const p = call(h.url, 'POST', `/orgs/${ORG}/api-keys`, { token: TOKEN, body: '{}' }).then(
        () => (settled = true),
        () => (settled = true),
      );
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(settled, false);
      assert.equal(h.count('POST'), 1);
      await h.close();
      await p;
      assert.equal(settled, true);
    });
  });

  describe('command line', () => {
    it('parses --port/--token/--org/--no-list/--no-revoke/--ms', () => {
      const o = parseCliArgs(['--port', '0', '--token', 'dev', '--org', `${ORG}:Acme Inc`, '--org', ORG.replace(/.$/, '0'), '--no-list', '--no-revoke', '--ms']);
      assert.equal(o.port, 0);
      assert.equal(o.token, 'dev');
      assert.deepEqual(o.organizations, [{ id: ORG, name: 'Acme Inc' }, { id: ORG.replace(/.$/, '0') }]);
      assert.equal(o.listKeys, false);
      assert.equal(o.revoke, false);
      assert.equal(o.timestampUnit, 'ms');
      assert.equal(parseCliArgs(['--token=x', '--no-orgs']).organizations, null);
      assert.throws(() => parseCliArgs([]), /--token is required/);
      assert.throws(() => parseCliArgs(['--token', 'x', '--org', 'nope:Acme']), /not a UUID/);
      assert.throws(() => parseCliArgs(['--token', 'x', '--bogus']), /unknown option --bogus/);
    });

    it('runs as a process: one line without the token, serves, and stops on SIGTERM', async () => {
      const script = path.resolve(__dirname, '../fixtures/vuedApiServer.js');
      const secretToken = `cli-${randomUUID()}`;
      const child = spawn(process.execPath, [script, '--port', '0', '--token', secretToken, '--org', `${ORG}:Acme`], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      child.stdout.on('data', (c: Buffer) => (out += c.toString()));
      child.stderr.on('data', (c: Buffer) => (out += c.toString()));
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      try {
        const deadline = Date.now() + 5_000;
        while (!out.includes('\n') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        const m = /^Vued local API on (http:\/\/127\.0\.0\.1:\d+\/v1) \(token: from --token\)\n$/.exec(out);
        assert.ok(m, `unexpected output: ${out}`);
        const created = await call(m[1], 'POST', `/orgs/${ORG}/api-keys`, { token: secretToken, body: '{"name":"cli"}' });
        assert.equal(created.status, 200);
        const orgs = await call(m[1], 'GET', '/orgs', { token: secretToken });
        assert.deepEqual(orgs.json, { items: [{ id: ORG, name: 'Acme' }] });
      } finally {
        child.kill('SIGTERM');
      }
      assert.equal(await exited, 0);
      assert.ok(!out.includes(secretToken), 'the token is never printed');
      assert.ok(!out.includes('vued_sk_'), 'no secret is printed');
      assert.equal(out.split('\n').filter(Boolean).length, 1, 'exactly one line');
    });
  });
});
