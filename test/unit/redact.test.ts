import * as assert from 'node:assert/strict';
import { createRedactor, MIN_SECRET_LENGTH, redactHeaders, REDACTED } from '../../src/core/redact';

describe('redact', () => {
  describe('registered secrets', () => {
    it('replaces every occurrence of every registered value', () => {
      const r = createRedactor();
      r.addSecret('tok_abcdef123456');
      r.addSecret('vued_sk_QWERTY0987654321');
      assert.equal(
        r.redact('a tok_abcdef123456 b vued_sk_QWERTY0987654321 c tok_abcdef123456'),
        `a ${REDACTED} b ${REDACTED} c ${REDACTED}`,
      );
    });

    it('prefers the longest match when one secret contains another', () => {
      const r = createRedactor();
      r.addSecret('abcd');
      r.addSecret('abcdefgh');
      assert.equal(r.redact('xx abcdefgh yy abcd'), `xx ${REDACTED} yy ${REDACTED}`);
    });

    it(`ignores values shorter than ${MIN_SECRET_LENGTH} characters`, () => {
      const r = createRedactor();
      r.addSecret('abc');
      r.addSecret('');
      assert.equal(r.redact('abc abcabc'), 'abc abcabc');
    });

    it('treats regex characters literally', () => {
      const r = createRedactor();
      r.addSecret('a.b*c+(d)');
      assert.equal(r.redact('x a.b*c+(d) y aXbbbc+d'), `x ${REDACTED} y aXbbbc+d`);
    });

    it('also catches the URL-encoded and JSON-escaped forms', () => {
      const r = createRedactor();
      r.addSecret('p@ss/w"rd');
      assert.equal(r.redact('q=p%40ss%2Fw%22rd'), `q=${REDACTED}`);
      assert.equal(r.redact('{"v":"p@ss/w\\"rd"}'), `{"v":"${REDACTED}"}`);
    });

    it('trims a registered value (tokens pasted with a newline)', () => {
      const r = createRedactor();
      r.addSecret('  tok_trim_me_please\n');
      assert.equal(r.redact('got tok_trim_me_please.'), `got ${REDACTED}.`);
    });

    it('redactors are independent', () => {
      const a = createRedactor();
      const b = createRedactor();
      a.addSecret('only-in-a-1234');
      assert.equal(b.redact('only-in-a-1234'), 'only-in-a-1234');
    });
  });

  describe('credential shapes, whatever the value', () => {
    const r = createRedactor();
    const table: [string, string, string][] = [
      ['raw header line', 'Authorization: Bearer eyJhbGciOi.xyz', `Authorization: ${REDACTED}`],
      ['raw header, other scheme', 'authorization: Basic dXNlcjpwYXNz\nnext line', `authorization: ${REDACTED}\nnext line`],
      ['proxy header', 'Proxy-Authorization: Basic abc', `Proxy-Authorization: ${REDACTED}`],
      ['JSON header', '{"authorization":"Bearer abc.def","accept":"application/json"}', `{"authorization":"${REDACTED}","accept":"application/json"}`],
      ['JSON header, spaced', '{ "Authorization" : "Bearer abc" }', `{ "Authorization" : "${REDACTED}" }`],
      ['inspected header', "{ authorization: 'Bearer abc' }", `{ authorization: ${REDACTED}`],
      ['bare Bearer', 'sent Bearer abc-DEF_123.x~y/z= to server', `sent Bearer ${REDACTED} to server`],
      ['JSON secret', '{"token":{"id":"1"},"secret":"vued_sk_live_1"}', `{"token":{"id":"1"},"secret":"${REDACTED}"}`],
      ['JSON token string', '{"token":"abc\\"def","x":1}', `{"token":"${REDACTED}","x":1}`],
      ['JSON password/apiKey/api_key', '{"password":"p","apiKey":"k","api_key":"k2","name":"n"}', `{"password":"${REDACTED}","apiKey":"${REDACTED}","api_key":"${REDACTED}","name":"n"}`],
      ['JSON access_token', '{"access_token":"at","refresh_token":"rt"}', `{"access_token":"${REDACTED}","refresh_token":"${REDACTED}"}`],
      ['JS single quotes', "{ secret: 'vued_sk_1', name: 'n' }", `{ secret: '${REDACTED}', name: 'n' }`],
      ['query string', 'GET /x?token=abc123&page=2', `GET /x?token=${REDACTED}&page=2`],
      ['query secret at start', 'secret=abc&x=1', `secret=${REDACTED}&x=1`],
      ['form field apiKey', 'a=1&apiKey=zzz', `a=1&apiKey=${REDACTED}`],
      ['command-line flag', 'node server.js --token=dev-token --port 1', `node server.js --token=${REDACTED} --port 1`],
      ['password= in a URL', 'https://h/?password=hunter2#frag', `https://h/?password=${REDACTED}#frag`],
    ];
    for (const [title, input, expected] of table) {
      it(title, () => assert.equal(r.redact(input), expected));
    }

    const untouched = [
      'POST https://api.example.com/v1/orgs/o1/api-keys → 200 in 35 ms',
      'Vued rejected the access token (401). Set a new token and try again.',
      '{"token":{"id":"k1","keyPrefix":"vued_sk_abcd","name":"CI"}}',
      'tokens=3 secretary=bob',
      '{"name":"Public API key","scopes":["audio:read"]}',
    ];
    for (const text of untouched) {
      it(`leaves harmless text alone: ${text}`, () => assert.equal(r.redact(text), text));
    }
  });

  describe('redactHeaders', () => {
    it('hides credential headers and keeps the rest', () => {
      const input = {
        Authorization: 'Bearer abc',
        'Proxy-Authorization': 'Basic x',
        Cookie: 'sid=1',
        'X-Api-Key': 'k',
        'X-Auth-Token': 't',
        Accept: 'application/json',
        'Content-Type': 'application/json',
        'User-Agent': 'vued',
      };
      const out = redactHeaders(input);
      assert.deepEqual(out, {
        Authorization: REDACTED,
        'Proxy-Authorization': REDACTED,
        Cookie: REDACTED,
        'X-Api-Key': REDACTED,
        'X-Auth-Token': REDACTED,
        Accept: 'application/json',
        'Content-Type': 'application/json',
        'User-Agent': 'vued',
      });
      assert.equal(input.Authorization, 'Bearer abc', 'the input is not changed');
    });
  });
});
