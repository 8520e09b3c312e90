/** Expiry dates of a new key: the presets, a typed date, and the same lifetime again for a rotation. */
import * as assert from 'node:assert/strict';
import { parseCustomDate, presetExpiry, sameLifetime } from '../../../../src/core/keys/expiry';

describe('expiry', () => {
  const now = new Date('2026-11-26T10:00:00.000Z');
  it('presets count from now in UTC; never is null', () => {
    assert.equal(presetExpiry('never', now), null);
    assert.equal(presetExpiry('30d', now), '2026-12-26T10:00:00.000Z');
    assert.equal(presetExpiry('90d', now), '2027-02-24T10:00:00.000Z');
    assert.equal(presetExpiry('1y', now), '2027-11-26T10:00:00.000Z');
  });
  it('a custom date is the end of that day, UTC, and must be in the future', () => {
    assert.deepEqual(parseCustomDate('2027-01-31', now), { ok: true, iso: '2027-01-31T23:59:59.999Z' });
    assert.deepEqual(parseCustomDate(' 2026-11-26 ', now), { ok: true, iso: '2026-11-26T23:59:59.999Z' });
    const rejected: Array<[string, RegExp]> = [
      ['2026-11-25', /future/],
      ['2020-01-01', /future/],
      ['2027-02-30', /not a real date/],
      ['2027-13-01', /not a real date/],
      ['27-01-01', /YYYY-MM-DD/],
      ['2027/01/01', /YYYY-MM-DD/],
      ['tomorrow', /YYYY-MM-DD/],
      ['', /YYYY-MM-DD/],
    ];
    for (const [input, reason] of rejected) {
      const r = parseCustomDate(input, now);
      assert.equal(r.ok, false, input);
      assert.match((r as { reason: string }).reason, reason, input);
    }
  });
  it('the same lifetime again from now, or never', () => {
    const created = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(sameLifetime(created, undefined, now), null);
    assert.equal(sameLifetime(created, created + 30 * 86400_000, now), '2026-12-26T10:00:00.000Z');
  });
});
