/** Totals of the outcomes currently inside a window. */
export interface WindowTotals {
  calls: number;
  failures: number;
  slow: number;
}

/**
 * A sliding window of call outcomes with O(1) updates and bounded memory. Pure: `at` is the
 * scheduler time of the outcome; a time window rotates by it, with no timer of its own.
 */
export interface OutcomeWindow {
  /** Records one outcome settled at `at`. */
  add(failed: boolean, slow: boolean, at: number): void;
  /** The totals of what is inside the window at time `at` (the same object each call: copy it to keep it). */
  totals(at: number): WindowTotals;
  /** Empties the window. */
  reset(): void;
  /** JSON-safe contents, for persistence. */
  snapshot(): unknown;
  /** Restores {@link OutcomeWindow.snapshot} output of a window of the same shape. */
  restore(snapshot: unknown): void;
  /** `false` when the window ignores `at` (a count window). Left out means `true`. */
  readonly usesTime?: boolean;
}

/** Creates a fresh {@link OutcomeWindow}; `countWindow(size)` and `timeWindow(ms, buckets)` return these. */
export interface OutcomeWindowFactory {
  (): OutcomeWindow;
  readonly label: string;
}
