/**
 * `vued.apiBaseUrl` + `vued.hosts` → the hosts a user works with; problems reported, never thrown.
 */
import assert from 'node:assert/strict';
import { hostForOrigin, hostLabelProblem, hostOfOrigin, parseHosts, sidebarHosts } from '../../../../src/core/connection/hosts';
import { english } from '../../../../src/core/common/messages';
import { tagged } from '../../../support/messages';

const PROD = 'https://api.vued.example/v1';

describe('parseHosts', () => {
  it('builds every problem from messages, in the language it is given, naming the entry', () => {
    const r = parseHosts(
      'http://api.vued.example/v1',
      [
        'x',
        { label: '' },
        { label: 'NoUrl' },
        { label: 'Plain', apiBaseUrl: 'http://plain.example/v1' },
        { label: 'Staging', apiBaseUrl: 'https://staging.vued.example/v1' },
        { label: 'Again', apiBaseUrl: 'https://staging.vued.example/v2' },
        { label: 'staging', apiBaseUrl: 'https://other.vued.example/v1' },
        { label: 'x'.repeat(61), apiBaseUrl: 'https://long.vued.example/v1' },
      ],
      tagged,
    );
    assert.deepEqual(r.problems, [
      '<baseUrl.http|vued.apiBaseUrl|http://api.vued.example/v1>',
      '<hosts.notAnObject|vued.hosts[0]>',
      '<hosts.badLabel|vued.hosts[1]|<hosts.labelEmpty|>>',
      '<hosts.noUrl|vued.hosts[2] ("NoUrl")>',
      '<hosts.badUrl|<baseUrl.http|vued.hosts[3] ("Plain").apiBaseUrl|http://plain.example/v1>>',
      '<hosts.sameHost|vued.hosts[5] ("Again")|"Staging"|https://staging.vued.example>',
      '<hosts.sameLabel|vued.hosts[6] ("staging")>',
      `<hosts.badLabel|vued.hosts[7] ("${'x'.repeat(60)}")|<hosts.labelTooLong|60>>`,
    ]);
    assert.deepEqual(parseHosts(PROD, {}, tagged).problems, ['<hosts.notAList|vued.hosts>']);
  });

  it('writes the English problems word for word', () => {
    const r = parseHosts(PROD, [
      { label: 'Plain', apiBaseUrl: 'http://plain.example/v1' },
      { label: 'Other path', apiBaseUrl: 'https://api.vued.example/v2' },
      { label: ' ' },
    ]);
    assert.deepEqual(r.problems, [
      'vued.hosts[0] ("Plain").apiBaseUrl must use https:// (http:// is allowed only for 127.0.0.1, localhost or ::1): http://plain.example/v1 The entry is ignored.',
      'vued.hosts[1] ("Other path") uses the same host as vued.apiBaseUrl (https://api.vued.example); a host has one token, so the entry is ignored.',
      'vued.hosts[2] needs a label; it is ignored.',
    ]);
    assert.equal(english(hostLabelProblem('a\tb')!), 'has a label with control characters');
    assert.equal(hostLabelProblem('ok'), undefined);
  });

  it('makes vued.apiBaseUrl the default host, named by its host name', () => {
    assert.deepEqual(parseHosts(PROD, undefined), {
      hosts: [{ label: 'api.vued.example', baseUrl: PROD, origin: 'https://api.vued.example', isDefault: true }],
      problems: [],
    });
    assert.deepEqual(parseHosts(PROD, null).problems, []);
    assert.deepEqual(parseHosts(PROD, []).hosts.length, 1);
  });

  it('adds valid entries after the default, in order, with checked URLs', () => {
    const r = parseHosts(PROD, [
      { label: ' Staging ', apiBaseUrl: 'https://staging.vued.example/v1/' },
      { label: 'Local', apiBaseUrl: 'http://127.0.0.1:8787/v1' },
    ]);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(
      r.hosts.map((h) => [h.label, h.baseUrl, h.origin, h.isDefault]),
      [
        ['api.vued.example', PROD, 'https://api.vued.example', true],
        ['Staging', 'https://staging.vued.example/v1', 'https://staging.vued.example', false],
        ['Local', 'http://127.0.0.1:8787/v1', 'http://127.0.0.1:8787', false],
      ],
    );
  });

  it('lets an entry with the default URL name the default host', () => {
    const r = parseHosts(PROD, [{ label: 'Production', apiBaseUrl: 'https://API.vued.example/v1/' }]);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(r.hosts, [{ label: 'Production', baseUrl: PROD, origin: 'https://api.vued.example', isDefault: true }]);
  });

  it('refuses addresses by the vued.apiBaseUrl rules, naming the entry', () => {
    const r = parseHosts(PROD, [
      { label: 'Plain', apiBaseUrl: 'http://staging.vued.example/v1' },
      { label: 'Creds', apiBaseUrl: 'https://user:pw@staging.vued.example/v1' },
      { label: 'Query', apiBaseUrl: 'https://staging.vued.example/v1?x=1' },
      { label: 'Ftp', apiBaseUrl: 'ftp://staging.vued.example' },
      { label: 'Empty', apiBaseUrl: '' },
    ]);
    assert.equal(r.hosts.length, 1);
    assert.equal(r.problems.length, 5);
    assert.match(r.problems[0], /^vued\.hosts\[0\] \("Plain"\)\.apiBaseUrl must use https:\/\/ .*The entry is ignored\.$/);
    assert.match(r.problems[1], /^vued\.hosts\[1\] \("Creds"\)\.apiBaseUrl must not contain a user name or password/);
    assert.match(r.problems[2], /^vued\.hosts\[2\] \("Query"\)\.apiBaseUrl must not contain a query string/);
    assert.match(r.problems[3], /^vued\.hosts\[3\] \("Ftp"\)\.apiBaseUrl must use https:\/\//);
    assert.match(r.problems[4], /^vued\.hosts\[4\] \("Empty"\)\.apiBaseUrl is empty/);
    // The password of the refused entry is not repeated in the sentence.
    assert.ok(!r.problems.join('\n').includes('pw'));
  });

  it('reports malformed entries and keeps the good ones', () => {
    const r = parseHosts(PROD, [
      'https://staging.vued.example',
      null,
      ['x'],
      { apiBaseUrl: 'https://a.vued.example' },
      { label: '', apiBaseUrl: 'https://b.vued.example' },
      { label: 'Tab\there', apiBaseUrl: 'https://c.vued.example' },
      { label: 'x'.repeat(61), apiBaseUrl: 'https://d.vued.example' },
      { label: 'NoUrl' },
      { label: 'Number', apiBaseUrl: 42 },
      { label: 'Good', apiBaseUrl: 'https://good.vued.example' },
    ]);
    assert.deepEqual(
      r.hosts.map((h) => h.label),
      ['api.vued.example', 'Good'],
    );
    assert.equal(r.problems.length, 9);
    assert.match(r.problems[0], /^vued\.hosts\[0\] is not an object/);
    assert.match(r.problems[3], /^vued\.hosts\[3\] needs a label/);
    assert.match(r.problems[5], /control characters/);
    assert.match(r.problems[6], /longer than 60/);
    assert.match(r.problems[7], /^vued\.hosts\[7\] \("NoUrl"\) needs an "apiBaseUrl"/);
  });

  it('reports duplicates: the same host twice, a second path on one host, the same label twice', () => {
    const r = parseHosts(PROD, [
      { label: 'Staging', apiBaseUrl: 'https://staging.vued.example/v1' },
      { label: 'Staging again', apiBaseUrl: 'https://STAGING.vued.example:443/v1' },
      { label: 'Other path', apiBaseUrl: 'https://api.vued.example/v2' },
      { label: 'staging', apiBaseUrl: 'https://other.vued.example/v1' },
    ]);
    assert.deepEqual(
      r.hosts.map((h) => h.label),
      ['api.vued.example', 'Staging'],
    );
    assert.equal(r.problems.length, 3);
    assert.match(r.problems[0], /\("Staging again"\) uses the same host as "Staging" \(https:\/\/staging\.vued\.example\)/);
    assert.match(r.problems[1], /\("Other path"\) uses the same host as vued\.apiBaseUrl/);
    assert.match(r.problems[2], /\("staging"\) has the same label as an earlier entry/);
  });

  it('reports a bad vued.apiBaseUrl and still reads vued.hosts', () => {
    const r = parseHosts('http://api.vued.example/v1', [{ label: 'Staging', apiBaseUrl: 'https://staging.vued.example' }]);
    assert.deepEqual(
      r.hosts.map((h) => [h.label, h.isDefault]),
      [['Staging', false]],
    );
    assert.equal(r.problems.length, 1);
    assert.match(r.problems[0], /^vued\.apiBaseUrl must use https:\/\//);
    assert.equal(parseHosts(undefined, undefined).problems.length, 1);
  });

  it('reports a vued.hosts that is not a list', () => {
    for (const raw of [{ label: 'x', apiBaseUrl: PROD }, 'https://x', 3, true]) {
      const r = parseHosts(PROD, raw);
      assert.equal(r.hosts.length, 1);
      assert.deepEqual(r.problems, ['vued.hosts must be a list of { "label": "…", "apiBaseUrl": "https://…" } entries.']);
    }
  });
});

describe('hostOfOrigin', () => {
  it('is the host and port of an origin', () => {
    assert.equal(hostOfOrigin('https://api.vued.example'), 'api.vued.example');
    assert.equal(hostOfOrigin('http://127.0.0.1:8787'), '127.0.0.1:8787');
    assert.equal(hostOfOrigin('http://[::1]:8787'), '[::1]:8787');
  });
});

describe('sidebarHosts', () => {
  const { hosts } = parseHosts(PROD, [
    { label: 'Staging', apiBaseUrl: 'https://staging.vued.example/v1' },
    { label: 'Local', apiBaseUrl: 'http://127.0.0.1:8787/v1' },
  ]);

  it('shows the signed-in hosts in the configured order, with a host level only for two or more', () => {
    const two = sidebarHosts(hosts, ['http://127.0.0.1:8787', 'https://api.vued.example']);
    assert.deepEqual(
      two.hosts.map((h) => h.label),
      ['api.vued.example', 'Local'],
    );
    assert.equal(two.showHostLevel, true);
    const one = sidebarHosts(hosts, ['https://staging.vued.example']);
    assert.deepEqual(
      one.hosts.map((h) => h.label),
      ['Staging'],
    );
    assert.equal(one.showHostLevel, false);
    assert.deepEqual(sidebarHosts(hosts, []), { hosts: [], showHostLevel: false });
  });

  it('leaves out a token for a host that is no longer configured', () => {
    const r = sidebarHosts(hosts, ['https://old.vued.example', 'https://staging.vued.example']);
    assert.deepEqual(
      r.hosts.map((h) => h.origin),
      ['https://staging.vued.example'],
    );
    assert.equal(r.showHostLevel, false);
  });

  it('finds the host of an origin', () => {
    assert.equal(hostForOrigin(hosts, 'https://staging.vued.example')?.label, 'Staging');
    assert.equal(hostForOrigin(hosts, 'https://old.vued.example'), undefined);
  });
});
