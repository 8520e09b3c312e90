import { strict as assert } from 'assert';
import { findSecrets, isSecretShaped, SECRET_PREFIX } from '../../src/core/secretShape';

describe('secret shape', () => {
  const secret = `${SECRET_PREFIX}${'Ab3'.repeat(14)}`;

  it('recognises a whole secret and rejects near misses', () => {
    assert.equal(isSecretShaped(secret), true);
    assert.equal(isSecretShaped(`${SECRET_PREFIX}short`), false);
    assert.equal(isSecretShaped(`${secret}!`), false);
    assert.equal(isSecretShaped(`x${secret}`), false);
  });

  it('finds secrets in text by offsets, not inside longer identifiers', () => {
    const text = `a = "${secret}"; b = my${secret}; c = ${secret}`;
    const found = findSecrets(text).map((r) => text.slice(r.start, r.end));
    assert.deepEqual(found, [secret, secret]);
    assert.deepEqual(findSecrets('nothing to see'), []);
  });
});
