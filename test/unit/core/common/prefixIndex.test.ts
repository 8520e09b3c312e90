/** Keys by prefix: the one index the editor's known keys and the `.env` usages both look secrets up in. */
import assert from 'node:assert/strict';
import { PrefixIndex } from '../../../../src/core/common/prefixIndex';
import { KeyPrefixIndex, type KnownKey } from '../../../../src/core/keys/knownKeys';

type Ref = { id: unknown; keyPrefix: unknown };
const index = (refs: Ref[]) => new PrefixIndex(refs, (r) => r.keyPrefix, (r) => r.id);

describe('PrefixIndex', () => {
  it('gives the keys of the longest prefix a value starts with, each key once', () => {
    const k1 = { id: 'k1', keyPrefix: 'vued_sk_AbCd' };
    const k2 = { id: 'k2', keyPrefix: 'vued_sk_AbCdEf' };
    const k3 = { id: 'k3', keyPrefix: 'vued_sk_AbCdEf' };
    const ix = index([k1, k2, k3, { ...k2 }]);
    assert.deepEqual(ix.candidates('vued_sk_AbCdEfGh12345678'), [k2, k3]);
    assert.deepEqual(ix.candidates('vued_sk_AbCdXy12345678'), [k1]);
    assert.deepEqual(ix.candidates('vued_sk_Zz'), []);
    assert.deepEqual(ix.withPrefix('vued_sk_AbCd'), [k1]);
    assert.deepEqual(ix.withPrefix('vued_sk_Ab'), []);
    assert.equal(ix.shortest, 12);
  });

  it('leaves out prefixes too short or not strings, and ids that are not strings', () => {
    const ix = index([{ id: 'a', keyPrefix: 'vued' }, { id: 'b', keyPrefix: '' }, { id: 'c', keyPrefix: 42 }, { id: 7, keyPrefix: 'vued_sk_Good' }]);
    assert.equal(ix.empty, true);
    assert.equal(ix.mayHoldKnown('vued_sk_Good12345678'), false);
    assert.equal(ix.recognizer.prefixes.length, 0);
  });

  it('tells cheaply which texts cannot hold a known prefix, with many heads too', () => {
    const few = index([{ id: 'a', keyPrefix: 'vued_sk_AbCd' }, { id: 'b', keyPrefix: 'other_Zz99' }]);
    assert.equal(few.mayHoldKnown('X=vued_sk_AbCd1234'), true);
    assert.equal(few.mayHoldKnown('X=other_Zz991234'), true);
    assert.equal(few.mayHoldKnown('X=vued_pk_AbCd1234 and more text'), false);
    assert.equal(few.mayHoldKnown('short'), false, 'shorter than every prefix');
    // More than 16 distinct heads: their common start is the test.
    const many = index(Array.from({ length: 20 }, (_, i) => ({ id: `k${i}`, keyPrefix: `vq${String.fromCharCode(97 + i)}xyz_1234` })));
    assert.equal(many.mayHoldKnown('A=vqcxyz_12345678'), true);
    assert.equal(many.mayHoldKnown('A=nothing of the kind here'), false);
    const disjoint = index(Array.from({ length: 20 }, (_, i) => ({ id: `k${i}`, keyPrefix: `${String.fromCharCode(97 + i)}bcdef_1234` })));
    assert.equal(disjoint.mayHoldKnown('A=zzzzzzzzzzzzzzzzzzz'), true, 'no common start: every text is scanned');
  });

  it('is what KeyPrefixIndex is made of: the known keys\' recogniser and lookups', () => {
    const key = (id: string, keyPrefix: string, revokedAt: number | null = null): KnownKey => ({
      orgId: 'o',
      key: { id, name: id, keyPrefix, scopes: [], createdAt: 0, lastUsedAt: null, expiresAt: null, revokedAt },
    });
    const revoked = key('r', 'vued_sk_Same', 1);
    const active = key('a', 'vued_sk_Same');
    const ix = new KeyPrefixIndex([revoked, active]);
    assert.ok(ix instanceof PrefixIndex);
    assert.deepEqual(ix.keys, [revoked, active]);
    assert.deepEqual(ix.candidates('vued_sk_Same12345678'), [revoked, active]);
    assert.equal(ix.match('vued_sk_Same12345678', Date.now())?.key.id, 'a', 'the least alarming of keys sharing a prefix');
    assert.deepEqual(ix.recognizer.find('K=vued_sk_Same12345678\n').map((s) => s.prefix), ['vued_sk_Same']);
  });
});
