/** A key list that could not be read again (src/core/keys/listFailure.ts): its kind, its actions, and "read N min ago". */
import assert from 'node:assert/strict';
import { english } from '../../../../src/core/common/messages';
import { LIST_ACTIONS, listFailureKind, nextReadAgoChange, organizationsNotOffered, readAgo } from '../../../../src/core/keys/listFailure';

const T = Date.UTC(2026, 11, 1, 12, 0, 0);
const MIN = 60_000;

describe('list failures', () => {
  it('a refused token is fixed by another token, never by the same request again', () => {
    assert.equal(listFailureKind('auth'), 'rejected');
    assert.deepEqual(LIST_ACTIONS.rejected, ['signIn']);
    assert.deepEqual(LIST_ACTIONS.signedOut, ['signIn']);
    assert.equal(listFailureKind('forbidden'), 'forbidden');
    assert.deepEqual(LIST_ACTIONS.forbidden, ['signIn', 'retry']);
  });

  it('no answer: Retry and the address setting; an error answer: Retry and the log', () => {
    for (const kind of ['network', 'tls', 'timeout', 'cancelled'] as const) assert.equal(listFailureKind(kind), 'unreachable', kind);
    assert.deepEqual(LIST_ACTIONS.unreachable, ['retry', 'settings']);
    for (const kind of ['server', 'rateLimited', 'malformed', 'badRequest', 'notFound', 'conflict', undefined] as const) assert.equal(listFailureKind(kind), 'server', String(kind));
    assert.deepEqual(LIST_ACTIONS.server, ['retry', 'logs']);
  });

  it('GET /orgs that the server does not offer (or not to this token) is no failure', () => {
    for (const status of [403, 404, 405, 501]) assert.ok(organizationsNotOffered(status), String(status));
    for (const status of [undefined, 401, 429, 500, 502, 503]) assert.ok(!organizationsNotOffered(status), String(status));
  });

  it('says how long ago the keys shown were read', () => {
    assert.equal(english(readAgo(T, T + 59_000)), 'read just now');
    assert.equal(english(readAgo(T, T + 5 * MIN + 1)), 'read 5 min ago');
    assert.equal(english(readAgo(T, T + 3 * 60 * MIN)), 'read 3 h ago');
    assert.match(english(readAgo(T, T + 25 * 60 * MIN)), /^read on \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    assert.equal(english(readAgo(T + 1000, T)), 'read just now', 'a clock that went back says no negative time');
  });

  it('and when that text next changes, so one timer keeps it true', () => {
    assert.equal(nextReadAgoChange(T, T + 10_000), T + MIN);
    assert.equal(nextReadAgoChange(T, T + 5 * MIN + 1), T + 6 * MIN);
    assert.equal(nextReadAgoChange(T, T + 90 * MIN), T + 120 * MIN);
    assert.equal(nextReadAgoChange(T, T + 24 * 60 * MIN), undefined, 'a date does not change');
  });
});
