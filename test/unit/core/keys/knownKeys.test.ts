/** A known key's status in words, and the next moment a status or its words change. */
import assert from 'node:assert/strict';
import { nextStatusChange, statusText } from '../../../../src/core/keys/knownKeys';
import { keyStatus } from '../../../../src/core/keys/status';
import { ACME_KEYS, ACME_NOW, acmeKey, DAY } from '../../../support/builders';

const NOW = ACME_NOW;
const { revoked: REVOKED, expired: EXPIRED, expiring: EXPIRING, active: ACTIVE } = ACME_KEYS;
const KEYS = [REVOKED, EXPIRED, EXPIRING, ACTIVE];

describe('editor: when statuses change', () => {
  it('words each status', () => {
    assert.equal(statusText(ACTIVE.key, NOW), 'active');
    assert.equal(statusText(EXPIRING.key, NOW, { utc: true }), 'expires in 3 days (2026-12-04)');
    assert.equal(statusText(EXPIRING.key, NOW + 2 * DAY, { utc: true }), 'expires within a day (2026-12-04)');
    assert.equal(statusText(EXPIRED.key, NOW, { utc: true }), 'expired on 2026-11-25');
  });

  it('names the next moment a status or its text changes, and nothing changes before it', () => {
    const in10Days = acmeKey('k-10', 'ten', 'vued_sk_Te10', { expiresAt: NOW + 10 * DAY + 5000 });
    const keys = [...KEYS, in10Days];
    let now = NOW;
    const seen: string[] = [];
    for (let step = 0; step < 20; step++) {
      const next = nextStatusChange(keys, now);
      if (next === undefined) {
        break;
      }
      assert.ok(next > now);
      const texts = (t: number) => keys.map((k) => `${keyStatus(k.key, t)}|${statusText(k.key, t, { utc: true })}`).join(',');
      // Nothing changes strictly before `next`; something changes at `next`.
      for (const t of [now, now + (next - now) / 3, now + (2 * (next - now)) / 3, next - 1]) {
        assert.equal(texts(t), texts(now), `no change at ${new Date(t).toISOString()}`);
      }
      assert.notEqual(texts(next), texts(now), `a change at ${new Date(next).toISOString()}`);
      seen.push(new Date(next).toISOString());
      now = next;
    }
    // staging: 3 → 2 → 1 day(s), then expires; ten: enters the window (7 days), counts down, expires.
    assert.deepEqual(seen.slice(0, 4), ['2026-12-02T00:00:00.000Z', '2026-12-03T00:00:00.000Z', '2026-12-04T00:00:00.000Z', '2026-12-04T12:00:05.000Z']);
    assert.equal(seen.length, 11);
    assert.equal(nextStatusChange(keys, now), undefined, 'after the last expiry nothing changes by itself');
    assert.equal(nextStatusChange([ACTIVE, REVOKED], NOW), undefined);
  });
});
