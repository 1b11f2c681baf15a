import { Logger } from '@nestjs/common';
import { of, throwError } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it, vi } from 'vitest';
import { circuitBreaker } from '../../operators/index.js';
import { CircuitBreaker } from '../../src/breaker/CircuitBreaker.js';
import { isInvalidConfigError } from '../../src/errors/InvalidConfigError.js';
import { CircuitBreakerRegistry } from '../../src/registry/CircuitBreakerRegistry.js';
import type { CircuitBreakerLogger } from '../../src/registry/transitionLogger.js';
import { transitionLogger } from '../../src/registry/transitionLogger.js';

type Line = [level: 'info' | 'warn', message: string];

function recorder(): { logger: CircuitBreakerLogger; lines: Line[] } {
  const lines: Line[] = [];
  return { lines, logger: { info: (m) => lines.push(['info', m]), warn: (m) => lines.push(['warn', m]) } };
}

/** Runs `body` in virtual time: `at(t, fn)` schedules `fn` at t ms. */
function virtualTime(body: (at: (time: number, work: () => void) => void) => void): void {
  const scheduler = new TestScheduler(() => undefined);
  scheduler.run(() => body((time, work) => void scheduler.schedule(work, time)));
}

const succeed = (registry: CircuitBreakerRegistry, name: string) =>
  of('ok').pipe(circuitBreaker(name, { registry })).subscribe({ error: () => undefined });
const fail = (registry: CircuitBreakerRegistry, name: string) =>
  throwError(() => new Error('down')).pipe(circuitBreaker(name, { registry })).subscribe({ error: () => undefined });

describe('transitionLogger', () => {
  it('logs a trip and a recovery in the seeds words', () => {
    const { logger, lines } = recorder();
    const registry = new CircuitBreakerRegistry({ logger, defaults: { failureThreshold: 5, recoveryTimeout: 30_000, halfOpenMaxCalls: 3 } });
    virtualTime((at) => {
      for (let i = 0; i < 5; i++) fail(registry, 'ollama');
      at(31_000, () => [1, 2, 3].forEach(() => succeed(registry, 'ollama')));
    });
    expect(lines).toEqual([
      ['info', "Circuit breaker 'ollama' transitioned from CLOSED to OPEN after 5 consecutive failures"],
      ['info', "Circuit breaker 'ollama' transitioned from OPEN to HALF_OPEN"],
      ['info', "Circuit breaker 'ollama' transitioned from HALF_OPEN to CLOSED after 3 successful call(s)"],
    ]);
  });

  it('logs a failed trial', () => {
    const { logger, lines } = recorder();
    const registry = new CircuitBreakerRegistry({ logger, defaults: { failureThreshold: 1, recoveryTimeout: 1000 } });
    virtualTime((at) => {
      fail(registry, 'ollama');
      at(1500, () => fail(registry, 'ollama'));
    });
    expect(lines.slice(1, 3)).toEqual([
      ['info', "Circuit breaker 'ollama' transitioned from OPEN to HALF_OPEN"],
      ['info', "Circuit breaker 'ollama' transitioned from HALF_OPEN to OPEN after a trial call failed"],
    ]);
  });

  it('logs a half-open round that timed out with its reason', () => {
    const { logger, lines } = recorder();
    const registry = new CircuitBreakerRegistry({ logger, defaults: { failureThreshold: 1, recoveryTimeout: 1000, halfOpenMaxWait: 200 } });
    virtualTime((at) => {
      fail(registry, 'ollama');
      at(1500, () => registry.get('ollama').acquire());
    });
    expect(lines.slice(1, 3)).toEqual([
      ['info', "Circuit breaker 'ollama' transitioned from OPEN to HALF_OPEN"],
      ['info', "Circuit breaker 'ollama' transitioned from HALF_OPEN to OPEN (no decision within 200 ms)"],
    ]);
  });

  it('logs manual transitions and resets', () => {
    const { logger, lines } = recorder();
    const registry = new CircuitBreakerRegistry({ logger });
    const breaker = registry.get('ollama');
    breaker.forceOpen();
    breaker.disable();
    breaker.reset();
    expect(lines).toEqual([
      ['info', "Circuit breaker 'ollama' transitioned from CLOSED to FORCED_OPEN (manual)"],
      ['info', "Circuit breaker 'ollama' transitioned from FORCED_OPEN to DISABLED (manual)"],
      ['info', "Circuit breaker 'ollama' reset"],
      ['info', "Circuit breaker 'ollama' transitioned from DISABLED to CLOSED (manual)"],
    ]);
  });

  it('warns when a call is rejected', () => {
    const { logger, lines } = recorder();
    const registry = new CircuitBreakerRegistry({ logger, defaults: { failureThreshold: 1, recoveryTimeout: 30_000 } });
    virtualTime((at) => {
      fail(registry, 'ollama');
      at(5000, () => succeed(registry, 'ollama'));
    });
    expect(lines.filter(([level]) => level === 'warn')).toEqual([
      ['warn', "Circuit breaker OPEN for service 'ollama', call rejected, retry after 25000 ms"],
    ]);
  });

  it('warns at most once per breaker per second of scheduler time, then says how many it left out', () => {
    const { logger, lines } = recorder();
    const registry = new CircuitBreakerRegistry({ logger });
    registry.get('a').forceOpen();
    registry.get('b').forceOpen();
    lines.length = 0;
    virtualTime((at) => {
      at(0, () => succeed(registry, 'a'));
      at(100, () => succeed(registry, 'a'));
      at(100, () => succeed(registry, 'b'));
      at(999, () => succeed(registry, 'a'));
      at(1000, () => succeed(registry, 'a'));
      at(1500, () => succeed(registry, 'a'));
      at(2000, () => succeed(registry, 'a'));
    });
    expect(lines).toEqual([
      ['warn', "Circuit breaker FORCED_OPEN for service 'a', call rejected"],
      ['warn', "Circuit breaker FORCED_OPEN for service 'b', call rejected"],
      ['warn', "Circuit breaker FORCED_OPEN for service 'a', call rejected (2 similar warnings suppressed)"],
      ['warn', "Circuit breaker FORCED_OPEN for service 'a', call rejected (1 similar warning suppressed)"],
    ]);
  });

  it('uses log when the logger has no info method, as NestJS Logger', () => {
    const nest = new Logger('CircuitBreaker');
    const log = vi.spyOn(nest, 'log').mockImplementation(() => undefined);
    const registry = new CircuitBreakerRegistry({ logger: nest });
    registry.get('ollama').forceOpen();
    expect(log).toHaveBeenCalledWith("Circuit breaker 'ollama' transitioned from CLOSED to FORCED_OPEN (manual)");
  });

  it('calls the logger methods on the logger, so that loggers using this work', () => {
    const lines: string[] = [];
    const logger = {
      prefix: 'app',
      info(this: { prefix: string }, message: string) {
        lines.push(`${this.prefix}: ${message}`);
      },
      warn: () => undefined,
    };
    new CircuitBreakerRegistry({ logger }).get('ollama').forceOpen();
    expect(lines).toEqual(["app: Circuit breaker 'ollama' transitioned from CLOSED to FORCED_OPEN (manual)"]);
  });

  it('never breaks a call when the logger throws', () => {
    const boom = () => {
      throw new Error('log sink down');
    };
    const registry = new CircuitBreakerRegistry({ logger: { info: boom, warn: boom }, defaults: { failureThreshold: 1 } });
    const results: string[] = [];
    const observer = { next: (v: string) => results.push(v), error: (e: Error) => results.push(e.name) };
    virtualTime(() => {
      of('ok').pipe(circuitBreaker('api', { registry })).subscribe(observer);
      throwError(() => new Error('down')).pipe(circuitBreaker('api', { registry })).subscribe(observer);
      of('late').pipe(circuitBreaker('api', { registry })).subscribe(observer);
      registry.get('api').reset();
    });
    expect(results).toEqual(['ok', 'Error', 'CircuitOpenError']);
    expect(registry.get('api').state).toBe('closed');
  });

  it('works on a single breaker events$', () => {
    const { logger, lines } = recorder();
    const breaker = new CircuitBreaker('ollama');
    breaker.events$.subscribe(transitionLogger(logger));
    breaker.forceOpen();
    expect(lines).toEqual([['info', "Circuit breaker 'ollama' transitioned from CLOSED to FORCED_OPEN (manual)"]]);
  });

  it('logs nothing for a registry without a logger', () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    new CircuitBreakerRegistry().get('ollama').forceOpen();
    expect(info).not.toHaveBeenCalled();
    info.mockRestore();
  });

  it.each([
    ['without warn', { info: () => undefined }],
    ['without info or log', { warn: () => undefined }],
    ['that is not an object', 'console'],
    ['that is null', null],
  ])('rejects a logger %s when the registry is created', (_what, logger) => {
    let error: unknown;
    try {
      new CircuitBreakerRegistry({ logger: logger as never });
    } catch (e) {
      error = e;
    }
    expect(isInvalidConfigError(error) && error.option).toBe('logger');
  });
});
