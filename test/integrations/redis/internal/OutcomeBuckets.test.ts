import { describe, expect, it } from 'vitest';
import { OutcomeBuckets } from '../../../../src/integrations/redis/internal/OutcomeBuckets.js';

describe('OutcomeBuckets', () => {
  it('totals outcomes per time bucket', () => {
    const buckets = new OutcomeBuckets(1_000, 3);
    buckets.record(true, 100);
    buckets.record(false, 900);
    buckets.record(true, 1_200);
    expect(buckets.drain()).toEqual([
      { bucket: 0, successes: 1, failures: 1 },
      { bucket: 1, successes: 1, failures: 0 },
    ]);
  });

  it('hands out only buckets changed since the last drain', () => {
    const buckets = new OutcomeBuckets(1_000, 3);
    buckets.record(true, 100);
    buckets.drain();
    expect(buckets.drain()).toEqual([]);
  });

  it('writes absolute totals, so a later drain carries everything of the bucket', () => {
    const buckets = new OutcomeBuckets(1_000, 3);
    buckets.record(true, 100);
    buckets.drain();
    buckets.record(true, 200);
    expect(buckets.drain()).toEqual([{ bucket: 0, successes: 2, failures: 0 }]);
  });

  it('hands a bucket out again after a failed write', () => {
    const buckets = new OutcomeBuckets(1_000, 3);
    buckets.record(false, 100);
    buckets.drain();
    buckets.retry(0);
    expect(buckets.drain()).toEqual([{ bucket: 0, successes: 0, failures: 1 }]);
  });

  it('drops buckets older than it keeps and counts what was never written', () => {
    const buckets = new OutcomeBuckets(1_000, 2);
    buckets.record(true, 100);
    buckets.record(true, 200);
    buckets.record(false, 2_500);
    expect(buckets.dropped).toBe(2);
    expect(buckets.drain()).toEqual([{ bucket: 2, successes: 0, failures: 1 }]);
  });

  it('drops a written bucket without counting it', () => {
    const buckets = new OutcomeBuckets(1_000, 1);
    buckets.record(true, 100);
    buckets.drain();
    buckets.record(true, 1_100);
    expect(buckets.dropped).toBe(0);
  });
});
