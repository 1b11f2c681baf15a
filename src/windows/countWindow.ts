import { InvalidConfigError } from '../errors/InvalidConfigError.js';
import { requireInteger } from '../internal/validate.js';
import type { OutcomeWindow, OutcomeWindowFactory, WindowTotals } from './OutcomeWindow.js';

// One byte per outcome: the breaker's failure path may record tens of thousands of
// outcomes, so the window never allocates after it is created.
const FAILED = 1;
const SLOW = 2;

/**
 * A window over the last `size` recorded outcomes, whatever their age. O(1) per outcome,
 * `size` bytes of memory. Its snapshot is an array of outcome codes, oldest first
 * (bit 1 failed, bit 2 slow); restoring one of another length keeps its newest outcomes.
 *
 * @example
 * ```ts
 * const window = countWindow(3)();
 * window.add(true, false, 0);
 * window.add(false, false, 10);
 * window.add(false, true, 20);
 * window.add(false, false, 30); // pushes out the failure added at 0
 * console.log(window.totals(30)); // { calls: 3, failures: 0, slow: 1 }
 * ```
 */
export function countWindow(size: number): OutcomeWindowFactory {
  requireInteger('countWindow.size', size);
  const factory = (): OutcomeWindow => createCountWindow(size);
  return Object.assign(factory, { label: `countWindow(${size})` });
}

function createCountWindow(size: number): OutcomeWindow {
  const codes = new Uint8Array(size);
  const totals: WindowTotals = { calls: 0, failures: 0, slow: 0 };
  let next = 0; // the slot the next outcome is written to: the oldest one once full

  const add = (failed: boolean, slow: boolean): void => {
    if (totals.calls === size) {
      const old = codes[next]!;
      totals.failures -= old & FAILED;
      totals.slow -= (old & SLOW) >> 1;
    } else {
      totals.calls++;
    }
    codes[next] = (failed ? FAILED : 0) | (slow ? SLOW : 0);
    if (failed) totals.failures++;
    if (slow) totals.slow++;
    next = next + 1 === size ? 0 : next + 1;
  };

  const reset = (): void => {
    codes.fill(0);
    totals.calls = totals.failures = totals.slow = 0;
    next = 0;
  };

  return {
    usesTime: false,
    add,
    totals: () => totals,
    reset,
    snapshot: () => {
      const start = totals.calls === size ? next : 0;
      return Array.from({ length: totals.calls }, (_, i) => codes[(start + i) % size]!);
    },
    restore: (snapshot) => {
      if (!Array.isArray(snapshot) || !snapshot.every((c) => c === 0 || c === 1 || c === 2 || c === 3)) {
        throw new InvalidConfigError('countWindow.snapshot', snapshot, 'an array of outcome codes 0-3');
      }
      reset();
      for (const code of snapshot.slice(-size) as number[]) add((code & FAILED) !== 0, (code & SLOW) !== 0);
    },
  };
}
