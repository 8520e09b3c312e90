/**
 * The sidebar's key list: grouping, order, stable ids and the filter.
 */
import assert from 'node:assert/strict';
import type { PublicApiKey } from '../../../../src/core/api/types';
import {
  filterWords,
  hostNodeId,
  inactiveGroupNodeId,
  KeyFilterIndex,
  keyMatches,
  keyNodeId,
  organizationNodeId,
  shapeKeyList,
  ShapedKeyListFilter,
} from '../../../../src/core/keys/keyList';
import { apiKey } from '../../../support/builders';

const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const DAY = 24 * 60 * 60 * 1000;
const ORIGIN = 'https://api.vued.example';
const ORG = '0b6c1d2e-3f40-4a5b-8c6d-7e8f90a11c2d';

/** A key of these lists: no scopes, a month old, its prefix `vued_sk_` and the whole id. */
function listed(id: string, over: Partial<PublicApiKey> = {}): PublicApiKey {
  return apiKey(id, { keyPrefix: `vued_sk_${id}`, scopes: [], createdAt: NOW - 30 * DAY, ...over });
}

describe('shapeKeyList', () => {
  const keys = [
    listed('old-active', { createdAt: NOW - 20 * DAY }),
    listed('revoked-new', { createdAt: NOW - 1 * DAY, revokedAt: NOW - 1000 }),
    listed('expiring', { createdAt: NOW - 10 * DAY, expiresAt: NOW + 2 * DAY }),
    listed('expired', { createdAt: NOW - 5 * DAY, expiresAt: NOW - DAY }),
    listed('new-active', { createdAt: NOW - 2 * DAY }),
    listed('revoked-old', { createdAt: NOW - 40 * DAY, revokedAt: NOW - 30 * DAY }),
    // Seconds rather than milliseconds: the contract leaves the unit open.
    listed('seconds-active', { createdAt: Math.floor((NOW - 3 * DAY) / 1000) }),
  ];

  it('puts active and expiring keys on top, newest first', () => {
    const shaped = shapeKeyList(ORIGIN, ORG, keys, NOW);
    assert.deepEqual(
      shaped.current.map((k) => [k.key.id, k.status]),
      [
        ['new-active', 'active'],
        ['seconds-active', 'active'],
        ['expiring', 'expiring'],
        ['old-active', 'active'],
      ],
    );
  });

  it('puts revoked and expired keys under one group, newest first, with their count', () => {
    const shaped = shapeKeyList(ORIGIN, ORG, keys, NOW);
    assert.ok(shaped.inactive);
    assert.equal(shaped.inactive.label, 'Revoked and expired (3)');
    assert.deepEqual(
      shaped.inactive.keys.map((k) => [k.key.id, k.status]),
      [
        ['revoked-new', 'revoked'],
        ['expired', 'expired'],
        ['revoked-old', 'revoked'],
      ],
    );
  });

  it('shows no group when no key is revoked or expired', () => {
    const shaped = shapeKeyList(ORIGIN, ORG, [listed('a'), listed('b', { expiresAt: NOW + DAY })], NOW);
    assert.equal(shaped.inactive, undefined);
    assert.equal(shaped.current.length, 2);
  });

  it('moves a key into the group when it expires, keeping its id', () => {
    const k = listed('soon', { expiresAt: NOW + 1000 });
    const before = shapeKeyList(ORIGIN, ORG, [k], NOW);
    const after = shapeKeyList(ORIGIN, ORG, [k], NOW + 2000);
    assert.equal(before.current[0].key.id, 'soon');
    assert.equal(after.current.length, 0);
    assert.equal(after.inactive?.keys[0].id, before.current[0].id);
  });

  it('keeps every id the same across refreshes, whatever the order or the states', () => {
    const first = shapeKeyList(ORIGIN, ORG, keys, NOW);
    const reloaded = shapeKeyList(ORIGIN, ORG.toUpperCase(), [...keys].reverse().map((k) => ({ ...k, name: `${k.name} renamed` })), NOW);
    const ids = (s: typeof first) => new Map([...s.current, ...(s.inactive?.keys ?? [])].map((k) => [k.key.id, k.id]));
    assert.deepEqual(ids(reloaded), ids(first));
    assert.equal(reloaded.inactive?.id, first.inactive?.id);
    // The group's id does not carry its count.
    const fewer = shapeKeyList(ORIGIN, ORG, keys.slice(0, 3), NOW);
    assert.equal(fewer.inactive?.label, 'Revoked and expired (1)');
    assert.equal(fewer.inactive?.id, first.inactive?.id);
  });
});

describe('tree ids', () => {
  it('differ by host, organization and key', () => {
    const ids = [
      hostNodeId(ORIGIN),
      hostNodeId('https://staging.vued.example'),
      organizationNodeId(ORIGIN, ORG),
      organizationNodeId('https://staging.vued.example', ORG),
      organizationNodeId(ORIGIN, 'other-org'),
      keyNodeId(ORIGIN, ORG, 'k1'),
      keyNodeId(ORIGIN, ORG, 'k2'),
      keyNodeId('https://staging.vued.example', ORG, 'k1'),
      keyNodeId(ORIGIN, 'other-org', 'k1'),
      inactiveGroupNodeId(ORIGIN, ORG),
      inactiveGroupNodeId(ORIGIN, 'other-org'),
    ];
    assert.equal(new Set(ids).size, ids.length);
  });

  it('cannot be forged by a separator inside an id', () => {
    // Without encoding, org "a/key:b" + key "c" and org "a" + key "b/key:c" could meet.
    assert.notEqual(keyNodeId(ORIGIN, 'a/key:b', 'c'), keyNodeId(ORIGIN, 'a', 'b/key:c'));
    assert.notEqual(keyNodeId(ORIGIN, ORG, 'inactive'), inactiveGroupNodeId(ORIGIN, ORG));
    assert.notEqual(organizationNodeId(ORIGIN, ORG), keyNodeId(ORIGIN, ORG, ''));
  });

  it('ignore the case of the origin and the organization id, not of the key id', () => {
    assert.equal(organizationNodeId('https://API.vued.example', ` ${ORG.toUpperCase()} `), organizationNodeId(ORIGIN, ORG));
    assert.notEqual(keyNodeId(ORIGIN, ORG, 'AbC'), keyNodeId(ORIGIN, ORG, 'abc'));
  });

  it('hold no name or status', () => {
    const id = keyNodeId(ORIGIN, ORG, 'k1');
    assert.ok(!id.includes('key k1') && !/active|revoked|expired/.test(id), id);
  });
});

describe('key filter', () => {
  const billing = listed('b1', { name: 'Billing worker', keyPrefix: 'vued_sk_Q7xZ', scopes: ['invoices:read', 'invoices:write'] });
  const search = listed('s1', { name: 'Search indexer', keyPrefix: 'vued_sk_M3pA', scopes: ['docs:read'] });
  const ci = listed('c1', { name: 'CI', keyPrefix: 'vued_pk_0000', scopes: [] });
  const all = [billing, search, ci];
  const index = new KeyFilterIndex(all);
  const ids = (q: string) => index.filter(q).map((k) => k.id);

  const cases: Array<[string, string[]]> = [
    ['', ['b1', 's1', 'c1']],
    ['   ', ['b1', 's1', 'c1']],
    ['billing', ['b1']],
    ['BILLING', ['b1']],
    ['indexer', ['s1']],
    ['vued_sk_m3pa', ['s1']],
    ['vued_sk_M3pA…', ['s1']],
    ['vued_sk_', ['b1', 's1']],
    ['read', ['b1', 's1']],
    ['invoices:write', ['b1']],
    // Every word must match (in any field): each word narrows the list.
    ['billing read', ['b1']],
    ['read billing', ['b1']],
    ['search invoices', []],
    ['ci', ['c1']],
    ['nothing-like-this', []],
    // A word does not match across two fields ("worker" + prefix).
    ['workervued', []],
  ];
  for (const [q, expected] of cases) {
    it(`${JSON.stringify(q)} → ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(ids(q), expected);
      assert.deepEqual(
        all.filter((k) => keyMatches(k, q)).map((k) => k.id),
        expected,
      );
    });
  }

  it('splits words at any white space and drops control characters', () => {
    assert.deepEqual(filterWords(' Billing\tREAD\n\u0000x… '), ['billing', 'read', 'x']);
  });

  it('returns the keys in the order of the list it was given', () => {
    const shaped = shapeKeyList(ORIGIN, ORG, all, NOW).current.map((s) => s.key);
    const idx = new KeyFilterIndex(shaped);
    assert.deepEqual(
      idx.filter('vued').map((k) => k.id),
      shaped.map((k) => k.id),
    );
  });
});

describe('ShapedKeyListFilter', () => {
  const keys = [
    listed('a1', { name: 'billing api', createdAt: NOW - 1 * DAY }),
    listed('a2', { name: 'search api', createdAt: NOW - 2 * DAY }),
    listed('r1', { name: 'billing old', createdAt: NOW - 3 * DAY, revokedAt: NOW - DAY }),
    listed('e1', { name: 'billing older', createdAt: NOW - 4 * DAY, expiresAt: NOW - DAY }),
    listed('r2', { name: 'search old', createdAt: NOW - 5 * DAY, revokedAt: NOW - DAY }),
  ];
  const shaped = shapeKeyList(ORIGIN, ORG, keys, NOW);
  const filter = new ShapedKeyListFilter(shaped);
  const rows = (s: ReturnType<typeof filter.filter>) => [s.current.map((k) => k.key.id), s.inactive?.label, s.inactive?.keys.map((k) => k.key.id)];

  it('keeps the order and counts only the matching keys in the group', () => {
    assert.deepEqual(rows(filter.filter('billing')), [['a1'], 'Revoked and expired (2)', ['r1', 'e1']]);
    assert.equal(filter.filter('billing').inactive?.id, shaped.inactive?.id, 'the group keeps its id');
    assert.deepEqual(
      filter.filter('billing').current.map((k) => k.id),
      [keyNodeId(ORIGIN, ORG, 'a1')],
    );
  });

  it('leaves the group out when none of its keys match', () => {
    assert.deepEqual(rows(filter.filter('api')), [['a1', 'a2'], undefined, undefined]);
  });

  it('gives the whole list back for an empty query', () => {
    assert.equal(filter.filter('  '), shaped);
    assert.deepEqual(rows(filter.filter('')), [['a1', 'a2'], 'Revoked and expired (3)', ['r1', 'e1', 'r2']]);
  });
});
