/**
 * The client's HTTP layer (src/core/api/nodeHttp.ts) on its own, against raw sockets on 127.0.0.1:
 * what it sends, how it hands back a redirect and headers, and how aborts and cut connections reach
 * the caller. The client's behaviour on top of it is in client.test.ts and client.hostile.test.ts.
 */
import * as assert from 'node:assert/strict';
import type { FetchLikeResponse } from '../../../../src/core/api/client';
import { nodeHttp } from '../../../../src/core/api/nodeHttp';
import { type RawHandler, type RawRequest, startHostileServer } from '../../../fixtures/hostileServer';
import { sleep } from '../../../support/sleep';

/** A raw-socket server (test/fixtures/hostileServer.ts) whose requests all get `answer`; its URL has a path. */
async function rawServer(answer: RawHandler): Promise<{ url: string; seen: RawRequest[]; close(): Promise<void> }> {
  const server = await startHostileServer();
  server.handle(answer);
  return { url: `${server.url}/x`, seen: server.requests, close: () => server.close() };
}

const raw = (lines: string[], body = ''): string => `${lines.join('\r\n')}\r\n\r\n${body}`;

function send(url: string, over: { method?: string; body?: string; signal?: AbortSignal; headers?: Record<string, string> } = {}): Promise<FetchLikeResponse> {
  return nodeHttp(url, {
    method: over.method ?? 'GET',
    headers: over.headers ?? { Accept: 'application/json' },
    body: over.body,
    signal: over.signal ?? new AbortController().signal,
  });
}

/** Reads the whole body; resolves to the bytes read, or rejects with what the iteration threw. */
async function readAll(res: FetchLikeResponse): Promise<number> {
  let bytes = 0;
  for await (const chunk of res.body ?? []) bytes += chunk.byteLength;
  return bytes;
}

async function thrown(p: Promise<unknown>): Promise<Error & { code?: string }> {
  try {
    await p;
  } catch (e) {
    assert.ok(e instanceof Error, String(e));
    return e;
  }
  assert.fail('expected a rejection');
}

describe('the HTTP layer over node:http', () => {
  let server: Awaited<ReturnType<typeof rawServer>> | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('sends the given headers, Content-Length in bytes and the body; no Accept-Encoding, no other additions', async () => {
    server = await rawServer((s) => s.end(raw(['HTTP/1.1 201 Created', 'Content-Length: 2', 'Connection: close'], '{}')));
    const body = JSON.stringify({ name: 'clé' });
    const res = await send(server.url, { method: 'POST', body, headers: { Accept: 'application/json', Authorization: 'Bearer t', 'Content-Type': 'application/json', 'User-Agent': 'ua' } });
    assert.equal(res.status, 201);
    assert.equal(await readAll(res), 2);
    const [{ head, body: received }] = server.seen;
    const lines = head.split('\r\n');
    assert.equal(lines[0], 'POST /v1/x HTTP/1.1');
    const names = lines.slice(1).map((l) => l.slice(0, l.indexOf(':')).toLowerCase()).sort();
    assert.deepEqual(names, ['accept', 'authorization', 'connection', 'content-length', 'content-type', 'host', 'user-agent']);
    assert.ok(lines.includes(`Content-Length: ${Buffer.byteLength(body)}`), head);
    assert.ok(Buffer.byteLength(body) > body.length, 'the body has a character of two bytes');
    assert.equal(received, body);
  });

  it('a redirect is handed back, not followed: its status and the Location as the server wrote it', async () => {
    server = await rawServer((s) => s.end(raw(['HTTP/1.1 302 Found', 'Location: /elsewhere?x=1', 'Content-Length: 0', 'Connection: close'])));
    const res = await send(server.url);
    assert.equal(res.status, 302);
    assert.equal(res.headers.get('location'), '/elsewhere?x=1');
    await sleep(50);
    assert.equal(server.seen.length, 1, 'one request, to the first address only');
  });

  it('headers.get: any case, null when absent, repeated headers joined with ", "', async () => {
    server = await rawServer((s) => s.end(raw(['HTTP/1.1 200 OK', 'X-Many: a', 'Content-Type: application/json', 'x-many: b', 'Content-Length: 2', 'Connection: close'], '{}')));
    const res = await send(server.url);
    assert.equal(res.headers.get('Content-Type'), 'application/json');
    assert.equal(res.headers.get('CONTENT-TYPE'), 'application/json');
    assert.equal(res.headers.get('x-many'), 'a, b');
    assert.equal(res.headers.get('retry-after'), null);
    await readAll(res);
  });

  it('an abort before the answer rejects the pending request', async () => {
    server = await rawServer(() => undefined);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const started = Date.now();
    const err = await thrown(send(server.url, { signal: ac.signal }));
    assert.equal(err.name, 'AbortError');
    assert.ok(Date.now() - started < 1_000);
  });

  it('an already-aborted signal sends nothing', async () => {
    server = await rawServer((s) => s.end(raw(['HTTP/1.1 204 No Content', 'Connection: close'])));
    const ac = new AbortController();
    ac.abort();
    assert.equal((await thrown(send(server.url, { signal: ac.signal }))).name, 'AbortError');
    await sleep(50);
    assert.equal(server.seen.length, 0);
  });

  it('an abort while the body streams makes the reading throw', async () => {
    server = await rawServer((s) => s.write(raw(['HTTP/1.1 200 OK', 'Content-Length: 1000'], '{"a"')));
    const ac = new AbortController();
    const res = await send(server.url, { signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    await thrown(readAll(res));
  });

  for (const [framing, head, part] of [
    ['Content-Length', 'Content-Length: 1000', '{"token":{"id"'],
    ['chunked', 'Transfer-Encoding: chunked', 'e\r\n{"token":{"id"\r\n'],
  ]) {
    it(`a connection cut mid-body (${framing}) makes the reading throw ECONNRESET, never end as if whole`, async () => {
      server = await rawServer((s) => {
        s.write(raw(['HTTP/1.1 200 OK', head], part));
        setTimeout(() => s.destroy(), 30);
      });
      const res = await send(server.url);
      const err = await thrown(readAll(res));
      assert.equal(err.code, 'ECONNRESET');
    });
  }

  it('a cut body that nobody reads is not an uncaught error', async () => {
    server = await rawServer((s) => {
      s.write(raw(['HTTP/1.1 302 Found', 'Location: /x', 'Content-Length: 1000'], 'abc'));
      setTimeout(() => s.destroy(), 20);
    });
    const uncaught: unknown[] = [];
    const note = (e: unknown): void => {
      uncaught.push(e);
    };
    // Mocha's own handler would fail the run rather than this test: count them here instead.
    const mochas = process.listeners('uncaughtException');
    process.removeAllListeners('uncaughtException');
    process.on('uncaughtException', note);
    try {
      const res = await send(server.url);
      assert.equal(res.status, 302);
      await sleep(100);
    } finally {
      process.off('uncaughtException', note);
      for (const l of mochas) process.on('uncaughtException', l);
    }
    assert.deepEqual(uncaught, []);
  });

  it('a URL with user info is refused, nothing sent (http.request would send it as Basic auth)', async () => {
    server = await rawServer((s) => s.end(raw(['HTTP/1.1 204 No Content', 'Connection: close'])));
    const err = await thrown(send(server.url.replace('http://', 'http://user:pass@')));
    assert.equal(err.name, 'TypeError');
    await sleep(50);
    assert.equal(server.seen.length, 0);
  });

  it('a refused connection rejects with Node error code ECONNREFUSED', async () => {
    server = await rawServer(() => undefined);
    const url = server.url;
    await server.close();
    server = undefined;
    const err = await thrown(send(url));
    assert.equal(err.code, 'ECONNREFUSED');
  });
});
