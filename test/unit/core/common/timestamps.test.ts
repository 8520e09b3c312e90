import * as assert from 'node:assert/strict';
import { formatDate, SECONDS_THRESHOLD, toDate } from '../../../../src/core/common/timestamps';

describe('timestamps', () => {
  describe('toDate', () => {
    const table: [number | null | undefined, string | undefined][] = [
      [1_735_689_600, '2025-01-01T00:00:00.000Z'], // seconds
      [1_735_689_600_000, '2025-01-01T00:00:00.000Z'], // milliseconds
      [1_735_689_600.5, '2025-01-01T00:00:00.500Z'], // fractional seconds
      [0, '1970-01-01T00:00:00.000Z'],
      [SECONDS_THRESHOLD - 1, new Date((SECONDS_THRESHOLD - 1) * 1000).toISOString()], // still seconds
      [SECONDS_THRESHOLD, '2001-09-09T01:46:40.000Z'], // from here on: ms
      [4_102_444_800, '2100-01-01T00:00:00.000Z'], // seconds far in the future
      [null, undefined],
      [undefined, undefined],
      [Number.NaN, undefined],
      [Number.POSITIVE_INFINITY, undefined],
    ];
    for (const [input, iso] of table) {
      it(`${String(input)} → ${iso}`, () => assert.equal(toDate(input)?.toISOString(), iso));
    }
    it('seconds and milliseconds of the same instant give the same date', () => {
      const now = Date.now();
      assert.equal(toDate(Math.floor(now / 1000))?.getTime(), Math.floor(now / 1000) * 1000);
      assert.equal(toDate(now)?.getTime(), now);
    });
  });

  describe('formatDate', () => {
    const table: [Parameters<typeof formatDate>[0], Parameters<typeof formatDate>[1], string][] = [
      [1_735_689_600, { utc: true }, '2025-01-01 00:00 UTC'],
      [1_735_725_845_000, { utc: true }, '2025-01-01 10:04 UTC'],
      [1_735_725_845, { utc: true, seconds: true }, '2025-01-01 10:04:05 UTC'],
      [new Date('2024-02-29T23:59:59Z'), { utc: true }, '2024-02-29 23:59 UTC'],
      [null, {}, ''],
      [undefined, { empty: 'never' }, 'never'],
      [new Date('nope'), { empty: '—' }, '—'],
    ];
    for (const [value, options, expected] of table) {
      it(`${String(value)} ${JSON.stringify(options)} → ${JSON.stringify(expected)}`, () => assert.equal(formatDate(value, options), expected));
    }

    it('defaults to local time, without a suffix', () => {
      const d = new Date(2025, 5, 7, 8, 9, 10);
      assert.equal(formatDate(d), '2025-06-07 08:09');
      assert.equal(formatDate(d.getTime()), '2025-06-07 08:09');
      assert.equal(formatDate(Math.floor(d.getTime() / 1000), { seconds: true }), '2025-06-07 08:09:10');
    });
  });
});
