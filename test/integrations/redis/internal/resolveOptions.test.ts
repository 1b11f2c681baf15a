import { asyncScheduler, queueScheduler } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { isInvalidConfigError } from '../../../../src/index.js';
import type { RedisBreakerStoreOptions } from '../../../../src/integrations/redis/index.js';
import { resolveStoreOptions } from '../../../../src/integrations/redis/internal/resolveOptions.js';

const client = {};
const resolve = (options: Partial<RedisBreakerStoreOptions>) => resolveStoreOptions({ client, ...options } as RedisBreakerStoreOptions);

function rejection(options: Record<string, unknown>): { option: string; value: unknown } {
  try {
    resolve(options as Partial<RedisBreakerStoreOptions>);
  } catch (error) {
    if (isInvalidConfigError(error)) return { option: error.option, value: error.value };
    throw error;
  }
  throw new Error('expected an InvalidConfigError');
}

describe('resolveStoreOptions', () => {
  it('applies the defaults', () => {
    expect(resolve({})).toMatchObject({
      keyPrefix: 'rxcb',
      quorum: 0,
      leaseMs: 10_000,
      syncIntervalMs: 5_000,
      commandTimeoutMs: 500,
      keyTtlMs: 3_600_000,
      counts: null,
      scheduler: asyncScheduler,
      logger: null,
    });
  });

  it('gives every instance its own id', () => {
    expect(resolve({}).instanceId).not.toBe(resolve({}).instanceId);
  });

  it('reads a quorum with its default window', () => {
    expect(resolve({ tripOn: { quorum: 3 } })).toMatchObject({ quorum: 3, quorumWindowMs: 60_000 });
  });

  it('reads any-instance as no quorum', () => {
    expect(resolve({ tripOn: 'any-instance' }).quorum).toBe(0);
  });

  it('reads countOutcomes: true as the default buckets', () => {
    expect(resolve({ countOutcomes: true }).counts).toEqual({ bucketMs: 10_000, buckets: 6, flushIntervalMs: 1_000 });
  });

  it('keeps a given scheduler', () => {
    expect(resolve({ scheduler: queueScheduler }).scheduler).toBe(queueScheduler);
  });

  it.each([
    [{ keyPrefix: 'a{b' }, 'keyPrefix', 'a{b'],
    [{ keyPrefix: '' }, 'keyPrefix', ''],
    [{ keyPrefix: 'a:b' }, 'keyPrefix', 'a:b'],
    [{ instanceId: 'with space' }, 'instanceId', 'with space'],
    [{ tripOn: 'majority' }, 'tripOn', 'majority'],
    [{ tripOn: { quorum: 0 } }, 'tripOn.quorum', 0],
    [{ tripOn: { quorum: 1.5 } }, 'tripOn.quorum', 1.5],
    [{ tripOn: { quorum: 2, windowMs: -1 } }, 'tripOn.windowMs', -1],
    [{ tripOn: { quorum: 2, window: 1 } }, 'tripOn.window', 1],
    [{ leaseMs: 0 }, 'leaseMs', 0],
    [{ leaseMs: 10.5 }, 'leaseMs', 10.5],
    [{ syncIntervalMs: Number.NaN }, 'syncIntervalMs', Number.NaN],
    [{ commandTimeoutMs: '500' }, 'commandTimeoutMs', '500'],
    [{ keyTtlMs: Infinity }, 'keyTtlMs', Infinity],
    [{ countOutcomes: 'yes' }, 'countOutcomes', 'yes'],
    [{ countOutcomes: { buckets: 0 } }, 'countOutcomes.buckets', 0],
    [{ countOutcomes: { bucketMs: -5 } }, 'countOutcomes.bucketMs', -5],
    [{ countOutcomes: { flushEveryMs: 5 } }, 'countOutcomes.flushEveryMs', 5],
    [{ scheduler: {} }, 'scheduler', {}],
    [{ logger: { info() {} } }, 'logger', { info() {} }],
    [{ ttl: 5 }, 'ttl', 5],
  ])('rejects %o naming %s', (options, option, value) => {
    const error = rejection(options);
    expect(error.option).toBe(option);
    if (typeof value !== 'object') expect(error.value).toEqual(value);
  });
});
