import * as assert from 'assert';
import { ENV_TOKEN_VARIABLE, environmentToken } from '../../../../src/core/auth/environmentToken';

describe('environmentToken: the one rule for VUED_TOKEN', () => {
  it('is the variable\'s value, trimmed', () => {
    assert.strictEqual(ENV_TOKEN_VARIABLE, 'VUED_TOKEN');
    assert.strictEqual(environmentToken({ VUED_TOKEN: '  tok-123\n' }), 'tok-123');
  });

  it('is nothing when the variable is unset, empty or blank', () => {
    assert.strictEqual(environmentToken({}), undefined);
    assert.strictEqual(environmentToken({ VUED_TOKEN: '' }), undefined);
    assert.strictEqual(environmentToken({ VUED_TOKEN: ' \t ' }), undefined);
  });
});
