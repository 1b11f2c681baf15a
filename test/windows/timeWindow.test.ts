import { describe, expect, it } from 'vitest';
import { InvalidConfigError } from '../../src/errors/InvalidConfigError.js';
import { timeWindow } from '../../src/windows/timeWindow.js';
import { thrown } from '../thrown.js';

// Ten buckets of 100 ms: [0, 100), [100, 200), ... in scheduler time.
const tenBuckets = timeWindow(1_000, 10);

/** A snapshot of `tenBuckets` at bucket 0 whose only non-empty bucket is the newest, `last`. */
function endingWith(last: unknown): unknown {
  return { durationMs: 1_000, current: 0, buckets: [...Array(9).fill([0, 0, 0]), last] };
}

describe('timeWindow', () => {
  it('starts empty', () => {
    expect(tenBuckets().totals(0)).toEqual({ calls: 0, failures: 0, slow: 0 });
  });

  it('counts calls, failures and slow calls inside the window', () => {
    const window = tenBuckets();
    window.add(true, false, 0);
    window.add(false, true, 350);
    window.add(true, true, 990);
    expect(window.totals(999)).toEqual({ calls: 3, failures: 2, slow: 2 });
  });

  it('keeps an outcome until its bucket falls out, exactly at a multiple of the width', () => {
    const window = tenBuckets();
    window.add(true, false, 150);
    expect(window.totals(1_099).calls).toBe(1);
    expect(window.totals(1_100).calls).toBe(0);
  });

  it('aligns buckets to multiples of the width, not to the first outcome', () => {
    const window = tenBuckets();
    window.add(true, false, 99);
    expect(window.totals(1_000).calls).toBe(0);
  });

  it('holds exactly buckets buckets, the current one included', () => {
    const window = tenBuckets();
    for (let at = 0; at < 1_000; at += 100) window.add(false, false, at);
    expect(window.totals(999).calls).toBe(10);
    expect(window.totals(1_000).calls).toBe(9);
    expect(window.totals(1_099).calls).toBe(9);
    expect(window.totals(1_100).calls).toBe(8);
  });

  it('evicts while outcomes are added', () => {
    const window = tenBuckets();
    window.add(true, true, 0);
    window.add(false, false, 1_000);
    expect(window.totals(1_000)).toEqual({ calls: 1, failures: 0, slow: 0 });
  });

  it('empties after an idle gap longer than the window', () => {
    const window = tenBuckets();
    for (let at = 0; at < 1_000; at += 50) window.add(true, true, at);
    expect(window.totals(5_000)).toEqual({ calls: 0, failures: 0, slow: 0 });
  });

  it('counts again after an idle gap of years', () => {
    const window = tenBuckets();
    window.add(true, false, 0);
    window.add(false, false, 1e12);
    window.add(true, false, 1e12 + 950);
    expect(window.totals(1e12 + 999)).toEqual({ calls: 2, failures: 1, slow: 0 });
  });

  it('counts an outcome older than the current bucket into the current bucket', () => {
    const window = tenBuckets();
    window.add(false, false, 500);
    window.add(true, false, 50);
    expect(window.totals(1_499).failures).toBe(1);
    expect(window.totals(1_500).failures).toBe(0);
  });

  it('does not go back in time when asked for older totals', () => {
    const window = tenBuckets();
    window.add(true, false, 0);
    window.totals(1_000);
    expect(window.totals(500).calls).toBe(0);
  });

  it('handles a width that is not a whole number of milliseconds', () => {
    const window = timeWindow(1_000, 3)(); // buckets [0, 333.3), [333.3, 666.7), [666.7, 1000)
    window.add(true, false, 334);
    expect(window.totals(1_333).calls).toBe(1);
    expect(window.totals(1_334).calls).toBe(0);
  });

  it('puts a boundary that is a multiple of the width exactly where it belongs', () => {
    // 1000 / (1000 / 15) is 14.999999999999998 in floating point: dividing by the width would
    // keep the first bucket one millisecond too long.
    const window = timeWindow(1_000, 15)();
    window.add(true, false, 0);
    expect(window.totals(999).calls).toBe(1);
    expect(window.totals(1_000).calls).toBe(0);
  });

  it('works with a single bucket', () => {
    const window = timeWindow(500, 1)();
    window.add(true, false, 0);
    window.add(true, false, 499);
    expect(window.totals(499).calls).toBe(2);
    expect(window.totals(500).calls).toBe(0);
  });

  it('matches a naive count of the aligned buckets while it slides', () => {
    const window = timeWindow(600, 6)();
    const outcomes: { at: number; failed: boolean; slow: boolean }[] = [];
    for (let at = 0; at < 5_000; at += 37 + (at % 7) * 40) {
      const outcome = { at, failed: at % 3 === 0, slow: at % 5 === 0 };
      outcomes.push(outcome);
      window.add(outcome.failed, outcome.slow, at);
      const inside = outcomes.filter((o) => Math.floor(o.at / 100) > Math.floor(at / 100) - 6);
      expect(window.totals(at)).toEqual({
        calls: inside.length,
        failures: inside.filter((o) => o.failed).length,
        slow: inside.filter((o) => o.slow).length,
      });
    }
  });

  it('returns the same totals object every time', () => {
    const window = tenBuckets();
    expect(window.totals(0)).toBe(window.totals(5_000));
  });

  it('empties on reset', () => {
    const window = tenBuckets();
    window.add(true, true, 0);
    window.reset();
    expect(window.totals(0)).toEqual({ calls: 0, failures: 0, slow: 0 });
  });

  it('starts over at any time after a reset', () => {
    const window = tenBuckets();
    window.add(true, false, 5_000);
    window.reset();
    window.add(true, false, 100);
    expect(window.totals(1_099).calls).toBe(1);
  });

  it('snapshots its buckets oldest first with the current bucket index', () => {
    const window = timeWindow(300, 3)();
    window.add(true, false, 150);
    window.add(false, true, 250);
    window.add(false, false, 320);
    expect(window.snapshot()).toEqual({
      durationMs: 300,
      current: 3,
      buckets: [
        [1, 1, 0],
        [1, 0, 1],
        [1, 0, 0],
      ],
    });
  });

  it('snapshots an empty window with no current bucket', () => {
    expect(timeWindow(300, 3)().snapshot()).toEqual({
      durationMs: 300,
      current: null,
      buckets: [
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
      ],
    });
  });

  it('survives a JSON round trip of its snapshot', () => {
    const original = tenBuckets();
    original.add(true, false, 120);
    original.add(false, true, 560);
    original.add(true, true, 990);
    const restored = tenBuckets();
    restored.restore(JSON.parse(JSON.stringify(original.snapshot())));
    for (const at of [999, 1_100, 1_560, 1_600, 1_990, 2_000]) {
      expect(restored.totals(at)).toEqual(original.totals(at));
    }
  });

  it('keeps sliding after a restore', () => {
    const original = tenBuckets();
    original.add(true, false, 120);
    const restored = tenBuckets();
    restored.restore(original.snapshot());
    restored.add(false, false, 1_150);
    expect(restored.totals(1_150)).toEqual({ calls: 1, failures: 0, slow: 0 });
  });

  it('accepts the valid snapshot the rejection cases are built from', () => {
    const window = tenBuckets();
    window.restore(endingWith([2, 1, 1]));
    expect(window.totals(99)).toEqual({ calls: 2, failures: 1, slow: 1 });
  });

  it('restores an empty snapshot as an empty window', () => {
    const window = tenBuckets();
    window.add(true, false, 0);
    window.restore(tenBuckets().snapshot());
    expect(window.totals(0).calls).toBe(0);
  });

  it.each([
    ['null', null],
    ['a number', 3],
    ['another duration', { durationMs: 2_000, current: 0, buckets: Array(10).fill([0, 0, 0]) }],
    ['another bucket count', { durationMs: 1_000, current: 0, buckets: Array(5).fill([0, 0, 0]) }],
    ['a fractional current bucket', { durationMs: 1_000, current: 0.5, buckets: Array(10).fill([0, 0, 0]) }],
    ['a missing current bucket', { durationMs: 1_000, buckets: Array(10).fill([0, 0, 0]) }],
    ['buckets that are not an array', { durationMs: 1_000, current: 0, buckets: 'none' }],
    ['a short bucket', endingWith([1, 0])],
    ['a bucket that is not an array', endingWith(1)],
    ['a negative count', endingWith([1, -1, 0])],
    ['more failures than calls', endingWith([1, 2, 0])],
    ['more slow calls than calls', endingWith([1, 0, 2])],
  ])('rejects a snapshot with %s', (_, snapshot) => {
    const error = thrown(() => tenBuckets().restore(snapshot));
    expect(error.option).toBe('timeWindow.snapshot');
    expect(error.message).toMatch(/^timeWindow\.snapshot must be a snapshot of timeWindow\(1000ms, 10\), got /);
  });

  it('has a label', () => {
    expect(timeWindow(60_000, 6).label).toBe('timeWindow(60000ms, 6)');
  });

  it('uses ten buckets by default', () => {
    expect(timeWindow(60_000).label).toBe('timeWindow(60000ms, 10)');
  });

  it('gives each instance its own buckets', () => {
    tenBuckets().add(true, false, 0);
    expect(tenBuckets().totals(0).calls).toBe(0);
  });

  it.each([
    [0, '0'],
    [-1, '-1'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    ['1000', '"1000"'],
  ])('rejects the duration %s', (durationMs, shown) => {
    const error = thrown(() => timeWindow(durationMs as number, 10));
    expect(error.option).toBe('timeWindow.durationMs');
    expect(error.value).toBe(durationMs);
    expect(error.message).toBe(`timeWindow.durationMs must be a finite number > 0, got ${shown}`);
  });

  it.each([
    [0, '0'],
    [-2, '-2'],
    [2.5, '2.5'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    ['6', '"6"'],
  ])('rejects the bucket count %s', (buckets, shown) => {
    const error = thrown(() => timeWindow(1_000, buckets as number));
    expect(error.option).toBe('timeWindow.buckets');
    expect(error.value).toBe(buckets);
    expect(error.message).toBe(`timeWindow.buckets must be a positive integer, got ${shown}`);
  });
});
