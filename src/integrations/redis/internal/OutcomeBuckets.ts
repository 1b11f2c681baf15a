/** @internal One bucket's totals of this instance, as written to Redis. */
export interface BucketTotals {
  readonly bucket: number;
  readonly successes: number;
  readonly failures: number;
}

interface Bucket {
  successes: number;
  failures: number;
  dirty: boolean;
}

/**
 * @internal This instance's outcome counts of one breaker in time buckets (`floor(now /
 * bucketMs)`), kept until written. Totals are absolute per bucket, so writing a bucket again
 * after a lost reply counts nothing twice. At most `keep` buckets are held: an older bucket
 * still unwritten when Redis has been away that long is dropped and counted in `dropped`.
 */
export class OutcomeBuckets {
  private readonly buckets = new Map<number, Bucket>();
  /** Outcomes dropped unwritten because their bucket got too old. */
  dropped = 0;

  constructor(
    private readonly bucketMs: number,
    private readonly keep: number,
  ) {}

  /** Counts one outcome at time `now`. */
  record(success: boolean, now: number): void {
    const index = Math.floor(now / this.bucketMs);
    let bucket = this.buckets.get(index);
    if (bucket === undefined) {
      bucket = { successes: 0, failures: 0, dirty: false };
      this.buckets.set(index, bucket);
      this.prune(index);
    }
    if (success) bucket.successes++;
    else bucket.failures++;
    bucket.dirty = true;
  }

  /** The buckets changed since they were last written, marked clean. */
  drain(): BucketTotals[] {
    const out: BucketTotals[] = [];
    for (const [bucket, b] of this.buckets) {
      if (!b.dirty) continue;
      b.dirty = false;
      out.push({ bucket, successes: b.successes, failures: b.failures });
    }
    return out;
  }

  /** A write failed: the bucket is written again next time (if it is still kept). */
  retry(bucket: number): void {
    const b = this.buckets.get(bucket);
    if (b !== undefined) b.dirty = true;
  }

  private prune(newest: number): void {
    for (const [index, b] of this.buckets) {
      if (index > newest - this.keep) continue;
      if (b.dirty) this.dropped += b.successes + b.failures;
      this.buckets.delete(index);
    }
  }
}
