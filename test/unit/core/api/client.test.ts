/**
 * VuedClient against the real local Vued API (test/fixtures/vuedApiServer.ts) on 127.0.0.1, over
 * the real HTTP layer (Node's http/https, nodeHttp). Nothing here stubs fetch.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as https from 'node:https';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { ApiError, MAYBE_CREATED, type ApiErrorKind } from '../../../../src/core/api/errors';
import { VuedClient, type FetchLike, type VuedClientOptions } from '../../../../src/core/api/client';
import { nodeHttp } from '../../../../src/core/api/nodeHttp';
import type { ApiKeyCreate, CreatedPublicApiKey } from '../../../../src/core/api/types';
import type { Logger } from '../../../../src/core/common/log';
import { startVuedApiServer, type VuedApiServer } from '../../../fixtures/vuedApiServer';

interface Captured {
  logger: Logger;
  lines: { level: string; text: string }[];
  all(): string;
}

function captureLogger(): Captured {
  const lines: { level: string; text: string }[] = [];
  const at = (level: string) => (text: string): void => {
    lines.push({ level, text });
  };
  return {
    logger: { trace: at('trace'), debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') },
    lines,
    all: () => lines.map((l) => l.text).join('\n'),
  };
}

async function rejection(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof ApiError, `expected an ApiError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected the call to fail');
}

const TOKEN = `vt_${randomBytes(18).toString('hex')}`;
const ORG = randomUUID();
const OTHER_ORG = randomUUID();
const BODY: ApiKeyCreate = { name: 'CI key', scopes: ['audio:read', 'files:write'], expires_at: null };

describe('VuedClient against the local Vued API', function () {
  this.timeout(10_000);

  let server: VuedApiServer;
  let log: Captured;

  function client(over: Partial<VuedClientOptions> = {}): VuedClient {
    return new VuedClient({
      baseUrl: server.url,
      getToken: async () => TOKEN,
      fetch: nodeHttp,
      timeoutMs: 5_000,
      logger: log.logger,
      userAgent: 'vued-api-keys-tests',
      ...over,
    });
  }

  before(async () => {
    server = await startVuedApiServer({
      token: TOKEN,
      organizations: [
        { id: ORG, name: 'Acme' },
        { id: OTHER_ORG, name: 'Globex' },
      ],
    });
  });
  after(() => server.close());
  beforeEach(() => {
    server.reset();
    log = captureLogger();
  });

  describe('request shape', () => {
    it('POSTs to /v1/orgs/{org}/api-keys with the bearer token, JSON headers and exactly name/scopes/expires_at', async () => {
      const created = await client().createApiKey(ORG, BODY);

      assert.equal(server.requests.length, 1);
      const req = server.requests[0];
      assert.equal(req.method, 'POST');
      assert.equal(req.path, `/v1/orgs/${ORG}/api-keys`);
      assert.equal(req.headers.authorization, `Bearer ${TOKEN}`);
      assert.equal(req.headers['content-type'], 'application/json');
      assert.equal(req.headers.accept, 'application/json');
      assert.equal(req.headers['user-agent'], 'vued-api-keys-tests');
      assert.deepEqual(Object.keys(req.json as object), ['name', 'scopes', 'expires_at']);
      assert.deepEqual(req.json, { name: 'CI key', scopes: ['audio:read', 'files:write'], expires_at: null });

      const stored = server.keys(ORG);
      assert.equal(stored.length, 1);
      assert.deepEqual(created.token, stored[0]);
      assert.ok(created.secret.startsWith(created.token.keyPrefix), 'keyPrefix is the visible start of the secret');
      assert.ok(created.secret.length > created.token.keyPrefix.length);
    });

    it('sends only the three contract fields even when the caller passes more', async () => {
      const sloppy = { ...BODY, secret: 'nope', orgId: ORG } as unknown as ApiKeyCreate;
      await client().createApiKey(ORG, sloppy);
      assert.deepEqual(Object.keys(server.requests[0].json as object), ['name', 'scopes', 'expires_at']);
    });

    it('sends expires_at as an ISO string or a number, typed as given, and the server stores it', async () => {
      const iso = new Date(Date.now() + 86_400_000).toISOString();
      const a = await client().createApiKey(ORG, { ...BODY, expires_at: iso });
      const seconds = Math.floor(Date.now() / 1000) + 3600;
      const b = await client().createApiKey(ORG, { ...BODY, expires_at: seconds });
      const [ra, rb] = server.requests.map((r) => r.json as Record<string, unknown>);
      assert.equal(typeof ra.expires_at, 'string');
      assert.equal(ra.expires_at, iso);
      assert.equal(typeof rb.expires_at, 'number');
      assert.equal(a.token.expiresAt, Math.floor(Date.parse(iso) / 1000));
      assert.equal(b.token.expiresAt, seconds);
    });

    it('encodes path segments, so an id cannot change the path', async () => {
      const err = await rejection(client().createApiKey('a/b c?x=1', BODY));
      assert.equal(server.requests[0].path, '/v1/orgs/a%2Fb%20c%3Fx%3D1/api-keys');
      assert.equal(err.kind, 'badRequest');
      assert.equal(err.status, 422);
      assert.equal(err.serverMessage, 'org_id: Input should be a valid UUID');
    });

    it('logs one line per request: method, URL, status and duration, and no header values', async () => {
      await client().createApiKey(ORG, BODY);
      assert.equal(log.lines.length, 1);
      assert.equal(log.lines[0].level, 'info');
      assert.match(log.lines[0].text, new RegExp(`^POST ${server.url.replace(/[.]/g, '\\.')}/orgs/${ORG}/api-keys → 200 in \\d+ ms$`));
      assert.doesNotMatch(log.all(), /bearer|authorization/i);
    });
  });

  describe('list, revoke, organizations', () => {
    it('lists the keys of an organization without any secret', async () => {
      const c = client();
      const one = await c.createApiKey(ORG, BODY);
      const two = await c.createApiKey(ORG, { ...BODY, name: 'second' });
      await c.createApiKey(OTHER_ORG, BODY);
      const list = await c.listApiKeys(ORG);
      assert.deepEqual(list.map((k) => k.id), [one.token.id, two.token.id]);
      for (const k of list) assert.equal('secret' in k, false);
      assert.equal(server.requests.at(-1)?.method, 'GET');
    });

    it('revokes with DELETE and the server marks the key revoked', async () => {
      const c = client();
      const created = await c.createApiKey(ORG, BODY);
      await c.revokeApiKey(ORG, created.token.id);
      const req = server.requests.at(-1);
      assert.equal(req?.method, 'DELETE');
      assert.equal(req?.path, `/v1/orgs/${ORG}/api-keys/${created.token.id}`);
      const [listed] = await c.listApiKeys(ORG);
      assert.equal(typeof listed.revokedAt, 'number');
    });

    it('accepts 200 and 202 for DELETE, and rejects a 201', async () => {
      const c = client();
      for (const status of [200, 202]) {
        server.misbehave({ method: 'DELETE', status, body: '' });
        await c.revokeApiKey(ORG, randomUUID());
      }
      server.misbehave({ method: 'DELETE', status: 201, body: '' });
      const err = await rejection(c.revokeApiKey(ORG, randomUUID()));
      assert.equal(err.kind, 'malformed');
    });

    it('lists organizations', async () => {
      const orgs = await client().listOrganizations();
      assert.deepEqual(orgs, [
        { id: ORG, name: 'Acme' },
        { id: OTHER_ORG, name: 'Globex' },
      ]);
      assert.equal(server.requests[0].path, '/v1/orgs');
    });

    it('reports list 404 and revoke 405 as unsupported on a server without them', async () => {
      const bare = await startVuedApiServer({ token: TOKEN, listKeys: false, revoke: false, organizations: null });
      try {
        const c = client({ baseUrl: bare.url });
        const listErr = await rejection(c.listApiKeys(ORG));
        assert.equal(listErr.kind, 'unsupported');
        assert.equal(listErr.status, 404);
        assert.match(listErr.message, /does not offer listing API keys/);
        const revokeErr = await rejection(c.revokeApiKey(ORG, randomUUID()));
        assert.equal(revokeErr.kind, 'unsupported');
        assert.equal(revokeErr.status, 405);
        assert.equal(revokeErr.message, 'This Vued server does not offer revoking API keys (405).');
        const orgErr = await rejection(c.listOrganizations());
        assert.equal(orgErr.kind, 'notFound');
      } finally {
        await bare.close();
      }
    });

    it('reports 501 on list as unsupported, but 404 on create stays notFound', async () => {
      server.misbehave({ method: 'GET', status: 501, body: '{"detail":"Not Implemented"}' });
      assert.equal((await rejection(client().listApiKeys(ORG))).kind, 'unsupported');
      const err = await rejection(client().createApiKey(randomUUID(), BODY));
      assert.equal(err.kind, 'notFound');
      assert.equal(err.status, 404);
    });
  });

  describe('errors', () => {
    const cases: {
      title: string;
      misbehave: Parameters<VuedApiServer['misbehave']>[0];
      kind: ApiErrorKind;
      status: number;
      serverMessage?: string;
      message?: string | RegExp;
    }[] = [
      { title: '400 {error}', misbehave: { status: 400, body: '{"error":"name is too long"}' }, kind: 'badRequest', status: 400, serverMessage: 'name is too long', message: 'Vued refused the request (400): name is too long.' },
      { title: '400 {message}', misbehave: { status: 400, body: '{"message":"scope  \\"x\\" is unknown"}' }, kind: 'badRequest', status: 400, serverMessage: 'scope "x" is unknown' },
      { title: '400 {detail: string}', misbehave: { status: 400, body: '{"detail":"Bad scope"}' }, kind: 'badRequest', status: 400, serverMessage: 'Bad scope' },
      { title: '422 {detail: [{msg}]}', misbehave: { status: 422, body: '{"detail":[{"loc":["body","scopes"],"msg":"too many"},{"msg":"name empty"}]}' }, kind: 'badRequest', status: 422, serverMessage: 'scopes: too many; name empty' },
      { title: '400 plain text', misbehave: { status: 400, body: 'Scopes must be lower case', contentType: 'text/plain' }, kind: 'badRequest', status: 400, serverMessage: 'Scopes must be lower case' },
      { title: '400 with no body', misbehave: { status: 400 }, kind: 'badRequest', status: 400, message: 'Vued refused the request (400). Check the key name, scopes and expiry and try again.' },
      { title: '403', misbehave: { status: 403, body: '{"error":"Forbidden"}' }, kind: 'forbidden', status: 403, message: /no permission for this organization \(403\)/ },
      { title: '409', misbehave: { status: 409, body: '{"error":"A key with this name exists"}' }, kind: 'conflict', status: 409, message: 'Vued reported a conflict (409): A key with this name exists.' },
      { title: '500', misbehave: { status: 500, body: '{"error":"Internal Server Error"}' }, kind: 'server', status: 500, message: 'Vued had a server error (500): Internal Server Error; try again later.' },
      { title: 'HTML 502 page', misbehave: { html502: true }, kind: 'server', status: 502, serverMessage: '502 Bad Gateway' },
      { title: '503 with Retry-After', misbehave: { status: 503, headers: { 'Retry-After': '30' } }, kind: 'server', status: 503, message: 'Vued had a server error (503); try again in 30 s.' },
    ];
    for (const c of cases) {
      it(`${c.title} → ${c.kind}, POST sent once`, async () => {
        server.misbehave({ method: 'POST', ...c.misbehave });
        const err = await rejection(client().createApiKey(ORG, BODY));
        assert.equal(err.kind, c.kind);
        assert.equal(err.status, c.status);
        assert.equal(err.method, 'POST');
        assert.equal(err.url, `${server.url}/orgs/${ORG}/api-keys`);
        if (c.serverMessage !== undefined) assert.equal(err.serverMessage, c.serverMessage);
        if (typeof c.message === 'string') assert.equal(err.message, c.message);
        else if (c.message) assert.match(err.message, c.message);
        assert.equal(server.count('POST', '/api-keys'), 1);
        assert.equal(server.keys(ORG).length, 0);
        const failure = log.lines.find((l) => l.level === 'warn' || l.level === 'error');
        assert.ok(failure, 'the failure is logged at warn or error');
        assert.match(failure.text, new RegExp(`→ ${c.status} in \\d+ ms \\(${c.kind}`));
      });
    }

    it('401 from the real token check → auth, with the fixed sentence', async () => {
      const err = await rejection(client({ getToken: async () => 'wrong-token' }).createApiKey(ORG, BODY));
      assert.equal(err.kind, 'auth');
      assert.equal(err.status, 401);
      assert.equal(err.serverMessage, 'Invalid token');
      assert.equal(err.message, 'Vued rejected the access token (401). Set a new token and try again.');
      assert.equal(server.count('POST'), 1);
      assert.equal(log.lines.at(-1)?.level, 'warn');
    });

    it('404 for an organization the server does not know → notFound', async () => {
      const err = await rejection(client().createApiKey(randomUUID(), BODY));
      assert.equal(err.kind, 'notFound');
      assert.equal(err.message, 'Vued could not find this organization or endpoint (404). Check the organization ID and vued.apiBaseUrl.');
    });

    it('429 with Retry-After in seconds → rateLimited, "try again in N s"', async () => {
      server.misbehave({ method: 'POST', status: 429, body: '{"error":"Too many requests"}', headers: { 'Retry-After': '7' } });
      const err = await rejection(client().createApiKey(ORG, BODY));
      assert.equal(err.kind, 'rateLimited');
      assert.equal(err.retryAfterSeconds, 7);
      assert.equal(err.message, 'Vued is limiting requests (429); try again in 7 s.');
      assert.equal(server.count('POST'), 1);
    });

    it('429 with Retry-After as an HTTP date → seconds until then', async () => {
      const when = new Date(Math.ceil(Date.now() / 1000) * 1000 + 90_000).toUTCString();
      server.misbehave({ method: 'POST', status: 429, headers: { 'Retry-After': when } });
      const err = await rejection(client().createApiKey(ORG, BODY));
      assert.equal(err.kind, 'rateLimited');
      assert.ok(err.retryAfterSeconds !== undefined && err.retryAfterSeconds >= 85 && err.retryAfterSeconds <= 91, String(err.retryAfterSeconds));
      assert.match(err.message, /try again in (8[5-9]|9[01]) s\.$/);
    });

    it('a server that hangs → timeout after timeoutMs, and the POST is not repeated', async () => {
      server.misbehave({ method: 'POST', hang: true });
      const started = Date.now();
      const err = await rejection(client({ timeoutMs: 300 }).createApiKey(ORG, BODY));
      const took = Date.now() - started;
      assert.equal(err.kind, 'timeout');
      assert.ok(took >= 280 && took < 3000, `took ${took} ms`);
      assert.match(err.message, /^Vued did not answer within 0\.3 s; the key may still have been created/);
      assert.equal(server.count('POST'), 1);
      assert.equal(log.lines.at(-1)?.level, 'error');
    });

    it('a slow answer within the timeout succeeds', async () => {
      server.misbehave({ method: 'GET', delayMs: 150 });
      const list = await client({ timeoutMs: 2_000 }).listApiKeys(ORG);
      assert.deepEqual(list, []);
    });

    it('a timeout on GET says how long it waited and names the setting', async () => {
      server.misbehave({ method: 'GET', hang: true });
      const err = await rejection(client({ timeoutMs: 250 }).listApiKeys(ORG));
      assert.equal(err.kind, 'timeout');
      assert.equal(err.message, 'Vued did not answer within 0.3 s. Check your connection, or raise vued.requestTimeoutSeconds.');
    });

    it('malformed JSON on 200 → malformed, body not quoted, POST once', async () => {
      server.misbehave({ method: 'POST', malformedJson: true });
      const err = await rejection(client().createApiKey(ORG, BODY));
      assert.equal(err.kind, 'malformed');
      assert.equal(err.status, 200);
      assert.match(err.message, /not valid JSON \(200, application\/json\)/);
      assert.doesNotMatch(err.message + log.all(), /3f1c/);
      assert.equal(server.count('POST'), 1);
    });

    it('an HTML page with 200 → malformed, naming the content type', async () => {
      server.misbehave({ method: 'GET', status: 200, body: '<html><title>Login</title></html>', contentType: 'text/html; charset=utf-8' });
      const err = await rejection(client().listApiKeys(ORG));
      assert.equal(err.kind, 'malformed');
      assert.equal(err.message, 'Vued sent an answer that is not valid JSON (200, text/html). Check that vued.apiBaseUrl points at the Vued API.');
    });

    it('an empty 200 → malformed', async () => {
      server.misbehave({ method: 'GET', status: 200, body: '' });
      const err = await rejection(client().listOrganizations());
      assert.equal(err.kind, 'malformed');
      assert.match(err.message, /an empty answer \(200\)/);
    });

    it('valid JSON of the wrong shape → malformed naming the field, never the secret', async () => {
      const secret = `vued_sk_${randomBytes(20).toString('hex')}`;
      const body = JSON.stringify({
        token: { id: randomUUID(), name: 'x', keyPrefix: 42, scopes: [], createdAt: 1 },
        secret,
      });
      server.misbehave({ method: 'POST', status: 200, body });
      const err = await rejection(client().createApiKey(ORG, BODY));
      assert.equal(err.kind, 'malformed');
      assert.match(err.message, /token\.keyPrefix should be a string but is a number/);
      assert.ok(!err.message.includes(secret));
      assert.ok(!log.all().includes(secret));
      assert.equal(server.count('POST'), 1);
    });

    it('a list of the wrong shape → malformed naming the item', async () => {
      server.misbehave({ method: 'GET', status: 200, body: '{"items":[{"id":"k1","name":"a","keyPrefix":"p","scopes":"all","createdAt":1}]}' });
      const err = await rejection(client().listApiKeys(ORG));
      assert.equal(err.kind, 'malformed');
      assert.match(err.message, /items\[0\]\.scopes should be a list of strings but is a string/);
    });

    it('an already-aborted signal → cancelled, nothing sent', async () => {
      const ac = new AbortController();
      ac.abort();
      const err = await rejection(client().createApiKey(ORG, BODY, ac.signal));
      assert.equal(err.kind, 'cancelled');
      assert.equal(server.requests.length, 0);
    });

    it('aborting while the token is being read → cancelled, nothing sent', async () => {
      const ac = new AbortController();
      const getToken = async (): Promise<string> => {
        ac.abort();
        return TOKEN;
      };
      const err = await rejection(client({ getToken }).createApiKey(ORG, BODY, ac.signal));
      assert.equal(err.kind, 'cancelled');
      assert.equal(server.requests.length, 0);
    });

    it('aborting while the server is working → cancelled (not timeout), sent once', async () => {
      server.misbehave({ method: 'POST', hang: true });
      const ac = new AbortController();
      setTimeout(() => ac.abort(), 100);
      const started = Date.now();
      const err = await rejection(client({ timeoutMs: 5_000 }).createApiKey(ORG, BODY, ac.signal));
      assert.equal(err.kind, 'cancelled');
      assert.equal(err.message, 'The request to Vued was cancelled.');
      assert.ok(Date.now() - started < 2_000);
      assert.equal(server.count('POST'), 1);
    });

    it('a closed port → network error naming the refused connection', async () => {
      const gone = await startVuedApiServer({ token: TOKEN });
      const url = gone.url;
      const port = gone.port;
      await gone.close();
      const err = await rejection(client({ baseUrl: url }).listApiKeys(ORG));
      assert.equal(err.kind, 'network');
      assert.equal(err.code, 'ECONNREFUSED');
      assert.equal(err.message, `127.0.0.1:${port} refused the connection. Check vued.apiBaseUrl and that the server is running.`);
      assert.match(log.all(), /→ failed in \d+ ms \(network ECONNREFUSED\)/);
    });

    for (const status of [301, 302, 307, 308]) {
      it(`a ${status} redirect to another origin is not followed and the token is not sent there`, async () => {
        const elsewhere = await startVuedApiServer({ token: TOKEN });
        try {
          const target = `${elsewhere.url}/orgs/${ORG}/api-keys?from=redirect`;
          server.misbehave({ method: 'POST', status, redirectTo: target });
          const err = await rejection(client().createApiKey(ORG, BODY));
          assert.equal(err.kind, 'network');
          assert.equal(err.status, status);
          assert.equal(
            err.message,
            `Vued redirected the request to ${elsewhere.url}/orgs/${ORG}/api-keys; it was not followed and the token was not sent there. Check vued.apiBaseUrl; ${MAYBE_CREATED}.`,
          );
          assert.equal(elsewhere.requests.length, 0, 'the other server saw no request');
          assert.equal(server.count('POST'), 1);
        } finally {
          await elsewhere.close();
        }
      });
    }

    it('a self-signed certificate → tls error', async () => {
      const tls = https.createServer(selfSignedCertificate(), (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('[]');
      });
      await new Promise<void>((r) => tls.listen(0, '127.0.0.1', r));
      const port = (tls.address() as AddressInfo).port;
      let requestsSeen = 0;
      tls.on('request', () => requestsSeen++);
      try {
        const err = await rejection(client({ baseUrl: `https://127.0.0.1:${port}/v1` }).listApiKeys(ORG));
        assert.equal(err.kind, 'tls');
        assert.equal(err.code, 'DEPTH_ZERO_SELF_SIGNED_CERT');
        assert.match(err.message, new RegExp(`^The TLS certificate of 127\\.0\\.0\\.1:${port} could not be verified`));
        assert.equal(requestsSeen, 0, 'no HTTP request (and no token) went over the unverified connection');
      } finally {
        tls.closeAllConnections();
        await new Promise((r) => tls.close(r));
      }
    });

    it('no token → auth error before any request', async () => {
      const err = await rejection(client({ getToken: async () => '  ' }).listApiKeys(ORG));
      assert.equal(err.kind, 'auth');
      assert.equal(err.message, 'No Vued access token is set. Set a token and try again.');
      assert.equal(server.requests.length, 0);
    });

    it('an empty organization or key ID → badRequest with a log line, nothing sent', async () => {
      for (const call of [() => client().listApiKeys(' '), () => client().createApiKey('', BODY), () => client().revokeApiKey(ORG, '')]) {
        log = captureLogger();
        const err = await rejection(call());
        assert.equal(err.kind, 'badRequest');
        assert.match(err.message, /is empty/);
        assert.match(log.all(), /not sent: badRequest/);
      }
      assert.equal(server.requests.length, 0);
    });

    it('an http:// base URL that is not loopback → refused before any request, with the setting reason', async () => {
      let sent = false;
      const fetch: FetchLike = (url, init) => {
        sent = true;
        return nodeHttp(url, init);
      };
      const err = await rejection(client({ baseUrl: 'http://example.com/v1', fetch }).listApiKeys(ORG));
      assert.equal(err.kind, 'badRequest');
      assert.match(err.message, /^vued\.apiBaseUrl must use https:\/\//);
      assert.equal(sent, false);
    });

    it('never retries: five different failures, five POSTs', async () => {
      const c = client({ timeoutMs: 300 });
      const failures = [{ status: 500 }, { status: 502, html502: true }, { status: 503 }, { status: 429 }, { hang: true }];
      for (const f of failures) {
        server.misbehave({ method: 'POST', ...f });
        await rejection(c.createApiKey(ORG, BODY));
      }
      assert.equal(server.count('POST'), failures.length);
    });
  });

  describe('secrets never leak into logs or errors', () => {
    it('scans every log line and error message for the token and the secrets: 0 hits', async () => {
      const errors: ApiError[] = [];
      const secrets: string[] = [];
      const c = client({ timeoutMs: 300 });
      const collect = async (p: Promise<unknown>): Promise<void> => {
        errors.push(await rejection(p));
      };

      const created: CreatedPublicApiKey = await c.createApiKey(ORG, BODY);
      secrets.push(created.secret);
      await c.listApiKeys(ORG);
      await c.revokeApiKey(ORG, created.token.id);
      await c.listOrganizations();

      // Servers that echo credentials back in error bodies, in every form.
      server.misbehave({ status: 400, body: JSON.stringify({ error: `bad token ${TOKEN}`, token: TOKEN, secret: created.secret }) });
      await collect(c.createApiKey(ORG, BODY));
      server.misbehave({ status: 422, body: JSON.stringify({ detail: [{ msg: `secret ${created.secret} rejected` }], secret: created.secret }) });
      await collect(c.createApiKey(ORG, BODY));
      server.misbehave({ status: 500, body: `Authorization: Bearer ${TOKEN}`, contentType: 'text/plain' });
      await collect(c.listApiKeys(ORG));
      server.misbehave({ status: 403, body: JSON.stringify({ message: `token ${TOKEN} lacks access` }) });
      await collect(c.listApiKeys(ORG));
      // A 200 with a broken shape that carries a secret.
      const shapeSecret = `vued_sk_${randomBytes(20).toString('hex')}`;
      secrets.push(shapeSecret);
      server.misbehave({ status: 200, body: JSON.stringify({ token: { id: 5 }, secret: shapeSecret }) });
      await collect(c.createApiKey(ORG, BODY));
      server.misbehave({ status: 200, body: JSON.stringify({ token: null, secret: shapeSecret }) });
      await collect(c.createApiKey(ORG, BODY));
      server.misbehave({ malformedJson: true, body: `{"secret":"${shapeSecret}"` });
      await collect(c.createApiKey(ORG, BODY));
      // Transport failures.
      server.misbehave({ hang: true });
      await collect(c.createApiKey(ORG, BODY));
      server.misbehave({ status: 307, redirectTo: `http://127.0.0.1:1/?token=${TOKEN}` });
      await collect(c.createApiKey(ORG, BODY));
      await collect(client({ getToken: async () => `${TOKEN}x` }).listApiKeys(ORG));

      assert.equal(errors.length, 10);
      assert.ok(log.lines.length >= 14, `expected a log line per request, got ${log.lines.length}`);
      const haystack = [
        log.all(),
        ...errors.map((e) => [e.message, e.serverMessage ?? '', e.url, e.detail, JSON.stringify(e), String(e.stack)].join('\n')),
      ].join('\n');
      for (const needle of [TOKEN, ...secrets]) {
        assert.equal(haystack.split(needle).length - 1, 0, 'a credential appeared in a log line or an error');
      }
      // The scan is meaningful: the server really did send those values.
      assert.ok(server.requests.some((r) => r.headers.authorization === `Bearer ${TOKEN}`));
      assert.ok(errors.some((e) => e.serverMessage?.includes('[redacted]')));
    });
  });
});

/**
 * A self-signed certificate for 127.0.0.1, made for this run by openssl (so no private key lives in
 * the repository), used only to provoke a certificate error in the client test above.
 */
function selfSignedCertificate(): { cert: string; key: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vued-tls-'));
  try {
    const cert = path.join(dir, 'cert.pem');
    const key = path.join(dir, 'key.pem');
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert,
    ], { stdio: 'ignore' });
    return { cert: fs.readFileSync(cert, 'utf8'), key: fs.readFileSync(key, 'utf8') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
