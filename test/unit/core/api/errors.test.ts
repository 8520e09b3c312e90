import * as assert from 'node:assert/strict';
import * as net from 'node:net';
import {
  ApiError,
  errorCode,
  formatSeconds,
  httpError,
  MAYBE_CREATED,
  networkError,
  parseRetryAfter,
  safeUrl,
  statusToKind,
  timeoutError,
  type ApiErrorKind,
} from '../../../../src/core/api/errors';
import { nodeHttp } from '../../../../src/core/api/nodeHttp';
import { type Message, msg } from '../../../../src/core/common/messages';

const URL_ = 'https://api.example.com/v1/orgs/o1/api-keys';
/** The operations the client names when a server lacks one. */
const OPERATIONS: Record<string, Message> = { 'listing API keys': msg('api.listingKeys'), 'revoking API keys': msg('api.revokingKeys') };

describe('api errors', () => {
  describe('statusToKind', () => {
    const table: [number, ApiErrorKind][] = [
      [400, 'badRequest'],
      [422, 'badRequest'],
      [415, 'badRequest'],
      [401, 'auth'],
      [403, 'forbidden'],
      [404, 'notFound'],
      [409, 'conflict'],
      [429, 'rateLimited'],
      [500, 'server'],
      [502, 'server'],
      [503, 'server'],
      [599, 'server'],
      [307, 'network'],
      [200, 'malformed'],
      [600, 'malformed'],
    ];
    for (const [status, kind] of table) {
      it(`${status} → ${kind}`, () => assert.equal(statusToKind(status), kind));
    }
  });

  describe('httpError sentences', () => {
    const table: { status: number; words?: string; retry?: number; op?: string; kind: ApiErrorKind; message: string }[] = [
      { status: 401, kind: 'auth', message: 'Vued rejected the access token (401). Set a new token and try again.' },
      { status: 401, words: 'Invalid token', kind: 'auth', message: 'Vued rejected the access token (401). Set a new token and try again.' },
      { status: 403, kind: 'forbidden', message: 'The access token has no permission for this organization (403). Pick another organization or use a token that has access to it.' },
      { status: 404, kind: 'notFound', message: 'Vued could not find this organization or endpoint (404). Check the organization ID and vued.apiBaseUrl.' },
      { status: 400, words: 'name is required.', kind: 'badRequest', message: 'Vued refused the request (400): name is required.' },
      { status: 422, words: 'scopes: field required', kind: 'badRequest', message: 'Vued refused the request (422): scopes: field required.' },
      { status: 409, kind: 'conflict', message: 'Vued reported a conflict (409); a key with this name may already exist. Choose another name and try again.' },
      { status: 429, retry: 12, kind: 'rateLimited', message: 'Vued is limiting requests (429); try again in 12 s.' },
      { status: 429, retry: 600, kind: 'rateLimited', message: 'Vued is limiting requests (429); try again in 10 min.' },
      { status: 429, kind: 'rateLimited', message: 'Vued is limiting requests (429); try again later.' },
      { status: 500, kind: 'server', message: 'Vued had a server error (500); try again later.' },
      { status: 502, words: '502 Bad Gateway', kind: 'server', message: 'Vued had a server error (502): 502 Bad Gateway; try again later.' },
      { status: 404, op: 'listing API keys', kind: 'unsupported', message: 'This Vued server does not offer listing API keys, or the item no longer exists (404).' },
      { status: 405, op: 'revoking API keys', kind: 'unsupported', message: 'This Vued server does not offer revoking API keys (405).' },
      { status: 501, op: 'listing API keys', kind: 'unsupported', message: 'This Vued server does not offer listing API keys (501).' },
      { status: 403, op: 'listing API keys', kind: 'forbidden', message: 'The access token has no permission for this organization (403). Pick another organization or use a token that has access to it.' },
    ];
    for (const c of table) {
      it(`${c.status}${c.op ? ` (${c.op})` : ''}${c.words ? ` "${c.words}"` : ''} → ${c.kind}`, () => {
        const err = httpError({ method: 'POST', url: URL_, status: c.status, serverMessage: c.words, retryAfterSeconds: c.retry, unsupportedOperation: c.op === undefined ? undefined : OPERATIONS[c.op] });
        assert.ok(err instanceof ApiError);
        assert.equal(err.kind, c.kind);
        assert.equal(err.status, c.status);
        assert.equal(err.message, c.message);
        assert.equal(err.serverMessage, c.words);
      });
    }
  });

  describe('parseRetryAfter', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    const table: [string | null, number | undefined][] = [
      [null, undefined],
      ['', undefined],
      ['0', 0],
      ['7', 7],
      [' 120 ', 120],
      ['1.5', 2],
      ['Wed, 01 Jan 2025 00:01:30 GMT', 90],
      ['Tue, 31 Dec 2024 23:59:00 GMT', 0],
      ['soon', undefined],
      ['-5', undefined],
      // Clamped: over a day means "try again later", not a figure.
      ['86400', 86400],
      ['86401', undefined],
      ['99999999999999999999999', undefined],
      ['1e30', undefined],
      ['Thu, 02 Jan 2025 00:00:00 GMT', 86400],
      ['Fri, 01 Jan 2100 00:00:00 GMT', undefined],
    ];
    for (const [value, expected] of table) {
      it(`${JSON.stringify(value)} → ${expected}`, () => assert.equal(parseRetryAfter(value, now), expected));
    }
  });

  it('formatSeconds', () => {
    assert.deepEqual([5, 119, 120, 3599, 7200, 7500].map(formatSeconds), ['5 s', '119 s', '2 min', '60 min', '2 h', '2 h 5 min']);
  });

  describe('safeUrl', () => {
    const table: [string, string][] = [
      ['https://u:p@api.example.com/v1/x?token=abc#frag', 'https://api.example.com/v1/x'],
      ['http://127.0.0.1:8787/v1/orgs', 'http://127.0.0.1:8787/v1/orgs'],
      ['not a url?secret=1', 'not a url'],
    ];
    for (const [raw, safe] of table) it(`${raw} → ${safe}`, () => assert.equal(safeUrl(raw), safe));

    it('ApiError.url never keeps a query', () => {
      const err = new ApiError({ kind: 'network', message: msg('api.cancelled'), method: 'GET', url: 'https://a.example/v1?token=zzz' });
      assert.equal(err.url, 'https://a.example/v1');
    });
  });

  describe('network errors (as Node raises them)', () => {
    /**
     * For what cannot happen on 127.0.0.1 (DNS, a route, someone else's certificate): the error
     * as Node's dns/net/tls write it, the code on `code` and, for system errors, a numeric errno.
     */
    function nodeError(code: string, message: string, errno?: number): Error {
      return Object.assign(new Error(message), errno === undefined ? { code } : { code, errno });
    }
    /** An error that wraps Node's in `cause`. */
    function causeError(code: string): Error {
      return Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('x'), { code }) });
    }
    const table: { err: Error; kind: ApiErrorKind; code?: string; message: string | RegExp }[] = [
      { err: nodeError('ENOTFOUND', 'getaddrinfo ENOTFOUND api.example.com', -3008), kind: 'network', code: 'ENOTFOUND', message: 'The server name api.example.com was not found (DNS). Check vued.apiBaseUrl and your internet connection.' },
      { err: nodeError('EAI_AGAIN', 'getaddrinfo EAI_AGAIN api.example.com', -3001), kind: 'network', code: 'EAI_AGAIN', message: /could not be looked up right now \(DNS\)/ },
      { err: nodeError('ECONNREFUSED', 'connect ECONNREFUSED 203.0.113.7:443', -111), kind: 'network', code: 'ECONNREFUSED', message: 'api.example.com refused the connection. Check vued.apiBaseUrl and that the server is running.' },
      { err: nodeError('ECONNRESET', 'read ECONNRESET', -104), kind: 'network', code: 'ECONNRESET', message: 'The connection to api.example.com was cut before Vued answered. Check your network or proxy and try again.' },
      { err: nodeError('ETIMEDOUT', 'connect ETIMEDOUT 203.0.113.7:443', -110), kind: 'network', code: 'ETIMEDOUT', message: /could not be reached \(ETIMEDOUT\)/ },
      { err: nodeError('CERT_HAS_EXPIRED', 'certificate has expired'), kind: 'tls', code: 'CERT_HAS_EXPIRED', message: /^The TLS certificate of api\.example\.com could not be verified \(CERT_HAS_EXPIRED\)/ },
      { err: nodeError('UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'unable to verify the first certificate'), kind: 'tls', code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', message: /could not be verified/ },
      { err: nodeError('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'), kind: 'tls', code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: /could not be verified/ },
      { err: nodeError('SELF_SIGNED_CERT_IN_CHAIN', 'self-signed certificate in certificate chain'), kind: 'tls', code: 'SELF_SIGNED_CERT_IN_CHAIN', message: /could not be verified/ },
      { err: nodeError('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames: Host: api.example.com. is not in the cert's altnames: DNS:other.example"), kind: 'tls', code: 'ERR_TLS_CERT_ALTNAME_INVALID', message: /could not be verified/ },
      { err: causeError('ECONNREFUSED'), kind: 'network', code: 'ECONNREFUSED', message: /refused the connection/ },
      { err: causeError('CERT_HAS_EXPIRED'), kind: 'tls', code: 'CERT_HAS_EXPIRED', message: /could not be verified/ },
      { err: new Error('boom'), kind: 'network', message: 'Could not reach Vued at api.example.com. Check your network and vued.apiBaseUrl.' },
    ];
    for (const c of table) {
      it(`${c.code ?? 'no code'} (${c.err.message}) → ${c.kind}`, () => {
        const err = networkError(c.err, { method: 'GET', url: URL_ });
        assert.equal(err.kind, c.kind);
        assert.equal(err.code, c.code);
        if (typeof c.message === 'string') assert.equal(err.message, c.message);
        else assert.match(err.message, c.message);
        assert.ok(!err.message.includes(c.err.message), 'Node\'s own words are not shown');
      });
    }

    describe('from real sockets on 127.0.0.1, through the HTTP layer', () => {
      const sockets = new Set<net.Socket>();
      const servers: net.Server[] = [];
      /** A TCP server that lets `answer` write raw bytes once a request's head has arrived. */
      async function rawServer(answer: (socket: net.Socket) => void, onConnect = false): Promise<string> {
        const server = net.createServer((socket) => {
          sockets.add(socket);
          socket.on('error', () => undefined);
          if (onConnect) answer(socket);
          else socket.once('data', () => answer(socket));
        });
        servers.push(server);
        await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
        return `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
      }
      after(async () => {
        for (const s of sockets) s.destroy();
        await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
      });

      /** What the HTTP layer throws for one GET: its pending request's rejection, or the body's. */
      async function thrownBy(url: string): Promise<unknown> {
        try {
          const res = await nodeHttp(url, { method: 'GET', headers: { Accept: 'application/json' }, signal: new AbortController().signal });
          for await (const chunk of res.body ?? []) void chunk;
        } catch (e) {
          return e;
        }
        assert.fail('expected the request to fail');
      }

      it('a closed port → ECONNREFUSED, "refused the connection"', async () => {
        const host = await rawServer(() => undefined);
        const server = servers.pop();
        await new Promise((r) => server?.close(r));
        const url = `http://${host}/v1/orgs`;
        const err = networkError(await thrownBy(url), { method: 'GET', url });
        assert.equal(err.kind, 'network');
        assert.equal(err.code, 'ECONNREFUSED');
        assert.equal(err.message, `${host} refused the connection. Check vued.apiBaseUrl and that the server is running.`);
      });

      it('closed without an answer ("socket hang up") → ECONNRESET, "cut"; on a create, maybe created', async () => {
        const url = `http://${await rawServer((s) => s.destroy())}/v1/orgs`;
        const thrown = await thrownBy(url);
        const err = networkError(thrown, { method: 'GET', url });
        assert.equal(err.code, 'ECONNRESET');
        assert.match(err.message, /was cut before Vued answered/);
        const create = networkError(thrown, { method: 'POST', url, mayHaveSideEffect: true });
        assert.ok(create.message.includes(MAYBE_CREATED), create.message);
      });

      it('a body cut short after the status → ECONNRESET, "cut", never a complete answer', async () => {
        const url = `http://${await rawServer((s) => {
          s.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{"id"');
          setTimeout(() => s.destroy(), 20);
        })}/v1/orgs`;
        const err = networkError(await thrownBy(url), { method: 'GET', url, answered: true });
        assert.equal(err.kind, 'network');
        assert.equal(err.code, 'ECONNRESET');
        assert.match(err.message, /was cut before Vued answered/);
      });

      for (const [what, bytes, code] of [
        ['an answer that is not HTTP', 'SSH-2.0-OpenSSH_9.6\r\n\r\n', 'HPE_INVALID_CONSTANT'],
        ['headers over Node\'s limit', `HTTP/1.1 200 OK\r\nX-Big: ${'a'.repeat(100_000)}\r\nContent-Length: 2\r\n\r\n{}`, 'HPE_HEADER_OVERFLOW'],
      ]) {
        it(`${what} → ${code}, malformed`, async () => {
          const url = `http://${await rawServer((s) => s.end(bytes))}/v1/orgs`;
          const err = networkError(await thrownBy(url), { method: 'GET', url });
          assert.equal(err.kind, 'malformed');
          assert.equal(err.code, code);
          assert.match(err.message, /sent an answer that is not valid HTTP/);
        });
      }

      it('https:// to a server that speaks plain HTTP → EPROTO, tls, "secure (TLS) connection … failed"', async () => {
        const host = await rawServer((s) => s.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'), true);
        const url = `https://${host}/v1/orgs`;
        const thrown = await thrownBy(url);
        const err = networkError(thrown, { method: 'POST', url, mayHaveSideEffect: true });
        assert.equal(err.kind, 'tls');
        assert.equal(err.code, 'EPROTO');
        assert.match(err.message, /^The secure \(TLS\) connection to 127\.0\.0\.1:\d+ failed \(EPROTO\)/);
        assert.ok(!err.message.includes(MAYBE_CREATED), 'nothing was sent before the handshake failed');
      });
    });

    it('a cut connection on POST warns that the key may have been created', () => {
      const err = networkError(nodeError('ECONNRESET', 'read ECONNRESET', -104), { method: 'POST', url: URL_, mayHaveSideEffect: true });
      assert.match(err.message, /the key may still have been created, so check the key list/);
    });

    it('errorCode walks cause chains and ignores numeric errno', () => {
      assert.equal(errorCode({ errno: -111, cause: { cause: { code: 'ECONNREFUSED' } } }), 'ECONNREFUSED');
      assert.equal(errorCode({ errno: -111 }), undefined);
      assert.equal(errorCode('x'), undefined);
    });
  });

  describe('timeoutError', () => {
    const table: [number, string][] = [
      [300, '0.3 s'],
      [2_000, '2 s'],
      [30_000, '30 s'],
      [45_400, '45 s'],
    ];
    for (const [ms, shown] of table) {
      it(`${ms} ms → "within ${shown}"`, () => {
        const err = timeoutError({ method: 'GET', url: URL_, timeoutMs: ms });
        assert.equal(err.kind, 'timeout');
        assert.ok(err.message.startsWith(`Vued did not answer within ${shown}.`), err.message);
      });
    }
  });

  it('detail carries kind, status, code and server words for the log', () => {
    const err = new ApiError({ kind: 'rateLimited', message: msg('api.cancelled'), status: 429, serverMessage: 'slow down', retryAfterSeconds: 3, method: 'GET', url: URL_ });
    assert.equal(err.detail, 'rateLimited 429: slow down (Retry-After 3 s)');
    assert.equal(new ApiError({ kind: 'network', message: msg('api.cancelled'), code: 'ECONNRESET' }).detail, 'network ECONNRESET');
  });

  describe('a create that may have been sent says so (issue 11, item 4)', () => {
    const fail = (code: string | undefined): Error => Object.assign(new Error(code ? `read ${code}` : 'unknown'), code ? { code } : {});
    const cases: Array<[string | undefined, boolean, boolean]> = [
      // [code, answered, says "may have been created"]
      ['ENOTFOUND', false, false],
      ['ECONNREFUSED', false, false],
      ['EAI_AGAIN', false, false],
      ['CERT_HAS_EXPIRED', false, false],
      ['EPROTO', false, false],
      ['HPE_HEADER_OVERFLOW', false, true],
      ['HPE_INVALID_CONSTANT', false, true],
      ['ERR_STREAM_PREMATURE_CLOSE', true, true],
      ['ECONNRESET', false, true],
      ['ETIMEDOUT', false, true],
      [undefined, false, true],
      ['ECONNREFUSED', true, true],
    ];
    for (const [code, answered, maybe] of cases) {
      it(`${code ?? 'no code'}${answered ? ' after a status' : ''} → ${maybe ? 'may have been created' : 'not sent'}`, () => {
        const err = networkError(fail(code), { method: 'POST', url: URL_, mayHaveSideEffect: true, answered });
        assert.equal(err.message.includes(MAYBE_CREATED), maybe, err.message);
        if (maybe) assert.doesNotMatch(err.message, /Check your network/);
        const get = networkError(fail(code), { method: 'GET', url: URL_ });
        assert.ok(!get.message.includes(MAYBE_CREATED), get.message);
      });
    }
  });
});
