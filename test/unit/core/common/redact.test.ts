import { growth } from '../../../support/scaling';
import * as assert from 'node:assert/strict';
import { createRedactor, isCredentialName, MIN_EDGE_RUN, MIN_SECRET_LENGTH, redactHeaders, REDACTED } from '../../../../src/core/common/redact';

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

  describe('gaps that need no list of field names (issue 11, item 9)', () => {
    const r = createRedactor();
    const SECRET = 'vued_sk_9fK2mQ7xL1pR4tW8zB6nC3vD';
    /** [title, input, expected] — each held a credential in the clear before. */
    const table: Array<[string, string, string]> = [
      ['util.inspect, double quotes', `{ secret: "it's-k1" }`, `{ secret: "${REDACTED}" }`],
      ['util.inspect, backticks', "{ token: `it's \"k2\"` }", `{ token: \`${REDACTED}\` }`],
      ['URL fragment', 'https://h/cb#access_token=at123&state=s', `https://h/cb#access_token=${REDACTED}&state=s`],
      ['JSON secret_key', '{"secret_key":"sk1","n":1}', `{"secret_key":"${REDACTED}","n":1}`],
      ['JSON api_token', '{"api_token":"t1"}', `{"api_token":"${REDACTED}"}`],
      ['JSON jwt', '{"jwt":"eyJ.a.b"}', `{"jwt":"${REDACTED}"}`],
      ['JSON clientSecret', '{"clientSecret":"c1"}', `{"clientSecret":"${REDACTED}"}`],
      ['x-api-key header line', 'x-api-key: k-123 456\nnext', `x-api-key: ${REDACTED}\nnext`],
      ['X-Auth-Token header line', 'X-Auth-Token:abc', `X-Auth-Token:${REDACTED}`],
      ['a secret under an unexpected field', `{"existing_value":"${SECRET}"}`, `{"existing_value":"${REDACTED}"}`],
      ['a secret in prose', `key ${SECRET} exists`, `key ${REDACTED} exists`],
    ];
    for (const [title, input, expected] of table) {
      it(title, () => assert.equal(r.redact(input), expected));
    }
    it('judges a name by its words', () => {
      for (const yes of ['secret', 'secret_key', 'api_token', 'apiKey', 'x-api-key', 'clientSecret', 'jwt', 'private_key', 'access.token']) {
        assert.ok(isCredentialName(yes), yes);
      }
      for (const no of ['tokens', 'secretary', 'name', 'keyPrefix', 'expires_at', 'monkey', 'api']) {
        assert.ok(!isCredentialName(no), no);
      }
    });
    it('grows in step with 64 KiB of adversarial field soup (8 times the input: far less than 64 times the work)', () => {
      // Each soup at 1/8 and at its full 64 KiB: linear work grows about 8 times, quadratic 64 times.
      const soups: Array<(n: number) => string> = [
        (n) => 'a: "'.repeat(2_048 * n),
        (n) => 'secret'.repeat(1_375 * n),
        (n) => ' x-api-key'.repeat(825 * n),
        (n) => `${'a'.repeat(63)}=`.repeat(125 * n),
      ];
      for (const soup of soups) {
        const inputs = new Map([1, 8].map((n) => [n, soup(n)]));
        const ratio = growth((n) => r.redact(inputs.get(n)!), 8);
        assert.ok(ratio < 24, `${soup(1).slice(0, 12)}…: 8 times the input took ${ratio.toFixed(1)} times as long`);
      }
    });
  });

  describe('a credential pair wherever it stands in a line', () => {
    const r = createRedactor();
    /** [title, input, expected]: each line reached the log with its value in the clear before. */
    const table: Array<[string, string, string]> = [
      ['a header after prose and a colon', 'Error: x-api-key: k-123 456', `Error: x-api-key: ${REDACTED}`],
      ['after two prose colons', 'request failed: token: tk_live_0123', `request failed: token: ${REDACTED}`],
      ['after an ordinary pair', 'status: 401, password: hunter2', `status: 401, password: ${REDACTED}`],
      ['an ordinary pair after it stays', 'status: 401, password: hunter2, user: bob', `status: 401, password: ${REDACTED}, user: bob`],
      [
        'several in one line',
        'GET /x failed (status: 500) token: abc, api_key: def; clientSecret: ghi',
        `GET /x failed (status: 500) token: ${REDACTED}, api_key: ${REDACTED}; clientSecret: ${REDACTED}`,
      ],
      ['no space after the colon, after a pair', 'code: 7,X-Auth-Token:abc', `code: 7,X-Auth-Token:${REDACTED}`],
      ['a quoted name with a bare value', `{"status": 401, "token": abc-def}`, `{"status": 401, "token": ${REDACTED}`],
      ['one line of several', 'Error: x\ntoken: abc\nstatus: 401', `Error: x\ntoken: ${REDACTED}\nstatus: 401`],
      ['name=value pairs, several', 'a=1 token=x1 b=2 secret=y2', `a=1 token=${REDACTED} b=2 secret=${REDACTED}`],
      ['name="quoted value"', 'API_TOKEN="abc def" NEXT=1', `API_TOKEN="${REDACTED}" NEXT=1`],
      ['URL user info', 'proxy https://bob:s3cr3t-pw@proxy.example:8080/x failed', `proxy https://bob:${REDACTED}@proxy.example:8080/x failed`],
      ['URL user info with an @ in the password', 'http://u:p@ss@host/', `http://u:${REDACTED}@host/`],
    ];
    for (const [title, input, expected] of table) {
      it(title, () => assert.equal(r.redact(input), expected));
    }

    const untouched = [
      'status: 401, retry: 3, reason: bad request',
      'Error: connect ECONNREFUSED 127.0.0.1:443',
      'POST https://api.vued.example:8443/v1/orgs/o1/api-keys → 201 in 12 ms',
      'time: 10:30, tokens: 5, secretary: bob',
      'https://user@host.example/path',
      'Key k1 (vued_sk_AbCd…) was created.',
    ];
    for (const text of untouched) {
      it(`leaves ordinary text alone: ${text}`, () => assert.equal(r.redact(text), text));
    }
  });

  describe('known key prefixes', () => {
    const SECRET = 'vued_sk_Ab9x-Q_7-zz_Kp3-Lm8_n';
    it('a known key whose secret holds - and _ is redacted whole; its prefix alone is not', () => {
      const r = createRedactor();
      assert.ok(r.redact(`leaked ${SECRET} here`).includes('Q_7-zz'), 'the shape rule alone does not know where such a secret ends');
      r.knowPrefixes(['vued_sk_Ab9x']);
      assert.equal(r.redact(`leaked ${SECRET} here`), `leaked ${REDACTED} here`);
      assert.equal(r.redact('key vued_sk_Ab9x… (CI) was revoked'), 'key vued_sk_Ab9x… (CI) was revoked');
    });
    it('learns more prefixes later and keeps the earlier ones', () => {
      const r = createRedactor();
      r.knowPrefixes(['vued_sk_Ab9x']);
      r.knowPrefixes(['vued_sk_Other1']);
      assert.equal(r.redact(`${SECRET} vued_sk_Other1-_-_abcdefgh`), `${REDACTED} ${REDACTED}`);
    });
  });

  describe('many registered values', () => {
    it('3,800 values, all of them in one text: every one is gone', () => {
      const r = createRedactor();
      const values = Array.from({ length: 3_800 }, (_, i) => `v${i.toString(36).padStart(4, '0')}`);
      for (const v of values) r.addSecret(v);
      const out = r.redact(values.join(' '));
      assert.equal(out, Array.from({ length: 3_800 }, () => REDACTED).join(' '));
    });
    it('overlapping values are both hidden, not only the first', () => {
      const r = createRedactor();
      r.addSecret('abcdef');
      r.addSecret('defghi');
      assert.equal(r.redact('x abcdefghi y'), `x ${REDACTED} y`);
    });
  });

  describe('cut edges', () => {
    const TOKEN = 'vt_Q7mZ2xK9pL4wR8nB3cV6yT1hJ5gF0dS2aE7uIo';
    it(`replaces ${MIN_EDGE_RUN}+ characters of a known value at either edge of a cut text, and leaves shorter runs`, () => {
      const r = createRedactor();
      r.addSecret(TOKEN);
      for (let n = MIN_EDGE_RUN; n < TOKEN.length; n++) {
        assert.equal(r.redactCut(`head ${TOKEN.slice(0, n)}`), `head ${REDACTED}`, `end, ${n}`);
        assert.equal(r.redactCut(`${TOKEN.slice(TOKEN.length - n)} tail`), `${REDACTED} tail`, `start, ${n}`);
      }
      assert.equal(r.redactCut(`head ${TOKEN.slice(0, MIN_EDGE_RUN - 1)}`), `head ${TOKEN.slice(0, MIN_EDGE_RUN - 1)}`);
      assert.equal(r.redact(`head ${TOKEN.slice(0, 20)}`), `head ${TOKEN.slice(0, 20)}`, 'redact() alone does not guess');
    });
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
