// The one duration format (server/src/service/duration.ts) at its edges.
import * as assert from 'node:assert/strict';
import { formatDuration, formatTimeRange } from '../../server/src/service/duration';

suite('duration format', () => {
  test('zero and below a second', () => {
    assert.equal(formatDuration(0), '0 s');
    assert.equal(formatDuration(-0), '0 s');
    assert.equal(formatDuration(0.04), '0.04 s');
    assert.equal(formatDuration(0.5), '0.5 s');
    assert.equal(formatDuration(0.0004), '0 s', 'below half a millisecond');
    assert.equal(formatDuration(0.0005), '0.001 s', 'half a millisecond rounds up');
  });

  test('seconds below a minute, with the unit', () => {
    assert.equal(formatDuration(8), '8 s');
    assert.equal(formatDuration(12.5), '12.5 s');
    assert.equal(formatDuration(1 / 3), '0.333 s');
    assert.equal(formatDuration(59.95), '59.95 s');
    assert.equal(formatDuration(59.999), '59.999 s');
  });

  test('rounding to the millisecond happens before the minute is split off: never 0:60 or 60 s', () => {
    assert.equal(formatDuration(59.9995), '1:00');
    assert.equal(formatDuration(59.99951), '1:00');
    assert.equal(formatDuration(60), '1:00');
    assert.equal(formatDuration(119.9999), '2:00');
  });

  test('a clock from a minute on, trailing zeros dropped', () => {
    assert.equal(formatDuration(64.25), '1:04.25');
    assert.equal(formatDuration(64.3), '1:04.3');
    assert.equal(formatDuration(65), '1:05');
    assert.equal(formatDuration(600.1), '10:00.1');
    assert.equal(formatDuration(3599.9996), '1:00:00', 'rounds up into the hour');
  });

  test('hours', () => {
    assert.equal(formatDuration(3600), '1:00:00');
    assert.equal(formatDuration(3725.5), '1:02:05.5');
    assert.equal(formatDuration(36000 + 61.001), '10:01:01.001');
  });

  test('fractional rounding: 1/3, 2/3, binary fractions', () => {
    assert.equal(formatDuration(2 / 3), '0.667 s');
    assert.equal(formatDuration(0.1 + 0.2), '0.3 s');
    assert.equal(formatDuration(64.2549), '1:04.255');
    assert.equal(formatDuration(64.2544), '1:04.254');
  });

  test('negative times keep their sign; unknown ones are "?"', () => {
    assert.equal(formatDuration(-2), '-2 s');
    assert.equal(formatDuration(-64.25), '-1:04.25');
    assert.equal(formatDuration(-0.0001), '0 s', 'no "-0"');
    assert.equal(formatDuration(null), '?');
    assert.equal(formatDuration(undefined), '?');
    assert.equal(formatDuration(Number.NaN), '?');
    assert.equal(formatDuration(Number.POSITIVE_INFINITY), '?');
  });

  test('the unit is the caller\'s, for the reader\'s language; a clock has none', () => {
    const zh = (v: string) => `${v} 秒`;
    assert.equal(formatDuration(12.5, zh), '12.5 秒');
    assert.equal(formatDuration(64.25, zh), '1:04.25');
  });

  test('ranges: one style for both ends', () => {
    assert.equal(formatTimeRange(0, 8), '0–8 s');
    assert.equal(formatTimeRange(16.5, 24.5, { marks: ['*', '*'] }), '16.5*–24.5* s');
    assert.equal(formatTimeRange(50, 64.25), '0:50–1:04.25');
    assert.equal(formatTimeRange(0, 3725.5), '0:00–1:02:05.5');
    assert.equal(formatTimeRange(12, null), '12–? s');
    assert.equal(formatTimeRange(65, null, { marks: ['', '*'] }), '1:05–?*');
    assert.equal(formatTimeRange(0, 8, { unit: (v) => `${v} 秒` }), '0–8 秒');
  });
});
