// Angular's packages are partially compiled: the JIT compiler must load before them.
import '@angular/compiler';
import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { BadRequestException, HttpException, HttpStatus, ServiceUnavailableException } from '@nestjs/common';
import { describe, expect, it, vi } from 'vitest';
import { CircuitBreaker, CircuitBreakerRegistry, isCircuitOpenError, presets } from '../../index.js';
import { flushMicrotasks, track } from '../breaker/async.js';
import { VirtualClock } from '../breaker/helpers.js';
import { mysqlError, pgError, sqliteError } from './fixtures.js';

/** Runs `clock` in steps of `stepMs` until `promise` settles (at most `maxMs` of virtual time). */
async function settle<T>(clock: VirtualClock, promise: Promise<T>, stepMs = 100, maxMs = 600_000) {
  const state = track(promise);
  await flushMicrotasks();
  for (let elapsed = 0; state.result[0] === 'pending' && elapsed < maxMs; elapsed += stepMs) {
    clock.advance(stepMs);
    await flushMicrotasks();
  }
  return state.result;
}

/** A function failing with `errors` in turn, then answering `'ok'`; it records the virtual time of each call. */
function failingWith(clock: VirtualClock, ...errors: unknown[]) {
  const at: number[] = [];
  const fn = vi.fn(async () => {
    at.push(clock.now());
    const error = errors[at.length - 1];
    if (error !== undefined) throw error;
    return 'ok';
  });
  return { fn, at };
}

const http = (status: number, headers: Record<string, string> = {}) =>
  new HttpErrorResponse({ status, url: 'https://api.test/items', headers: new HttpHeaders(headers) });

describe('presets: the seeds’ numbers', () => {
  it('database: 3 failures, 2 successes, 30 s breaks; 3 retries from 0.5 s up to 10 s', () => {
    expect(presets.database).toMatchObject({ failureThreshold: 3, successThreshold: 2, recoveryTimeout: 30_000 });
    expect(presets.database.retry).toMatchObject({ maxRetries: 3, initialInterval: 500, maxInterval: 10_000 });
  });

  it('externalService: 5 failures, 3 successes, 60 s breaks; 3 retries from 2 s up to 60 s', () => {
    expect(presets.externalService).toMatchObject({ failureThreshold: 5, successThreshold: 3, recoveryTimeout: 60_000 });
    expect(presets.externalService.retry).toMatchObject({ maxRetries: 3, initialInterval: 2_000, maxInterval: 60_000 });
  });

  it('cache: 2 failures, 15 s breaks, no retries', () => {
    expect(presets.cache).toEqual({ failureThreshold: 2, recoveryTimeout: 15_000 });
  });

  it('are frozen plain options objects that a registry takes and a spread overrides', () => {
    expect(Object.isFrozen(presets.database)).toBe(true);
    expect(Object.isFrozen(presets.externalService.retry)).toBe(true);
    const registry = new CircuitBreakerRegistry();
    expect(registry.get('db', presets.database).options.failureThreshold).toBe(3);
    const custom = new CircuitBreaker('cache', { ...presets.cache, callTimeout: 500 });
    expect(custom.options).toMatchObject({ failureThreshold: 2, recoveryTimeout: 15_000, callTimeout: 500 });
  });
});

describe('presets.cache', () => {
  it('opens after 2 failures, half-opens 15 s later, and does not retry', async () => {
    const clock = new VirtualClock();
    const breaker = new CircuitBreaker('cache', { ...presets.cache, scheduler: clock });
    const { fn } = failingWith(clock, new Error('ECONNRESET'), new Error('ECONNRESET'));
    await settle(clock, breaker.execute(fn), 1);
    expect(breaker.state).toBe('closed');
    await settle(clock, breaker.execute(fn), 1);
    expect(fn).toHaveBeenCalledTimes(2);
    expect(breaker.state).toBe('open');
    expect(breaker.stats().retryAfterMs).toBe(15_000);
  });
});

describe('presets.externalService on real Angular and NestJS errors', () => {
  it('classifies 5xx, status 0 and ServiceUnavailableException as failures; 4xx, 429 and BadRequestException as ignored', () => {
    const breaker = new CircuitBreaker('svc', presets.externalService);
    expect([http(503), http(500), http(0), new ServiceUnavailableException()].map((e) => breaker.classify(e))).toEqual([
      'failure',
      'failure',
      'failure',
      'failure',
    ]);
    expect(
      [http(404), http(400), http(429), new BadRequestException(), new HttpException('slow down', HttpStatus.TOO_MANY_REQUESTS)].map((e) =>
        breaker.classify(e),
      ),
    ).toEqual(['ignored', 'ignored', 'ignored', 'ignored', 'ignored']);
  });

  it('retries a 503 three times, each attempt a call, and the fifth failure opens it', async () => {
    const clock = new VirtualClock();
    const breaker = new CircuitBreaker('svc', { ...presets.externalService, scheduler: clock });
    const down = () => Promise.reject(http(503));
    const first = await settle(clock, breaker.execute(down));
    expect(first[1]).toBeInstanceOf(HttpErrorResponse);
    expect(breaker.stats()).toMatchObject({ failedCalls: 4, state: 'closed' });
    const second = breaker.execute(down);
    await flushMicrotasks();
    expect(breaker.state).toBe('open');
    expect((await settle(clock, second))[0]).toBe('rejected');
  });

  it('retries a NestJS ServiceUnavailableException and records it', async () => {
    const clock = new VirtualClock();
    const breaker = new CircuitBreaker('svc', { ...presets.externalService, scheduler: clock });
    const { fn } = failingWith(clock, new ServiceUnavailableException());
    const result = await settle(clock, breaker.execute(fn));
    expect(result).toEqual(['resolved', 'ok']);
    expect(breaker.stats()).toMatchObject({ failedCalls: 1, successfulCalls: 1 });
  });

  it('neither trips nor retries on a 404 or a BadRequestException', async () => {
    const clock = new VirtualClock();
    const breaker = new CircuitBreaker('svc', { ...presets.externalService, scheduler: clock });
    const fn = vi.fn((i: number) => Promise.reject(i % 2 === 0 ? http(404) : new BadRequestException()));
    for (let i = 0; i < 10; i++) {
      const result = await settle(clock, breaker.execute(() => fn(i)));
      expect(result[0]).toBe('rejected');
    }
    expect(fn).toHaveBeenCalledTimes(10);
    expect(breaker.state).toBe('closed');
    expect(breaker.stats()).toMatchObject({ ignoredCalls: 10, failedCalls: 0 });
  });

  it('retries a 429 after at least its Retry-After, without counting it as a failure', async () => {
    const clock = new VirtualClock();
    const breaker = new CircuitBreaker('svc', { ...presets.externalService, scheduler: clock });
    const { fn, at } = failingWith(clock, http(429, { 'Retry-After': '7' }));
    const result = await settle(clock, breaker.execute(fn), 100);
    expect(result).toEqual(['resolved', 'ok']);
    expect(at).toHaveLength(2);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(7_000);
    expect(at[1]! - at[0]!).toBeLessThan(7_200);
    expect(breaker.stats()).toMatchObject({ ignoredCalls: 1, failedCalls: 0, successfulCalls: 1 });
  });

  it('retries a NestJS 429 HttpException and ignores it', async () => {
    const clock = new VirtualClock();
    const breaker = new CircuitBreaker('svc', { ...presets.externalService, scheduler: clock });
    const { fn } = failingWith(clock, new HttpException('slow down', HttpStatus.TOO_MANY_REQUESTS));
    expect(await settle(clock, breaker.execute(fn))).toEqual(['resolved', 'ok']);
    expect(breaker.stats()).toMatchObject({ ignoredCalls: 1, failedCalls: 0 });
  });

  it('waits 2 s (±25%) before the first retry', async () => {
    const clock = new VirtualClock();
    const breaker = new CircuitBreaker('svc', { ...presets.externalService, scheduler: clock });
    const { fn, at } = failingWith(clock, http(502));
    await settle(clock, breaker.execute(fn), 10);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(1_500);
    expect(at[1]! - at[0]!).toBeLessThanOrEqual(2_510);
  });
});

describe('presets.database on driver-shaped errors', () => {
  const constraintErrors: [string, Error][] = [
    ['Postgres 23505', pgError('23505')],
    ['SQLite SQLITE_CONSTRAINT_UNIQUE', sqliteError('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed: users.email')],
    ['MySQL ER_DUP_ENTRY', mysqlError('ER_DUP_ENTRY', 1062)],
    ['a Sequelize error wrapping Postgres 23505 (original/parent)', Object.assign(new Error('Validation error'), { name: 'SequelizeUniqueConstraintError', original: pgError('23505'), parent: pgError('23505') })],
    ['an error whose cause is MySQL ER_DUP_ENTRY', new Error('insert failed', { cause: mysqlError('ER_DUP_ENTRY', 1062) })],
  ];

  it.each(constraintErrors)('never trips on %s, nor retries it', async (_, error) => {
    const clock = new VirtualClock();
    const breaker = new CircuitBreaker('db', { ...presets.database, scheduler: clock });
    const fn = vi.fn(() => Promise.reject(error));
    for (let i = 0; i < 5; i++) expect((await settle(clock, breaker.execute(fn)))[1]).toBe(error);
    expect(fn).toHaveBeenCalledTimes(5);
    expect(breaker.state).toBe('closed');
    expect(breaker.stats()).toMatchObject({ ignoredCalls: 5, failedCalls: 0 });
  });

  const transientErrors: [string, Error][] = [
    ['Postgres 40001', pgError('40001')],
    ['SQLite SQLITE_BUSY', sqliteError('SQLITE_BUSY', 'database is locked')],
    ['"database is locked"', new Error('database is locked')],
    ['MySQL ER_LOCK_DEADLOCK', mysqlError('ER_LOCK_DEADLOCK', 1213)],
    ['an ORM error wrapping SQLITE_BUSY (cause)', new Error('query failed', { cause: sqliteError('SQLITE_BUSY', 'database is locked') })],
  ];

  it.each(transientErrors)('retries %s after about 0.5 s, then 1 s', async (_, error) => {
    const clock = new VirtualClock();
    const breaker = new CircuitBreaker('db', { ...presets.database, scheduler: clock });
    const { fn, at } = failingWith(clock, error, error);
    expect(await settle(clock, breaker.execute(fn), 5)).toEqual(['resolved', 'ok']);
    expect(at).toHaveLength(3);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(375);
    expect(at[1]! - at[0]!).toBeLessThanOrEqual(630);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(750);
    expect(at[2]! - at[1]!).toBeLessThanOrEqual(1_255);
    expect(breaker.stats()).toMatchObject({ failedCalls: 2, successfulCalls: 1 });
  });

  it('gives up on a lasting lock after 3 retries with the last error', async () => {
    const clock = new VirtualClock();
    const breaker = new CircuitBreaker('db', { ...presets.database, failureThreshold: 10, scheduler: clock });
    const locked = sqliteError('SQLITE_BUSY', 'database is locked');
    const fn = vi.fn(() => Promise.reject(locked));
    expect(await settle(clock, breaker.execute(fn))).toEqual(['rejected', locked]);
    expect(fn).toHaveBeenCalledTimes(4);
  });

  it('trips on other errors after 3 calls, without retrying them', async () => {
    const clock = new VirtualClock();
    const breaker = new CircuitBreaker('db', { ...presets.database, scheduler: clock });
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const fn = vi.fn(() => Promise.reject(refused));
    for (let i = 0; i < 3; i++) await settle(clock, breaker.execute(fn));
    expect(fn).toHaveBeenCalledTimes(3);
    expect(breaker.state).toBe('open');
    expect(breaker.stats().retryAfterMs).toBe(30_000);
    const rejected = await settle(clock, breaker.execute(fn), 1, 0);
    expect(isCircuitOpenError(rejected[1])).toBe(true);
  });

  it('closes after 2 successful trials', async () => {
    const clock = new VirtualClock();
    const breaker = new CircuitBreaker('db', { ...presets.database, scheduler: clock });
    const refused = Object.assign(new Error('connection terminated'), { code: '57P01' });
    for (let i = 0; i < 3; i++) await settle(clock, breaker.execute(() => Promise.reject(refused)));
    clock.advance(30_000);
    expect(breaker.state).toBe('half_open');
    await breaker.execute(async () => 'a');
    expect(breaker.state).toBe('half_open');
    await breaker.execute(async () => 'b');
    expect(breaker.state).toBe('closed');
  });
});
