import { growth } from '../../../support/scaling';
import * as assert from 'node:assert/strict';
import { extractServerMessage, MAX_MESSAGE_SOURCE, MAX_SERVER_MESSAGE, serverWords } from '../../../../src/core/api/serverMessage';
import { REDACTED } from '../../../../src/core/common/redact';

const JSON_CT = 'application/json';

describe('extractServerMessage', () => {
  const table: { title: string; body: string; ct?: string | null; expected: string | undefined }[] = [
    { title: '{error}', body: '{"error":"Invalid token"}', ct: JSON_CT, expected: 'Invalid token' },
    { title: '{message}', body: '{"message":"Scope unknown: audio:rite"}', ct: JSON_CT, expected: 'Scope unknown: audio:rite' },
    { title: '{detail: string}', body: '{"detail":"Not Found"}', ct: JSON_CT, expected: 'Not Found' },
    {
      title: '{detail: [{loc,msg}]} (FastAPI)',
      body: '{"detail":[{"loc":["body","scopes",0],"msg":"Input should be a valid string","type":"string_type"},{"loc":["path","org_id"],"msg":"Input should be a valid UUID"}]}',
      ct: JSON_CT,
      expected: 'scopes.0: Input should be a valid string; org_id: Input should be a valid UUID',
    },
    { title: '{detail: [{msg}]} without loc', body: '{"detail":[{"msg":"a"},{"msg":"b"}]}', ct: JSON_CT, expected: 'a; b' },
    { title: '{detail: object with message}', body: '{"detail":{"message":"quota exceeded","code":7}}', ct: JSON_CT, expected: 'quota exceeded' },
    { title: '{detail: object without message}', body: '{"detail":{"code":"E42","token":"tk_should_not_show"}}', ct: JSON_CT, expected: '{"code":"E42"}' },
    { title: '{error: {message}}', body: '{"error":{"message":"Name taken","type":"conflict"}}', ct: JSON_CT, expected: 'Name taken' },
    { title: '{errors: [...]}', body: '{"errors":[{"message":"one"},"two"]}', ct: JSON_CT, expected: 'one; two' },
    { title: 'error wins over message', body: '{"message":"second","error":"first"}', ct: JSON_CT, expected: 'first' },
    { title: 'a JSON string', body: '"plain json string"', ct: JSON_CT, expected: 'plain json string' },
    { title: 'JSON without known fields', body: '{"ok":false}', ct: JSON_CT, expected: undefined },
    { title: 'JSON detected without a content type', body: '  {"error":"no ct"}', ct: null, expected: 'no ct' },
    { title: 'broken JSON is read as text', body: '{"error": "unterminated', ct: JSON_CT, expected: '{"error": "unterminated' },
    { title: 'plain text', body: 'Service temporarily unavailable\n', ct: 'text/plain', expected: 'Service temporarily unavailable' },
    { title: 'whitespace collapsed', body: '  too \n\n many\t\tspaces  ', ct: 'text/plain', expected: 'too many spaces' },
    { title: 'control characters removed', body: 'bell\u0007 and\u0000 nul', ct: 'text/plain', expected: 'bell and nul' },
    {
      title: 'HTML page → its <title>',
      body: '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502</h1><script>x()</script></body></html>',
      ct: 'text/html',
      expected: '502 Bad Gateway',
    },
    { title: 'HTML title with entities', body: '<html><head><title>Tom &amp; Jerry&#39;s &lt;API&gt;</title></head></html>', ct: 'text/html; charset=utf-8', expected: "Tom & Jerry's <API>" },
    { title: 'HTML without a title is dropped', body: '<html><body><h1>Oops</h1></body></html>', ct: 'text/html', expected: undefined },
    { title: 'HTML detected without a content type', body: '<html><title>Login</title></html>', ct: undefined, expected: 'Login' },
    { title: 'empty body', body: '', ct: JSON_CT, expected: undefined },
    { title: 'blank body', body: '  \n ', ct: 'text/plain', expected: undefined },
  ];
  for (const c of table) {
    it(c.title, () => assert.equal(extractServerMessage(c.body, c.ct), c.expected));
  }

  it(`cuts long text to ${MAX_SERVER_MESSAGE} characters ending with …`, () => {
    const long = 'word '.repeat(100);
    const out = extractServerMessage(JSON.stringify({ error: long }), JSON_CT);
    assert.ok(out);
    assert.equal(out.length <= MAX_SERVER_MESSAGE, true);
    assert.ok(out.endsWith('…'));
    assert.ok(out.startsWith('word word'));
    assert.equal(extractServerMessage('x'.repeat(MAX_SERVER_MESSAGE), 'text/plain'), 'x'.repeat(MAX_SERVER_MESSAGE));
  });

  describe('never returns the value of a secret or token field', () => {
    const secret = 'vued_sk_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
    const token = 'tok_live_0123456789abcdef';
    const bodies = [
      { secret, error: 'created but not stored' },
      { error: `duplicate secret ${secret}`, secret },
      { message: `Invalid token ${token}`, token },
      { detail: [{ msg: `bad ${token}` }], token },
      { detail: { token, secret } },
      { token: { secret }, message: `nested ${secret}` },
      { secret },
      { token },
    ];
    for (const body of bodies) {
      it(JSON.stringify(Object.keys(body)), () => {
        const out = extractServerMessage(JSON.stringify(body), JSON_CT) ?? '';
        assert.ok(!out.includes(secret), out);
        assert.ok(!out.includes(token), out);
      });
    }

    it('keeps the rest of the message around the hidden value', () => {
      assert.equal(extractServerMessage(JSON.stringify({ message: `Invalid token ${token}`, token }), JSON_CT), 'Invalid token [redacted]');
    });
  });

  describe('a credential pair anywhere in the server\'s words', () => {
    const cases: Array<[string, string, string]> = [
      ['request failed: token: tk_live_0123456789', 'text/plain', `request failed: token: ${REDACTED}`],
      [JSON.stringify({ error: 'Error: x-api-key: k-123' }), JSON_CT, `Error: x-api-key: ${REDACTED}`],
      [JSON.stringify({ detail: 'status: 401, password: hunter2' }), JSON_CT, `status: 401, password: ${REDACTED}`],
      ['<html><title>Denied: proxy https://u:pw-123@proxy/ refused</title></html>', 'text/html', `Denied: proxy https://u:${REDACTED}@proxy/ refused`],
    ];
    for (const [body, ct, expected] of cases) {
      it(body, () => assert.equal(extractServerMessage(body, ct), expected));
    }
  });

  describe('a body of many secret values', () => {
    const values = Array.from({ length: 3_800 }, (_, i) => `v${i.toString(36).padStart(4, '0')}`);
    it('3,800 values of a token field, each also in the message: every one is gone from the words', () => {
      const body = JSON.stringify({ error: `Rejected ${values.join(' ')}`, token: values });
      assert.ok(body.length <= MAX_MESSAGE_SOURCE, `${body.length} bytes: read whole`);
      const words = serverWords(body, JSON_CT) ?? '';
      assert.equal(words, `Rejected ${values.map(() => REDACTED).join(' ')}`);
      assert.equal(extractServerMessage(body, JSON_CT), `${`Rejected ${values.map(() => REDACTED).join(' ')}`.slice(0, MAX_SERVER_MESSAGE - 1).trimEnd()}…`);
    });
    it('3,800 token fields in 64 KiB: those the message quotes are gone', () => {
      const short = values.map((_, i) => i.toString(36).padStart(4, '0'));
      const quoted = short.filter((_, i) => i % 40 === 0);
      const body = `{"error":"Rejected ${quoted.join(', ')}","detail":[${short.map((v) => `{"token":"${v}"}`).join(',')}]}`;
      assert.ok(body.length <= MAX_MESSAGE_SOURCE && body.length > 64_000, `${body.length} bytes`);
      assert.equal(serverWords(body, JSON_CT), `Rejected ${quoted.map(() => REDACTED).join(', ')}`);
    });
  });

  describe('hostile bodies (issue 11)', () => {
    const TOKEN = 'vt_Q7mZ2xK9pL4wR8nB3cV6yT1hJ5gF0dS2aE7uIo';
    it('scrubs a given secret before cutting: no 8-character piece of it survives at any offset', () => {
      for (let lead = 100; lead <= 240; lead++) {
        const out = extractServerMessage(JSON.stringify({ message: `Credential rejected ${'.'.repeat(lead)} ${TOKEN}` }), JSON_CT, [TOKEN]) ?? '';
        for (let i = 0; i + 8 <= TOKEN.length; i++) assert.ok(!out.includes(TOKEN.slice(i, i + 8)), `lead ${lead}: ${out.slice(-50)}`);
      }
    });
    it('nesting 5,000 deep gives a message or nothing, never a RangeError', () => {
      const n = 5_000;
      const bodies = [
        `${'{"error":'.repeat(n)}"deep"${'}'.repeat(n)}`,
        `{"detail":${'{"a":'.repeat(n)}1${'}'.repeat(n)}}`,
        `{"errors":${'['.repeat(n)}${']'.repeat(n)}}`,
        `${'['.repeat(n)}"x"${']'.repeat(n)}`,
      ];
      for (const body of bodies) assert.doesNotThrow(() => extractServerMessage(body, JSON_CT));
      assert.equal(extractServerMessage(`${'{"error":'.repeat(5)}"five deep"${'}'.repeat(5)}`, JSON_CT), 'five deep');
    });
    it('finds an HTML title in linear time (1 MiB of unclosed <title>)', () => {
      const pages = new Map([1, 8].map((n) => [n, `<html>${'<title>'.repeat(18_750 * n)}`]));
      assert.equal(extractServerMessage(pages.get(8)!, 'text/html'), undefined);
      // 8 times the page: linear work grows about 8 times, quadratic 64 times (the budget is a bench row).
      const ratio = growth((n) => extractServerMessage(pages.get(n)!, 'text/html'), 8);
      assert.ok(ratio < 24, `8 times the page took ${ratio.toFixed(1)} times as long`);
      assert.equal(extractServerMessage('<html><head><TITLE lang="en">502 <b>Bad</b> Gateway &amp; co</title>', 'text/html'), '502 Bad Gateway & co');
    });
    it('reads at most the first 64 KiB of a body', () => {
      const body = `${' '.repeat(70_000)}after the cut`;
      assert.equal(extractServerMessage(body, 'text/plain'), undefined);
    });
  });
});
