import * as assert from 'node:assert/strict';
import { checkBaseUrl, isLoopbackHost } from '../../../../src/core/connection/baseUrl';

describe('checkBaseUrl', () => {
  const accepted: [string, string, string][] = [
    ['https://vued-office-api-dev.onrender.com/v1', 'https://vued-office-api-dev.onrender.com/v1', 'https://vued-office-api-dev.onrender.com'],
    ['https://api.example.com/v1/', 'https://api.example.com/v1', 'https://api.example.com'],
    ['https://api.example.com/v1///', 'https://api.example.com/v1', 'https://api.example.com'],
    ['  https://API.Example.com:443/v1  ', 'https://api.example.com/v1', 'https://api.example.com'],
    ['https://api.example.com', 'https://api.example.com', 'https://api.example.com'],
    ['https://api.example.com/', 'https://api.example.com', 'https://api.example.com'],
    ['https://api.example.com:8443/base/path', 'https://api.example.com:8443/base/path', 'https://api.example.com:8443'],
    ['HTTPS://api.example.com/v1', 'https://api.example.com/v1', 'https://api.example.com'],
    ['http://127.0.0.1:8787/v1', 'http://127.0.0.1:8787/v1', 'http://127.0.0.1:8787'],
    ['http://localhost:8787/v1/', 'http://localhost:8787/v1', 'http://localhost:8787'],
    ['http://LOCALHOST/v1', 'http://localhost/v1', 'http://localhost'],
    ['http://[::1]:8787/v1', 'http://[::1]:8787/v1', 'http://[::1]:8787'],
    ['https://127.0.0.1/v1', 'https://127.0.0.1/v1', 'https://127.0.0.1'],
  ];
  for (const [raw, url, origin] of accepted) {
    it(`accepts ${JSON.stringify(raw)} → ${url}`, () => {
      assert.deepEqual(checkBaseUrl(raw), { ok: true, url, origin });
    });
  }

  const refused: [string, string | RegExp][] = [
    ['http://example.com', 'vued.apiBaseUrl must use https:// (http:// is allowed only for 127.0.0.1, localhost or ::1): http://example.com'],
    ['http://api.example.com/v1', 'vued.apiBaseUrl must use https:// (http:// is allowed only for 127.0.0.1, localhost or ::1): http://api.example.com/v1'],
    ['http://127.0.0.2/v1', /must use https:\/\//],
    ['http://localhost.example.com/v1', /must use https:\/\//],
    ['http://10.0.0.5:8787/v1', /must use https:\/\//],
    ['ftp://api.example.com/v1', 'vued.apiBaseUrl must use https:// (got ftp:).'],
    ['file:///etc/passwd', 'vued.apiBaseUrl must use https:// (got file:).'],
    ['javascript:alert(1)', 'vued.apiBaseUrl must use https:// (got javascript:).'],
    ['https://user:pass@api.example.com/v1', /must not contain a user name or password/],
    ['https://user@api.example.com/v1', /must not contain a user name or password/],
    ['https://api.example.com/v1?token=abc', 'vued.apiBaseUrl must not contain a query string (?…): https://api.example.com/v1'],
    ['https://api.example.com/v1?', /must not contain a query string/],
    ['https://api.example.com/v1#top', 'vued.apiBaseUrl must not contain a fragment (#…): https://api.example.com/v1'],
    ['', /^vued\.apiBaseUrl is empty\./],
    ['   ', /^vued\.apiBaseUrl is empty\./],
    ['api.example.com/v1', /is not a full URL/],
    ['//api.example.com/v1', /is not a full URL/],
    ['https:api.example.com', /is not a full URL/],
    ['https://', /is not a valid URL|has no host name/],
    ['https://api.exa mple.com', /must not contain spaces/],
    ['https://[::1', /is not a valid URL/],
  ];
  for (const [raw, reason] of refused) {
    it(`refuses ${JSON.stringify(raw)}`, () => {
      const r = checkBaseUrl(raw);
      assert.equal(r.ok, false);
      if (r.ok) return;
      if (typeof reason === 'string') assert.equal(r.reason, reason);
      else assert.match(r.reason, reason);
    });
  }

  it('never echoes a password or a query value in the reason', () => {
    for (const raw of ['https://u:hunter2@api.example.com/v1', 'https://api.example.com/v1?token=hunter2', 'https://api.example.com/#hunter2']) {
      const r = checkBaseUrl(raw);
      assert.equal(r.ok, false);
      if (!r.ok) assert.ok(!r.reason.includes('hunter2'), r.reason);
    }
  });

  it('isLoopbackHost', () => {
    assert.deepEqual(
      ['127.0.0.1', 'localhost', '::1', '[::1]', 'LocalHost', '127.0.0.2', '0.0.0.0', 'example.com'].map(isLoopbackHost),
      [true, true, true, true, true, false, false, false],
    );
  });
});
