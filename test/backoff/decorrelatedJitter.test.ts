import { describe, expect, it } from 'vitest';
import { exponentialBackoff } from '../../src/backoff/exponentialBackoff.js';
import { median, sample, seededRandom } from './seededRandom.js';

/** Polly's DecorrelatedJitterBackoffV2 (Polly.Contrib.WaitAndRetry), in milliseconds, uncapped. */
function pollyV2(medianFirstRetryDelay: number, retryCount: number, random: () => number): number[] {
  const pFactor = 4.0;
  const rpScalingFactor = 1 / 1.4;
  const delays: number[] = [];
  let prev = 0;
  for (let i = 0; i < retryCount; i++) {
    const t = i + random();
    const next = Math.pow(2, t) * Math.tanh(Math.sqrt(pFactor * t));
    delays.push((next - prev) * rpScalingFactor * medianFirstRetryDelay);
    prev = next;
  }
  return delays;
}

function decorrelated(options: { initialDelay?: number; maxDelay?: number; random?: () => number } = {}) {
  return exponentialBackoff({ jitter: 'decorrelated', ...options });
}

describe("exponentialBackoff with jitter 'decorrelated'", () => {
  it("follows Polly's V2 formula for a sequence of attempts", () => {
    const backoff = decorrelated({ initialDelay: 1_000, maxDelay: 2_147_483_647, random: seededRandom(7) });
    const expected = pollyV2(1_000, 12, seededRandom(7));
    const actual = expected.map((_, i) => backoff(i + 1));
    actual.forEach((delay, i) => expect(delay).toBeCloseTo(expected[i] ?? Number.NaN, 6));
  });

  it('starts again from the first delay at attempt 1', () => {
    const backoff = decorrelated({ initialDelay: 100, random: () => 0.5 });
    [1, 2, 3].forEach((attempt) => backoff(attempt));
    expect(backoff(1)).toBeCloseTo(pollyV2(100, 1, () => 0.5)[0] ?? Number.NaN, 9);
  });

  it('retries, counted from the first failure, at a median of about initialDelay × 2 ** (attempt - 1)', () => {
    const random = seededRandom(11);
    const runs = sample(10_000, () => {
      const backoff = decorrelated({ initialDelay: 1_000, maxDelay: 1_000_000, random });
      let elapsed = 0;
      return [1, 2, 3, 4, 5, 6].map((attempt) => (elapsed += backoff(attempt)));
    });
    const ratios = [0, 1, 2, 3, 4, 5].map((i) => median(runs.map((run) => run[i] ?? Number.NaN)) / (1_000 * 2 ** i));
    // The first retry comes a little early (about 0.9 × initialDelay); then the doubling holds.
    expect(ratios[0]).toBeCloseTo(0.9, 1);
    for (const ratio of ratios.slice(1)) expect(ratio).toBeCloseTo(1, 1);
  });

  it('keeps every delay within [0, 0.71 × initialDelay × 2 ** attempt]', () => {
    const random = seededRandom(17);
    const outside: number[][] = [];
    for (let run = 0; run < 2_000; run++) {
      const backoff = decorrelated({ initialDelay: 1, maxDelay: 1_000_000, random });
      for (let attempt = 1; attempt <= 8; attempt++) {
        const delay = backoff(attempt);
        if (!(delay >= 0 && delay <= 0.71 * 2 ** attempt)) outside.push([attempt, delay]);
      }
    }
    expect(outside).toEqual([]);
  });

  it('stays finite, >= 0 and <= maxDelay for 10,000 attempts', () => {
    const backoff = decorrelated({ initialDelay: 1_000, maxDelay: 30_000, random: seededRandom(5) });
    const delays = Array.from({ length: 10_000 }, (_, i) => backoff(i + 1));
    expect(delays.every((delay) => Number.isFinite(delay) && delay >= 0 && delay <= 30_000)).toBe(true);
  });

  it('settles on maxDelay once the curve overflows', () => {
    const backoff = decorrelated({ initialDelay: 1_000, maxDelay: 30_000, random: seededRandom(5) });
    for (let attempt = 1; attempt < 1_030; attempt++) backoff(attempt);
    expect(backoff(1_030)).toBe(30_000);
  });

  it('keeps some spread below the cap near it', () => {
    const random = seededRandom(9);
    const values = sample(2_000, () => {
      const backoff = decorrelated({ initialDelay: 1_000, maxDelay: 6_000, random });
      [1, 2, 3].forEach((attempt) => backoff(attempt));
      return backoff(4);
    });
    const belowCap = values.filter((value) => value < 6_000);
    expect(belowCap.length / values.length).toBeGreaterThan(0.3);
    expect(Math.max(...values)).toBe(6_000);
  });

  it('stays within range when called out of sequence', () => {
    const backoff = decorrelated({ initialDelay: 100, maxDelay: 1_000_000, random: seededRandom(13) });
    const delays = [5, 5, 2, 9, 1, 9].map((attempt) => backoff(attempt));
    // Attempt n always lies in [0, 0.71 × initialDelay × 2 ** n], in sequence or not.
    [5, 5, 2, 9, 1, 9].forEach((attempt, i) => {
      expect(delays[i]).toBeGreaterThanOrEqual(0);
      expect(delays[i]).toBeLessThanOrEqual(0.71 * 100 * 2 ** attempt);
    });
  });

  it('returns 0 at every attempt when initialDelay is 0', () => {
    const backoff = decorrelated({ initialDelay: 0, random: seededRandom(1) });
    expect([1, 2, 1_100].map((attempt) => backoff(attempt))).toEqual([0, 0, 0]);
  });
});
