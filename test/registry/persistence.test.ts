import { describe, expect, it } from 'vitest';
import { CircuitBreakerRegistry, isInvalidConfigError } from '../../index.js';
import type { RegistryJSON } from '../../index.js';
import { failCalls, thrown, VirtualClock } from '../breaker/helpers.js';

/** A registry on `clock` with `payments` open since 100 (1 s break) and `search` closed with one failure counted. */
function savedRegistry(clock: VirtualClock): CircuitBreakerRegistry {
  const registry = new CircuitBreakerRegistry({ defaults: { failureThreshold: 2, recoveryTimeout: 1_000, scheduler: clock } });
  clock.advance(100);
  failCalls(registry.get('payments'), 2);
  failCalls(registry.get('search'), 1);
  return registry;
}

function clockAt(ms: number): VirtualClock {
  const clock = new VirtualClock();
  clock.advance(ms);
  return clock;
}

const roundTrip = (registry: CircuitBreakerRegistry) => JSON.parse(JSON.stringify(registry)) as RegistryJSON;

describe('CircuitBreakerRegistry.toJSON() / restore()', () => {
  it('writes every breaker under its name, with the format version', () => {
    const json = roundTrip(savedRegistry(new VirtualClock()));
    expect(json.version).toBe(1);
    expect(Object.keys(json.breakers)).toEqual(['payments', 'search']);
    expect(json.breakers.payments).toMatchObject({ name: 'payments', state: 'open', openedAt: 100, breakEndsAt: 1_100 });
  });

  it('restores into a fresh registry: each breaker created with its options and in its saved state', () => {
    const saved = roundTrip(savedRegistry(new VirtualClock()));
    const clock = clockAt(400);
    const registry = new CircuitBreakerRegistry({ defaults: { failureThreshold: 2, recoveryTimeout: 1_000, scheduler: clock } });
    expect(registry.restore(saved)).toEqual(['payments', 'search']);
    expect(registry.get('payments').stats().retryAfterMs).toBe(700);
    const search = registry.get('search');
    failCalls(search, 1);
    expect(search.state).toBe('open');
    clock.advance(700);
    expect(registry.get('payments').state).toBe('half_open');
  });

  it('restores into a breaker that already exists, and its subscribers see the change', () => {
    const saved = roundTrip(savedRegistry(new VirtualClock()));
    const registry = new CircuitBreakerRegistry({ defaults: { scheduler: clockAt(100) } });
    const states: Record<string, string>[] = [];
    registry.states$.subscribe((s) => states.push({ ...s }));
    registry.get('payments');
    registry.restore(saved);
    expect(states.at(-1)).toEqual({ payments: 'open', search: 'closed' });
  });

  it('rejects an unknown version, naming the version found', () => {
    const json = { ...roundTrip(savedRegistry(new VirtualClock())), version: 7 };
    const error = thrown(() => new CircuitBreakerRegistry().restore(json as never));
    expect(isInvalidConfigError(error)).toBe(true);
    expect(error).toMatchObject({ option: 'json.version', value: 7 });
    expect((error as Error).message).toMatch(/got 7\b/);
  });

  it('rejects something that is not its JSON', () => {
    expect(thrown(() => new CircuitBreakerRegistry().restore(null as never))).toMatchObject({ option: 'json' });
    expect(thrown(() => new CircuitBreakerRegistry().restore({ version: 1, breakers: 'all' } as never))).toMatchObject({ option: 'json.breakers' });
  });

  it('rejects an entry filed under another name', () => {
    const json = roundTrip(savedRegistry(new VirtualClock()));
    const error = thrown(() => new CircuitBreakerRegistry().restore({ version: 1, breakers: { orders: json.breakers.payments! } }));
    expect(error).toMatchObject({ option: 'json.breakers.orders.name', value: 'payments' });
  });

  it('applies nothing when one entry is malformed', () => {
    const json = roundTrip(savedRegistry(new VirtualClock()));
    const registry = new CircuitBreakerRegistry();
    const broken = { ...json, breakers: { ...json.breakers, search: { ...json.breakers.search!, state: 'ajar' } } };
    expect(thrown(() => registry.restore(broken as never))).toMatchObject({ option: 'json.state', value: 'ajar' });
    expect(registry.names()).toEqual([]);
  });

  it('applies nothing when one entry holds another trip strategy’s snapshot, and names it', () => {
    const json = roundTrip(savedRegistry(new VirtualClock()));
    const registry = new CircuitBreakerRegistry();
    registry.get('payments');
    const broken = { ...json, breakers: { ...json.breakers, search: { ...json.breakers.search!, strategy: { size: 10, outcomes: [] } } } };
    expect(thrown(() => registry.restore(broken))).toMatchObject({ option: 'json.breakers.search.strategy' });
    expect(registry.names()).toEqual(['payments']);
    expect(registry.get('payments').state).toBe('closed');
  });
});
