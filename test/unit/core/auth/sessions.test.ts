/**
 * Session ids, account labels and session changes for the `vued` provider.
 */
import assert from 'node:assert/strict';
import { accountLabel, diffSessions, tokenFingerprint, ENVIRONMENT_SIGN_OUT_REFUSAL, isEmptyDiff, parseSessionId, sessionIdFor, type SessionLike } from '../../../../src/core/auth/sessions';

const PROD = 'https://api.vued.example';
const LOCAL = 'http://127.0.0.1:8787';
const TOKEN = 'vued_at_9fK2mQ7xR4tY1uI8oP3aS6dF0gH5jK2l';

describe('session ids', () => {
  it('are the origin, and another id for the VUED_TOKEN session', () => {
    assert.equal(sessionIdFor(PROD, 'secretStorage'), PROD);
    assert.equal(sessionIdFor(PROD, 'environment'), `${PROD}#VUED_TOKEN`);
    assert.notEqual(sessionIdFor(PROD, 'environment'), sessionIdFor(PROD, 'secretStorage'));
    assert.notEqual(sessionIdFor(PROD, 'secretStorage'), sessionIdFor(LOCAL, 'secretStorage'));
  });

  it('round-trip through parseSessionId', () => {
    for (const origin of [PROD, LOCAL, 'http://[::1]:9']) {
      for (const source of ['secretStorage', 'environment'] as const) {
        assert.deepEqual(parseSessionId(sessionIdFor(origin, source)), { origin, source });
      }
    }
  });

  it('never depend on the token (there is no way to pass one)', () => {
    assert.equal(sessionIdFor.length, 2);
    assert.ok(!sessionIdFor(PROD, 'secretStorage').includes(TOKEN));
  });
});

describe('accountLabel', () => {
  it('is the host, plus a name the server gave, plus VUED_TOKEN for the environment', () => {
    assert.equal(accountLabel(PROD), 'api.vued.example');
    assert.equal(accountLabel(LOCAL), '127.0.0.1:8787');
    assert.equal(accountLabel(PROD, { name: 'Ada Lovelace' }), 'api.vued.example (Ada Lovelace)');
    assert.equal(accountLabel(PROD, { source: 'environment' }), 'api.vued.example (VUED_TOKEN)');
    assert.equal(accountLabel(PROD, { name: 'ci-bot', source: 'environment' }), 'api.vued.example (ci-bot, VUED_TOKEN)');
    assert.equal(accountLabel(PROD, { name: '   ' }), 'api.vued.example');
  });

  it('names a token nobody named by a short fingerprint that holds none of its characters', () => {
    const token = 'vued_pat_Abc123Xyz789';
    const fp = tokenFingerprint(token);
    assert.match(fp, /^[0-9a-f]{8}$/);
    assert.equal(tokenFingerprint(token), fp, 'the same token, the same fingerprint');
    assert.notEqual(tokenFingerprint(`${token}x`), fp);
    assert.equal(accountLabel(PROD, { fingerprint: fp }), `api.vued.example (token ${fp})`);
    assert.equal(accountLabel(PROD, { name: 'Ada', fingerprint: fp }), 'api.vued.example (Ada)', 'a name wins');
    assert.ok(!accountLabel(PROD, { fingerprint: fp }).includes(token));
  });

  it('keeps a server name on one line and short', () => {
    assert.equal(accountLabel(PROD, { name: 'Ada\nLovelace\u2028\u0007' }), 'api.vued.example (Ada Lovelace)');
    const long = accountLabel(PROD, { name: 'n'.repeat(200) });
    assert.equal(long, `api.vued.example (${'n'.repeat(59)}…)`);
  });
});

describe('ENVIRONMENT_SIGN_OUT_REFUSAL', () => {
  it('says why and what to do', () => {
    assert.match(ENVIRONMENT_SIGN_OUT_REFUSAL, /VUED_TOKEN environment variable/);
    assert.match(ENVIRONMENT_SIGN_OUT_REFUSAL, /unset VUED_TOKEN/);
  });
});

describe('diffSessions', () => {
  const s = (id: string, accessToken: string, label = id): SessionLike => ({ id, accessToken, account: { id, label }, scopes: [] });

  it('finds added, removed and changed sessions by id', () => {
    const before = [s(PROD, 't1'), s(LOCAL, 't2'), s('x', 't3')];
    const after = [s(PROD, 't1'), s(LOCAL, 't2-new'), s('y', 't4')];
    const d = diffSessions(before, after);
    assert.deepEqual(
      d.added.map((x) => x.id),
      ['y'],
    );
    assert.deepEqual(
      d.removed.map((x) => x.id),
      ['x'],
    );
    assert.deepEqual(
      d.changed.map((x) => x.id),
      [LOCAL],
    );
    assert.equal(isEmptyDiff(d), false);
  });

  it('reports a new account label as a change, and nothing when nothing changed', () => {
    assert.deepEqual(
      diffSessions([s(PROD, 't', 'a')], [s(PROD, 't', 'b')]).changed.map((x) => x.account.label),
      ['b'],
    );
    assert.ok(isEmptyDiff(diffSessions([s(PROD, 't')], [s(PROD, 't')])));
    assert.ok(isEmptyDiff(diffSessions([], [])));
  });
});
