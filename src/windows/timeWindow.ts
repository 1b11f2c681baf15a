import { InvalidConfigError } from '../errors/InvalidConfigError.js';
import { requireInteger, requireNumber } from '../internal/validate.js';
import type { OutcomeWindow, OutcomeWindowFactory, WindowTotals } from './OutcomeWindow.js';

/**
 * A window over the outcomes of the last `durationMs`, kept in `buckets` buckets of
 * `durationMs / buckets` ms each. Buckets are aligned to multiples of that width in scheduler
 * time, and the window holds exactly `buckets` of them, the current one included, so an
 * outcome leaves the window between `durationMs - width` and `durationMs` after it was added.
 * It rotates by the timestamps it is given (no timer, no clock): O(buckets) memory and
 * amortised O(1) per outcome, however long the window sat idle. An outcome older than the
 * current bucket (a late call) counts into the current bucket. Its snapshot is
 * `{ durationMs, current, buckets: [[calls, failures, slow], ...] }`, oldest bucket first;
 * it restores only into a window of the same duration and bucket count.
 *
 * @param durationMs the span of the window in milliseconds, > 0.
 * @param buckets how many buckets to split it into, a positive integer (default 10): more
 *   buckets slide more smoothly and cost a little more memory.
 *
 * @example
 * ```ts
 * const window = timeWindow(1_000, 10)(); // ten buckets of 100 ms: [0, 100), [100, 200), ...
 * window.add(true, false, 50);
 * window.add(false, false, 420);
 * console.log(window.totals(999)); // { calls: 2, failures: 1, slow: 0 }
 * console.log(window.totals(1_000)); // { calls: 1, failures: 0, slow: 0 }: bucket [0, 100) left
 * ```
 */
export function timeWindow(durationMs: number, buckets = 10): OutcomeWindowFactory {
  requireNumber('timeWindow.durationMs', durationMs, 0, true);
  requireInteger('timeWindow.buckets', buckets);
  const factory = (): OutcomeWindow => createTimeWindow(durationMs, buckets);
  return Object.assign(factory, { label: `timeWindow(${durationMs}ms, ${buckets})` });
}

function createTimeWindow(durationMs: number, size: number): OutcomeWindow {
  const calls = new Float64Array(size);
  const failures = new Float64Array(size);
  const slow = new Float64Array(size);
  // The absolute indices of the non-empty buckets, oldest first, in a ring: expiring walks
  // only buckets that hold outcomes, so a long idle gap costs nothing extra and every filled
  // bucket is cleared once: amortised O(1) per add.
  const filled = new Float64Array(size);
  let first = 0;
  let count = 0;
  let current = -Infinity; // absolute index of the newest bucket; -Infinity while empty
  const totals: WindowTotals = { calls: 0, failures: 0, slow: 0 };

  // at * size / durationMs rather than at / width: exact for integer times, so a bucket
  // boundary never drifts by a rounding error.
  const indexOf = (at: number): number => Math.floor((at * size) / durationMs);
  const slotOf = (index: number): number => ((index % size) + size) % size;

  const advance = (at: number): number => {
    const index = indexOf(at);
    if (index <= current) return slotOf(current);
    current = index;
    while (count > 0 && filled[first]! <= index - size) {
      const slot = slotOf(filled[first]!);
      totals.calls -= calls[slot]!;
      totals.failures -= failures[slot]!;
      totals.slow -= slow[slot]!;
      calls[slot] = failures[slot] = slow[slot] = 0;
      first = first + 1 === size ? 0 : first + 1;
      count--;
    }
    return slotOf(index);
  };

  const put = (index: number, c: number, f: number, s: number): void => {
    const slot = slotOf(index);
    if (calls[slot] === 0) {
      filled[(first + count) % size] = index;
      count++;
    }
    calls[slot]! += c;
    failures[slot]! += f;
    slow[slot]! += s;
    totals.calls += c;
    totals.failures += f;
    totals.slow += s;
  };

  const reset = (): void => {
    calls.fill(0);
    failures.fill(0);
    slow.fill(0);
    totals.calls = totals.failures = totals.slow = 0;
    first = count = 0;
    current = -Infinity;
  };

  return {
    add: (failed, isSlow, at) => {
      advance(at);
      put(current, 1, failed ? 1 : 0, isSlow ? 1 : 0);
    },
    totals: (at) => (advance(at), totals),
    reset,
    snapshot: () => ({
      durationMs,
      current: current === -Infinity ? null : current,
      // Oldest first, the current bucket last, so the layout does not depend on the ring.
      buckets: Array.from({ length: size }, (_, i) => {
        if (current === -Infinity) return [0, 0, 0];
        const slot = slotOf(current - size + 1 + i);
        return [calls[slot]!, failures[slot]!, slow[slot]!];
      }),
    }),
    restore: (snapshot) => {
      const s = parse(snapshot, durationMs, size);
      reset();
      if (s.current === null) return;
      current = s.current;
      s.buckets.forEach(([c, f, sl], i) => {
        if (c > 0) put(current - size + 1 + i, c, f, sl);
      });
    },
  };
}

interface TimeWindowSnapshot {
  current: number | null;
  buckets: [number, number, number][];
}

function parse(snapshot: unknown, durationMs: number, size: number): TimeWindowSnapshot {
  const s = snapshot as { durationMs?: unknown; current?: unknown; buckets?: unknown } | null;
  const count = (n: unknown): boolean => Number.isInteger(n) && (n as number) >= 0;
  const valid =
    typeof s === 'object' &&
    s !== null &&
    s.durationMs === durationMs &&
    (s.current === null || Number.isInteger(s.current)) &&
    Array.isArray(s.buckets) &&
    s.buckets.length === size &&
    s.buckets.every(
      (b: unknown) =>
        Array.isArray(b) && b.length === 3 && b.every(count) && b[1] <= b[0] && b[2] <= b[0],
    );
  if (!valid) {
    throw new InvalidConfigError('timeWindow.snapshot', snapshot, `a snapshot of timeWindow(${durationMs}ms, ${size})`);
  }
  return s as TimeWindowSnapshot;
}
