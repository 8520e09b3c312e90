import * as assert from 'node:assert/strict';
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
} from '../../src/core/api/errors';
import { type Message, msg } from '../../src/core/messages';

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

  describe('network errors (node-fetch FetchError shapes)', () => {
    /** node-fetch 3 FetchError: code === errno === the Node system error code. */
    function fetchError(code: string, message = 'request failed'): Error {
      return Object.assign(new Error(`request to ${URL_} failed, reason: ${message}`), { name: 'FetchError', type: 'system', code, errno: code });
    }
    /** Node/undici style: the code sits on `cause`. */
    function causeError(code: string): Error {
      return Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('x'), { code }) });
    }
    const table: { err: Error; kind: ApiErrorKind; code?: string; message: string | RegExp }[] = [
      { err: fetchError('ENOTFOUND'), kind: 'network', code: 'ENOTFOUND', message: 'The server name api.example.com was not found (DNS). Check vued.apiBaseUrl and your internet connection.' },
      { err: fetchError('EAI_AGAIN'), kind: 'network', code: 'EAI_AGAIN', message: /could not be looked up right now \(DNS\)/ },
      { err: fetchError('ECONNREFUSED'), kind: 'network', code: 'ECONNREFUSED', message: 'api.example.com refused the connection. Check vued.apiBaseUrl and that the server is running.' },
      { err: fetchError('ECONNRESET'), kind: 'network', code: 'ECONNRESET', message: 'The connection to api.example.com was cut before Vued answered. Check your network or proxy and try again.' },
      { err: fetchError('ETIMEDOUT'), kind: 'network', code: 'ETIMEDOUT', message: /could not be reached \(ETIMEDOUT\)/ },
      { err: fetchError('CERT_HAS_EXPIRED'), kind: 'tls', code: 'CERT_HAS_EXPIRED', message: /^The TLS certificate of api\.example\.com could not be verified \(CERT_HAS_EXPIRED\)/ },
      { err: fetchError('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), kind: 'tls', code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', message: /could not be verified/ },
      { err: fetchError('DEPTH_ZERO_SELF_SIGNED_CERT'), kind: 'tls', code: 'DEPTH_ZERO_SELF_SIGNED_CERT', message: /could not be verified/ },
      { err: fetchError('SELF_SIGNED_CERT_IN_CHAIN'), kind: 'tls', code: 'SELF_SIGNED_CERT_IN_CHAIN', message: /could not be verified/ },
      { err: fetchError('ERR_TLS_CERT_ALTNAME_INVALID'), kind: 'tls', code: 'ERR_TLS_CERT_ALTNAME_INVALID', message: /could not be verified/ },
      { err: fetchError('EPROTO', 'ssl3_get_record:wrong version number'), kind: 'tls', code: 'EPROTO', message: /secure \(TLS\) connection to api\.example\.com failed/ },
      { err: causeError('ECONNREFUSED'), kind: 'network', code: 'ECONNREFUSED', message: /refused the connection/ },
      { err: causeError('CERT_HAS_EXPIRED'), kind: 'tls', code: 'CERT_HAS_EXPIRED', message: /could not be verified/ },
      { err: new Error('boom'), kind: 'network', message: 'Could not reach Vued at api.example.com. Check your network and vued.apiBaseUrl.' },
    ];
    for (const c of table) {
      it(`${c.code ?? 'no code'} (${c.err.name}) → ${c.kind}`, () => {
        const err = networkError(c.err, { method: 'GET', url: URL_ });
        assert.equal(err.kind, c.kind);
        assert.equal(err.code, c.code);
        if (typeof c.message === 'string') assert.equal(err.message, c.message);
        else assert.match(err.message, c.message);
        assert.doesNotMatch(err.message, /request to|reason:/, 'the raw library message is not shown');
      });
    }

    it('a cut connection on POST warns that the key may have been created', () => {
      const err = networkError(fetchError('ECONNRESET'), { method: 'POST', url: URL_, mayHaveSideEffect: true });
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
    const fail = (code: string | undefined): Error => Object.assign(new Error(`request failed, reason: ${code ?? 'unknown'}`), code ? { code } : {});
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
