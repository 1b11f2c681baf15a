import { describe, expect, it } from 'vitest';
import { InvalidConfigError } from '../../src/errors/InvalidConfigError.js';
import { countWindow } from '../../src/windows/countWindow.js';
import { thrown } from '../thrown.js';

describe('countWindow', () => {
  it('starts empty', () => {
    expect(countWindow(5)().totals(0)).toEqual({ calls: 0, failures: 0, slow: 0 });
  });

  it('counts calls, failures and slow calls', () => {
    const window = countWindow(5)();
    window.add(true, false, 0);
    window.add(false, true, 1);
    window.add(true, true, 2);
    expect(window.totals(2)).toEqual({ calls: 3, failures: 2, slow: 2 });
  });

  it('holds at most size outcomes', () => {
    const window = countWindow(3)();
    for (let i = 0; i < 10; i++) window.add(false, false, i);
    expect(window.totals(10).calls).toBe(3);
  });

  it('evicts the oldest outcome when full', () => {
    const window = countWindow(3)();
    window.add(true, true, 0);
    window.add(false, false, 1);
    window.add(false, false, 2);
    window.add(false, false, 3);
    expect(window.totals(3)).toEqual({ calls: 3, failures: 0, slow: 0 });
  });

  it('matches a naive count of the last size outcomes while it slides', () => {
    const size = 7;
    const window = countWindow(size)();
    const outcomes: [boolean, boolean][] = [];
    for (let i = 0; i < 50; i++) {
      const outcome: [boolean, boolean] = [(i * 7) % 3 === 0, (i * 5) % 4 === 1];
      outcomes.push(outcome);
      window.add(outcome[0], outcome[1], i);
      const last = outcomes.slice(-size);
      expect(window.totals(i)).toEqual({
        calls: last.length,
        failures: last.filter(([failed]) => failed).length,
        slow: last.filter(([, slow]) => slow).length,
      });
    }
  });

  it('ignores the age of outcomes', () => {
    const window = countWindow(3)();
    window.add(true, false, 0);
    expect(window.totals(1e12).failures).toBe(1);
  });

  it('returns the same totals object every time', () => {
    const window = countWindow(3)();
    expect(window.totals(0)).toBe(window.totals(1));
  });

  it('empties on reset', () => {
    const window = countWindow(3)();
    window.add(true, true, 0);
    window.reset();
    expect(window.totals(0)).toEqual({ calls: 0, failures: 0, slow: 0 });
  });

  it('slides from scratch after a reset', () => {
    const window = countWindow(2)();
    window.add(true, false, 0);
    window.reset();
    window.add(false, false, 1);
    window.add(false, false, 2);
    window.add(true, false, 3);
    expect(window.totals(3)).toEqual({ calls: 2, failures: 1, slow: 0 });
  });

  it('snapshots its outcome codes oldest first', () => {
    const window = countWindow(3)();
    window.add(true, false, 0);
    window.add(false, false, 1);
    window.add(false, true, 2);
    window.add(true, true, 3);
    expect(window.snapshot()).toEqual([0, 2, 3]);
  });

  it('survives a JSON round trip of its snapshot', () => {
    const original = countWindow(3)();
    original.add(true, false, 0);
    original.add(false, true, 1);
    const restored = countWindow(3)();
    restored.restore(JSON.parse(JSON.stringify(original.snapshot())));
    original.add(false, false, 2);
    restored.add(false, false, 2);
    original.add(false, false, 3);
    restored.add(false, false, 3);
    expect(restored.totals(3)).toEqual(original.totals(3));
  });

  it('keeps the newest outcomes of a longer snapshot', () => {
    const window = countWindow(2)();
    window.restore([1, 0, 3]);
    expect(window.totals(0)).toEqual({ calls: 2, failures: 1, slow: 1 });
  });

  it('replaces its contents on restore', () => {
    const window = countWindow(3)();
    window.add(true, true, 0);
    window.restore([0]);
    expect(window.totals(0)).toEqual({ calls: 1, failures: 0, slow: 0 });
  });

  it.each([[null], [{}], ['0,1'], [[0, 4]], [[0, -1]], [[0.5]], [['1']]])('rejects the snapshot %j', (snapshot) => {
    const error = thrown(() => countWindow(3)().restore(snapshot));
    expect(error.option).toBe('countWindow.snapshot');
    expect(error.message).toMatch(/^countWindow\.snapshot must be an array of outcome codes 0-3, got /);
  });

  it('has a label', () => {
    expect(countWindow(100).label).toBe('countWindow(100)');
  });

  it('gives each instance its own outcomes', () => {
    const factory = countWindow(3);
    factory().add(true, false, 0);
    expect(factory().totals(0).calls).toBe(0);
  });

  it.each([
    [0, '0'],
    [-1, '-1'],
    [1.5, '1.5'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    ['10', '"10"'],
    [undefined, 'undefined'],
  ])('rejects the size %s', (size, shown) => {
    const error = thrown(() => countWindow(size as number));
    expect(error.option).toBe('countWindow.size');
    expect(error.value).toBe(size);
    expect(error.message).toBe(`countWindow.size must be a positive integer, got ${shown}`);
  });
});
